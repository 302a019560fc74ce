/**
 * Controller references, as k8s.io/apimachinery/pkg/apis/meta/v1/controller_ref.go makes and reads them
 * (NewControllerRef, GetControllerOf, IsControlledBy), for the objects a controller creates and claims.
 */
import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';

/**
 * The group/version of each kind whose controller owns what it creates: the GroupVersionKind the controller
 * passes to NewControllerRef (its `controllerKind`, e.g. apps.SchemeGroupVersion.WithKind("Deployment")).
 */
const CONTROLLER_API_VERSIONS = {
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  ReplicationController: 'v1',
  Service: 'v1',
} as const;

export type ControllerKind = keyof typeof CONTROLLER_API_VERSIONS;

export interface Owner {
  apiVersion: string;
  kind: string;
  metadata?: ObjectMeta;
}

/** An object of a controller kind as the owner of what its controller creates. */
export function asOwner(kind: ControllerKind, object: { metadata?: ObjectMeta }): Owner {
  return { apiVersion: CONTROLLER_API_VERSIONS[kind], kind, metadata: object.metadata ?? {} };
}

/** GetControllerOf: the first owner reference marked `controller: true`. */
export function controllerOf(metadata: ObjectMeta | undefined): OwnerReference | undefined {
  return metadata?.ownerReferences?.find((reference) => reference.controller === true);
}

/**
 * Whether `owner` is the controller of the object with this metadata. IsControlledBy compares uids; objects the
 * model has not stored yet may carry none, so the reference names its owner by uid when both carry one, else by
 * kind and name. An owner reference has no namespace: a namespaced owner is always in its dependent's namespace.
 */
export function isControlledBy(metadata: ObjectMeta | undefined, owner: Owner): boolean {
  const reference = controllerOf(metadata);
  if (!reference) return false;
  if ((metadata?.namespace || 'default') !== (owner.metadata?.namespace || 'default')) return false;
  const uid = owner.metadata?.uid;
  if (uid && reference.uid) return reference.uid === uid;
  return reference.kind === owner.kind && reference.name === owner.metadata?.name;
}

/** NewControllerRef: the reference a controller puts on what it creates. */
export function controllerReference(owner: Owner): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata?.name ?? '',
    uid: owner.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}
