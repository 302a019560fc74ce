/**
 * The PersistentVolume controller over the store (pkg/controller/volume/persistentvolume/pv_controller.go
 * syncClaim, syncVolume), the external provisioners it hands claims to, and the writes of the scheduler's
 * VolumeBinding PreBind (binder.go BindPodVolumes). Provisioning is assumed to succeed at once, so a claim to
 * provision is bound in the same sync.
 */
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { bindClaimToVolume, bindVolumeToClaim } from './controllers/persistent-volume/bind';
import { claimForProvisioner, provisionedVolume, provisionedVolumeName } from './controllers/persistent-volume/provision';
import { externalProvisioningMessage, syncUnboundClaim } from './controllers/persistent-volume/sync-claim';
import { eventObject } from './events';
import type { ClusterEvent } from '../protocol/plan';
import { volumeBindingPreFilter, findPodVolumes, type VolumeObjects } from './scheduler/volume-binding';
import type { SimulatedCluster } from './simulated-cluster';
import { ANN_DYNAMICALLY_PROVISIONED, ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER, isClaimFullyBound } from './storage/volume-helpers';
import type { Stored } from './store';

/** One sync of every volume and every claim not bound yet; true when anything was bound or created. */
export function syncPersistentVolumes(cluster: SimulatedCluster): boolean {
  const classes = storageClasses(cluster);
  let changed = syncVolumes(cluster);
  for (const claim of cluster.store.list<PersistentVolumeClaim>('PersistentVolumeClaim')) changed = syncClaim(cluster, claim, classes) || changed;
  return changed;
}

/** The claims, volumes and classes for the scheduler, read through the store so that bindings made mid-pass are seen. */
export function volumeObjects(cluster: SimulatedCluster): VolumeObjects {
  const store = cluster.store;
  return {
    claim: (namespace, name) => store.get<PersistentVolumeClaim>('PersistentVolumeClaim', namespace, name),
    volume: (name) => store.get<PersistentVolume>('PersistentVolume', '', name),
    volumes: () => store.list<PersistentVolume>('PersistentVolume'),
    classes: storageClasses(cluster),
  };
}

function storageClasses(cluster: SimulatedCluster): Map<string, StorageClass> {
  return new Map(cluster.store.list<StorageClass>('StorageClass').map((storageClass) => [storageClass.metadata.name, storageClass]));
}

/** syncVolume for volumes no claim holds: an unclaimed volume (or one pre-bound to a claim not bound yet) is Available. */
function syncVolumes(cluster: SimulatedCluster): boolean {
  let changed = false;
  for (const volume of cluster.store.list<PersistentVolume>('PersistentVolume')) {
    if (volume.status?.phase !== undefined && volume.status.phase !== 'Pending') continue;
    cluster.store.update<PersistentVolume>({ ...volume, status: { ...volume.status, phase: 'Available' } });
    changed = true;
  }
  return changed;
}

/** syncClaim for a claim not bound yet: bind, provision and bind, or leave Pending (with the controller's event, once). */
function syncClaim(cluster: SimulatedCluster, claim: Stored<PersistentVolumeClaim>, classes: ReadonlyMap<string, StorageClass>): boolean {
  if (isClaimFullyBound(claim)) return false;
  const object = eventObject('PersistentVolumeClaim', claim.metadata.name, claim.metadata.namespace ?? 'default');
  const decision = syncUnboundClaim(claim, cluster.store.list<PersistentVolume>('PersistentVolume'), classes);
  if (decision.action === 'bind') {
    bind(cluster, claim, decision.volume);
    return true;
  }
  if (decision.action === 'pending') {
    if (claim.status?.phase !== 'Pending') cluster.store.update<PersistentVolumeClaim>({ ...claim, status: { ...claim.status, phase: 'Pending' } });
    if (decision.event && firstTime(cluster, `${claim.metadata.uid} ${decision.event.reason} ${decision.event.message}`)) cluster.record([{ ...decision.event, object }]);
    return false;
  }
  // provisionClaimOperationExternal, then the external provisioner's provisionClaimOperation.
  const provisioner = decision.class.provisioner;
  const annotated = cluster.store.update(claimForProvisioner({ ...claim, status: { ...claim.status, phase: 'Pending' } }, provisioner));
  const namespacedName = `${claim.metadata.namespace ?? 'default'}/${claim.metadata.name}`;
  const events: ClusterEvent[] = [
    { type: 'Normal', reason: 'ExternalProvisioning', object, message: externalProvisioningMessage(provisioner) },
    { type: 'Normal', reason: 'Provisioning', object, message: `External provisioner is provisioning volume for claim "${namespacedName}"` },
  ];
  const volume = cluster.store.get<PersistentVolume>('PersistentVolume', '', provisionedVolumeName(claim)) ?? createVolume(cluster, provisionedVolume(annotated, decision.class));
  if (!volume) {
    cluster.record(events);
    return false;
  }
  events.push({ type: 'Normal', reason: 'ProvisioningSucceeded', object, message: `Successfully provisioned volume ${volume.metadata.name}` });
  cluster.record(events);
  bind(cluster, annotated, volume);
  return true;
}

