/**
 * The default class of a kind, as DefaultStorageClass (pkg/volume/util/storageclass.go GetDefaultClass) and
 * DefaultIngressClass (plugin/pkg/admission/network/defaultingressclass/admission.go getDefaultClass) choose it
 * since they accept several defaults (1.26 and 1.28; every version kubeplan plans for): among the classes
 * annotated as default, the newest by creationTimestamp, the first by name among equally new ones.
 */
import type { StoredObject } from '../store';

export function newestDefaultClass<T extends StoredObject>(classes: readonly T[], isDefault: (annotations: Record<string, string>) => boolean): T | undefined {
  let newest: T | undefined;
  for (const candidate of classes) {
    if (!isDefault(candidate.metadata.annotations ?? {})) continue;
    if (!newest || isNewer(candidate, newest)) newest = candidate;
  }
  return newest;
}

function isNewer(candidate: StoredObject, than: StoredObject): boolean {
  const candidateTime = Date.parse(candidate.metadata.creationTimestamp);
  const thanTime = Date.parse(than.metadata.creationTimestamp);
  return candidateTime !== thanTime ? candidateTime > thanTime : candidate.metadata.name < than.metadata.name;
}
