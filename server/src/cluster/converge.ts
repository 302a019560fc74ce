/**
 * Everything that happens between two Deployment syncs, until nothing changes: controllers create and delete
 * pods, the scheduler binds them, the kubelets start them.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { awaitsStart, startPod } from './kubelet';
import { schedulePending } from './scheduling';
import type { SimulatedCluster } from './simulated-cluster';

/** More rounds than any chain of controllers needs (a Deployment's ReplicaSet, its pods, their scheduling). */
const MAX_ROUNDS = 50;

export function converge(cluster: SimulatedCluster): void {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let changed = schedulePending(cluster);
    changed = startPods(cluster) || changed;
    if (!changed) return;
  }
}

/** The kubelets start every bound pod that has not started. */
function startPods(cluster: SimulatedCluster): boolean {
  let started = false;
  for (const pod of cluster.store.list<Pod>('Pod')) {
    if (!awaitsStart(pod)) continue;
    const nodeName = pod.spec!.nodeName!;
    startPod(pod, { podIP: cluster.podIp(nodeName), hostIP: cluster.hostIp(nodeName), ready: cluster.becomesReady(pod), at: cluster.clock.timestamp() });
    started = true;
  }
  return started;
}
