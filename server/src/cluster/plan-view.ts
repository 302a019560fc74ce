/** The nodes and pods parts of a plan, read from the cluster's final state. */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { isPodReady } from './kubelet';
import type { PlannedNode, PlannedPod } from './plan';
import type { SimulatedCluster } from './simulated-cluster';
import { controllerOf, keyOf } from './store';

export function nodeViews(cluster: SimulatedCluster): PlannedNode[] {
  const podsByNode = new Map<string, string[]>();
  for (const pod of cluster.store.list<Pod>('Pod')) {
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) continue;
    const pods = podsByNode.get(nodeName) ?? [];
    pods.push(keyOf(pod.metadata.namespace ?? '', pod.metadata.name));
    podsByNode.set(nodeName, pods);
  }
  return cluster.store.list<Node>('Node').map((node) => ({
    name: node.metadata.name,
    labels: { ...node.metadata.labels },
    taints: (node.spec?.taints ?? []).map((taint) => ({ key: taint.key, ...(taint.value ? { value: taint.value } : {}), effect: taint.effect })),
    allocatable: { cpu: '0m', memory: '0', pods: 0 },
    requested: { cpu: '0m', memory: '0', pods: (podsByNode.get(node.metadata.name) ?? []).length },
    pods: podsByNode.get(node.metadata.name) ?? [],
  }));
}

export function podViews(cluster: SimulatedCluster): PlannedPod[] {
  return cluster.store.list<Pod>('Pod').map((pod) => {
    const owner = controllerOf(pod);
    const scheduled = pod.status?.conditions?.find((condition) => condition.type === 'PodScheduled');
    return {
      name: pod.metadata.name,
      namespace: pod.metadata.namespace ?? 'default',
      owner: owner ? `${owner.kind}/${owner.name}` : null,
      node: pod.spec?.nodeName ?? null,
      phase: pod.status?.phase ?? 'Pending',
      ready: isPodReady(pod),
      ip: pod.status?.podIP ?? null,
      message: !pod.spec?.nodeName && scheduled?.status === 'False' ? (scheduled.message ?? null) : null,
    };
  });
}
