/**
 * One scheduling cycle for one pod (pkg/scheduler/schedule_one.go: schedulePod, findNodesThatFitPod,
 * findNodesThatPassFilters, numFeasibleNodesToFind, prioritizeNodes, selectHost).
 *
 * Upstream filters nodes in parallel and breaks score ties at random. Here nodes are visited one by one in
 * snapshot order starting at `nextStartNodeIndex`, the search stops once enough feasible nodes are found,
 * and among nodes with the highest total score the first one visited wins.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { describePod, type ClusterSnapshot, type NodeInfo } from './node-info';
import { preFilter, runFilters, type PodCycle } from './filters';
import { totalScores } from './scores';
import { fitErrorMessage, type Diagnosis } from './fit-error';
import { preempt } from './preemption';
import type { FilterRejection } from './status';

export type ScheduleResult =
  | { outcome: 'Scheduled'; nodeName: string; feasibleNodes: number; evaluatedNodes: number }
  | {
      outcome: 'Unschedulable';
      /** The FailedScheduling event message and the PodScheduled=False condition message. */
      message: string;
      /** Set when preemption would make room: the node to nominate and the pods it evicts. */
      nominatedNodeName?: string;
      victims?: Pod[];
    }
  /** Pods default-scheduler does not take: scheduling gates, another schedulerName, or already assigned. */
  | { outcome: 'Skipped'; reason: 'SchedulingGated' | 'OtherScheduler' | 'AlreadyAssigned' };

/** schedule_one.go constants: at least this many nodes are scored, at least 5% of the cluster. */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/**
 * How many feasible nodes end the search. With the default percentageOfNodesToScore (0 = adaptive), the
 * share is 50% minus 1% per 125 nodes, never below 5%, and never fewer than 100 nodes.
 */
export function numFeasibleNodesToFind(nodeCount: number, percentageOfNodesToScore = 0): number {
  if (nodeCount < MIN_FEASIBLE_NODES_TO_FIND) return nodeCount;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) percentage = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, 50 - Math.trunc(nodeCount / 125));
  const count = Math.trunc((nodeCount * percentage) / 100);
  return Math.max(count, MIN_FEASIBLE_NODES_TO_FIND);
}

type NodeNamesPreFilter = { kind: 'all' } | { kind: 'some'; names: Set<string> } | { kind: 'conflict' };

/** NodeAffinity PreFilter: required terms that all name nodes by `metadata.name In` narrow the search to those nodes. */
function nodeAffinityNodeNames(pod: Pod): NodeNamesPreFilter {
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  if (terms.length === 0) return { kind: 'all' };
  const names = new Set<string>();
  for (const term of terms) {
    let termNames: Set<string> | undefined;
    for (const field of term.matchFields ?? []) {
      if (field.key !== 'metadata.name' || field.operator !== 'In') continue;
      const values = new Set(field.values ?? []);
      termNames = termNames === undefined ? values : new Set([...termNames].filter((name) => values.has(name)));
    }
    if (termNames === undefined) return { kind: 'all' };
    for (const name of termNames) names.add(name);
  }
  return names.size === 0 ? { kind: 'conflict' } : { kind: 'some', names };
}

function skipReason(pod: Pod): 'SchedulingGated' | 'OtherScheduler' | 'AlreadyAssigned' | undefined {
  if (pod.spec?.nodeName) return 'AlreadyAssigned';
  if ((pod.spec?.schedulingGates ?? []).length > 0) return 'SchedulingGated';
  if ((pod.spec?.schedulerName ?? 'default-scheduler') !== 'default-scheduler') return 'OtherScheduler';
  return undefined;
}

