/**
 * The filters that look at the node alone (pkg/scheduler/framework/plugins: nodeunschedulable, nodename,
 * tainttoleration, nodeaffinity, nodeports: Filter), with upstream reason strings.
 */
import type { Taint } from 'kubernetes-types/core/v1';
import type { HostPort, NodeInfo, ScheduledPod } from './node-info';
import { firstUntoleratedTaint, isNoScheduleOrNoExecute, matchesRequiredNodeAffinity, toleratesTaint } from './node-selection';
import { reject, type FilterRejection } from './status';
import type { SchedulerBehaviour } from './version-behaviour';

const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

const UNSCHEDULABLE = reject('NodeUnschedulable', 'UnschedulableAndUnresolvable', 'node(s) were unschedulable');
const NODE_NAME_NOT_MATCH = reject('NodeName', 'UnschedulableAndUnresolvable', "node(s) didn't match the requested node name");
const NO_FREE_PORTS = reject('NodePorts', 'Unschedulable', "node(s) didn't have free ports for the requested pod ports");

export function nodeUnschedulable(pod: ScheduledPod, info: NodeInfo): FilterRejection | undefined {
  if (!info.unschedulable) return undefined;
  const tolerated = pod.tolerations.some((toleration) => toleratesTaint(toleration, UNSCHEDULABLE_TAINT));
  return tolerated ? undefined : UNSCHEDULABLE;
}

export function nodeName(pod: ScheduledPod, info: NodeInfo): FilterRejection | undefined {
  const wanted = pod.pod.spec?.nodeName;
  return wanted && wanted !== info.name ? NODE_NAME_NOT_MATCH : undefined;
}

export function taintToleration(pod: ScheduledPod, info: NodeInfo, behaviour: SchedulerBehaviour): FilterRejection | undefined {
  const taint = firstUntoleratedTaint(info.taints, pod.tolerations, isNoScheduleOrNoExecute);
  if (!taint) return undefined;
  const reason = behaviour.taintReasonNamesTaint ? `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}` : 'node(s) had untolerated taint(s)';
  return reject('TaintToleration', 'UnschedulableAndUnresolvable', reason);
}

export const NODE_AFFINITY_REASON = "node(s) didn't match Pod's node affinity/selector";
const NODE_AFFINITY_NOT_MATCH = reject('NodeAffinity', 'UnschedulableAndUnresolvable', NODE_AFFINITY_REASON);

export function nodeAffinity(pod: ScheduledPod, info: NodeInfo): FilterRejection | undefined {
  return !pod.hasRequiredNodeAffinity || matchesRequiredNodeAffinity(pod.pod, info.node) ? undefined : NODE_AFFINITY_NOT_MATCH;
}

/** HostPortInfo.CheckConflict: 0.0.0.0 conflicts with the same protocol/port on any address. */
function portConflicts(wanted: HostPort, used: HostPort): boolean {
  if (wanted.protocol !== used.protocol || wanted.port !== used.port) return false;
  return wanted.ip === '0.0.0.0' || used.ip === '0.0.0.0' || wanted.ip === used.ip;
}

export function nodePorts(wanted: readonly HostPort[], usedPorts: readonly HostPort[]): FilterRejection | undefined {
  if (wanted.length === 0 || usedPorts.length === 0) return undefined;
  const conflict = wanted.some((port) => usedPorts.some((used) => portConflicts(port, used)));
  return conflict ? NO_FREE_PORTS : undefined;
}
