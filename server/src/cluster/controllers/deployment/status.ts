/** The status a Deployment sync writes [sync.go : calculateStatus, syncDeploymentStatus]. */
import type { DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1';
import { REASONS, newCondition, setCondition } from './conditions';
import { fencepostsOf } from './fenceposts';
import { actualReplicaCount, availableReplicaCount, readyReplicaCount, specReplicaCount } from './replica-sets';
import { writeDeployment, type SyncContext } from './sync-context';

/**
 * Counts from the ReplicaSets' status (unavailable from their spec), the stored conditions, and Available set
 * by whether available ≥ replicas − maxUnavailable.
 */
export function calculateStatus(context: SyncContext, allReplicaSets: readonly (ReplicaSet | undefined)[], newReplicaSet: ReplicaSet | undefined): DeploymentStatus {
  const deployment = context.deployment;
  const available = availableReplicaCount(allReplicaSets);
  const status: DeploymentStatus = {
    observedGeneration: deployment.metadata?.generation ?? 0,
    replicas: actualReplicaCount(allReplicaSets),
    updatedReplicas: actualReplicaCount([newReplicaSet]),
    readyReplicas: readyReplicaCount(allReplicaSets),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, specReplicaCount(allReplicaSets) - available),
  };
  if (deployment.status?.collisionCount !== undefined) status.collisionCount = deployment.status.collisionCount;
  if (deployment.status?.conditions) status.conditions = deployment.status.conditions.map((condition) => ({ ...condition }));
  const { replicas, maxUnavailable } = fencepostsOf(deployment);
  const condition =
    available >= replicas - maxUnavailable
      ? newCondition('Available', 'True', REASONS.minimumReplicasAvailable, 'Deployment has minimum availability.', context.now)
      : newCondition('Available', 'False', REASONS.minimumReplicasUnavailable, 'Deployment does not have minimum availability.', context.now);
  setCondition(status, condition);
  return status;
}

/** Go's reflect.DeepEqual on decoded JSON. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

/** syncDeploymentStatus: write the calculated status when it differs. */
export function syncDeploymentStatus(context: SyncContext, allReplicaSets: readonly (ReplicaSet | undefined)[], newReplicaSet: ReplicaSet | undefined): void {
  const status = calculateStatus(context, allReplicaSets, newReplicaSet);
  if (sameJson(context.deployment.status ?? {}, status)) return;
  context.deployment.status = status;
  writeDeployment(context);
}