/**
 * Upstream records a pending claim's event at every sync (the event recorder counts the repeats); the plan records
 * it once per claim.
 */
const recordedPendingEvents = new WeakMap<SimulatedCluster, Set<string>>();

function firstTime(cluster: SimulatedCluster, key: string): boolean {
  let seen = recordedPendingEvents.get(cluster);
  if (!seen) recordedPendingEvents.set(cluster, (seen = new Set()));
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

function createVolume(cluster: SimulatedCluster, volume: PersistentVolume): Stored<PersistentVolume> | undefined {
  try {
    return cluster.store.create(volume);
  } catch {
    return undefined;
  }
}

function bind(cluster: SimulatedCluster, claim: PersistentVolumeClaim, volume: PersistentVolume): void {
  const boundVolume = cluster.store.update(bindVolumeToClaim(volume, claim));
  cluster.store.update(bindClaimToVolume(claim, boundVolume));
}

/**
 * VolumeBinding's PreBind for a pod just bound to `nodeName`: its WaitForFirstConsumer claims are bound to the
 * volumes the Filter chose on that node, or annotated with the node for their provisioner; the PV controller
 * then completes them. PreBind waits for that before the pod is bound, so it all happens here, at once.
 */
export function bindPodVolumes(cluster: SimulatedCluster, pod: Pod, nodeName: string): void {
  const objects = volumeObjects(cluster);
  const preFilter = volumeBindingPreFilter(pod, objects);
  const node = cluster.scheduler().byName.get(nodeName)?.node;
  if (preFilter.kind !== 'state' || preFilter.state.delayBindingClaims.length === 0 || !node) return;
  const { podVolumes } = findPodVolumes(preFilter.state, node);
  for (const { claim, volume } of podVolumes.staticBindings) bind(cluster, claim, volume);
  for (const claim of podVolumes.dynamicProvisions) {
    const annotated = cluster.store.update<PersistentVolumeClaim>({ ...claim, metadata: { ...claim.metadata, annotations: { ...claim.metadata?.annotations, [ANN_SELECTED_NODE]: nodeName } } });
    syncClaim(cluster, annotated as Stored<PersistentVolumeClaim>, objects.classes);
  }
}

/**
 * The plan's notes on volumes: the provisioners it assumed, and what it does not model where the input uses it
 * (ReadWriteOncePod claims, which VolumeRestrictions would keep to one pod; claim retention on scale-down).
 */
export function volumeNotes(cluster: SimulatedCluster): string[] {
  const provisioners = new Set<string>();
  for (const volume of cluster.store.list<PersistentVolume>('PersistentVolume')) {
    const provisioner = volume.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED];
    if (provisioner !== undefined) provisioners.add(provisioner);
  }
  const claims = cluster.store.list<PersistentVolumeClaim>('PersistentVolumeClaim');
  for (const claim of claims) {
    const provisioner = claim.metadata.annotations?.[ANN_STORAGE_PROVISIONER];
    if (provisioner !== undefined) provisioners.add(provisioner);
  }
  const notes = [...provisioners].map(
    (provisioner) =>
      `volumes of provisioner ${provisioner} were assumed to be provisioned at once and to succeed, without node affinity (the driver's topology and storage capacity are not known)`,
  );
  if (claims.some((claim) => (claim.spec?.accessModes ?? []).includes('ReadWriteOncePod'))) {
    notes.push('ReadWriteOncePod claims were not checked for a second pod using them (the scheduler plugin VolumeRestrictions is not modelled)');
  }
  for (const set of cluster.store.list<StatefulSet>('StatefulSet')) {
    const policy = set.spec?.persistentVolumeClaimRetentionPolicy;
    if (policy?.whenDeleted === 'Delete' || policy?.whenScaled === 'Delete') {
      notes.push(`StatefulSet ${set.metadata.namespace ?? 'default'}/${set.metadata.name}: persistentVolumeClaimRetentionPolicy is not modelled, its claims are kept`);
    }
  }
  return notes;
}
