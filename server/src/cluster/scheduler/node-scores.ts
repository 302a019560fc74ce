/**
 * Scores that look at the node alone: TaintToleration (PreferNoSchedule taints) and NodeAffinity (preferred
 * terms), normalised with DefaultNormalizeScore (framework/plugins, normalize_score.go).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { NodeInfo, ScheduledPod } from './node-info';
import { termMatches, toleratesTaint } from './node-selection';
import { MAX_NODE_SCORE } from './resource-fit';

/** Scales the first `count` scores to 0..100 by the highest, in place; `reverse` turns "fewest is best" into "highest is best". */
export function defaultNormalizeScore(scores: Float64Array, count: number, reverse: boolean): void {
  let max = 0;
  for (let node = 0; node < count; node++) max = Math.max(max, scores[node]!);
  for (let node = 0; node < count; node++) {
    const scaled = max === 0 ? 0 : Math.trunc((MAX_NODE_SCORE * scores[node]!) / max);
    scores[node] = reverse ? MAX_NODE_SCORE - scaled : scaled;
  }
}

/** Count of PreferNoSchedule taints not tolerated by the pod's tolerations whose effect is empty or PreferNoSchedule. */
export function taintTolerationScores(pod: ScheduledPod, feasible: readonly NodeInfo[], scores: Float64Array): true {
  const tolerations = pod.tolerations.filter((toleration) => !toleration.effect || toleration.effect === 'PreferNoSchedule');
  for (let node = 0; node < feasible.length; node++) {
    let untolerated = 0;
    for (const taint of feasible[node]!.taints) {
      if (taint.effect === 'PreferNoSchedule' && !tolerations.some((toleration) => toleratesTaint(toleration, taint))) untolerated++;
    }
    scores[node] = untolerated;
  }
  defaultNormalizeScore(scores, feasible.length, true);
  return true;
}

/** Σ weights of the preferred node affinity terms a node matches; false (skipped) for pods without any. */
export function nodeAffinityScores(pod: Pod, feasible: readonly NodeInfo[], scores: Float64Array): boolean {
  const preferred = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  if (preferred === undefined) return false;
  for (let node = 0; node < feasible.length; node++) {
    const info = feasible[node]!;
    scores[node] = preferred.reduce((sum, term) => (term.weight !== 0 && termMatches(term.preference, info.node) ? sum + term.weight : sum), 0);
  }
  defaultNormalizeScore(scores, feasible.length, false);
  return true;
}
