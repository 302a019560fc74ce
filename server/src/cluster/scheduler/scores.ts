/**
 * The score phase of the default profile (framework.go RunScorePlugins; weights from
 * apis/config/v1/default_plugins.go): each plugin's normalised 0–100 score times its weight, summed per node.
 * ImageLocality (weight 1) is left out: nodes carry no image lists in a plan, so it would add the same to all.
 */
import type { ClusterSnapshot, NodeInfo } from './node-info';
import type { PodCycle } from './filters';
import { balancedAllocationApplies, balancedAllocationScore, leastAllocatedScore } from './resource-fit';
import { nodeAffinityScores, taintTolerationScores } from './node-scores';
import { topologySpreadScores } from './topology-spread';
import { interPodAffinityScores } from './inter-pod-affinity';

const WEIGHTS = {
  TaintToleration: 3,
  NodeAffinity: 2,
  PodTopologySpread: 2,
  InterPodAffinity: 2,
  NodeResourcesFit: 1,
  NodeResourcesBalancedAllocation: 1,
} as const;

export type ScorePlugin = keyof typeof WEIGHTS;

/** Per plugin, the normalised score of each feasible node (same order); skipped plugins are absent. */
export type PluginScores = Partial<Record<ScorePlugin, number[]>>;

export function scorePlugins(cycle: PodCycle, feasible: readonly NodeInfo[], snapshot: ClusterSnapshot): PluginScores {
  const { incoming } = cycle;
  const scores: PluginScores = {
    TaintToleration: taintTolerationScores(incoming.pod, feasible),
    NodeResourcesFit: feasible.map((info) => leastAllocatedScore(incoming.requests, info)),
  };
  const affinity = nodeAffinityScores(incoming.pod, feasible);
  if (affinity) scores.NodeAffinity = affinity;
  const spread = topologySpreadScores(incoming, snapshot, feasible);
  if (spread) scores.PodTopologySpread = spread;
  const podAffinity = interPodAffinityScores(incoming, snapshot, feasible);
  if (podAffinity) scores.InterPodAffinity = podAffinity;
  if (balancedAllocationApplies(incoming.requests, snapshot.behaviour)) {
    scores.NodeResourcesBalancedAllocation = feasible.map((info) => balancedAllocationScore(incoming.requests, info, snapshot.behaviour));
  }
  return scores;
}

export function totalScores(scores: PluginScores, nodeCount: number): number[] {
  const totals = new Array<number>(nodeCount).fill(0);
  for (const [plugin, values] of Object.entries(scores) as [ScorePlugin, number[]][]) {
    for (let index = 0; index < nodeCount; index++) totals[index]! += WEIGHTS[plugin] * values[index]!;
  }
  return totals;
}
