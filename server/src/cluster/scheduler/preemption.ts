/**
 * DefaultPreemption as a post-filter (plugins/defaultpreemption/default_preemption.go,
 * framework/preemption/preemption.go). Each node rejected with plain Unschedulable is
 * dry-run without its lower-priority pods. The chosen victims are the lower-priority pods that cannot be
 * reprieved (SelectVictimsOnNode): pods whose eviction would break a PodDisruptionBudget are tried first, then
 * the others, each group highest priority first. Among candidate nodes (pickOneNodeForPreemption) the one
 * with the fewest budget violations wins, then the one whose most important victim has the lowest priority,
 * then the lowest priority sum, then the fewest victims, then the first.
 * Simplification: topology spread and pod affinity keep the counts they had before the victims left.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { compileLabelSelector, MATCH_EVERYTHING, MATCH_NOTHING } from '../../kube/label-selectors';
import type { ClusterSnapshot, HostPort, NodeInfo, ScheduledPod } from './node-info';
import { runFilters, type NodeView, type PodCycle } from './filters';
import { usageOf, type NodeUsage } from './resource-fit';
import type { FilterRejection } from './status';
import { fitErrorMessage } from './fit-error';

export const NO_VICTIMS = 'No preemption victims found for incoming pod';
export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';

export type PreemptionOutcome = { kind: 'failed'; message: string } | { kind: 'nominated'; nodeName: string; victims: Pod[] };

function withoutPods(info: NodeInfo, removed: readonly ScheduledPod[]): NodeView {
  const usage: NodeUsage = usageOf(info);
  const usedPorts: HostPort[] = [...info.usedPorts];
  for (const pod of removed) {
    const { requests } = pod.requests;
    usage.podCount -= 1;
    usage.milliCPU -= requests.milliCPU;
    usage.memory -= requests.memory;
    usage.ephemeralStorage -= requests.ephemeralStorage;
    for (const [name, amount] of Object.entries(requests.scalar)) usage.scalar[name] = (usage.scalar[name] ?? 0) - amount;
    for (const port of pod.hostPorts) {
      const index = usedPorts.findIndex((used) => used.ip === port.ip && used.protocol === port.protocol && used.port === port.port);
      if (index >= 0) usedPorts.splice(index, 1);
    }
  }
  return { usage, usedPorts };
}

interface Candidate {
  info: NodeInfo;
  victims: ScheduledPod[];
  /** Victims whose eviction breaks a PodDisruptionBudget. */
  pdbViolations: number;
}

/**
 * filterPodsWithPDBViolation: going through the pods in order, each budget that selects a pod (same namespace; a
 * budget without requirements selects nothing here) gives up one of its disruptionsAllowed; a pod that takes a
 * budget below zero violates it.
 */
export function splitByBudgetViolation(pods: readonly ScheduledPod[], budgets: readonly PodDisruptionBudget[]): { violating: ScheduledPod[]; nonViolating: ScheduledPod[] } {
  const violating: ScheduledPod[] = [];
  const nonViolating: ScheduledPod[] = [];
  if (budgets.length === 0) return { violating, nonViolating: [...pods] };
  const allowed = budgets.map((budget) => budget.status?.disruptionsAllowed ?? 0);
  const selectors = budgets.map((budget) => compileLabelSelector(budget.spec?.selector));
  for (const pod of pods) {
    let violated = false;
    if (Object.keys(pod.labels).length > 0) {
      budgets.forEach((budget, i) => {
        const selects = selectors[i]!;
        if ((budget.metadata?.namespace ?? 'default') !== pod.namespace || selects === MATCH_NOTHING || selects === MATCH_EVERYTHING || !selects(pod.labels)) return;
        if (budget.status?.disruptedPods?.[pod.pod.metadata?.name ?? ''] !== undefined) return;
        allowed[i]! -= 1;
        if (allowed[i]! < 0) violated = true;
      });
    }
    (violated ? violating : nonViolating).push(pod);
  }
  return { violating, nonViolating };
}

type DryRun = { candidate: Candidate } | { reasons: readonly string[] };

function dryRun(cycle: PodCycle, info: NodeInfo, snapshot: ClusterSnapshot): DryRun {
  const priority = cycle.incoming.priority;
  const lower = info.pods.filter((pod) => pod.priority < priority);
  if (lower.length === 0) return { reasons: [NO_VICTIMS] };
  const rejection = runFilters(cycle, info, snapshot, withoutPods(info, lower));
  if (rejection) return { reasons: rejection.reasons };
  // Reprieve the pods whose eviction would break a budget first, then the others, the most important first in
  // each group; a pod stays if the incoming pod still fits with it.
  const byImportance = [...lower].sort((a, b) => b.priority - a.priority);
  const { violating, nonViolating } = splitByBudgetViolation(byImportance, snapshot.disruptionBudgets);
  const violatingPods = new Set(violating);
  const tried = [...violating, ...nonViolating];
  let victims = tried;
  let pdbViolations = 0;
  for (const pod of tried) {
    const trial = victims.filter((victim) => victim !== pod);
    if (!runFilters(cycle, info, snapshot, withoutPods(info, trial))) victims = trial;
    else if (violatingPods.has(pod)) pdbViolations++;
  }
  // The victims in the order they were tried, as upstream appends them.
  return { candidate: { info, victims, pdbViolations } };
}

function better(a: Candidate, b: Candidate): boolean {
  const highest = (candidate: Candidate): number => Math.max(...candidate.victims.map((victim) => victim.priority));
  const sum = (candidate: Candidate): number => candidate.victims.reduce((total, victim) => total + victim.priority, 0);
  if (a.pdbViolations !== b.pdbViolations) return a.pdbViolations < b.pdbViolations;
  if (highest(a) !== highest(b)) return highest(a) < highest(b);
  if (sum(a) !== sum(b)) return sum(a) < sum(b);
  return a.victims.length < b.victims.length;
}

/**
 * `statuses` holds the rejection of every node the filters saw; nodes missing from it were left out by a
 * PreFilter result and cannot be helped. Returns the post-filter message, or the node to nominate.
 */
export function preempt(cycle: PodCycle, snapshot: ClusterSnapshot, statuses: ReadonlyMap<NodeInfo, FilterRejection>): PreemptionOutcome {
  if (cycle.incoming.pod.spec?.preemptionPolicy === 'Never') return { kind: 'failed', message: 'preemption: not eligible due to preemptionPolicy=Never.' };
  const nodeReasons: (readonly string[])[] = [];
  let best: Candidate | undefined;
  for (const info of snapshot.nodes) {
    const status = statuses.get(info);
    if (!status || status.code === 'UnschedulableAndUnresolvable') {
      nodeReasons.push([NOT_HELPFUL]);
      continue;
    }
    const outcome = dryRun(cycle, info, snapshot);
    if ('reasons' in outcome) nodeReasons.push(outcome.reasons);
    else if (!best || better(outcome.candidate, best)) best = outcome.candidate;
  }
  if (best) return { kind: 'nominated', nodeName: best.info.name, victims: best.victims.map((victim) => victim.pod) };
  const message = fitErrorMessage(snapshot.nodes.length, { nodeReasons, absentNodes: 0, absentReasons: [] }, undefined);
  return { kind: 'failed', message: `preemption: ${message}` };
}
