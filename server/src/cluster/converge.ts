/**
 * Everything that happens between two Deployment syncs, until nothing changes: controllers create and delete
 * pods, the scheduler binds them, the kubelets start them.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { awaitsStart } from './kubelet';
import type { SimulatedCluster } from './simulated-cluster';

export function converge(cluster: SimulatedCluster): void {
  for (const pod of cluster.store.list<Pod>('Pod')) if (awaitsStart(pod)) void pod;
}
