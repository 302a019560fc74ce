/**
 * Deployment conditions and the tests on status the controller makes [deployment_util.go : NewDeploymentCondition,
 * SetDeploymentCondition, DeploymentComplete, DeploymentProgressing, DeploymentTimedOut, HasProgressDeadline].
 */
import type { Deployment, DeploymentCondition, DeploymentStatus } from 'kubernetes-types/apps/v1';
import { formatTime, parseTime } from '../time';

/** Condition reasons, as upstream spells them. */
export const REASONS = {
  newReplicaSetCreated: 'NewReplicaSetCreated',
  foundNewReplicaSet: 'FoundNewReplicaSet',
  replicaSetUpdated: 'ReplicaSetUpdated',
  newReplicaSetAvailable: 'NewReplicaSetAvailable',
  progressDeadlineExceeded: 'ProgressDeadlineExceeded',
  deploymentPaused: 'DeploymentPaused',
  deploymentResumed: 'DeploymentResumed',
  minimumReplicasAvailable: 'MinimumReplicasAvailable',
  minimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const;

const MAX_INT32 = 2147483647;

export type ConditionType = 'Progressing' | 'Available' | 'ReplicaFailure';
type Status = 'True' | 'False' | 'Unknown';

export function newCondition(type: ConditionType, status: Status, reason: string, message: string, now: number): DeploymentCondition {
  const time = formatTime(now);
  return { type, status, lastUpdateTime: time, lastTransitionTime: time, reason, message };
}

export function getCondition(status: DeploymentStatus | undefined, type: ConditionType): DeploymentCondition | undefined {
  return status?.conditions?.find((condition) => condition.type === type);
}

export function removeCondition(status: DeploymentStatus, type: ConditionType): void {
  const kept = (status.conditions ?? []).filter((condition) => condition.type !== type);
  if (kept.length > 0) status.conditions = kept;
  else delete status.conditions;
}

/**
 * SetDeploymentCondition: nothing changes when status and reason are the same; a condition whose status stays
 * keeps its lastTransitionTime; the updated condition moves to the end of the list.
 */
export function setCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = getCondition(status, condition.type as ConditionType);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const updated = current && current.status === condition.status ? { ...condition, lastTransitionTime: current.lastTransitionTime } : condition;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), updated];
}

/** HasProgressDeadline: set and not MaxInt32. */
export function hasProgressDeadline(deployment: Deployment): boolean {
  const seconds = deployment.spec?.progressDeadlineSeconds;
  return seconds !== undefined && seconds !== MAX_INT32;
}

/** HasRevisionHistoryLimit: set and not MaxInt32. */
export function hasRevisionHistoryLimit(deployment: Deployment): boolean {
  const limit = deployment.spec?.revisionHistoryLimit;
  return limit !== undefined && limit !== MAX_INT32;
}

/** DeploymentComplete: every replica updated, no other, all available, and the latest spec observed. */
export function deploymentComplete(deployment: Deployment, status: DeploymentStatus): boolean {
  const replicas = deployment.spec?.replicas ?? 1;
  return (
    (status.updatedReplicas ?? 0) === replicas &&
    (status.replicas ?? 0) === replicas &&
    (status.availableReplicas ?? 0) === replicas &&
    (status.observedGeneration ?? 0) >= (deployment.metadata?.generation ?? 0)
  );
}

/** DeploymentProgressing: more updated, fewer old, more ready or more available pods than the stored status. */
export function deploymentProgressing(deployment: Deployment, status: DeploymentStatus): boolean {
  const before = deployment.status ?? {};
  const oldBefore = (before.replicas ?? 0) - (before.updatedReplicas ?? 0);
  const oldNow = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
  return (
    (status.updatedReplicas ?? 0) > (before.updatedReplicas ?? 0) ||
    oldNow < oldBefore ||
    (status.readyReplicas ?? 0) > (before.readyReplicas ?? 0) ||
    (status.availableReplicas ?? 0) > (before.availableReplicas ?? 0)
  );
}

/**
 * DeploymentTimedOut: the Progressing condition of `status` was last updated more than progressDeadlineSeconds
 * before now (strictly), and the rollout is neither complete nor already reported as timed out (then: true).
 */
export function deploymentTimedOut(deployment: Deployment, status: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(deployment)) return false;
  const condition = getCondition(status, 'Progressing');
  if (!condition || condition.reason === REASONS.newReplicaSetAvailable) return false;
  if (condition.reason === REASONS.progressDeadlineExceeded) return true;
  const from = parseTime(condition.lastUpdateTime) ?? 0;
  return from + (deployment.spec?.progressDeadlineSeconds ?? 0) * 1000 < now;
}
