/**
 * default-scheduler in the plan: pods without a node are scheduled one by one, highest priority first and then
 * in the order they were created (the scheduling queue's order), each bound at once so that the next pod sees
 * it. A pod that does not fit keeps PodScheduled=False with the FailedScheduling message and is tried again
 * only once a pod has left the cluster (room may have been freed) or a claim was bound or a volume created, as
 * the scheduler's queue would.
 */
import type { Pod, Service } from 'kubernetes-types/core/v1';
import { eventObject } from './events';
import { podStatus, setCondition } from './kubelet';
import { bindPod, schedulePod, schedulingEvent, type ClusterSnapshot } from './scheduler/index';
import { bindPodVolumes, volumeObjects } from './run-persistent-volumes';
import type { SimulatedCluster } from './simulated-cluster';
import type { Stored } from './store';

const serviceSelectorsSeen = new WeakMap<ClusterSnapshot, string>();

/** Schedules what can be scheduled; true when any pod was bound. */
export function schedulePending(cluster: SimulatedCluster): boolean {
  const snapshot = cluster.scheduler();
  const services = cluster.store.list<Service>('Service');
  // The scheduler keeps each workload's default spreading, which depends on the Services selecting its pods: a
  // Service applied or changed since then makes it stale.
  const selectors = services.map((service) => `${service.metadata.uid} ${JSON.stringify(service.spec?.selector ?? null)}`).join('\n');
  if (selectors !== serviceSelectorsSeen.get(snapshot)) {
    snapshot.defaultSpreading.clear();
    serviceSelectorsSeen.set(snapshot, selectors);
  }
  snapshot.owners = {
    services,
    replicaSets: cluster.store.list('ReplicaSet'),
    statefulSets: cluster.store.list('StatefulSet'),
    replicationControllers: cluster.store.list('ReplicationController'),
  };
  snapshot.disruptionBudgets = cluster.store.list('PodDisruptionBudget');
  snapshot.volumes = volumeObjects(cluster);
  const waiting: Stored<Pod>[] = [];
  for (const pod of cluster.podsNotStarted()) {
    const nodeName = pod.spec?.nodeName;
    // A pod written with spec.nodeName skips the scheduler; the scheduler's cache still counts it on that node.
    if (nodeName) {
      if (cluster.firstSeenBound(pod)) bindPod(snapshot, pod, nodeName);
    } else if (!isFinished(pod) && cluster.mayRetryScheduling(pod)) waiting.push(pod);
  }
  waiting.sort((a, b) => (b.spec?.priority ?? 0) - (a.spec?.priority ?? 0));
  let bound = false;
  for (const pod of waiting) {
    const result = schedulePod(pod, snapshot);
    const event = schedulingEvent(pod, result);
    if (event) cluster.record([event]);
    if (result.outcome === 'Scheduled') {
      (pod.spec ??= { containers: [] }).nodeName = result.nodeName;
      bindPodVolumes(cluster, pod, result.nodeName);
      bindPod(snapshot, pod, result.nodeName);
      cluster.firstSeenBound(pod);
      setCondition(pod, { type: 'PodScheduled', status: 'True', lastTransitionTime: cluster.clock.timestamp() });
      bound = true;
    } else if (result.outcome === 'Unschedulable') {
      setCondition(pod, { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: result.message, lastTransitionTime: cluster.clock.timestamp() });
      cluster.schedulingFailed(pod);
      // The room made is the nominated pod's: the rest of the queue waits for the next pass, which takes it first.
      if (result.nominatedNodeName && result.victims && preempt(cluster, pod, result.nominatedNodeName, result.victims)) return true;
    }
  }
  return bound;
}

/**
 * DefaultPreemption made room: the pod is nominated to the node and the victims are deleted at once (no graceful
 * termination in the timing model), each with the scheduler's `Preempted` event; the pod is tried again next.
 */
function preempt(cluster: SimulatedCluster, pod: Stored<Pod>, nodeName: string, victims: readonly Pod[]): boolean {
  podStatus(pod).nominatedNodeName = nodeName;
  for (const victim of victims) {
    const stored = cluster.store.get<Pod>('Pod', victim.metadata?.namespace ?? 'default', victim.metadata?.name ?? '');
    if (!stored) continue;
    cluster.record([
      {
        type: 'Normal',
        reason: 'Preempted',
        object: eventObject('Pod', stored.metadata.name, stored.metadata.namespace ?? 'default'),
        message: `Preempted by pod ${pod.metadata.uid} on node ${nodeName}`,
      },
    ]);
    cluster.deletePod(stored);
  }
  return victims.length > 0;
}

function isFinished(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}
