/**
 * Which PersistentVolume the controller binds a claim to (pkg/controller/volume/persistentvolume/index.go
 * findByClaim, allPossibleMatchingAccessModes).
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { findMatchingVolume } from '../../storage/find-matching-volume';

/**
 * findBestMatchForClaim (index.go findByClaim): the volumes are indexed by their set of access modes; the sets
 * that hold every mode the claim asks for are tried fewest modes first, and the first set with a match gives
 * the volume. So a ReadWriteOnce claim takes a ReadWriteOnce volume before a larger-moded one of any size.
 */
export function findBestMatchForClaim(claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[], delayBinding: boolean): PersistentVolume | undefined {
  const byModes = new Map<string, PersistentVolume[]>();
  for (const volume of volumes) {
    const key = [...new Set(volume.spec?.accessModes ?? [])].sort().join(',');
    const group = byModes.get(key);
    if (group) group.push(volume);
    else byModes.set(key, [volume]);
  }
  const wanted = claim.spec?.accessModes ?? [];
  const candidates = [...byModes.entries()]
    .map(([key, group]) => ({ modes: key === '' ? [] : key.split(','), group }))
    .filter(({ modes }) => wanted.every((mode) => modes.includes(mode)))
    .sort((a, b) => a.modes.length - b.modes.length);
  for (const { group } of candidates) {
    const match = findMatchingVolume(claim, group, undefined, new Set(), delayBinding);
    if (match) return match;
  }
  return undefined;
}
