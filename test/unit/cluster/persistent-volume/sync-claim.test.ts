/**
 * The PersistentVolume controller's decisions for an unbound claim and the writes of a binding
 * (pkg/controller/volume/persistentvolume/pv_controller.go syncUnboundClaim, provisionClaim,
 * findProvisionablePlugin, bindVolumeToClaim, bindClaimToVolume; the external provisioner library's
 * provisionClaimOperation), worked by hand.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { bindClaimToVolume, bindVolumeToClaim } from '../../../../server/src/cluster/controllers/persistent-volume/bind';
import { provisionedVolume } from '../../../../server/src/cluster/controllers/persistent-volume/provision';
import { syncUnboundClaim } from '../../../../server/src/cluster/controllers/persistent-volume/sync-claim';
import { claim, volume } from './fixtures';

function storageClass(name: string, provisioner: string, bindingMode: 'Immediate' | 'WaitForFirstConsumer' = 'Immediate'): StorageClass {
  return { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner, volumeBindingMode: bindingMode, reclaimPolicy: 'Retain' };
}

const classes = (...list: StorageClass[]) => new Map(list.map((item) => [item.metadata!.name!, item]));

describe('syncUnboundClaim', () => {
  it('binds a claim without volumeName to the best matching volume', () => {
    const decision = syncUnboundClaim(claim('c', '1Gi'), [volume('a', '5Gi'), volume('b', '2Gi')], new Map());
    assert.equal(decision.action === 'bind' && decision.volume.metadata?.name, 'b');
  });

  it('leaves a claim with no class and no volume Pending with FailedBinding', () => {
    assert.deepEqual(syncUnboundClaim(claim('c', '1Gi'), [], new Map()), {
      action: 'pending',
      event: { type: 'Normal', reason: 'FailedBinding', message: 'no persistent volumes available for this claim and no storage class is set' },
    });
  });

  it('waits for the first consumer of a WaitForFirstConsumer claim with no node selected', () => {
    const decision = syncUnboundClaim(claim('c', '1Gi', { storageClassName: 'fast' }), [], classes(storageClass('fast', 'ebs.csi.aws.com', 'WaitForFirstConsumer')));
    assert.deepEqual(decision, { action: 'pending', event: { type: 'Normal', reason: 'WaitForFirstConsumer', message: 'waiting for first consumer to be created before binding' } });
  });

  it('provisions a WaitForFirstConsumer claim once the scheduler selected a node', () => {
    const selected = claim('c', '1Gi', { storageClassName: 'fast' });
    selected.metadata!.annotations = { 'volume.kubernetes.io/selected-node': 'worker-1' };
    assert.equal(syncUnboundClaim(selected, [], classes(storageClass('fast', 'ebs.csi.aws.com', 'WaitForFirstConsumer'))).action, 'provision');
  });

  it('provisions an Immediate claim of a class with an external provisioner', () => {
    assert.equal(syncUnboundClaim(claim('c', '1Gi', { storageClassName: 'std' }), [], classes(storageClass('std', 'pd.csi.storage.gke.io'))).action, 'provision');
  });

  it('fails provisioning for a class that does not exist, and for kubernetes.io/no-provisioner', () => {
    assert.deepEqual(syncUnboundClaim(claim('c', '1Gi', { storageClassName: 'gone' }), [], new Map()), {
      action: 'pending',
      event: { type: 'Warning', reason: 'ProvisioningFailed', message: 'storageclass.storage.k8s.io "gone" not found' },
    });
    assert.deepEqual(syncUnboundClaim(claim('c', '1Gi', { storageClassName: 'local' }), [], classes(storageClass('local', 'kubernetes.io/no-provisioner'))), {
      action: 'pending',
      event: { type: 'Warning', reason: 'ProvisioningFailed', message: 'no volume plugin matched name: kubernetes.io/no-provisioner' },
    });
  });

  it('refuses a requested volume that is too small with VolumeMismatch', () => {
    assert.deepEqual(syncUnboundClaim(claim('c', '5Gi', { volumeName: 'tiny' }), [volume('tiny', '1Gi')], new Map()), {
      action: 'pending',
      event: { type: 'Warning', reason: 'VolumeMismatch', message: 'Cannot bind to requested volume "tiny": requested PV is too small' },
    });
  });

  it('refuses a requested volume bound to another claim', () => {
    const taken = volume('taken', '5Gi', { claimRef: { namespace: 'default', name: 'other' } });
    assert.deepEqual(syncUnboundClaim(claim('c', '1Gi', { volumeName: 'taken' }), [taken], new Map()), {
      action: 'pending',
      event: { type: 'Warning', reason: 'FailedBinding', message: 'volume "taken" already bound to a different claim.' },
    });
  });
});

describe('bind', () => {
  it('sets claimRef, bound-by-controller and Bound on the volume; volumeName, both annotations, capacity and modes on the claim', () => {
    const boundVolume = bindVolumeToClaim(volume('pv', '5Gi'), claim('c', '1Gi'));
    assert.deepEqual(boundVolume.spec?.claimRef, { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'c', uid: 'uid-c', apiVersion: 'v1' });
    assert.equal(boundVolume.metadata?.annotations?.['pv.kubernetes.io/bound-by-controller'], 'yes');
    assert.equal(boundVolume.status?.phase, 'Bound');
    const boundClaim = bindClaimToVolume(claim('c', '1Gi'), boundVolume);
    assert.equal(boundClaim.spec?.volumeName, 'pv');
    assert.deepEqual(boundClaim.metadata?.annotations, { 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    assert.deepEqual(boundClaim.status, { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '5Gi' } });
  });

  it('does not mark a claim that named its volume as bound by the controller', () => {
    const boundClaim = bindClaimToVolume(claim('c', '1Gi', { volumeName: 'pv' }), volume('pv', '5Gi'));
    assert.deepEqual(boundClaim.metadata?.annotations, { 'pv.kubernetes.io/bind-completed': 'yes' });
  });
});

describe('the external provisioner', () => {
  it("creates pvc-<uid> pre-bound to the claim with its size and modes and the class's reclaim policy", () => {
    const created = provisionedVolume(claim('c', '3Gi', { storageClassName: 'std' }), storageClass('std', 'pd.csi.storage.gke.io'));
    assert.equal(created.metadata?.name, 'pvc-uid-c');
    assert.equal(created.metadata?.annotations?.['pv.kubernetes.io/provisioned-by'], 'pd.csi.storage.gke.io');
    assert.deepEqual(created.spec?.capacity, { storage: '3Gi' });
    assert.equal(created.spec?.persistentVolumeReclaimPolicy, 'Retain');
    assert.equal(created.spec?.claimRef?.name, 'c');
  });
});
