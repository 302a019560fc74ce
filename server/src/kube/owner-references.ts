/** Controller references (apimachinery metav1.GetControllerOf, NewControllerRef) over plain objects. */
import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';

export interface OwnerIdentity {
  apiVersion: string;
  kind: string;
  metadata?: ObjectMeta;
}

/** An apps/v1 Deployment or ReplicaSet as the owner of what it controls. */
export function appsOwner(kind: 'Deployment' | 'ReplicaSet', object: { metadata?: ObjectMeta }): OwnerIdentity {
  return { apiVersion: 'apps/v1', kind, metadata: object.metadata ?? {} };
}

export function controllerOf(metadata: ObjectMeta | undefined): OwnerReference | undefined {
  return metadata?.ownerReferences?.find((reference) => reference.controller === true);
}

/** A reference names its owner by uid when both carry one, else by kind and name (objects not yet stored). */
export function isControlledBy(metadata: ObjectMeta | undefined, owner: OwnerIdentity): boolean {
  const reference = controllerOf(metadata);
  if (!reference) return false;
  const uid = owner.metadata?.uid;
  if (uid !== undefined && reference.uid) return reference.uid === uid;
  return reference.kind === owner.kind && reference.name === owner.metadata?.name;
}

export function controllerReference(owner: OwnerIdentity): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata?.name ?? '',
    uid: owner.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}
