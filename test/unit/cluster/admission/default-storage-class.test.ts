/**
 * DefaultStorageClass (plugin/pkg/admission/storage/storageclass/setdefault/admission.go, claimDefaulterPlugin.Admit;
 * pkg/volume/util/storageclass.go GetDefaultClass and IsDefaultAnnotation).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { defaultStorageClass } from '../../../../server/src/cluster/admission/default-storage-class';
import { request, testContext, type TestContext } from './fixtures';

const claim = (spec: PersistentVolumeClaim['spec'] = {}, annotations?: Record<string, string>): PersistentVolumeClaim => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data', namespace: 'default', ...(annotations ? { annotations } : {}) },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
});

function storageClass(context: TestContext, name: string, annotations: Record<string, string> = {}): void {
  context.store.create({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name, annotations }, provisioner: 'example.com/disk' });
}

const DEFAULT_STORAGE = { 'storageclass.kubernetes.io/is-default-class': 'true' };

function claimClass(context: TestContext, created: PersistentVolumeClaim): string | undefined {
  defaultStorageClass.admit!(request(created), context);
  return created.spec?.storageClassName;
}

// Admit: PersistentVolumeClaimHasClass is false; GetDefaultClass finds the annotated class.
test('a claim without a class gets the default StorageClass', () => {
  const context = testContext();
  storageClass(context, 'slow');
  storageClass(context, 'fast', DEFAULT_STORAGE);
  assert.equal(claimClass(context, claim()), 'fast');
});

// IsDefaultAnnotation: the beta annotation counts too.
test('the beta default annotation makes a StorageClass the default', () => {
  const context = testContext();
  storageClass(context, 'legacy', { 'storageclass.beta.kubernetes.io/is-default-class': 'true' });
  assert.equal(claimClass(context, claim()), 'legacy');
});

// GetDefaultClass: no default: nil, and the claim is left as it is.
test('without a default StorageClass a claim keeps no class', () => {
  const context = testContext();
  storageClass(context, 'slow', { 'storageclass.kubernetes.io/is-default-class': 'false' });
  assert.equal(claimClass(context, claim()), undefined);
});

// PersistentVolumeClaimHasClass: storageClassName set (even to "") or the beta annotation present.
test('a claim with a class, an empty class or the beta class annotation keeps it', () => {
  const context = testContext();
  storageClass(context, 'fast', DEFAULT_STORAGE);
  assert.equal(claimClass(context, claim({ storageClassName: 'slow' })), 'slow');
  assert.equal(claimClass(context, claim({ storageClassName: '' })), '');
  assert.equal(claimClass(context, claim({}, { 'volume.beta.kubernetes.io/storage-class': 'slow' })), undefined);
});

// GetDefaultClass: sorted by creationTimestamp, newest first, then by name ascending.
test('of several default StorageClasses the newest wins, then the first by name', () => {
  const context = testContext();
  storageClass(context, 'old', DEFAULT_STORAGE);
  context.store.clock.advance(1000);
  storageClass(context, 'new-b', DEFAULT_STORAGE);
  storageClass(context, 'new-a', DEFAULT_STORAGE);
  assert.equal(claimClass(context, claim()), 'new-a');
});
