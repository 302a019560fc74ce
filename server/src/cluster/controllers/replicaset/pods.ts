/** Pod predicates the controllers share [pkg/api/v1/pod/util.go; pkg/controller/controller_utils.go]. */
import type { Pod, PodCondition } from 'kubernetes-types/core/v1';
import { parseTime } from '../time';

/** IsPodActive: not Succeeded, not Failed, not being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && pod.metadata?.deletionTimestamp === undefined;
}

function readyCondition(pod: Pod): PodCondition | undefined {
  return pod.status?.conditions?.find((condition) => condition.type === 'Ready');
}

/** IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === 'True';
}

/** When the pod last became Ready, or undefined when it is not Ready (or the time is unknown). */
export function podReadyTime(pod: Pod): number | undefined {
  return isPodReady(pod) ? parseTime(readyCondition(pod)?.lastTransitionTime) : undefined;
}

/**
 * IsPodAvailable: Ready, and Ready for longer than minReadySeconds (strictly: readySince + minReadySeconds is
 * before now). With minReadySeconds 0 a Ready pod is available at once.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const readySince = parseTime(readyCondition(pod)?.lastTransitionTime);
  return readySince !== undefined && readySince + minReadySeconds * 1000 < now;
}
