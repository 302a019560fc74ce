/**
 * The plan's StatefulSet and DaemonSet rollouts: for each whose pod template the manifests changed, the bounds its
 * controller used, how many pods are of the new template, which pods it deleted and how the rollout ended.
 */
import type { DaemonSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { ClusterEvent, PlannedWorkloadRollout, PlannedWorkloadRolloutOutcome } from '../protocol/plan';
import { minorOf } from '../schema/versions';
import { nodeShouldRunDaemonPod } from './controllers/daemonset';
import { isDaemonPodUpdated, updatedDesiredNodeCounts } from './controllers/daemonset-update';
import { computePodTemplateHash } from './controllers/deployment/hash';
import { ordinalOf, podRevision, statefulSetMaxUnavailable } from './controllers/statefulset';
import { eventObject } from './events';
import type { SimulatedCluster } from './simulated-cluster';

/** The pod-template hash of every StatefulSet and DaemonSet by uid: taken before the manifests are applied. */
export function workloadTemplateHashes(cluster: SimulatedCluster): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const kind of ['StatefulSet', 'DaemonSet'] as const) {
    for (const workload of cluster.store.list<StatefulSet | DaemonSet>(kind)) hashes.set(workload.metadata.uid, computePodTemplateHash(workload.spec?.template ?? {}));
  }
  return hashes;
}

export function planWorkloadRollouts(cluster: SimulatedCluster, before: ReadonlyMap<string, string>): PlannedWorkloadRollout[] {
  const rollouts: PlannedWorkloadRollout[] = [];
  const changed = (workload: { metadata: { uid: string }; spec?: { template?: object } }, hash: string): boolean => {
    const previous = before.get(workload.metadata.uid);
    return previous !== undefined && previous !== hash;
  };
  for (const set of cluster.store.list<StatefulSet>('StatefulSet')) {
    const hash = computePodTemplateHash(set.spec?.template ?? {});
    if (!changed(set, hash)) continue;
    const strategy = set.spec?.updateStrategy?.type ?? 'RollingUpdate';
    const partition = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    const replicas = set.spec?.replicas ?? 1;
    const start = set.spec?.ordinals?.start ?? 0;
    const updateRevision = `${set.metadata.name}-${hash}`;
    const pods = cluster.store.controlledBy<Pod>('Pod', set);
    const updated = pods.filter((pod) => podRevision(pod) === updateRevision);
    const aboveComplete = updated.filter((pod) => (ordinalOf(set, pod) ?? -1) >= start + partition).length >= Math.max(replicas - partition, 0);
    const outcome: PlannedWorkloadRolloutOutcome = updated.length >= replicas ? 'complete' : strategy === 'OnDelete' ? 'onDelete' : aboveComplete ? 'partitioned' : 'stalled';
    const maxUnavailable = minorOf(cluster.kubernetesVersion) >= 35 ? statefulSetMaxUnavailable(set) : 1;
    rollouts.push(rollout('StatefulSet', set, strategy, partition, maxUnavailable, 0, replicas, updated.length, outcome, cluster.events));
  }
  const nodes = cluster.store.list<Node>('Node');
  for (const daemonSet of cluster.store.list<DaemonSet>('DaemonSet')) {
    const hash = computePodTemplateHash(daemonSet.spec?.template ?? {});
    if (!changed(daemonSet, hash)) continue;
    const strategy = daemonSet.spec?.updateStrategy?.type ?? 'RollingUpdate';
    const desired = nodes.filter((node) => nodeShouldRunDaemonPod(node, daemonSet).shouldRun).length;
    const bounds = updatedDesiredNodeCounts(daemonSet, desired);
    const updated = cluster.store.controlledBy<Pod>('Pod', daemonSet).filter((pod) => isDaemonPodUpdated(pod, hash)).length;
    const outcome: PlannedWorkloadRolloutOutcome = updated >= desired ? 'complete' : strategy === 'OnDelete' ? 'onDelete' : 'stalled';
    rollouts.push(rollout('DaemonSet', daemonSet, strategy, null, bounds.maxUnavailable, bounds.maxSurge, desired, updated, outcome, cluster.events));
  }
  return rollouts;
}

function rollout(
  kind: 'StatefulSet' | 'DaemonSet',
  workload: { metadata: { name: string; namespace?: string } },
  strategy: string,
  partition: number | null,
  maxUnavailable: number,
  maxSurge: number,
  desired: number,
  updated: number,
  outcome: PlannedWorkloadRolloutOutcome,
  events: readonly ClusterEvent[],
): PlannedWorkloadRollout {
  const object = eventObject(kind, workload.metadata.name, workload.metadata.namespace ?? 'default');
  return { workload: object, strategy, partition, maxUnavailable, maxSurge, desired, updated, deleted: deletedPods(events, object), outcome };
}

/** The pods named by the controller's SuccessfulDelete events (`Deleted pod: x`, `delete Pod x in StatefulSet y successful`). */
function deletedPods(events: readonly ClusterEvent[], object: string): string[] {
  const names: string[] = [];
  for (const event of events) {
    if (event.object !== object || event.reason !== 'SuccessfulDelete') continue;
    const name = /^Deleted pod: (\S+)$/.exec(event.message)?.[1] ?? /^delete Pod (\S+) in StatefulSet /.exec(event.message)?.[1];
    if (name !== undefined) names.push(name);
  }
  return names;
}
