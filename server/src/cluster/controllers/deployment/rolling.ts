/** The RollingUpdate strategy [pkg/controller/deployment/rolling.go : rolloutRolling]. */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { deploymentComplete } from './conditions';
import { fencepostsOf } from './fenceposts';
import { newReplicaSetReplicas } from './replica-counts';
import { activeReplicaSets, availableReplicaCount, byCreationTimestamp, specReplicaCount, specReplicas } from './replica-sets';
import { syncRolloutStatus } from './progress';
import { cleanupDeployment, replicaSetsAndSyncRevision, scaleReplicaSetIfNeeded, type ReplicaSetLookup } from './sync';
import type { SyncContext } from './sync-context';

/** reconcileNewReplicaSet: bring the new ReplicaSet down to replicas, or up as far as maxTotal allows. */
export function reconcileNewReplicaSet(context: SyncContext, allReplicaSets: readonly ReplicaSet[], newReplicaSet: ReplicaSet): boolean {
  const replicas = context.deployment.spec?.replicas ?? 1;
  if (specReplicas(newReplicaSet) === replicas) return false;
  if (specReplicas(newReplicaSet) > replicas) return scaleReplicaSetIfNeeded(context, newReplicaSet, replicas).scaled;
  const newReplicas = newReplicaSetReplicas(context.deployment, allReplicaSets, newReplicaSet);
  return scaleReplicaSetIfNeeded(context, newReplicaSet, newReplicas).scaled;
}

/**
 * cleanupUnhealthyReplicas: oldest first, drop each old ReplicaSet's unavailable pods, at most `maxCleanup` in
 * all. Returns the old ReplicaSets as they now stand and how many were removed.
 */
export function cleanupUnhealthyReplicas(context: SyncContext, oldReplicaSets: readonly ReplicaSet[], maxCleanup: number): { oldReplicaSets: ReplicaSet[]; cleaned: number } {
  const sorted = [...oldReplicaSets].sort(byCreationTimestamp);
  let cleaned = 0;
  for (let i = 0; i < sorted.length && cleaned < maxCleanup; i++) {
    const target = sorted[i]!;
    const available = target.status?.availableReplicas ?? 0;
    if (specReplicas(target) === 0 || specReplicas(target) <= available) continue;
    const count = Math.min(maxCleanup - cleaned, specReplicas(target) - available);
    sorted[i] = scaleReplicaSetIfNeeded(context, target, specReplicas(target) - count).replicaSet;
    cleaned += count;
  }
  return { oldReplicaSets: sorted, cleaned };
}

/**
 * scaleDownOldReplicaSetsForRollingUpdate: remove old pods, oldest ReplicaSet first, down to minAvailable
 * available pods counted over all ReplicaSets.
 */
export function scaleDownOldReplicaSets(context: SyncContext, allReplicaSets: readonly ReplicaSet[], oldReplicaSets: readonly ReplicaSet[]): number {
  const { minAvailable } = fencepostsOf(context.deployment);
  const available = availableReplicaCount(allReplicaSets);
  if (available <= minAvailable) return 0;
  const toRemove = available - minAvailable;
  let removed = 0;
  for (const target of [...oldReplicaSets].sort(byCreationTimestamp)) {
    if (removed >= toRemove) break;
    if (specReplicas(target) === 0) continue;
    const count = Math.min(specReplicas(target), toRemove - removed);
    scaleReplicaSetIfNeeded(context, target, specReplicas(target) - count);
    removed += count;
  }
  return removed;
}

/**
 * reconcileOldReplicaSets: how far old pods may go is allPods − minAvailable − new unavailable pods; unhealthy old
 * pods go first, then available ones while availability stays at minAvailable or above.
 */
export function reconcileOldReplicaSets(context: SyncContext, allReplicaSets: readonly ReplicaSet[], oldReplicaSets: readonly ReplicaSet[], newReplicaSet: ReplicaSet): boolean {
  if (specReplicaCount(oldReplicaSets) === 0) return false;
  const { minAvailable } = fencepostsOf(context.deployment);
  const newUnavailable = specReplicas(newReplicaSet) - (newReplicaSet.status?.availableReplicas ?? 0);
  const maxScaledDown = specReplicaCount(allReplicaSets) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const cleanup = cleanupUnhealthyReplicas(context, oldReplicaSets, maxScaledDown);
  const scaledDown = scaleDownOldReplicaSets(context, [...cleanup.oldReplicaSets, newReplicaSet], cleanup.oldReplicaSets);
  return cleanup.cleaned + scaledDown > 0;
}

/** rolloutRolling: scale the new ReplicaSet up, or else the old ones down; clean up history once complete. */
export function rolloutRolling(context: SyncContext, owned: readonly ReplicaSet[], replicaSetNamed: ReplicaSetLookup): void {
  const { newReplicaSet, oldReplicaSets } = replicaSetsAndSyncRevision(context, owned, replicaSetNamed, true);
  const newOne = newReplicaSet!;
  const allReplicaSets = [...oldReplicaSets, newOne];
  const scaled = reconcileNewReplicaSet(context, allReplicaSets, newOne) || reconcileOldReplicaSets(context, allReplicaSets, activeReplicaSets(oldReplicaSets), newOne);
  if (!scaled && deploymentComplete(context.deployment, context.deployment.status ?? {})) cleanupDeployment(context, oldReplicaSets);
  syncRolloutStatus(context, allReplicaSets, newOne);
}
