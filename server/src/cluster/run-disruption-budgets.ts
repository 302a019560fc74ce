/**
 * The disruption controller over the store: every PodDisruptionBudget's status, written from the pods its selector
 * matches and the scale of their controllers (disruption.go finders: getPodReplicationController,
 * getPodDeployment, getPodReplicaSet, getPodStatefulSet). The scheduler reads `disruptionsAllowed` from there
 * when it picks preemption victims, as it reads it from its informer upstream.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { controllerOf } from '../kube/owner-references';
import { disruptionBudgetStatus, type ControllerScale } from './controllers/disruption';
import type { SimulatedCluster } from './simulated-cluster';
import type { ObjectStore, StoredObject } from './store';

interface ScaledObject extends StoredObject {
  spec?: { replicas?: number };
}

/** The stored controller a reference names, when its uid still matches (a re-created object is another one). */
function referenced(store: ObjectStore, kind: string, name: string, uid: string | undefined, namespace: string): ScaledObject | undefined {
  const object = store.get<ScaledObject>(kind, namespace, name);
  return object && object.metadata.uid === uid ? object : undefined;
}

/**
 * The finders in upstream's order. A ReplicaSet a Deployment controls counts as that Deployment; spec.replicas
 * left out is 1, as API defaulting sets it. DaemonSets, Jobs and other owners have no scale: no controller found.
 */
function findControllerScale(store: ObjectStore, controllerRef: OwnerReference, namespace: string): ControllerScale | undefined {
  const scaleOf = (object: ScaledObject): ControllerScale => ({ uid: object.metadata.uid, scale: object.spec?.replicas ?? 1 });
  if (controllerRef.kind === 'ReplicationController' || controllerRef.kind === 'StatefulSet') {
    const object = referenced(store, controllerRef.kind, controllerRef.name, controllerRef.uid, namespace);
    return object ? scaleOf(object) : undefined;
  }
  if (controllerRef.kind !== 'ReplicaSet') return undefined;
  const replicaSet = referenced(store, 'ReplicaSet', controllerRef.name, controllerRef.uid, namespace);
  if (!replicaSet) return undefined;
  const owner = controllerOf(replicaSet.metadata);
  if (owner?.kind !== 'Deployment') return scaleOf(replicaSet);
  const deployment = referenced(store, 'Deployment', owner.name, owner.uid, namespace);
  return deployment ? scaleOf(deployment) : undefined;
}

/** One sync of every PodDisruptionBudget: its status, from the store as it is now. */
export function syncDisruptionBudgets(cluster: SimulatedCluster): void {
  const { store } = cluster;
  for (const pdb of store.list<PodDisruptionBudget>('PodDisruptionBudget')) {
    const namespace = pdb.metadata.namespace ?? '';
    const pods = store.select<Pod>('Pod', namespace, pdb.spec?.selector);
    const status = disruptionBudgetStatus(pdb, pods, (controllerRef, podNamespace) => findControllerScale(store, controllerRef, podNamespace), cluster.clock.now());
    (pdb as { status?: PodDisruptionBudget['status'] }).status = status;
  }
}
