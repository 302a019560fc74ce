/** The plan's persistentVolumeClaims: each claim as the PersistentVolume controller left it. */
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { PlannedPersistentVolumeClaim } from '../protocol/plan';
import type { Stored } from './store';

export function planPersistentVolumeClaims(claims: readonly Stored<PersistentVolumeClaim>[]): PlannedPersistentVolumeClaim[] {
  return claims
    .map((claim) => ({
      name: claim.metadata.name,
      namespace: claim.metadata.namespace ?? 'default',
      phase: claim.status?.phase ?? 'Pending',
      volume: claim.spec?.volumeName || null,
      storageClass: claim.spec?.storageClassName ?? null,
      capacity: claim.status?.capacity?.['storage'] ?? null,
      accessModes: claim.status?.accessModes ?? [],
    }))
    .sort((a, b) => (a.namespace !== b.namespace ? (a.namespace < b.namespace ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
