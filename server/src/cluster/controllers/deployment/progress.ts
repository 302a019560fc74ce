/**
 * The Progressing condition and when to look again at a rollout that makes no progress
 * [pkg/controller/deployment/progress.go : syncRolloutStatus, requeueStuckDeployment].
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { parseTime } from '../../rfc3339';
import { REASONS, deploymentComplete, deploymentProgressing, deploymentTimedOut, getCondition, hasProgressDeadline, newCondition, removeCondition, setCondition } from './conditions';
import { calculateStatus, sameJson } from './status';
import { writeDeployment, type SyncContext } from './sync-context';

/**
 * syncRolloutStatus: the calculated status plus Progressing — NewReplicaSetAvailable once complete,
 * ReplicaSetUpdated on any progress (refreshing lastUpdateTime), ProgressDeadlineExceeded once no progress was
 * seen for progressDeadlineSeconds; ReplicaFailure copied from the ReplicaSets (the new one first).
 */
export function syncRolloutStatus(context: SyncContext, allReplicaSets: readonly (ReplicaSet | undefined)[], newReplicaSet: ReplicaSet | undefined): void {
  const deployment = context.deployment;
  const status = calculateStatus(context, allReplicaSets, newReplicaSet);
  if (!hasProgressDeadline(deployment)) removeCondition(status, 'Progressing');
  const current = getCondition(deployment.status, 'Progressing');
  const completeBefore = status.replicas === status.updatedReplicas && current?.reason === REASONS.newReplicaSetAvailable;
  const subject = newReplicaSet ? `ReplicaSet "${newReplicaSet.metadata?.name ?? ''}"` : `Deployment "${deployment.metadata?.name ?? ''}"`;
  if (hasProgressDeadline(deployment) && !completeBefore) {
    if (deploymentComplete(deployment, status)) {
      setCondition(status, newCondition('Progressing', 'True', REASONS.newReplicaSetAvailable, `${subject} has successfully progressed.`, context.now));
    } else if (deploymentProgressing(deployment, status)) {
      const condition = newCondition('Progressing', 'True', REASONS.replicaSetUpdated, `${subject} is progressing.`, context.now);
      if (current) {
        if (current.status === 'True' && current.lastTransitionTime !== undefined) condition.lastTransitionTime = current.lastTransitionTime;
        removeCondition(status, 'Progressing');
      }
      setCondition(status, condition);
    } else if (deploymentTimedOut(deployment, status, context.now)) {
      setCondition(status, newCondition('Progressing', 'False', REASONS.progressDeadlineExceeded, `${subject} has timed out progressing.`, context.now));
    }
  }
  const failure = [newReplicaSet, ...allReplicaSets].flatMap((rs) => rs?.status?.conditions ?? []).find((condition) => condition.type === 'ReplicaFailure');
  if (failure) {
    setCondition(status, {
      type: 'ReplicaFailure',
      status: failure.status,
      reason: failure.reason,
      message: failure.message,
      lastUpdateTime: failure.lastTransitionTime,
      lastTransitionTime: failure.lastTransitionTime,
    });
  } else {
    removeCondition(status, 'ReplicaFailure');
  }
  if (sameJson(deployment.status ?? {}, status)) {
    requeueStuckDeployment(context);
    return;
  }
  deployment.status = status;
  writeDeployment(context);
}

/**
 * requeueStuckDeployment: a rollout with a deadline that is neither complete nor timed out is looked at again
 * one second after its deadline would pass, so the timeout is reported on time.
 */
function requeueStuckDeployment(context: SyncContext): void {
  const deployment = context.deployment;
  const current = getCondition(deployment.status, 'Progressing');
  if (!hasProgressDeadline(deployment) || !current) return;
  if (deploymentComplete(deployment, deployment.status ?? {}) || current.reason === REASONS.progressDeadlineExceeded) return;
  const after = (parseTime(current.lastUpdateTime) ?? 0) + (deployment.spec?.progressDeadlineSeconds ?? 0) * 1000 - context.now;
  context.requeueAfterMs = after < 1000 ? 0 : after + 1000;
}
