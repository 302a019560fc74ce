/**
 * The writes of a binding (pkg/controller/volume/persistentvolume/pv_controller.go bind, bindVolumeToClaim,
 * bindClaimToVolume, updateVolumePhase, updateClaimStatus): the volume's claimRef and Bound phase, the claim's
 * volumeName, bind-completed annotation, Bound phase, capacity and access modes. New objects; nothing is changed
 * in place.
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, isVolumeBoundToClaim } from '../../storage/volume-helpers';

export function bindVolumeToClaim(volume: PersistentVolume, claim: PersistentVolumeClaim): PersistentVolume {
  const boundAlready = isVolumeBoundToClaim(volume, claim) && volume.spec?.claimRef?.uid === claim.metadata?.uid;
  const annotations = { ...volume.metadata?.annotations };
  // The controller set the claimRef: bound-by-controller says so (a pre-bound volume keeps what the user wrote).
  if (!volume.spec?.claimRef) annotations[ANN_BOUND_BY_CONTROLLER] = 'yes';
  const claimRef = boundAlready
    ? volume.spec!.claimRef!
    : { kind: 'PersistentVolumeClaim', namespace: claim.metadata?.namespace ?? 'default', name: claim.metadata?.name ?? '', uid: claim.metadata?.uid ?? '', apiVersion: 'v1' };
  return {
    ...volume,
    metadata: { ...volume.metadata, annotations },
    spec: { ...volume.spec, claimRef },
    status: { ...volume.status, phase: 'Bound' },
  };
}

export function bindClaimToVolume(claim: PersistentVolumeClaim, volume: PersistentVolume): PersistentVolumeClaim {
  const annotations: Record<string, string> = { ...claim.metadata?.annotations, [ANN_BIND_COMPLETED]: 'yes' };
  const volumeName = volume.metadata?.name ?? '';
  if (claim.spec?.volumeName !== volumeName) annotations[ANN_BOUND_BY_CONTROLLER] = 'yes';
  const storage = volume.spec?.capacity?.['storage'];
  return {
    ...claim,
    metadata: { ...claim.metadata, annotations },
    spec: { ...claim.spec, volumeName },
    status: {
      ...claim.status,
      phase: 'Bound',
      accessModes: volume.spec?.accessModes ?? [],
      ...(storage !== undefined ? { capacity: { storage } } : {}),
    },
  };
}
