/**
 * What the PersistentVolume controller and the scheduler's VolumeBinding plugin read of claims, volumes and
 * classes, shared by both (component-helpers/storage/volume/helpers.go and pv_helpers.go: GetPersistentVolumeClaimClass,
 * GetPersistentVolumeClass, IsVolumeBoundToClaim, CheckVolumeModeMismatches, CheckAccessModes, IsDelayBindingMode;
 * the annotations of pkg/controller/volume/persistentvolume/util).
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { milliValue, quantityOf } from '../../kube/quantity';

/** AnnBindCompleted: the controller finished binding the claim. */
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
/** AnnBoundByController: the controller, not the user, set the claim's volumeName or the volume's claimRef. */
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
/** AnnSelectedNode: the node the scheduler picked for a WaitForFirstConsumer claim. */
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
/** AnnStorageProvisioner and its beta twin: the provisioner asked to create the claim's volume. */
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
/** AnnDynamicallyProvisioned: set by the provisioner on the volumes it creates. */
export const ANN_DYNAMICALLY_PROVISIONED = 'pv.kubernetes.io/provisioned-by';
/** The beta annotation that still overrides spec.storageClassName. */
const ANN_BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';
/** NotSupportedProvisioner: a class whose volumes are created by hand (local volumes). */
export const NOT_SUPPORTED_PROVISIONER = 'kubernetes.io/no-provisioner';

/** GetPersistentVolumeClaimClass: the beta annotation, else spec.storageClassName, else "". */
export function claimClass(claim: PersistentVolumeClaim): string {
  return claim.metadata?.annotations?.[ANN_BETA_STORAGE_CLASS] ?? claim.spec?.storageClassName ?? '';
}

/** GetPersistentVolumeClass. */
export function volumeClass(volume: PersistentVolume): string {
  return volume.metadata?.annotations?.[ANN_BETA_STORAGE_CLASS] ?? volume.spec?.storageClassName ?? '';
}

/** IsVolumeBoundToClaim: claimRef names the claim (and its uid, when claimRef has one). */
export function isVolumeBoundToClaim(volume: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const ref = volume.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== claim.metadata?.name || (ref.namespace ?? '') !== (claim.metadata?.namespace ?? 'default')) return false;
  return !ref.uid || ref.uid === claim.metadata?.uid;
}

/** Storage in milli-units (spec.resources.requests.storage of a claim, spec.capacity.storage of a volume); 0 when unset. */
export function storageOf(value: string | number | undefined): bigint {
  const quantity = value === undefined ? undefined : quantityOf(value);
  return quantity ? milliValue(quantity) : 0n;
}

export function requestedStorage(claim: PersistentVolumeClaim): bigint {
  return storageOf(claim.spec?.resources?.requests?.['storage']);
}

export function volumeCapacity(volume: PersistentVolume): bigint {
  return storageOf(volume.spec?.capacity?.['storage']);
}

/** CheckVolumeModeMismatches: both default to Filesystem. */
export function volumeModeMismatches(claim: PersistentVolumeClaim, volume: PersistentVolume): boolean {
  return (claim.spec?.volumeMode ?? 'Filesystem') !== (volume.spec?.volumeMode ?? 'Filesystem');
}

/** CheckAccessModes: every mode the claim asks for is one the volume has. */
export function hasAccessModes(claim: PersistentVolumeClaim, volume: PersistentVolume): boolean {
  const modes = new Set(volume.spec?.accessModes ?? []);
  return (claim.spec?.accessModes ?? []).every((mode) => modes.has(mode));
}

/** IsDelayBindingMode: the claim's class exists and binds WaitForFirstConsumer. */
export function isDelayBinding(claim: PersistentVolumeClaim, classes: ReadonlyMap<string, StorageClass>): boolean {
  const name = claimClass(claim);
  return name !== '' && classes.get(name)?.volumeBindingMode === 'WaitForFirstConsumer';
}

/** IsPVCFullyBound as the scheduler's binder reads it: a volumeName and the bind-completed annotation. */
export function isClaimFullyBound(claim: PersistentVolumeClaim): boolean {
  return !!claim.spec?.volumeName && claim.metadata?.annotations?.[ANN_BIND_COMPLETED] !== undefined;
}
