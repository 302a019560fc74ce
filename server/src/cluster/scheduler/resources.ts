/**
 * The scheduler's arithmetic of pod requests: what a pod takes from a node when the
 * scheduler fits it (`PodRequests` in component-helpers/resource/helpers.go) and the "non-zero" variant
 * the LeastAllocated score uses (`calculateResource` in pkg/scheduler/framework/types.go).
 *
 * CPU is in millicores (`MilliValue()`), every other resource in its base unit rounded up (`Value()`).
 */
import type { Container, Pod, ResourceRequirements } from 'kubernetes-types/core/v1';
import { parseQuantity } from '../../kube/quantity';

/** An amount of each resource the scheduler tracks (framework.Resource in pkg/scheduler/framework/types.go). */
export interface ResourceVector {
  milliCPU: number;
  /** Bytes. */
  memory: number;
  /** Bytes. */
  ephemeralStorage: number;
  /** Extended resources, hugepages and other scalar resources by name, e.g. `nvidia.com/gpu`. */
  scalar: Record<string, number>;
}

export interface PodResourceRequests {
  /** What NodeResourcesFit checks and what the pod adds to its node's requested total. */
  requests: ResourceVector;
  /** CPU and memory with each container's missing request counted as 100m / 200Mi (scoring only). */
  nonZeroMilliCPU: number;
  nonZeroMemory: number;
}

/** pkg/scheduler/util/pod_resources.go: DefaultMilliCPURequest, DefaultMemoryRequest. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** Resources a pod may request at pod level (component-helpers IsSupportedPodLevelResource). */
const POD_LEVEL_RESOURCES = new Set(['cpu', 'memory']);

export function emptyResources(): ResourceVector {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: {} };
}

/** Resource names the scheduler tracks one by one besides cpu, memory, ephemeral-storage and pods (schedutil.IsScalarResourceName). */
export function isScalarResourceName(name: string): boolean {
  return name.includes('/') || name.startsWith('hugepages-') || name.startsWith('attachable-volumes-');
}

/**
 * Rounds an amount up to an integer the way Quantity.Value()/MilliValue() do, without letting float noise
 * (0.1 × 1000 = 100.00000000000001) round a whole number up.
 */
export function roundUp(amount: number): number {
  const nearest = Math.round(amount);
  return Math.abs(amount - nearest) <= 1e-9 * Math.max(1, Math.abs(amount)) ? nearest : Math.ceil(amount);
}

/** Amounts in base units (cores, bytes) by resource name; unparseable quantities count as zero (validation reports them). */
type ResourceList = Map<string, number>;

/** Amounts of quantity texts already read: the pods of one workload repeat the same few, thousands of times. */
const amounts = new Map<string, number>();
const AMOUNTS_KEPT = 10_000;

function amountOf(raw: string | number): number {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : 0;
  let amount = amounts.get(raw);
  if (amount === undefined) {
    const parsed = parseQuantity(raw);
    amount = parsed.ok ? parsed.quantity.value : 0;
    if (amounts.size >= AMOUNTS_KEPT) amounts.clear();
    amounts.set(raw, amount);
  }
  return amount;
}

function resourceList(values: Record<string, string | number> | undefined): ResourceList {
  const list: ResourceList = new Map();
  if (!values) return list;
  for (const [name, raw] of Object.entries(values)) list.set(name, amountOf(raw));
  return list;
}

function addInto(target: ResourceList, source: ResourceList): void {
  for (const [name, amount] of source) target.set(name, (target.get(name) ?? 0) + amount);
}

function maxInto(target: ResourceList, source: ResourceList): void {
  for (const [name, amount] of source) target.set(name, Math.max(target.get(name) ?? 0, amount));
}

function isSidecar(container: Container): boolean {
  return container.restartPolicy === 'Always';
}

/**
 * AggregateContainerRequests: regular containers summed; init containers walked in order, each regular one
 * needing its own request plus the sidecars started before it, each sidecar adding to both the running
 * sum and the sidecars total; the pod needs the larger of the running sum and the largest init step.
 */
function aggregateContainerRequests(pod: Pod, containerRequests: (container: Container) => ResourceList): ResourceList {
  const total: ResourceList = new Map();
  for (const container of pod.spec?.containers ?? []) addInto(total, containerRequests(container));
  const sidecars: ResourceList = new Map();
  const initPeak: ResourceList = new Map();
  for (const container of pod.spec?.initContainers ?? []) {
    const own = containerRequests(container);
    const step: ResourceList = new Map(own);
    if (isSidecar(container)) {
      addInto(total, own);
      addInto(sidecars, own);
      maxInto(initPeak, sidecars);
    } else {
      addInto(step, sidecars);
      maxInto(initPeak, step);
    }
  }
  maxInto(total, initPeak);
  return total;
}

function podLevelRequests(pod: Pod): ResourceList | undefined {
  // Pod-level `spec.resources` is newer than the kubernetes-types release in use.
  const spec = pod.spec as { resources?: ResourceRequirements } | undefined;
  const requests = resourceList(spec?.resources?.requests as Record<string, string | number> | undefined);
  for (const name of requests.keys()) if (!POD_LEVEL_RESOURCES.has(name)) requests.delete(name);
  return requests.size > 0 ? requests : undefined;
}

function podTotal(pod: Pod, containerRequests: (container: Container) => ResourceList, podLevel: ResourceList | undefined): ResourceList {
  const total = aggregateContainerRequests(pod, containerRequests);
  if (podLevel) for (const [name, amount] of podLevel) total.set(name, amount);
  addInto(total, resourceList(pod.spec?.overhead as Record<string, string | number> | undefined));
  return total;
}

function toAmounts(list: ResourceList): ResourceVector {
  const amounts = emptyResources();
  for (const [name, amount] of list) {
    if (name === 'cpu') amounts.milliCPU = roundUp(amount * 1000);
    else if (name === 'memory') amounts.memory = roundUp(amount);
    else if (name === 'ephemeral-storage') amounts.ephemeralStorage = roundUp(amount);
    else if (isScalarResourceName(name)) amounts.scalar[name] = roundUp(amount);
  }
  return amounts;
}

/**
 * The pod's requests as the scheduler computes them. `podLevelResources` says whether the version honours
 * `spec.resources` (PodLevelResources, on by default from v1.34).
 */
export function podRequests(pod: Pod, podLevelResources: boolean): PodResourceRequests {
  const podLevel = podLevelResources ? podLevelRequests(pod) : undefined;
  const ownRequests = (container: Container): ResourceList => resourceList(container.resources?.requests as Record<string, string | number> | undefined);
  const requests = podTotal(pod, ownRequests, podLevel);
  // Without pod-level requests every container missing a cpu/memory request counts the default; with them,
  // only a resource set neither at pod level nor in any container does (types.go getNonMissingContainerRequests).
  const defaultCPU = podLevel === undefined || !requests.has('cpu');
  const defaultMemory = podLevel === undefined || !requests.has('memory');
  const nonZeroRequests = (container: Container): ResourceList => {
    const list = ownRequests(container);
    if (defaultCPU && !list.has('cpu')) list.set('cpu', DEFAULT_MILLI_CPU_REQUEST / 1000);
    if (defaultMemory && !list.has('memory')) list.set('memory', DEFAULT_MEMORY_REQUEST);
    return list;
  };
  const nonZero = toAmounts(podTotal(pod, nonZeroRequests, podLevel));
  return { requests: toAmounts(requests), nonZeroMilliCPU: nonZero.milliCPU, nonZeroMemory: nonZero.memory };
}
