/**
 * DefaultPreemption as a post-filter (plugins/defaultpreemption/default_preemption.go,
 * framework/preemption/preemption.go). Each node rejected with plain Unschedulable is
 * dry-run without its lower-priority pods. The chosen victims are the lower-priority pods that cannot be
 * reprieved (highest priority reprieved first); among candidate nodes the one whose most important victim
 * has the lowest priority wins, then the lowest priority sum, then the fewest victims, then the first.
 * Simplification: topology spread and pod affinity keep the counts they had before the victims left.
 */
import type { Pod } from 'kubernetes-types/core/v1';
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
}

type DryRun = { candidate: Candidate } | { reasons: string[] };

function dryRun(cycle: PodCycle, info: NodeInfo, snapshot: ClusterSnapshot): DryRun {
  const priority = cycle.incoming.priority;
  const lower = info.pods.filter((pod) => pod.priority < priority);
  if (lower.length === 0) return { reasons: [NO_VICTIMS] };
  const rejection = runFilters(cycle, info, snapshot, withoutPods(info, lower));
  if (rejection) return { reasons: rejection.reasons };
  // Reprieve the most important pods first; a pod stays if the incoming pod still fits with it.
  const byImportance = [...lower].sort((a, b) => b.priority - a.priority);
  let victims = byImportance;
  for (const pod of byImportance) {
    const trial = victims.filter((victim) => victim !== pod);
    if (!runFilters(cycle, info, snapshot, withoutPods(info, trial))) victims = trial;
  }
  return { candidate: { info, victims } };
}

function better(a: Candidate, b: Candidate): boolean {
  const highest = (candidate: Candidate): number => Math.max(...candidate.victims.map((victim) => victim.priority));
  const sum = (candidate: Candidate): number => candidate.victims.reduce((total, victim) => total + victim.priority, 0);
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
  const nodeReasons: string[][] = [];
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
