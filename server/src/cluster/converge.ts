/**
 * Everything that happens between two Deployment syncs, until nothing changes: the HorizontalPodAutoscaler
 * controller resizes its targets, the ReplicaSet, DaemonSet, StatefulSet, CronJob and Job controllers create and
 * delete pods, the disruption controller counts the pods of each PodDisruptionBudget, the scheduler binds pods (and
 * preempts), the kubelets start them.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { awaitsStart, endPod, exitEndsPod, plannedExit, startPod } from './kubelet';
import { syncAutoscalers } from './run-autoscalers';
import { syncDisruptionBudgets } from './run-disruption-budgets';
import { syncJobs } from './run-jobs';
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
    // Budgets are counted before the scheduler may preempt, from the pods the last round started.
    syncDisruptionBudgets(cluster);
    changed = schedulePending(cluster) || changed;
    changed = startPods(cluster) || changed;
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

/** The kubelets start every bound pod that has not started. */
function startPods(cluster: SimulatedCluster): boolean {
  let started = false;
  for (const pod of cluster.podsNotStarted()) {
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) continue;
    if (awaitsStart(pod)) {
      startPod(pod, { podIP: cluster.podIp(nodeName), hostIP: cluster.hostIp(nodeName), ready: cluster.becomesReady(pod), at: cluster.clock.timestamp() });
      const exit = plannedExit(pod.metadata.annotations);
      if (exit && exitEndsPod(pod.spec?.restartPolicy, exit.exitCode)) cluster.podEndsAt(pod, cluster.clock.now() + exit.runSeconds * 1000);
      started = true;
    }
    cluster.started(pod);
  }
  return started;
}

/** The kubelets see the containers of pods whose planned run is over exit: the pods end (kubelet.ts endPod). */
function endPods(cluster: SimulatedCluster): boolean {
  const ended = cluster.podsEnded();
  for (const pod of ended) {
    const exit = plannedExit(pod.metadata.annotations);
    if (exit) endPod(pod, exit, cluster.clock.timestamp());
    cluster.ended(pod);
  }
  return ended.length > 0;
}
