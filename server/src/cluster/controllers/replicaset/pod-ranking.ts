/**
 * Which pods a ReplicaSet deletes first when it scales down [replica_set.go : getPodsToDelete,
 * getPodsRankedByRelatedPodsOnSameNode; controller_utils.go : ActivePodsWithRanks.Less], with the feature gates
 * PodDeletionCost and LogarithmicScaleDown on, as they are by default.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { parseTime } from '../../rfc3339';
import { isPodActive, isPodReady, podReadyTime } from './pods';

export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDINAL: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

/** A pod with what ActivePodsWithRanks.Less compares, read once before sorting. */
interface RankedPod {
  pod: Pod;
  node: string;
  phase: number;
  ready: boolean;
  cost: number;
  /** Active related pods on the same node. */
  rank: number;
  readyTime: number | undefined;
  restarts: [regular: number, sidecar: number];
  created: number | undefined;
}

/** An int32 annotation; anything unreadable counts as 0, as the controller ignores the parse error. */
function deletionCost(pod: Pod): number {
  const text = pod.metadata?.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (text === undefined || !/^[+-]?\d+$/.test(text)) return 0;
  const cost = Number(text);
  return cost >= -2147483648 && cost <= 2147483647 ? cost : 0;
}

/** Highest restart count of regular containers, then of restartable init containers (sidecars). */
function maxRestarts(pod: Pod): [regular: number, sidecar: number] {
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const regular = Math.max(0, ...(pod.status?.containerStatuses ?? []).map((s) => s.restartCount ?? 0));
  const sidecar = Math.max(0, ...(pod.status?.initContainerStatuses ?? []).filter((s) => sidecars.has(s.name)).map((s) => s.restartCount ?? 0));
  return [regular, sidecar];
}

/** floor(log2) of the age in nanoseconds, -1 for no age: pods of similar age land in the same bucket. */
function logarithmicRank(time: number, now: number): number {
  const nanoseconds = (now - time) * 1e6;
  return nanoseconds > 0 ? Math.floor(Math.log2(nanoseconds)) : -1;
}

/** Negative when `a` is deleted first. Absent times count as "zero time", which Go sorts as after any other. */
function compareTimes(a: Pod, b: Pod, timeA: number | undefined, timeB: number | undefined, now: number): number {
  if (timeA === undefined || timeB === undefined) return timeA === undefined ? -1 : 1;
  const rankDiff = logarithmicRank(timeA, now) - logarithmicRank(timeB, now);
  if (rankDiff !== 0) return rankDiff;
  const uidA = a.metadata?.uid ?? '';
  const uidB = b.metadata?.uid ?? '';
  return uidA < uidB ? -1 : uidA > uidB ? 1 : 0;
}

function ranked(pod: Pod, rank: number): RankedPod {
  const ready = isPodReady(pod);
  return {
    pod,
    node: pod.spec?.nodeName ?? '',
    phase: PHASE_ORDINAL[pod.status?.phase ?? ''] ?? 0,
    ready,
    cost: deletionCost(pod),
    rank,
    readyTime: podReadyTime(pod),
    restarts: maxRestarts(pod),
    created: parseTime(pod.metadata?.creationTimestamp),
  };
}

/** ActivePodsWithRanks.Less as a comparator: negative when `a` is deleted before `b`. */
function compareForDeletion(a: RankedPod, b: RankedPod, now: number): number {
  if (a.node !== b.node && (a.node === '' || b.node === '')) return a.node === '' ? -1 : 1;
  if (a.phase !== b.phase) return a.phase - b.phase;
  if (a.ready !== b.ready) return a.ready ? 1 : -1;
  if (a.cost !== b.cost) return a.cost - b.cost;
  if (a.rank !== b.rank) return b.rank - a.rank;
  if (a.ready && b.ready && a.readyTime !== b.readyTime) {
    const order = compareTimes(a.pod, b.pod, a.readyTime, b.readyTime, now);
    if (order !== 0) return order;
  }
  const [regularA, sidecarA] = a.restarts;
  const [regularB, sidecarB] = b.restarts;
  if (regularA !== regularB) return regularB - regularA;
  if (sidecarA !== sidecarB) return sidecarB - sidecarA;
  if (a.created !== b.created) return compareTimes(a.pod, b.pod, a.created, b.created, now);
  return 0;
}

/**
 * The `count` pods of `pods` (the ReplicaSet's active pods) to delete, first to go first. `relatedPods` are the
 * pods of every ReplicaSet of the same owner: a pod sharing its node with more of them goes first.
 */
export function podsToDelete(pods: readonly Pod[], relatedPods: readonly Pod[], count: number, now: number): Pod[] {
  if (count >= pods.length) return [...pods];
  const podsOnNode = new Map<string, number>();
  for (const pod of relatedPods) {
    if (!isPodActive(pod)) continue;
    const node = pod.spec?.nodeName ?? '';
    podsOnNode.set(node, (podsOnNode.get(node) ?? 0) + 1);
  }
  const order = pods.map((pod) => ranked(pod, podsOnNode.get(pod.spec?.nodeName ?? '') ?? 0));
  order.sort((a, b) => compareForDeletion(a, b, now));
  return order.slice(0, Math.max(0, count)).map((entry) => entry.pod);
}
