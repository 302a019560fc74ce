/**
 * The ReplicaSet controller over the store: each ReplicaSet adopts the orphan pods its selector matches
 * (replica_set.go claimPods), then creates or deletes pods until its active pods match spec.replicas (500 at most
 * per sync, as upstream's burst), then writes its status.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { asOwner, controllerOf } from '../kube/owner-references';
import { adoptOrphans, orphanPods } from './adoption';
import { calculateReplicaSetStatus, isPodActive, manageReplicas } from './controllers/replicaset/index';
import { eventObject } from './events';
import type { SimulatedCluster } from './simulated-cluster';
import type { Stored } from './store';

/** One sync of every ReplicaSet; true when a pod was created or deleted. */
export function syncReplicaSets(cluster: SimulatedCluster): boolean {
  const { store } = cluster;
  let changed = false;
  const replicaSets = store.list<ReplicaSet>('ReplicaSet');
  const orphans = replicaSets.length > 0 ? orphanPods(store) : new Map();
  for (const replicaSet of replicaSets) {
    adoptOrphans(store, orphans, asOwner('ReplicaSet', replicaSet), replicaSet.spec?.selector);
    const owned = store.controlledBy<Pod>('Pod', replicaSet);
    const active = owned.filter(isPodActive).length;
    const replicas = replicaSet.spec?.replicas ?? 1;
    if (active === replicas) continue;
    const result = manageReplicas({
      replicaSet,
      ownedPods: owned,
      // Only deletions rank pods by their neighbours; creating needs none of it.
      relatedPods: active > replicas ? relatedPods(cluster, replicaSet, owned) : owned,
      now: cluster.clock.now(),
      nameSequence: cluster.nameSequence(replicaSet.metadata.uid),
    });
    cluster.setNameSequence(replicaSet.metadata.uid, result.nextNameSequence);
    const owner = eventObject('ReplicaSet', replicaSet.metadata.name, replicaSet.metadata.namespace ?? 'default');
    const refused = result.podsToCreate.filter((pod) => cluster.storePod(pod, owner) === undefined).map((pod) => `Created pod: ${pod.metadata?.name ?? ''}`);
    for (const pod of result.podsToDelete) cluster.deletePod(pod as Stored<Pod>);
    cluster.record(result.events.filter((event) => !refused.includes(event.message)));
    changed ||= result.podsToCreate.length > refused.length || result.podsToDelete.length > 0;
  }
  return changed;
}

/** Writes every ReplicaSet's status from its pods as they are now. */
export function updateReplicaSetStatuses(cluster: SimulatedCluster): void {
  const now = cluster.clock.now();
  for (const replicaSet of cluster.store.list<ReplicaSet>('ReplicaSet')) {
    (replicaSet as { status?: ReplicaSet['status'] }).status = calculateReplicaSetStatus(replicaSet, cluster.store.controlledBy<Pod>('Pod', replicaSet), now);
  }
}

/** Pods of every ReplicaSet with the same controller (a Deployment's old and new ReplicaSets) rank deletions. */
function relatedPods(cluster: SimulatedCluster, replicaSet: Stored<ReplicaSet>, owned: Pod[]): Pod[] {
  const owner = controllerOf(replicaSet.metadata);
  const deployment = owner ? cluster.store.get(owner.kind, replicaSet.metadata.namespace ?? '', owner.name) : undefined;
  if (!deployment) return owned;
  return cluster.store.controlledBy<ReplicaSet>('ReplicaSet', deployment).flatMap((sibling) => cluster.store.controlledBy<Pod>('Pod', sibling));
}
