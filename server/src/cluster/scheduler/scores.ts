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

/**
 * The score buffers of the last cycle, reused: a plan scores hundreds of nodes for each of thousands of pods, and
 * allocating two typed arrays per cycle cost more than some of the plugins. Scoring never runs inside scoring.
 */
let totalsBuffer = new Float64Array(0);
let scoresBuffer = new Float64Array(0);

/**
 * Σ weight × normalised score of each plugin, per feasible node (same order), for choosing the highest: the first
 * `feasible.length` entries of the returned buffer, valid until the next call. Each plugin writes its scores for the
 * feasible nodes into one buffer, or says it is skipped for this pod and adds nothing.
 */
export function totalScores(cycle: PodCycle, feasible: readonly NodeInfo[], snapshot: ClusterSnapshot): Float64Array {
  const { incoming } = cycle;
  const count = feasible.length;
  if (totalsBuffer.length < count) {
    totalsBuffer = new Float64Array(count);
    scoresBuffer = new Float64Array(count);
  }
  const totals = totalsBuffer;
  const scores = scoresBuffer;
  totals.fill(0, 0, count);
  const add = (plugin: ScorePlugin, scored: boolean): void => {
    if (!scored) return;
    const weight = WEIGHTS[plugin];
    for (let node = 0; node < count; node++) totals[node]! += weight * scores[node]!;
  };
  // The same score on every node cannot change which node wins: without PreferNoSchedule taints, TaintToleration
  // gives every node 100 and is left out.
  if (snapshot.preferNoScheduleTaints) add('TaintToleration', taintTolerationScores(incoming, feasible, scores));
  add('NodeAffinity', nodeAffinityScores(incoming.pod, feasible, scores));
  add('PodTopologySpread', topologySpreadScores(incoming, snapshot, feasible, scores));
  add('InterPodAffinity', interPodAffinityScores(incoming, snapshot, feasible, scores));
  // NodeResourcesFit and BalancedAllocation score each node alone and normalise nothing: added as they are computed.
  // Every score and weight is an integer, so the order of the additions does not change a total.
  const { requests } = incoming;
  const balanced = balancedAllocationApplies(requests, snapshot.behaviour);
  for (let node = 0; node < count; node++) {
    const info = feasible[node]!;
    let resources = WEIGHTS.NodeResourcesFit * leastAllocatedScore(requests, info);
    if (balanced) resources += WEIGHTS.NodeResourcesBalancedAllocation * balancedAllocationScore(requests, info, snapshot.behaviour);
    totals[node]! += resources;
  }
  return totals;
}
