/**
 * Which volume a claim binds to: component-helpers/storage/volume/pv_helpers.go FindMatchingVolume and
 * pkg/controller/volume/persistentvolume/index.go findByClaim, worked by hand.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PersistentVolume } from 'kubernetes-types/core/v1';
import { claim, volume } from './fixtures';
import { findBestMatchForClaim } from '../../../../server/src/cluster/controllers/persistent-volume/find-match';
import { findMatchingVolume } from '../../../../server/src/cluster/storage/find-matching-volume';

const nameOf = (found: PersistentVolume | undefined) => found?.metadata?.name;

describe('FindMatchingVolume (pv_helpers.go)', () => {
  it('takes the smallest volume at least as large as the request', () => {
    const volumes = [volume('big', '10Gi'), volume('small', '1Gi'), volume('middle', '2Gi')];
    assert.equal(nameOf(findMatchingVolume(claim('c', '1500Mi'), volumes, undefined, new Set(), false)), 'middle');
  });

  it('skips volumes of another class, another volume mode, or not Available', () => {
    const volumes = [
      volume('fast', '5Gi', { storageClassName: 'fast' }),
      volume('block', '5Gi', { volumeMode: 'Block' }),
      { ...volume('released', '5Gi'), status: { phase: 'Released' } },
      volume('plain', '50Gi'),
    ];
    assert.equal(nameOf(findMatchingVolume(claim('c', '1Gi'), volumes, undefined, new Set(), false)), 'plain');
  });

  it("keeps only volumes whose labels the claim's selector matches", () => {
    const volumes = [volume('ssd', '20Gi', {}, { disk: 'ssd' }), volume('hdd', '5Gi', {}, { disk: 'hdd' })];
    const wanted = claim('c', '1Gi', { selector: { matchLabels: { disk: 'ssd' } } });
    assert.equal(nameOf(findMatchingVolume(wanted, volumes, undefined, new Set(), false)), 'ssd');
  });

  it('returns a volume pre-bound to the claim before any smaller one', () => {
    const preBound = volume('reserved', '10Gi', { claimRef: { namespace: 'default', name: 'c' } });
    assert.equal(nameOf(findMatchingVolume(claim('c', '1Gi'), [volume('small', '1Gi'), preBound], undefined, new Set(), false)), 'reserved');
  });

  it('leaves a WaitForFirstConsumer claim unmatched on the controller path unless a volume is pre-bound to it', () => {
    assert.equal(findMatchingVolume(claim('c', '1Gi'), [volume('small', '1Gi')], undefined, new Set(), true), undefined);
  });

  it("on the scheduler's path, refuses a pre-bound volume whose node affinity rejects the node", () => {
    const preBound = volume('reserved', '10Gi', { claimRef: { namespace: 'default', name: 'c' } });
    assert.equal(
      findMatchingVolume(claim('c', '1Gi'), [preBound, volume('other', '10Gi')], () => false, new Set(), true),
      undefined,
    );
  });

  it("on the scheduler's path, checks access modes and skips volumes chosen for other claims", () => {
    const volumes = [volume('rwx', '1Gi', { accessModes: ['ReadWriteMany'] }), volume('taken', '1Gi'), volume('free', '3Gi')];
    assert.equal(nameOf(findMatchingVolume(claim('c', '1Gi'), volumes, () => true, new Set(['taken']), true)), 'free');
  });
});

describe('findBestMatchForClaim (index.go findByClaim)', () => {
  it('prefers the volumes with the fewest access modes over a smaller volume with more modes', () => {
    const volumes = [volume('rwo-rwx', '1Gi', { accessModes: ['ReadWriteOnce', 'ReadWriteMany'] }), volume('rwo', '10Gi')];
    assert.equal(nameOf(findBestMatchForClaim(claim('c', '1Gi'), volumes, false)), 'rwo');
  });

  it('never offers a volume lacking an access mode the claim asks for', () => {
    assert.equal(findBestMatchForClaim(claim('c', '1Gi', { accessModes: ['ReadWriteMany'] }), [volume('rwo', '10Gi')], false), undefined);
  });
});
