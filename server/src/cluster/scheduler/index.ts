/**
 * kube-scheduler's default profile over the cluster model: which node a pod lands on, or the exact
 * FailedScheduling message of the chosen Kubernetes version.
 *
 *   const snapshot = buildSnapshot('1.33', { nodes, pods, owners: { services, replicaSets, statefulSets } });
 *   const result = schedulePod(pod, snapshot);          // Scheduled | Unschedulable | Skipped
 *   if (result.outcome === 'Scheduled') bindPod(snapshot, { ...pod, spec: { ...pod.spec, nodeName: result.nodeName } }, result.nodeName);
 *   schedulingEvent(pod, result);                        // Scheduled / FailedScheduling event
 *
 * `buildSnapshot` takes the nodes (in the order the scheduler iterates them) and every existing pod (bound
 * ones take room on their node); `bindPod`/`removePod` keep it current, in time that grows with the pod's labels and
 * terms, not with the cluster.
 * `schedulePod` runs PreFilter, Filter (stopping after numFeasibleNodesToFind feasible nodes, starting at
 * the rotating `nextStartNodeIndex`), Score and selectHost, or on failure the post-filters (DRA note,
 * DefaultPreemption). `owners` gives pods of Services, ReplicaSets, StatefulSets and ReplicationControllers
 * their default topology spreading; without it such pods are scored as bare pods.
 *
 * Not modelled: volume filters other than VolumeBinding and VolumeZone (VolumeRestrictions, NodeVolumeLimits), ImageLocality (nodes in a
 * plan list no images, so it would add the same to every node), resource claims, nominated pods of earlier
 * preemptions and pod affinity matchLabelKeys.
 *
 * Determinism, not upstream: kube-scheduler filters nodes in parallel and picks uniformly at random among
 * the nodes with the highest score. kubeplan visits nodes one by one in snapshot order from
 * `nextStartNodeIndex` and, on a tie, takes the first of them in that visiting order.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { eventObject } from '../events';
import type { ClusterEvent } from '../../protocol/plan';
import type { ScheduleResult } from './schedule-one';

export { buildSnapshot, bindPod, removePod, podKey } from './node-info';
export type { ClusterSnapshot, NodeInfo, SnapshotInput, SpreadingOwners } from './node-info';
export { schedulePod, numFeasibleNodesToFind, NO_NODES_AVAILABLE } from './schedule-one';
export type { ScheduleResult } from './schedule-one';
export { podRequests } from './resources';
export type { PodResourceRequests, ResourceVector } from './resources';

/** Event notes longer than this are cut, ending in ` ...` (pkg/apis/core/validation NoteLengthLimit; schedule_one.go truncateMessage). */
const NOTE_LENGTH_LIMIT = 1024;

function truncateNote(message: string): string {
  return message.length <= NOTE_LENGTH_LIMIT ? message : `${message.slice(0, NOTE_LENGTH_LIMIT - 4)} ...`;
}

/**
 * The event default-scheduler records for a scheduling attempt; none for pods it skips. The PodScheduled
 * condition carries `result.message` in full; only the event note is cut to 1024 characters.
 */
export function schedulingEvent(pod: Pod, result: ScheduleResult): ClusterEvent | undefined {
  const namespace = pod.metadata?.namespace ?? 'default';
  const name = pod.metadata?.name ?? '';
  const object = eventObject('Pod', name, namespace);
  if (result.outcome === 'Scheduled') {
    return { type: 'Normal', reason: 'Scheduled', object, message: `Successfully assigned ${namespace}/${name} to ${result.nodeName}` };
  }
  if (result.outcome === 'Unschedulable') return { type: 'Warning', reason: 'FailedScheduling', object, message: truncateNote(result.message) };
  return undefined;
}
