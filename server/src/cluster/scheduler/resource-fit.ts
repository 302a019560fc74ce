/**
 * NodeResourcesFit (filter, LeastAllocated score) and NodeResourcesBalancedAllocation
 * (pkg/scheduler/framework/plugins/noderesources: fit.go, least_allocated.go, balanced_allocation.go).
 */
import type { NodeInfo } from './node-info';
import type { PodResourceRequests } from './resources';
import { reject, type FilterRejection } from './status';
import type { SchedulerBehaviour } from './version-behaviour';

export const MAX_NODE_SCORE = 100;

/** The room a node has left, as the filter sees it; preemption asks the same with some pods taken away. */
export interface NodeUsage {
  podCount: number;
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  scalar: Record<string, number>;
}

export function usageOf(info: NodeInfo): NodeUsage {
  return { podCount: info.pods.length, ...info.requested };
}

/**
 * fitsRequest: too many pods first, then — only if the pod requests anything — each of cpu, memory,
 * ephemeral-storage and requested scalar resources that does not fit. From v1.34 a request larger than the
 * whole node makes the node UnschedulableAndUnresolvable (preemption cannot help).
 */
export function resourcesFit(podRequests: PodResourceRequests, info: NodeInfo, usage: NodeUsage, behaviour: SchedulerBehaviour): FilterRejection | undefined {
  const reasons: string[] = [];
  let unresolvable = false;
  if (usage.podCount + 1 > info.allowedPodNumber) reasons.push('Too many pods');
  const request = podRequests.requests;
  const scalarNames = Object.keys(request.scalar).filter((name) => request.scalar[name]! > 0);
  const requestsSomething = request.milliCPU > 0 || request.memory > 0 || request.ephemeralStorage > 0 || scalarNames.length > 0;
  if (requestsSomething) {
    const check = (name: string, wanted: number, allocatable: number, used: number): void => {
      if (wanted <= 0 || wanted <= allocatable - used) return;
      reasons.push(`Insufficient ${name}`);
      if (wanted > allocatable) unresolvable = true;
    };
    check('cpu', request.milliCPU, info.allocatable.milliCPU, usage.milliCPU);
    check('memory', request.memory, info.allocatable.memory, usage.memory);
    check('ephemeral-storage', request.ephemeralStorage, info.allocatable.ephemeralStorage, usage.ephemeralStorage);
    for (const name of scalarNames) check(name, request.scalar[name]!, info.allocatable.scalar[name] ?? 0, usage.scalar[name] ?? 0);
  }
  if (reasons.length === 0) return undefined;
  const code = unresolvable && behaviour.resourceShortOfNodeSizeIsUnresolvable ? 'UnschedulableAndUnresolvable' : 'Unschedulable';
  return reject('NodeResourcesFit', code, ...reasons);
}

function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** LeastAllocated over cpu and memory (weight 1 each), counting containers without requests as 100m / 200Mi. */
export function leastAllocatedScore(podRequests: PodResourceRequests, info: NodeInfo): number {
  let total = 0;
  let weights = 0;
  const resources: [number, number][] = [
    [info.nonZeroMilliCPU + podRequests.nonZeroMilliCPU, info.allocatable.milliCPU],
    [info.nonZeroMemory + podRequests.nonZeroMemory, info.allocatable.memory],
  ];
  for (const [requested, allocatable] of resources) {
    if (allocatable === 0) continue;
    total += leastRequestedScore(requested, allocatable);
    weights += 1;
  }
  return weights === 0 ? 0 : Math.trunc(total / weights);
}

/** Whether BalancedAllocation scores this pod at all (v1.33+ skips pods requesting neither cpu nor memory). */
export function balancedAllocationApplies(podRequests: PodResourceRequests, behaviour: SchedulerBehaviour): boolean {
  return !behaviour.balancedAllocationSkipsBestEffort || podRequests.requests.milliCPU > 0 || podRequests.requests.memory > 0;
}

/** BalancedAllocation over cpu and memory with actual requests: (1 − |f_cpu − f_mem| / 2) × 100, fractions capped at 1. */
export function balancedAllocationScore(podRequests: PodResourceRequests, info: NodeInfo): number {
  const fractions: number[] = [];
  const resources: [number, number][] = [
    [info.requested.milliCPU + podRequests.requests.milliCPU, info.allocatable.milliCPU],
    [info.requested.memory + podRequests.requests.memory, info.allocatable.memory],
  ];
  for (const [requested, allocatable] of resources) {
    if (allocatable === 0) continue;
    fractions.push(Math.min(1, requested / allocatable));
  }
  const deviation = fractions.length === 2 ? Math.abs((fractions[0]! - fractions[1]!) / 2) : 0;
  return Math.trunc((1 - deviation) * MAX_NODE_SCORE);
}
