/** component-helpers/storage/volume/pv_helpers.go FindMatchingVolume, for the PV controller and the scheduler. */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { compileLabelSelector, labelsOf, MATCH_EVERYTHING } from '../../kube/label-selectors';
import type { PlainValue } from '../../kube/plain-values';
import { claimClass, hasAccessModes, isVolumeBoundToClaim, requestedStorage, volumeCapacity, volumeClass, volumeModeMismatches } from './volume-helpers';

/**
 * FindMatchingVolume: a volume pre-bound to the claim (claimRef) wins at once; otherwise the smallest Available
 * volume at least as large as the request, of the claim's class and volume mode, whose labels the claim's selector
 * matches. `fitsNode` is the scheduler's path: node affinity and access modes are checked there, and a volume
 * pre-bound to the claim but not fitting the node means no match. Without a node, a WaitForFirstConsumer claim
 * binds only to a volume pre-bound to it: the rest is the scheduler's to choose.
 */
export function findMatchingVolume(
  claim: PersistentVolumeClaim,
  volumes: readonly PersistentVolume[],
  /** The scheduler's path: whether the volume's node affinity admits the node it is trying. */
  fitsNode: ((volume: PersistentVolume) => boolean) | undefined,
  excluded: ReadonlySet<string>,
  delayBinding: boolean,
): PersistentVolume | undefined {
  const requested = requestedStorage(claim);
  const requestedClass = claimClass(claim);
  const selects = claim.spec?.selector ? compileLabelSelector(claim.spec.selector) : MATCH_EVERYTHING;
  let smallest: PersistentVolume | undefined;
  let smallestCapacity = 0n;
  for (const volume of volumes) {
    if (excluded.has(volume.metadata?.name ?? '')) continue;
    const boundToClaim = isVolumeBoundToClaim(volume, claim);
    if (volume.spec?.claimRef && !boundToClaim) continue;
    const capacity = volumeCapacity(volume);
    if (capacity < requested) continue;
    if (volumeModeMismatches(claim, volume)) continue;
    if (volume.metadata?.deletionTimestamp) continue;
    const nodeAffinityValid = fitsNode === undefined || fitsNode(volume);
    if (boundToClaim) return nodeAffinityValid ? volume : undefined;
    if (fitsNode === undefined && delayBinding) continue;
    if (volume.status?.phase !== 'Available') continue;
    if (!selects(labelsOf(volume.metadata?.labels as PlainValue))) continue;
    if (volumeClass(volume) !== requestedClass) continue;
    if (!nodeAffinityValid) continue;
    if (fitsNode !== undefined && !hasAccessModes(claim, volume)) continue;
    if (smallest === undefined || smallestCapacity > capacity) {
      smallest = volume;
      smallestCapacity = capacity;
    }
  }
  return smallest;
}
