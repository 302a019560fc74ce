/**
 * maxSurge / maxUnavailable resolved against spec.replicas [deployment_util.go : ResolveFenceposts, MaxSurge,
 * MaxUnavailable; apimachinery/pkg/util/intstr/intstr.go : GetScaledValueFromIntOrPercent].
 */
import type { Deployment } from 'kubernetes-types/apps/v1';
import { scaledValueFromIntOrPercent } from '../../../kube/int-or-string';

export interface Fenceposts {
  strategy: 'RollingUpdate' | 'Recreate';
  replicas: number;
  /** Pods allowed above replicas (0 for Recreate). */
  maxSurge: number;
  /** Pods allowed below replicas, after the both-zero rule and the cap at replicas (0 for Recreate). */
  maxUnavailable: number;
  /** replicas + maxSurge: the most pods the rollout runs at once. */
  maxTotal: number;
  /** replicas − maxUnavailable: the fewest available pods the rollout keeps. */
  minAvailable: number;
}

/**
 * The rollout bounds of a defaulted Deployment, as the controller resolves them: surge rounds up, unavailable
 * rounds down, both zero makes maxUnavailable 1, maxUnavailable is 0 for 0 replicas and never above replicas.
 */
export function resolveFenceposts(deployment: Deployment): Fenceposts | { error: string } {
  const replicas = deployment.spec?.replicas ?? 1;
  if (!Number.isInteger(replicas) || replicas < 0) return { error: `spec.replicas must be a non-negative integer, not ${JSON.stringify(replicas)}` };
  const strategy = deployment.spec?.strategy;
  if (strategy?.type === 'Recreate') {
    return { strategy: 'Recreate', replicas, maxSurge: 0, maxUnavailable: 0, maxTotal: replicas, minAvailable: replicas };
  }
  if (strategy?.type !== undefined && strategy.type !== 'RollingUpdate') {
    return { error: `deployment type ${strategy.type} isn't supported` };
  }
  const surge = scaledValueFromIntOrPercent(strategy?.rollingUpdate?.maxSurge ?? '25%', replicas, true);
  if (typeof surge !== 'number') return surge;
  const unavailable = scaledValueFromIntOrPercent(strategy?.rollingUpdate?.maxUnavailable ?? '25%', replicas, false);
  if (typeof unavailable !== 'number') return unavailable;
  const resolvedUnavailable = surge === 0 && unavailable === 0 ? 1 : unavailable;
  const maxUnavailable = replicas === 0 ? 0 : Math.min(resolvedUnavailable, replicas);
  return {
    strategy: 'RollingUpdate',
    replicas,
    maxSurge: surge,
    maxUnavailable,
    maxTotal: replicas + surge,
    minAvailable: replicas - maxUnavailable,
  };
}

/** Fenceposts of a Deployment already checked by `checkDeployment`: the controller functions' view. */
export function fencepostsOf(deployment: Deployment): Fenceposts {
  const resolved = resolveFenceposts(deployment);
  if ('error' in resolved) throw new Error(resolved.error);
  return resolved;
}
