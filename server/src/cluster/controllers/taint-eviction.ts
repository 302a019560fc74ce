/**
 * The taint eviction controller (pkg/controller/tainteviction/taint_eviction.go): a pod bound to a node with
 * NoExecute taints is deleted at once when some taint has no matching toleration, after the shortest
 * `tolerationSeconds` of the tolerations used when all are tolerated, and never when none of those sets
 * tolerationSeconds (processPodOnNode, getMinTolerationTime). The timing model deletes a pod with a finite
 * tolerationSeconds at once as well (docs/timing-model.md): the plan shows where the cluster ends up.
 */
import type { Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import { toleratesTaint } from '../scheduler/node-selection';

export type TaintEviction =
  /** Some NoExecute taint is not tolerated: deleted at once. */
  | { after: 0; taint: Taint }
  /** Every NoExecute taint is tolerated, the shortest tolerationSeconds of the tolerations used is `after`. */
  | { after: number; taint: undefined };

/**
 * When the controller deletes the pod from a node with these taints; undefined when it never does (no NoExecute
 * taint, or every one tolerated without tolerationSeconds). GetMatchingTolerations takes, for each taint, the
 * first toleration that tolerates it.
 */
export function taintEviction(pod: Pod, taints: readonly Taint[]): TaintEviction | undefined {
  const tolerations = pod.spec?.tolerations ?? [];
  const used: Toleration[] = [];
  for (const taint of taints) {
    if (taint.effect !== 'NoExecute') continue;
    const toleration = tolerations.find((candidate) => toleratesTaint(candidate, taint));
    if (!toleration) return { after: 0, taint };
    used.push(toleration);
  }
  const after = minTolerationSeconds(used);
  return after === undefined ? undefined : { after, taint: undefined };
}

/** getMinTolerationTime: undefined for "forever"; a tolerationSeconds of zero or less evicts at once. */
function minTolerationSeconds(used: readonly Toleration[]): number | undefined {
  if (used.length === 0) return undefined;
  let min: number | undefined;
  for (const toleration of used) {
    const seconds = toleration.tolerationSeconds;
    if (seconds === undefined) continue;
    if (seconds <= 0) return 0;
    min = min === undefined ? seconds : Math.min(min, seconds);
  }
  return min;
}

/** The controller's event on the pod it deletes (emitPodDeletionEvent). */
export function taintEvictionMessage(namespace: string, name: string): string {
  return `Marking for deletion Pod ${namespace}/${name}`;
}
