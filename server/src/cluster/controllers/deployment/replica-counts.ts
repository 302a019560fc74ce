/**
 * How many replicas a ReplicaSet should get [deployment_util.go : NewRSNewReplicas, GetProportion,
 * getReplicaSetFraction; k8s.io/utils/integer : RoundToInt32].
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { MAX_REPLICAS_ANNOTATION, intAnnotation } from './annotations';
import { fencepostsOf } from './fenceposts';
import { specReplicaCount, specReplicas } from './replica-sets';

/**
 * NewRSNewReplicas: for RollingUpdate, grow the new ReplicaSet by what maxTotal leaves over the current
 * Σ spec.replicas, never past spec.replicas; for Recreate, spec.replicas at once.
 */
export function newReplicaSetReplicas(deployment: Deployment, allReplicaSets: readonly ReplicaSet[], newReplicaSet: ReplicaSet): number {
  const { strategy, replicas, maxTotal } = fencepostsOf(deployment);
  if (strategy === 'Recreate') return replicas;
  const current = specReplicaCount(allReplicaSets);
  if (current >= maxTotal) return specReplicas(newReplicaSet);
  return specReplicas(newReplicaSet) + Math.min(maxTotal - current, replicas - specReplicas(newReplicaSet));
}

/** math.Round: halves away from zero (JavaScript's Math.round takes -2.5 to -2). */
function roundHalfAwayFromZero(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

/**
 * getReplicaSetFraction: the change that keeps the ReplicaSet's share of the maximum pods when that maximum
 * moves from its max-replicas annotation (else the Deployment's status.replicas) to replicas + maxSurge.
 */
function replicaSetFraction(replicaSet: ReplicaSet, deployment: Deployment): number {
  const { replicas, maxTotal } = fencepostsOf(deployment);
  if (replicas === 0) return -specReplicas(replicaSet);
  let maxBefore = intAnnotation(replicaSet, MAX_REPLICAS_ANNOTATION) ?? 0;
  if (maxBefore === 0) {
    maxBefore = deployment.status?.replicas ?? 0;
    if (maxBefore === 0) return 0;
  }
  return roundHalfAwayFromZero((specReplicas(replicaSet) * maxTotal) / maxBefore) - specReplicas(replicaSet);
}

/**
 * GetProportion: the ReplicaSet's fraction, bounded by what is left to add (scaling up) or remove (scaling
 * down); 0 for an empty ReplicaSet or when nothing is left.
 */
export function proportion(replicaSet: ReplicaSet, deployment: Deployment, toAdd: number, added: number): number {
  if (specReplicas(replicaSet) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(replicaSet, deployment);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}
