/** The Recreate strategy [pkg/controller/deployment/recreate.go : rolloutRecreate]. */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { deploymentComplete } from './conditions';
import { syncRolloutStatus } from './progress';
import { actualReplicaCount, activeReplicaSets } from './replica-sets';
import { cleanupDeployment, replicaSetsAndSyncRevision, scaleReplicaSetIfNeeded, type ReplicaSetLookup } from './sync';
import type { SyncContext } from './sync-context';

/**
 * oldPodsRunning: an old ReplicaSet still reports pods, or a pod of an old ReplicaSet is in any phase but
 * Succeeded or Failed (Pending and Unknown count as running).
 */
export function oldPodsRunning(newReplicaSet: ReplicaSet | undefined, oldReplicaSets: readonly ReplicaSet[], podsByReplicaSet: ReadonlyMap<ReplicaSet, readonly Pod[]>): boolean {
  if (actualReplicaCount(oldReplicaSets) > 0) return true;
  for (const [replicaSet, pods] of podsByReplicaSet) {
    if (newReplicaSet && replicaSet.metadata?.name === newReplicaSet.metadata?.name) continue;
    if (pods.some((pod) => pod.status?.phase !== 'Failed' && pod.status?.phase !== 'Succeeded')) return true;
  }
  return false;
}

/**
 * rolloutRecreate: scale every old ReplicaSet to 0; once no old pod runs, create the new ReplicaSet (only then)
 * at full size.
 */
export function rolloutRecreate(context: SyncContext, owned: readonly ReplicaSet[], replicaSetNamed: ReplicaSetLookup, podsByReplicaSet: ReadonlyMap<ReplicaSet, readonly Pod[]>): void {
  let { newReplicaSet, oldReplicaSets } = replicaSetsAndSyncRevision(context, owned, replicaSetNamed, false);
  let allReplicaSets = [...oldReplicaSets, newReplicaSet];
  let scaledDown = false;
  for (const old of activeReplicaSets(oldReplicaSets)) {
    if (scaleReplicaSetIfNeeded(context, old, 0).scaled) scaledDown = true;
  }
  if (scaledDown || oldPodsRunning(newReplicaSet, oldReplicaSets, podsByReplicaSet)) {
    syncRolloutStatus(context, allReplicaSets, newReplicaSet);
    return;
  }
  if (!newReplicaSet) {
    ({ newReplicaSet, oldReplicaSets } = replicaSetsAndSyncRevision(context, owned, replicaSetNamed, true));
    allReplicaSets = [...oldReplicaSets, newReplicaSet];
  }
  scaleReplicaSetIfNeeded(context, newReplicaSet!, context.deployment.spec?.replicas ?? 1);
  if (deploymentComplete(context.deployment, context.deployment.status ?? {})) cleanupDeployment(context, oldReplicaSets);
  syncRolloutStatus(context, allReplicaSets, newReplicaSet);
}
