/**
 * The annotations a Deployment keeps on its ReplicaSets [deployment_util.go : SetNewReplicaSetAnnotations,
 * copyDeploymentAnnotationsToReplicaSet, SetReplicasAnnotations, ReplicasAnnotationsNeedUpdate, MaxRevision,
 * SetDeploymentRevision].
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
const DEPRECATED_ROLLBACK_TO_ANNOTATION = 'deprecated.deployment.rollback.to';
/** The revision-history annotation is kept under this many characters, oldest entries dropped first. */
const MAX_REVISION_HISTORY_LENGTH = 2000;

const NOT_COPIED = new Set([LAST_APPLIED_ANNOTATION, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, DEPRECATED_ROLLBACK_TO_ANNOTATION]);

interface Annotated {
  metadata?: { annotations?: { [key: string]: string } };
}

/** strconv.ParseInt of an annotation, or undefined when absent or not an integer. */
export function intAnnotation(object: Annotated, key: string): number | undefined {
  const text = object.metadata?.annotations?.[key];
  return text !== undefined && /^[+-]?\d+$/.test(text) ? Number(text) : undefined;
}

/** Revision: an absent annotation reads as 0; an unreadable one as undefined. */
export function revisionOf(object: Annotated): number | undefined {
  const text = object.metadata?.annotations?.[REVISION_ANNOTATION];
  return text === undefined ? 0 : intAnnotation(object, REVISION_ANNOTATION);
}

/** MaxRevision: the highest readable revision, 0 for none. */
export function maxRevision(replicaSets: readonly ReplicaSet[]): number {
  return replicaSets.reduce((max, rs) => Math.max(max, revisionOf(rs) ?? 0), 0);
}

function annotationsOf(replicaSet: ReplicaSet): { [key: string]: string } {
  replicaSet.metadata ??= {};
  return (replicaSet.metadata.annotations ??= {});
}

/** ReplicasAnnotationsNeedUpdate. */
export function replicasAnnotationsNeedUpdate(replicaSet: ReplicaSet, desired: number, max: number): boolean {
  const annotations = replicaSet.metadata?.annotations;
  return annotations?.[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || annotations?.[MAX_REPLICAS_ANNOTATION] !== String(max);
}

/** SetReplicasAnnotations on a ReplicaSet the caller owns; true when anything changed. */
export function setReplicasAnnotations(replicaSet: ReplicaSet, desired: number, max: number): boolean {
  if (!replicasAnnotationsNeedUpdate(replicaSet, desired, max)) return false;
  const annotations = annotationsOf(replicaSet);
  annotations[DESIRED_REPLICAS_ANNOTATION] = String(desired);
  annotations[MAX_REPLICAS_ANNOTATION] = String(max);
  return true;
}

/**
 * SetNewReplicaSetAnnotations on a ReplicaSet the caller owns: copy the Deployment's own annotations, raise the
 * revision to `newRevision` (keeping the previous number in revision-history when an old ReplicaSet becomes new
 * again), and for a ReplicaSet about to be created the desired/max replicas. True when anything changed.
 */
export function setNewReplicaSetAnnotations(deployment: Deployment, replicaSet: ReplicaSet, newRevision: number, exists: boolean, maxReplicas: number): boolean {
  const annotations = annotationsOf(replicaSet);
  let changed = false;
  for (const [key, value] of Object.entries(deployment.metadata?.annotations ?? {})) {
    if (NOT_COPIED.has(key) || annotations[key] === value) continue;
    annotations[key] = value;
    changed = true;
  }
  const oldRevisionText = annotations[REVISION_ANNOTATION];
  const oldRevision = oldRevisionText === undefined ? 0 : intAnnotation(replicaSet, REVISION_ANNOTATION);
  // An unreadable revision stops here and reports no change, copied annotations or not, as upstream does.
  if (oldRevision === undefined) return false;
  if (oldRevision < newRevision) {
    annotations[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (oldRevisionText !== undefined) appendRevisionHistory(annotations, oldRevisionText);
  }
  const replicas = deployment.spec?.replicas ?? 1;
  if (!exists && setReplicasAnnotations(replicaSet, replicas, maxReplicas)) changed = true;
  return changed;
}

function appendRevisionHistory(annotations: { [key: string]: string }, oldRevision: string): void {
  const history = annotations[REVISION_HISTORY_ANNOTATION] ?? '';
  if (history === '') {
    annotations[REVISION_HISTORY_ANNOTATION] = oldRevision;
    return;
  }
  const revisions = history.split(',');
  let length = history.length + oldRevision.length + 1;
  let start = 0;
  while (length > MAX_REVISION_HISTORY_LENGTH && start < revisions.length) length -= revisions[start++]!.length + 1;
  if (length <= MAX_REVISION_HISTORY_LENGTH) annotations[REVISION_HISTORY_ANNOTATION] = [...revisions.slice(start), oldRevision].join(',');
}
