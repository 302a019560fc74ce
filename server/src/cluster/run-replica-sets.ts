/**
 * The ReplicaSet controller over the store, and the ReplicationController controller, which is the same code over
 * ReplicationControllers converted to ReplicaSets (controllers/replicaset/replication-controller.ts): each adopts the
 * orphan pods its selector matches (replica_set.go claimPods), then creates or deletes pods until its active pods
 * match spec.replicas (500 at most per sync, as upstream's burst), then writes its status.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod, ReplicationController } from 'kubernetes-types/core/v1';
import { asOwner, controllerOf } from '../kube/owner-references';
import { adoptOrphans, orphanPods } from './adoption';
import { calculateReplicaSetStatus, isPodActive, manageReplicas, replicaSetOfReplicationController, replicationControllerStatus, type ReplicaControllerKind } from './controllers/replicaset/index';
import { eventObject } from './events';
import type { SimulatedCluster } from './simulated-cluster';
import type { ObjectStore, Stored, StoredObject } from './store';

/** A stored ReplicaSet or ReplicationController, and the ReplicaSet the controller's code reads it as. */
interface ReplicatedObject {
  kind: ReplicaControllerKind;
  stored: StoredObject & { status?: unknown };
  replicaSet: Stored<ReplicaSet>;
}

/** Every ReplicaSet, then every ReplicationController, in creation order. */
function replicatedObjects(store: ObjectStore): ReplicatedObject[] {
  const replicaSets = store.list<ReplicaSet>('ReplicaSet').map((replicaSet) => ({ kind: 'ReplicaSet' as const, stored: replicaSet, replicaSet }));
  const controllers = store.list<ReplicationController>('ReplicationController').map((controller) => ({
    kind: 'ReplicationController' as const,
    stored: controller,
    replicaSet: replicaSetOfReplicationController(controller) as Stored<ReplicaSet>,
  }));
  return [...replicaSets, ...controllers];
}

/** One sync of every ReplicaSet and ReplicationController; true when a pod was created or deleted. */
export function syncReplicaSets(cluster: SimulatedCluster): boolean {
  const { store } = cluster;
  let changed = false;
  const objects = replicatedObjects(store);
  const orphans = objects.length > 0 ? orphanPods(store) : new Map();
  for (const { kind, stored, replicaSet } of objects) {
    adoptOrphans(store, orphans, asOwner(kind, replicaSet), replicaSet.spec?.selector);
    const owned = store.controlledBy<Pod>('Pod', stored);
    const active = owned.filter(isPodActive).length;
    const replicas = replicaSet.spec?.replicas ?? 1;
    if (active === replicas) continue;
    const result = manageReplicas({
      replicaSet,
      controllerKind: kind,
      ownedPods: owned,
      // Only deletions rank pods by their neighbours; creating needs none of it.
      relatedPods: active > replicas ? relatedPods(cluster, replicaSet, owned) : owned,
      now: cluster.clock.now(),
      nameSequence: cluster.nameSequence(replicaSet.metadata.uid),
    });
    cluster.setNameSequence(replicaSet.metadata.uid, result.nextNameSequence);
    const owner = eventObject(kind, replicaSet.metadata.name, replicaSet.metadata.namespace ?? 'default');
    const refused = result.podsToCreate.filter((pod) => cluster.storePod(pod, owner) === undefined).map((pod) => `Created pod: ${pod.metadata?.name ?? ''}`);
    for (const pod of result.podsToDelete) cluster.deletePod(pod as Stored<Pod>);
    cluster.record(result.events.filter((event) => !refused.includes(event.message)));
    changed ||= result.podsToCreate.length > refused.length || result.podsToDelete.length > 0;
  }
  return changed;
}

/** Writes every ReplicaSet's and ReplicationController's status from its pods as they are now. */
export function updateReplicaSetStatuses(cluster: SimulatedCluster): void {
  const now = cluster.clock.now();
  for (const { kind, stored, replicaSet } of replicatedObjects(cluster.store)) {
    const status = calculateReplicaSetStatus(replicaSet, cluster.store.controlledBy<Pod>('Pod', stored), now);
    const written = kind === 'ReplicationController' ? replicationControllerStatus(status) : status;
    // A status equal to the one stored is not written: every settle round computes them all, mostly unchanged.
    if (!sameEntries(stored.status, written)) stored.status = written;
  }
}

/** The same keys in the same order, each with the same value (a nested object the same object). */
function sameEntries(before: unknown, after: object): boolean {
  if (typeof before !== 'object' || before === null) return false;
  const keys = Object.keys(after);
  const beforeKeys = Object.keys(before);
  if (keys.length !== beforeKeys.length) return false;
  return keys.every((key, index) => beforeKeys[index] === key && (before as Record<string, unknown>)[key] === (after as Record<string, unknown>)[key]);
}

/** Pods of every ReplicaSet with the same controller (a Deployment's old and new ReplicaSets) rank deletions. */
function relatedPods(cluster: SimulatedCluster, replicaSet: Stored<ReplicaSet>, owned: Pod[]): Pod[] {
  const owner = controllerOf(replicaSet.metadata);
  const deployment = owner ? cluster.store.get(owner.kind, replicaSet.metadata.namespace ?? '', owner.name) : undefined;
  if (!deployment) return owned;
  return cluster.store.controlledBy<ReplicaSet>('ReplicaSet', deployment).flatMap((sibling) => cluster.store.controlledBy<Pod>('Pod', sibling));
}
