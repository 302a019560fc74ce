/**
 * NodeResourcesFit (filter, LeastAllocated score) and NodeResourcesBalancedAllocation
 * (pkg/scheduler/framework/plugins/noderesources: fit.go, least_allocated.go, balanced_allocation.go).
 */
import type { NodeInfo } from './node-info';
import type { PodResourceRequests, ResourceVector } from './resources';
import { reject, type FilterRejection } from './status';
import type { SchedulerBehaviour } from './version-behaviour';

export const MAX_NODE_SCORE = 100;

/** What a node's pods take, as the filter sees it; preemption asks the same with some pods taken away. */
export interface NodeUsage extends ResourceVector {
  podCount: number;
}

export function usageOf(info: NodeInfo): NodeUsage {
  return { podCount: info.pods.length, ...info.requested, scalar: { ...info.requested.scalar } };
}

/**
 * fitsRequest: too many pods first, then — only if the pod requests anything — each of cpu, memory,
 * ephemeral-storage and requested scalar resources that does not fit. From v1.34 a request larger than the
 * whole node makes the node UnschedulableAndUnresolvable (preemption cannot help).
 */
const FITS = 0;
const SHORT = 1;
/** Short even on an empty node: preemption cannot help. */
const SHORT_OF_NODE_SIZE = 2;

function shortfall(wanted: number, capacity: number, inUse: number): number {
  if (wanted <= 0 || wanted <= capacity - inUse) return FITS;
  return wanted > capacity ? SHORT_OF_NODE_SIZE : SHORT;
}

export function resourcesFit(podRequests: PodResourceRequests, info: NodeInfo, usage: NodeUsage | undefined, behaviour: SchedulerBehaviour): FilterRejection | undefined {
  const used = usage ?? info.requested;
  const request = podRequests.requests;
  const allocatable = info.allocatable;
  const tooManyPods = (usage?.podCount ?? info.pods.length) + 1 > info.allowedPodNumber;
  const cpu = shortfall(request.milliCPU, allocatable.milliCPU, used.milliCPU);
  const memory = shortfall(request.memory, allocatable.memory, used.memory);
  const storage = shortfall(request.ephemeralStorage, allocatable.ephemeralStorage, used.ephemeralStorage);
  let scalar: [string, number][] | undefined;
  for (const name in request.scalar) {
    const short = shortfall(request.scalar[name]!, allocatable.scalar[name] ?? 0, used.scalar[name] ?? 0);
    if (short !== FITS) (scalar ??= []).push([name, short]);
  }
  if (!tooManyPods && cpu === FITS && memory === FITS && storage === FITS && scalar === undefined) return undefined;
  // A pod requesting nothing is only limited by the pod count.
  const shortages: [string, number][] = [['cpu', cpu], ['memory', memory], ['ephemeral-storage', storage], ...(scalar ?? [])];
  const reasons = tooManyPods ? ['Too many pods'] : [];
  let unresolvable = false;
  for (const [name, short] of shortages) {
    if (short === FITS) continue;
    reasons.push(`Insufficient ${name}`);
    if (short === SHORT_OF_NODE_SIZE) unresolvable = true;
  }
  const code = unresolvable && behaviour.resourceShortOfNodeSizeIsUnresolvable ? 'UnschedulableAndUnresolvable' : 'Unschedulable';
  return reject('NodeResourcesFit', code, ...reasons);
}

function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** LeastAllocated over cpu and memory (weight 1 each), counting containers without requests as 100m / 200Mi. */
export function leastAllocatedScore(podRequests: PodResourceRequests, info: NodeInfo): number {
  const { milliCPU, memory } = info.allocatable;
  const cpuScored = milliCPU !== 0;
  const memoryScored = memory !== 0;
  const weights = (cpuScored ? 1 : 0) + (memoryScored ? 1 : 0);
  if (weights === 0) return 0;
  const cpuScore = cpuScored ? leastRequestedScore(info.nonZeroMilliCPU + podRequests.nonZeroMilliCPU, milliCPU) : 0;
  const memoryScore = memoryScored ? leastRequestedScore(info.nonZeroMemory + podRequests.nonZeroMemory, memory) : 0;
  return Math.trunc((cpuScore + memoryScore) / weights);
}

/** Whether BalancedAllocation scores this pod at all (v1.33+ skips pods requesting neither cpu nor memory). */
export function balancedAllocationApplies(podRequests: PodResourceRequests, behaviour: SchedulerBehaviour): boolean {
  return !behaviour.balancedAllocationSkipsBestEffort || podRequests.requests.milliCPU > 0 || podRequests.requests.memory > 0;
}

/** (1 − |f_cpu − f_mem| / 2) × 100 for the given cpu and memory in use, fractions capped at 1. */
function balance(milliCPU: number, memory: number, info: NodeInfo): number {
  const allocatable = info.allocatable;
  // With one resource (or none) to compare there is no deviation.
  if (allocatable.milliCPU === 0 || allocatable.memory === 0) return MAX_NODE_SCORE;
  const cpuFraction = Math.min(1, milliCPU / allocatable.milliCPU);
  const memoryFraction = Math.min(1, memory / allocatable.memory);
  return Math.trunc((1 - Math.abs((cpuFraction - memoryFraction) / 2)) * MAX_NODE_SCORE);
}

/**
 * BalancedAllocation over cpu and memory with actual requests: the balance with the pod, or from v1.36 how
 * much the pod improves the node's balance, mapped to 50..100 (no change scores 75).
 */
export function balancedAllocationScore(podRequests: PodResourceRequests, info: NodeInfo, behaviour: SchedulerBehaviour): number {
  const { milliCPU, memory } = info.requested;
  const withPod = balance(milliCPU + podRequests.requests.milliCPU, memory + podRequests.requests.memory, info);
  if (!behaviour.balancedAllocationScoresChange) return withPod;
  const withoutPod = balance(milliCPU, memory, info);
  return MAX_NODE_SCORE / 2 + Math.trunc((MAX_NODE_SCORE / 2 + withPod - withoutPod) / 2);
}
