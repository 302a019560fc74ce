/**
 * What the PersistentVolume controller does with a claim that is not bound yet (pkg/controller/volume/
 * persistentvolume/pv_controller.go syncUnboundClaim, emitEventForUnboundDelayBindingClaim, provisionClaim,
 * findProvisionablePlugin). A pure decision: the driver writes it.
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { findBestMatchForClaim } from './find-match';
import {
  ANN_SELECTED_NODE,
  claimClass,
  isDelayBinding,
  isVolumeBoundToClaim,
  NOT_SUPPORTED_PROVISIONER,
  requestedStorage,
  volumeCapacity,
  volumeClass,
  volumeModeMismatches,
} from '../../storage/volume-helpers';

export type ClaimDecision =
  /** bind(volume, claim). */
  | { action: 'bind'; volume: PersistentVolume }
  /** The claim stays Pending; the event is the controller's, when it records one. */
  | { action: 'pending'; event?: { type: 'Normal' | 'Warning'; reason: string; message: string } }
  /** provisionClaimOperationExternal: the claim is annotated for the external provisioner, which creates the volume. */
  | { action: 'provision'; class: StorageClass };

export const WAIT_FOR_FIRST_CONSUMER_MESSAGE = 'waiting for first consumer to be created before binding';

/** events.ExternalProvisioning's message (provisionClaimOperationExternal). */
export function externalProvisioningMessage(provisioner: string): string {
  return `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`;
}

/**
 * syncUnboundClaim. Without spec.volumeName: the best matching volume (findBestMatchForClaim); none, and the class
 * binds WaitForFirstConsumer with no node selected yet: wait for the scheduler; none and a class named: provision;
 * none and no class: FailedBinding. With spec.volumeName: that volume when it exists, is free (or pre-bound to the
 * claim) and satisfies the claim.
 */
export function syncUnboundClaim(claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[], classes: ReadonlyMap<string, StorageClass>): ClaimDecision {
  const wantedName = claim.spec?.volumeName;
  if (!wantedName) {
    const delayBinding = isDelayBinding(claim, classes);
    const volume = findBestMatchForClaim(claim, volumes, delayBinding);
    if (volume) return { action: 'bind', volume };
    const className = claimClass(claim);
    if (delayBinding && claim.metadata?.annotations?.[ANN_SELECTED_NODE] === undefined) {
      return { action: 'pending', event: { type: 'Normal', reason: 'WaitForFirstConsumer', message: WAIT_FOR_FIRST_CONSUMER_MESSAGE } };
    }
    if (className !== '') return provisionDecision(className, classes);
    return { action: 'pending', event: { type: 'Normal', reason: 'FailedBinding', message: 'no persistent volumes available for this claim and no storage class is set' } };
  }
  const volume = volumes.find((candidate) => candidate.metadata?.name === wantedName);
  // The volume asked for does not exist (yet): Pending, tried again later, no event.
  if (!volume) return { action: 'pending' };
  if (!volume.spec?.claimRef) {
    const mismatch = volumeMismatch(volume, claim);
    if (mismatch) return { action: 'pending', event: { type: 'Warning', reason: 'VolumeMismatch', message: `Cannot bind to requested volume "${wantedName}": ${mismatch}` } };
    return { action: 'bind', volume };
  }
  if (isVolumeBoundToClaim(volume, claim)) return { action: 'bind', volume };
  return { action: 'pending', event: { type: 'Warning', reason: 'FailedBinding', message: `volume "${wantedName}" already bound to a different claim.` } };
}

/**
 * findProvisionablePlugin: an unknown class fails; `kubernetes.io/…` provisioners are in-tree plugins, of which
 * kubeplan knows none (no-provisioner is not one); any other provisioner is external.
 */
function provisionDecision(className: string, classes: ReadonlyMap<string, StorageClass>): ClaimDecision {
  const storageClass = classes.get(className);
  if (!storageClass) return { action: 'pending', event: { type: 'Warning', reason: 'ProvisioningFailed', message: `storageclass.storage.k8s.io "${className}" not found` } };
  const provisioner = storageClass.provisioner;
  if (provisioner === NOT_SUPPORTED_PROVISIONER) {
    return { action: 'pending', event: { type: 'Warning', reason: 'ProvisioningFailed', message: `no volume plugin matched name: ${provisioner}` } };
  }
  return { action: 'provision', class: storageClass };
}

/** checkVolumeSatisfyClaim: size, class, volume mode (access modes are not checked on this path). */
function volumeMismatch(volume: PersistentVolume, claim: PersistentVolumeClaim): string | undefined {
  if (volumeCapacity(volume) < requestedStorage(claim)) return 'requested PV is too small';
  if (claimClass(claim) !== volumeClass(volume)) return 'storageClassName does not match';
  if (volumeModeMismatches(claim, volume)) return 'incompatible volumeMode';
  return undefined;
}
