/** Defaults of the storage.k8s.io/v1 kinds (pkg/apis/storage/v1/defaults.go). */
import type { PlainObject, PlainValue } from '../kube/plain-values';
import { ensureObject } from './plain';

/** Defaults a pointer field: only nil (unset or null) is defaulted, an empty string stays and is validated. */
function setIfNil(object: PlainObject, field: string, value: PlainValue): void {
  if (object[field] === undefined || object[field] === null) object[field] = value;
}

/** SetDefaults_StorageClass: reclaimPolicy Delete, volumeBindingMode Immediate. */
export function defaultStorageClass(storageClass: PlainObject): void {
  setIfNil(storageClass, 'reclaimPolicy', 'Delete');
  setIfNil(storageClass, 'volumeBindingMode', 'Immediate');
}

/**
 * SetDefaults_CSIDriver: attachRequired true, podInfoOnMount, storageCapacity and requiresRepublish false,
 * fsGroupPolicy ReadWriteOnceWithFSType, volumeLifecycleModes [Persistent] when empty. (seLinuxMount is defaulted
 * only with the SELinuxMountReadWriteOncePod gate and is never validated for presence without it.)
 */
export function defaultCSIDriver(driver: PlainObject): void {
  const spec = ensureObject(driver, 'spec');
  setIfNil(spec, 'attachRequired', true);
  setIfNil(spec, 'podInfoOnMount', false);
  setIfNil(spec, 'storageCapacity', false);
  setIfNil(spec, 'fsGroupPolicy', 'ReadWriteOnceWithFSType');
  const modes = spec['volumeLifecycleModes'];
  if (!Array.isArray(modes) || modes.length === 0) spec['volumeLifecycleModes'] = ['Persistent'];
  setIfNil(spec, 'requiresRepublish', false);
}
