/**
 * Running the cluster until it is steady. One step is one sync of each Deployment; between steps the other
 * controllers, the scheduler and the kubelets converge (k8s-semantics §11).
 */
import { converge } from './converge';
import type { PlannedRollout } from './plan';
import type { SimulatedCluster } from './simulated-cluster';

export function settle(cluster: SimulatedCluster): PlannedRollout[] {
  converge(cluster);
  return [];
}
