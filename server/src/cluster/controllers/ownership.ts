/** Controller ownership of pods (apimachinery metav1.NewControllerRef, GetControllerOf). */
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { Pod } from 'kubernetes-types/core/v1';

interface Owner {
  metadata?: { name?: string; namespace?: string; uid?: string };
}

/** The reference a controller puts on the pods it creates. */
export function controllerReference(kind: string, owner: Owner): OwnerReference {
  return { apiVersion: 'apps/v1', kind, name: owner.metadata?.name ?? '', uid: owner.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/** Whether `owner` (of `kind`, in the pod's namespace) is the pod's controller. */
export function isControlledBy(pod: Pod, kind: string, owner: Owner): boolean {
  const reference = pod.metadata?.ownerReferences?.find((candidate) => candidate.controller);
  return (
    reference?.kind === kind &&
    reference.name === owner.metadata?.name &&
    (pod.metadata?.namespace ?? 'default') === (owner.metadata?.namespace ?? 'default')
  );
}
