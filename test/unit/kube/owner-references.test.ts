/**
 * Controller references against k8s.io/apimachinery/pkg/apis/meta/v1/controller_ref.go worked by hand:
 * NewControllerRef fills APIVersion from the controller kind's GroupVersion (gvk.GroupVersion().String(): "apps/v1",
 * "batch/v1", and "v1" for the core group), Kind, Name, UID, and sets BlockOwnerDeletion and Controller to true;
 * GetControllerOf returns the first reference whose Controller is true; IsControlledBy compares the controller
 * reference's UID with the owner's. An owner reference has no namespace field because "an owning object must be in
 * the same namespace as the dependent, or be cluster-scoped" (pkg/apis/meta/v1/types.go, OwnerReference).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asOwner, controllerOf, controllerReference, isControlledBy } from '../../../server/src/kube/owner-references';

test('NewControllerRef: the group/version of the controller kind, name, uid, controller and blockOwnerDeletion', () => {
  const deployment = { metadata: { name: 'web', namespace: 'shop', uid: 'u-1' } };
  assert.deepEqual(controllerReference(asOwner('Deployment', deployment)), { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'u-1', controller: true, blockOwnerDeletion: true });
  assert.equal(controllerReference(asOwner('Job', { metadata: { name: 'once' } })).apiVersion, 'batch/v1');
  assert.equal(controllerReference(asOwner('Service', { metadata: { name: 'web' } })).apiVersion, 'v1');
});

test('GetControllerOf: the first reference marked controller, never one that is not', () => {
  const plain = { apiVersion: 'v1', kind: 'ConfigMap', name: 'settings', uid: 'c-1' };
  const controller = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'r-1', controller: true };
  assert.equal(controllerOf({ ownerReferences: [plain, { ...plain, controller: false }] }), undefined);
  assert.deepEqual(controllerOf({ ownerReferences: [plain, controller] }), controller);
  assert.equal(controllerOf(undefined), undefined);
});

test('IsControlledBy: by uid when both carry one, so a namesake with another uid is not the controller', () => {
  const replicaSet = { metadata: { name: 'web-1', namespace: 'shop', uid: 'r-2' } };
  const pod = { namespace: 'shop', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'r-1', controller: true }] };
  assert.equal(isControlledBy(pod, asOwner('ReplicaSet', replicaSet)), false);
  assert.equal(isControlledBy(pod, asOwner('ReplicaSet', { metadata: { ...replicaSet.metadata, uid: 'r-1' } })), true);
});

test('without uids the reference names its owner by kind and name; an owner in another namespace never controls', () => {
  const reference = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: '', controller: true };
  const owner = asOwner('StatefulSet', { metadata: { name: 'db' } });
  assert.equal(isControlledBy({ ownerReferences: [reference] }, owner), true);
  assert.equal(isControlledBy({ ownerReferences: [{ ...reference, kind: 'DaemonSet' }] }, owner), false);
  assert.equal(isControlledBy({ namespace: 'shop', ownerReferences: [reference] }, owner), false);
  assert.equal(isControlledBy({ ownerReferences: [{ ...reference, controller: false }] }, owner), false);
});
