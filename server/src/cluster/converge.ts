/**
 * Everything that happens between two Deployment syncs, until nothing changes: the HorizontalPodAutoscaler
 * controller resizes its targets, the ReplicaSet, DaemonSet, StatefulSet, CronJob and Job controllers create and
 * delete pods, the PersistentVolume controller binds and provisions claims, the disruption controller counts the pods
 * of each PodDisruptionBudget, the scheduler binds pods (and preempts), the taint eviction controller and the kubelets
 * start or hold them (kubelet/run-kubelets.ts).
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { endPods, runKubelets } from './kubelet/run-kubelets';
import { syncAutoscalers } from './run-autoscalers';
import { syncDisruptionBudgets } from './run-disruption-budgets';
import { syncJobs } from './run-jobs';
import { syncPersistentVolumes } from './run-persistent-volumes';
import { syncReplicaSets, updateReplicaSetStatuses } from './run-replica-sets';
import { syncWorkloads } from './run-workloads';
import { schedulePending } from './scheduling';
import type { SimulatedCluster } from './simulated-cluster';

/**
 * A bound on the rounds, far above what any input needs (a ReplicaSet of 100,000 replicas creates its pods in
 * 200 rounds of 500), so that a controller that never settles cannot hang the plan.
 */
const MAX_ROUNDS = 1000;

/**
 * A bound on the clock's moves to a pod's exit or a Job's back-off or deadline within one convergence, far above
 * what any Job takes (a back-off of at most 10 minutes, one exit per pod), so that the plan always ends.
 */
const MAX_WAITS = 10_000;

export function converge(cluster: SimulatedCluster): void {
  for (let wait = 0; wait < MAX_WAITS; wait++) {
    runRounds(cluster);
    // Nothing changes any more until the next pod exits or a Job's back-off or deadline passes: the clock moves there.
    const next = cluster.nextWake();
    if (next === undefined) break;
    cluster.clock.advance(next - cluster.clock.now());
  }
  updateReplicaSetStatuses(cluster);
  waitForMinReadySeconds(cluster);
}

function runRounds(cluster: SimulatedCluster): void {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let changed = syncAutoscalers(cluster);
    changed = syncReplicaSets(cluster) || changed;
    changed = syncWorkloads(cluster) || changed;
    changed = syncJobs(cluster) || changed;
    // Claims the workloads just created are bound (Immediate) before the scheduler looks at their pods.
    if (syncPersistentVolumes(cluster)) {
      cluster.retryUnschedulable();
      changed = true;
    }
    // Budgets are counted before the scheduler may preempt, from the pods the last round started.
    syncDisruptionBudgets(cluster);
    changed = schedulePending(cluster) || changed;
    changed = runKubelets(cluster) || changed;
    changed = endPods(cluster) || changed;
    if (!changed) break;
  }
}

/**
 * Ready pods of a ReplicaSet with minReadySeconds become available only that long after turning Ready: the
 * clock moves on by the longest such wait, so that between two steps every Ready pod also becomes available.
 */
function waitForMinReadySeconds(cluster: SimulatedCluster): void {
  let wait = 0;
  for (const replicaSet of cluster.store.list<ReplicaSet>('ReplicaSet')) {
    const status = replicaSet.status;
    if ((status?.readyReplicas ?? 0) > (status?.availableReplicas ?? 0)) wait = Math.max(wait, replicaSet.spec?.minReadySeconds ?? 0);
  }
  if (wait === 0) return;
  cluster.clock.advance(wait * 1000 + 1000);
  updateReplicaSetStatuses(cluster);
}