function unschedulable(cycle: PodCycle, snapshot: ClusterSnapshot, diagnosis: Diagnosis, statuses: ReadonlyMap<NodeInfo, FilterRejection>): ScheduleResult {
  const preemption = preempt(cycle, snapshot, statuses);
  if (preemption.kind === 'nominated') {
    return {
      outcome: 'Unschedulable',
      message: fitErrorMessage(snapshot.nodes.length, diagnosis, undefined),
      nominatedNodeName: preemption.nodeName,
      victims: preemption.victims,
    };
  }
  // DynamicResources runs its post-filter before DefaultPreemption; the reasons are joined with ", ".
  const postFilter = snapshot.behaviour.dynamicResourcesPostFilter ? `no new claims to deallocate, ${preemption.message}` : preemption.message;
  return { outcome: 'Unschedulable', message: fitErrorMessage(snapshot.nodes.length, diagnosis, postFilter) };
}

/** The node with the highest total score; on a tie, the first in visiting order (upstream: random). */
export function selectHost(feasible: readonly NodeInfo[], totals: ArrayLike<number>): NodeInfo {
  let best = 0;
  for (let index = 1; index < feasible.length; index++) if (totals[index]! > totals[best]!) best = index;
  return feasible[best]!;
}

/**
 * Finds a node for `pod` in the snapshot, or says why none fits. Advances `snapshot.nextStartNodeIndex`
 * as upstream does; binding the pod is a separate step (`bindPod`).
 */
export function schedulePod(pod: Pod, snapshot: ClusterSnapshot): ScheduleResult {
  const skipped = skipReason(pod);
  if (skipped) return { outcome: 'Skipped', reason: skipped };
  const allNodes = snapshot.nodes;
  if (allNodes.length === 0) return { outcome: 'Unschedulable', message: NO_NODES_AVAILABLE };

  const cycle = preFilter(describePod(pod, snapshot.behaviour), snapshot);
  const narrowed = nodeAffinityNodeNames(pod);
  if (narrowed.kind === 'conflict') {
    return unschedulable(cycle, snapshot, { nodeReasons: [], absentNodes: 0, absentReasons: [], preFilterMessage: 'pod affinity terms conflict' }, new Map());
  }
  // VolumeBinding's PreFilter runs after NodeAffinity's; its rejection is UnschedulableAndUnresolvable on every node.
  if (cycle.volumes.kind === 'rejected') {
    return unschedulable(cycle, snapshot, { nodeReasons: [], absentNodes: 0, absentReasons: [], preFilterMessage: cycle.volumes.message }, new Map());
  }
  const candidates = narrowed.kind === 'some' ? allNodes.filter((info) => narrowed.names.has(info.name)) : allNodes;

  const wanted = numFeasibleNodesToFind(candidates.length);
  const feasible: NodeInfo[] = [];
  // The refused nodes and their rejections side by side; a map of them is only needed when no node fits.
  const refused: NodeInfo[] = [];
  const rejections: FilterRejection[] = [];
  let position = snapshot.nextStartNodeIndex % candidates.length;
  for (let offset = 0; offset < candidates.length && feasible.length < wanted; offset++) {
    const info = candidates[position]!;
    position = position + 1 === candidates.length ? 0 : position + 1;
    const rejection = runFilters(cycle, info, snapshot);
    if (rejection) {
      refused.push(info);
      rejections.push(rejection);
    } else feasible.push(info);
  }
  const evaluatedNodes = feasible.length + refused.length;
  snapshot.nextStartNodeIndex = (snapshot.nextStartNodeIndex + evaluatedNodes) % allNodes.length;

  if (feasible.length === 0) {
    const diagnosis: Diagnosis = {
      nodeReasons: rejections.map((rejection) => rejection.reasons),
      absentNodes: allNodes.length - refused.length,
      absentReasons: ["node(s) didn't satisfy plugin(s) [NodeAffinity]"],
    };
    return unschedulable(cycle, snapshot, diagnosis, new Map(refused.map((info, index) => [info, rejections[index]!])));
  }
  if (feasible.length === 1) return { outcome: 'Scheduled', nodeName: feasible[0]!.name, feasibleNodes: 1, evaluatedNodes };
  const totals = totalScores(cycle, feasible, snapshot);
  return { outcome: 'Scheduled', nodeName: selectHost(feasible, totals).name, feasibleNodes: feasible.length, evaluatedNodes };
}
