/**
 * The DefaultStorageClass admission plugin (plugin/pkg/admission/storage/storageclass/setdefault/admission.go,
 * `Admit` for persistentvolumeclaims on create): a claim without a class (no `spec.storageClassName` and no
 * `volume.beta.kubernetes.io/storage-class` annotation, PersistentVolumeClaimHasClass) gets the default
 * StorageClass's name; without a default it keeps none. An empty `storageClassName: ""` is a class (none, on
 * purpose) and is kept.
 */
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { AdmissionPlugin } from './admission';
import { newestDefaultClass } from './default-class';

export const defaultStorageClass: AdmissionPlugin = {
  name: 'DefaultStorageClass',
  admit(request, context) {
    if (request.operation !== 'CREATE' || request.object.kind !== 'PersistentVolumeClaim') return undefined;
    const claim = request.object as PersistentVolumeClaim;
    if (claim.spec?.storageClassName !== undefined || claim.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] !== undefined) return undefined;
    const chosen = newestDefaultClass(context.store.list<StorageClass>('StorageClass'), isDefaultStorageClass);
    if (chosen) claim.spec = { ...claim.spec, storageClassName: chosen.metadata.name };
    return undefined;
  },
};

/** IsDefaultAnnotation (pkg/volume/util/storageclass.go): the GA or the beta annotation set to "true". */
function isDefaultStorageClass(annotations: Record<string, string>): boolean {
  return annotations['storageclass.kubernetes.io/is-default-class'] === 'true' || annotations['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}
