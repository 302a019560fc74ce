/**
 * The ReplicaSets of a Deployment: which is new, which are old, orderings and counts
 * [deployment_util.go : FindNewReplicaSet, FindOldReplicaSets, EqualIgnoreHash, FindActiveOrLatest, IsSaturated,
 * Get*ReplicaCountForReplicaSets; controller_utils.go : FilterActiveReplicaSets, ReplicaSetsByCreationTimestamp,
 * ReplicaSetsBySizeOlder, ReplicaSetsBySizeNewer].
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { semanticEqual } from '../../../kube/semantic-equal';
import { parseTime } from '../../rfc3339';
import { DESIRED_REPLICAS_ANNOTATION, POD_TEMPLATE_HASH_LABEL, intAnnotation } from './annotations';

export const specReplicas = (replicaSet: ReplicaSet): number => replicaSet.spec?.replicas ?? 1;

/** ReplicaSetsByCreationTimestamp: older first, equal times by name. */
export function byCreationTimestamp(a: ReplicaSet, b: ReplicaSet): number {
  const timeA = parseTime(a.metadata?.creationTimestamp) ?? Number.NEGATIVE_INFINITY;
  const timeB = parseTime(b.metadata?.creationTimestamp) ?? Number.NEGATIVE_INFINITY;
  if (timeA !== timeB) return timeA < timeB ? -1 : 1;
  const nameA = a.metadata?.name ?? '';
  const nameB = b.metadata?.name ?? '';
  return nameA < nameB ? -1 : nameA > nameB ? 1 : 0;
}

/** ReplicaSetsBySizeOlder: larger first, equal sizes older first. */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  return specReplicas(b) - specReplicas(a) || byCreationTimestamp(a, b);
}

/** ReplicaSetsBySizeNewer: larger first, equal sizes newer first. */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  return specReplicas(b) - specReplicas(a) || byCreationTimestamp(b, a);
}

function withoutHashLabel(template: PodTemplateSpec | undefined): PodTemplateSpec | undefined {
  if (!template?.metadata?.labels) return template;
  const labels = { ...template.metadata.labels };
  delete labels[POD_TEMPLATE_HASH_LABEL];
  return { ...template, metadata: { ...template.metadata, labels } };
}

/** EqualIgnoreHash: the templates are equal once the pod-template-hash label is removed from both. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return semanticEqual(withoutHashLabel(a), withoutHashLabel(b));
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's. */
export function findNewReplicaSet(deployment: Deployment, replicaSets: readonly ReplicaSet[]): ReplicaSet | undefined {
  return [...replicaSets].sort(byCreationTimestamp).find((rs) => equalIgnoreHash(rs.spec?.template, deployment.spec?.template));
}

/** FindOldReplicaSets (all of them, not only those with pods): every ReplicaSet but the new one. */
export function findOldReplicaSets(deployment: Deployment, replicaSets: readonly ReplicaSet[]): ReplicaSet[] {
  const newReplicaSet = findNewReplicaSet(deployment, replicaSets);
  return replicaSets.filter((rs) => rs !== newReplicaSet);
}

/** FilterActiveReplicaSets: those with spec.replicas > 0. */
export function activeReplicaSets(replicaSets: readonly (ReplicaSet | undefined)[]): ReplicaSet[] {
  return replicaSets.filter((rs): rs is ReplicaSet => rs !== undefined && specReplicas(rs) > 0);
}

/** FindActiveOrLatest: the only active ReplicaSet, or the newest when none is active; undefined for several. */
export function findActiveOrLatest(newReplicaSet: ReplicaSet | undefined, oldReplicaSets: readonly ReplicaSet[]): ReplicaSet | undefined {
  if (!newReplicaSet && oldReplicaSets.length === 0) return undefined;
  const newestFirst = [...oldReplicaSets].sort((a, b) => byCreationTimestamp(b, a));
  const active = activeReplicaSets([...newestFirst, newReplicaSet]);
  if (active.length === 0) return newReplicaSet ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

type Counted = ReplicaSet | undefined;
const sum = (replicaSets: readonly Counted[], count: (rs: ReplicaSet) => number | undefined) => replicaSets.reduce((total, rs) => total + (rs ? (count(rs) ?? 0) : 0), 0);

/** Σ spec.replicas. */
export const specReplicaCount = (replicaSets: readonly Counted[]) => sum(replicaSets, specReplicas);
/** Σ status.replicas. */
export const actualReplicaCount = (replicaSets: readonly Counted[]) => sum(replicaSets, (rs) => rs.status?.replicas);
/** Σ status.readyReplicas. */
export const readyReplicaCount = (replicaSets: readonly Counted[]) => sum(replicaSets, (rs) => rs.status?.readyReplicas);
/** Σ status.availableReplicas. */
export const availableReplicaCount = (replicaSets: readonly Counted[]) => sum(replicaSets, (rs) => rs.status?.availableReplicas);

/** IsSaturated: the new ReplicaSet was sized for, runs, and has available exactly spec.replicas. */
export function isSaturated(deployment: Deployment, replicaSet: ReplicaSet | undefined): boolean {
  if (!replicaSet) return false;
  const replicas = deployment.spec?.replicas ?? 1;
  return intAnnotation(replicaSet, DESIRED_REPLICAS_ANNOTATION) === replicas && specReplicas(replicaSet) === replicas && (replicaSet.status?.availableReplicas ?? 0) === replicas;
}
