/**
 * A DaemonSet's RollingUpdate (pkg/controller/daemon/update.go: rollingUpdate, updatedDesiredNodeCounts,
 * findUpdatedPodsOnNode; pkg/controller/daemon/util/daemonset_util.go: UnavailableCount, SurgeCount,
 * AllowsSurge). Without surge, old pods are deleted while fewer than maxUnavailable nodes lack an available
 * pod, and the next sync creates their replacements; with surge, a new pod is created beside an old one on up
 * to maxSurge nodes and the old one goes once the new one is available.
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { scaledValueFromIntOrPercent } from '../../kube/int-or-string';
import { isPodAvailable } from './replicaset/pods';

/** The label with the hash of the template a daemon pod was made from. */
export const DAEMON_REVISION_LABEL = 'controller-revision-hash';

/** UnavailableCount / SurgeCount: a percentage of the nodes that should run the daemon, rounded up; 0 without RollingUpdate. */
function scaledCount(daemonSet: DaemonSet, field: 'maxUnavailable' | 'maxSurge', numberToSchedule: number): number {
  const rollingUpdate = daemonSet.spec?.updateStrategy?.rollingUpdate;
  if ((daemonSet.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate' || rollingUpdate === undefined) return 0;
  const scaled = scaledValueFromIntOrPercent(rollingUpdate[field] ?? 0, numberToSchedule, true);
  return typeof scaled === 'number' ? scaled : 0;
}

/** AllowsSurge: maxSurge of a single node is above zero. */
export function allowsSurge(daemonSet: DaemonSet): boolean {
  return scaledCount(daemonSet, 'maxSurge', 1) > 0;
}

export interface DaemonSetUpdateBounds {
  maxSurge: number;
  maxUnavailable: number;
  desiredNumberScheduled: number;
}

/** updatedDesiredNodeCounts: with both bounds zero on a non-empty set, maxUnavailable is 1. */
export function updatedDesiredNodeCounts(daemonSet: DaemonSet, desiredNumberScheduled: number): DaemonSetUpdateBounds {
  const maxUnavailable = scaledCount(daemonSet, 'maxUnavailable', desiredNumberScheduled);
  const maxSurge = scaledCount(daemonSet, 'maxSurge', desiredNumberScheduled);
  const zero = desiredNumberScheduled > 0 && maxUnavailable === 0 && maxSurge === 0;
  return { maxSurge, maxUnavailable: zero ? 1 : maxUnavailable, desiredNumberScheduled };
}

/** IsPodUpdated by hash: the pod was made from the current template. */
export function isDaemonPodUpdated(pod: Pod, hash: string): boolean {
  return pod.metadata?.labels?.[DAEMON_REVISION_LABEL] === hash;
}

/** findUpdatedPodsOnNode: the node's new and old pod, or undefined when it has more than one of either. */
function findUpdatedPodsOnNode(pods: readonly Pod[], hash: string): { newPod?: Pod; oldPod?: Pod } | undefined {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp) continue;
    if (isDaemonPodUpdated(pod, hash)) {
      if (newPod) return undefined;
      newPod = pod;
    } else {
      if (oldPod) return undefined;
      oldPod = pod;
    }
  }
  return { ...(newPod ? { newPod } : {}), ...(oldPod ? { oldPod } : {}) };
}

/** A node the daemon is considered on: its pods, and whether it should run the daemon. */
export interface DaemonNode {
  node: Node;
  pods: readonly Pod[];
  shouldRun: boolean;
}

export interface DaemonSetUpdate {
  /** Old pods to delete. */
  delete: Pod[];
  /** Nodes to create a new pod on. */
  createOn: Node[];
}

/**
 * rollingUpdate over the nodes that have daemon pods or should run one, in node order (upstream walks a map, in
 * no fixed order).
 */
export function rollingUpdate(daemonSet: DaemonSet, nodes: readonly DaemonNode[], hash: string, now: number): DaemonSetUpdate {
  const { maxSurge, maxUnavailable, desiredNumberScheduled } = updatedDesiredNodeCounts(daemonSet, nodes.filter((entry) => entry.shouldRun).length);
  const minReadySeconds = daemonSet.spec?.minReadySeconds ?? 0;
  const available = (pod: Pod): boolean => isPodAvailable(pod, minReadySeconds, now);

  if (maxSurge === 0) {
    let numUnavailable = 0;
    const allowedReplacementPods: Pod[] = [];
    const candidatePodsToDelete: Pod[] = [];
    for (const entry of nodes) {
      const found = findUpdatedPodsOnNode(entry.pods, hash);
      if (found === undefined) {
        // Excess pods: the manage loop cleans the node up; it counts as unavailable.
        numUnavailable++;
        continue;
      }
      const { newPod, oldPod } = found;
      if ((oldPod === undefined) === (newPod === undefined)) numUnavailable++;
      else if (newPod !== undefined) {
        if (!available(newPod)) numUnavailable++;
      } else if (oldPod !== undefined) {
        if (!available(oldPod)) allowedReplacementPods.push(oldPod);
        else if (numUnavailable < maxUnavailable) candidatePodsToDelete.push(oldPod);
      }
    }
    const remainingUnavailable = Math.min(Math.max(maxUnavailable - numUnavailable, 0), candidatePodsToDelete.length);
    return { delete: [...allowedReplacementPods, ...candidatePodsToDelete.slice(0, remainingUnavailable)], createOn: [] };
  }

  const oldPodsToDelete: Pod[] = [];
  const shouldNotRunPodsToDelete: Pod[] = [];
  const candidateNewNodes: Node[] = [];
  const allowedNewNodes: Node[] = [];
  let numSurge = 0;
  let numAvailable = 0;
  for (const entry of nodes) {
    const found = findUpdatedPodsOnNode(entry.pods, hash);
    if (found === undefined) {
      // Excess pods: the manage loop cleans the node up; it counts as a surge node.
      numSurge++;
      continue;
    }
    const { newPod, oldPod } = found;
    const counted = oldPod ?? newPod;
    if (counted !== undefined && available(counted)) numAvailable++;
    if (oldPod === undefined) continue;
    if (newPod === undefined) {
      if (!available(oldPod)) {
        if (!entry.shouldRun) oldPodsToDelete.push(oldPod);
        else allowedNewNodes.push(entry.node);
      } else if (!entry.shouldRun) shouldNotRunPodsToDelete.push(oldPod);
      else if (numSurge < maxSurge) candidateNewNodes.push(entry.node);
      continue;
    }
    // Already surged here: wait for the new pod, then the old one goes.
    if (!available(newPod)) numSurge++;
    else oldPodsToDelete.push(oldPod);
  }
  // With surge the owner expects full availability: a pod on a node it should leave goes only once enough others are available.
  const deletable = Math.min(numAvailable - desiredNumberScheduled, shouldNotRunPodsToDelete.length);
  if (deletable > 0) oldPodsToDelete.push(...shouldNotRunPodsToDelete.slice(0, deletable));
  const remainingSurge = Math.min(Math.max(maxSurge - numSurge, 0), candidateNewNodes.length);
  return { delete: oldPodsToDelete, createOn: [...allowedNewNodes, ...candidateNewNodes.slice(0, remainingSurge)] };
}
