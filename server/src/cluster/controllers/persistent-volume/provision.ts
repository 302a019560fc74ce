/**
 * The volume an external provisioner creates for a claim (sigs.k8s.io/sig-storage-lib-external-provisioner
 * controller.go provisionClaimOperation): named `pvc-<claim uid>`, pre-bound to the claim, of the claim's size,
 * access modes and volume mode, with the class's name, reclaim policy and mount options. The driver's own part
 * (the volume source, topology) is unknown: the volume is a CSI volume of the provisioner's driver without node
 * affinity.
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { ANN_BETA_STORAGE_PROVISIONER, ANN_DYNAMICALLY_PROVISIONED, ANN_STORAGE_PROVISIONER } from '../../storage/volume-helpers';

/** setClaimProvisioner: the annotations that hand the claim to the class's provisioner. */
export function claimForProvisioner(claim: PersistentVolumeClaim, provisioner: string): PersistentVolumeClaim {
  const annotations = { ...claim.metadata?.annotations, [ANN_BETA_STORAGE_PROVISIONER]: provisioner, [ANN_STORAGE_PROVISIONER]: provisioner };
  return { ...claim, metadata: { ...claim.metadata, annotations } };
}

export function provisionedVolumeName(claim: PersistentVolumeClaim): string {
  return `pvc-${claim.metadata?.uid ?? ''}`;
}

export function provisionedVolume(claim: PersistentVolumeClaim, storageClass: StorageClass): PersistentVolume {
  const name = provisionedVolumeName(claim);
  const storage = claim.spec?.resources?.requests?.['storage'];
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, annotations: { [ANN_DYNAMICALLY_PROVISIONED]: storageClass.provisioner } },
    spec: {
      accessModes: claim.spec?.accessModes ?? [],
      capacity: storage !== undefined ? { storage } : {},
      claimRef: { kind: 'PersistentVolumeClaim', namespace: claim.metadata?.namespace ?? 'default', name: claim.metadata?.name ?? '', uid: claim.metadata?.uid ?? '', apiVersion: 'v1' },
      persistentVolumeReclaimPolicy: storageClass.reclaimPolicy ?? 'Delete',
      storageClassName: storageClass.metadata?.name ?? '',
      volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
      ...(storageClass.mountOptions ? { mountOptions: storageClass.mountOptions } : {}),
      csi: { driver: storageClass.provisioner, volumeHandle: name },
    },
  };
}
