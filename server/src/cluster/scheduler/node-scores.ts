/**
 * Scores that look at the node alone: TaintToleration (PreferNoSchedule taints) and NodeAffinity (preferred
 * terms), normalised with DefaultNormalizeScore (framework/plugins, normalize_score.go).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { NodeInfo } from './node-info';
import { termMatches, toleratesTaint } from './node-selection';
import { MAX_NODE_SCORE } from './resource-fit';

/** Scales to 0..100 by the highest score; `reverse` turns "fewest is best" into "highest is best". */
export function defaultNormalizeScore(scores: number[], reverse: boolean): number[] {
  const max = Math.max(0, ...scores);
  if (max === 0) return scores.map(() => (reverse ? MAX_NODE_SCORE : 0));
  return scores.map((score) => {
    const scaled = Math.trunc((MAX_NODE_SCORE * score) / max);
    return reverse ? MAX_NODE_SCORE - scaled : scaled;
  });
}

/** Count of PreferNoSchedule taints not tolerated by the pod's tolerations whose effect is empty or PreferNoSchedule. */
export function taintTolerationScores(pod: Pod, feasible: readonly NodeInfo[]): number[] {
  const tolerations = (pod.spec?.tolerations ?? []).filter((toleration) => !toleration.effect || toleration.effect === 'PreferNoSchedule');
  const raw = feasible.map((info) => {
    let untolerated = 0;
    for (const taint of info.node.spec?.taints ?? []) {
      if (taint.effect === 'PreferNoSchedule' && !tolerations.some((toleration) => toleratesTaint(toleration, taint))) untolerated++;
    }
    return untolerated;
  });
  return defaultNormalizeScore(raw, true);
}

/** Σ weights of the preferred node affinity terms a node matches; undefined (skipped) for pods without any. */
export function nodeAffinityScores(pod: Pod, feasible: readonly NodeInfo[]): number[] | undefined {
  const preferred = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  if (preferred === undefined) return undefined;
  const raw = feasible.map((info) =>
    preferred.reduce((sum, term) => (term.weight !== 0 && termMatches(term.preference, info.node) ? sum + term.weight : sum), 0),
  );
  return defaultNormalizeScore(raw, false);
}
