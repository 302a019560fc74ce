/** The nodes and pods parts of a plan, read from the cluster's final state. */
import type { Pod } from 'kubernetes-types/core/v1';
import { isPodReady } from './controllers/replicaset/pods';
import type { PlannedNode, PlannedPod } from '../protocol/plan';
import type { SimulatedCluster } from './simulated-cluster';
import { formatBytes, formatMilliCpu } from './resource-format';
import { controllerOf } from '../kube/owner-references';
import { waitingReason } from './kubelet/pod-waiting';

/** Each node with what the scheduler counts on it: allocatable, the sum of pod requests, the pods bound. */
export function nodeViews(cluster: SimulatedCluster): PlannedNode[] {
  return cluster.scheduler().nodes.map((info) => ({
    name: info.name,
    labels: { ...info.labels },
    taints: (info.node.spec?.taints ?? []).map((taint) => ({ key: taint.key, ...(taint.value ? { value: taint.value } : {}), effect: taint.effect })),
    allocatable: { cpu: formatMilliCpu(info.allocatable.milliCPU), memory: formatBytes(info.allocatable.memory), pods: info.allowedPodNumber },
    requested: { cpu: formatMilliCpu(info.requested.milliCPU), memory: formatBytes(info.requested.memory), pods: info.pods.length },
    pods: info.pods.map((scheduled) => scheduled.key),
  }));
}

export function podViews(cluster: SimulatedCluster): PlannedPod[] {
  return cluster.store.list<Pod>('Pod').map((pod) => {
    const owner = controllerOf(pod.metadata);
    const scheduled = pod.status?.conditions?.find((condition) => condition.type === 'PodScheduled');
    const kubeletMessage = cluster.kubelet.messageOf(pod);
    return {
      name: pod.metadata.name,
      namespace: pod.metadata.namespace ?? 'default',
      owner: owner ? `${owner.kind}/${owner.name}` : null,
      node: pod.spec?.nodeName ?? null,
      phase: pod.status?.phase ?? 'Pending',
      ready: isPodReady(pod),
      ip: pod.status?.podIP ?? null,
      message: kubeletMessage ?? (!pod.spec?.nodeName && scheduled?.status === 'False' ? (scheduled.message ?? null) : null),
      waitingReason: pod.status?.phase === 'Pending' ? (waitingReason(pod)?.reason ?? null) : null,
    };
  });
}
