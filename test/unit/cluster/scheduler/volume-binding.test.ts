/**
 * VolumeBinding's PreFilter and Filter in the FailedScheduling message (pkg/scheduler/framework/plugins/
 * volumebinding: volume_binding.go podHasPVCs, PreFilter, Filter; binder.go FindPodVolumes, checkBoundClaims,
 * findMatchingVolumes, checkVolumeProvisions and its ConflictReasons) and VolumeZone's Filter
 * (volumezone/volume_zone.go Filter, ErrReasonConflict), worked by hand.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { buildSnapshot, schedulePod, type ScheduleResult } from '../../../../server/src/cluster/scheduler';
import { claim, volume } from '../persistent-volume/fixtures';
import { node, pod } from './fixtures';

const WAIT = 'WaitForFirstConsumer';

function schedule(nodes: Node[], incoming: Pod, objects: { claims?: PersistentVolumeClaim[]; volumes?: PersistentVolume[]; classes?: StorageClass[] }): ScheduleResult {
  const snapshot = buildSnapshot('1.33', { nodes });
  snapshot.volumes = {
    claim: (namespace, name) => objects.claims?.find((item) => item.metadata?.name === name && item.metadata?.namespace === namespace),
    volume: (name) => objects.volumes?.find((item) => item.metadata?.name === name),
    volumes: () => objects.volumes ?? [],
    classes: new Map((objects.classes ?? []).map((item) => [item.metadata!.name!, item])),
  };
  return schedulePod(incoming, snapshot);
}

const message = (result: ScheduleResult) => (result.outcome === 'Unschedulable' ? result.message : result.outcome);

function usingClaim(name: string): Pod {
  return pod('app', { spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: name } }] } });
}

function storageClass(name: string, provisioner: string, mode = 'Immediate'): StorageClass {
  return { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner, volumeBindingMode: mode };
}

function bound(name: string, volumeName: string): PersistentVolumeClaim {
  const result = claim(name, '1Gi', { volumeName });
  result.metadata!.annotations = { 'pv.kubernetes.io/bind-completed': 'yes' };
  return result;
}

const onlyOn = (hostname: string): NonNullable<PersistentVolume['spec']>['nodeAffinity'] => ({
  required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [hostname] }] }] },
});

const NOT_HELPFUL = (count: number) => `preemption: 0/${count} nodes are available: ${count} Preemption is not helpful for scheduling.`;

describe('VolumeBinding PreFilter', () => {
  it("rejects a pod whose claim does not exist with the lister's NotFound message", () => {
    assert.equal(message(schedule([node('n1'), node('n2')], usingClaim('missing'), {})), `0/2 nodes are available: persistentvolumeclaim "missing" not found. ${NOT_HELPFUL(2)}`);
  });

  it('rejects a pod with an unbound claim of an Immediate class', () => {
    const objects = { claims: [claim('data', '1Gi', { storageClassName: 'std' })], classes: [storageClass('std', 'pd.csi.storage.gke.io')] };
    assert.equal(message(schedule([node('n1')], usingClaim('data'), objects)), `0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims. ${NOT_HELPFUL(1)}`);
  });

  it('skips pods without claims', () => {
    assert.equal(schedule([node('n1')], pod('plain'), {}).outcome, 'Scheduled');
  });
});

describe('VolumeBinding Filter', () => {
  it('sends a pod with a bound claim to the node its volume is pinned to, and names the conflict on the others', () => {
    const objects = { claims: [bound('data', 'local')], volumes: [volume('local', '1Gi', { nodeAffinity: onlyOn('n2') })] };
    const result = schedule([node('n1'), node('n2')], usingClaim('data'), objects);
    assert.equal(result.outcome === 'Scheduled' && result.nodeName, 'n2');
    const nowhere = { claims: [bound('data', 'local')], volumes: [volume('local', '1Gi', { nodeAffinity: onlyOn('n9') })] };
    assert.equal(message(schedule([node('n1'), node('n2')], usingClaim('data'), nowhere)), `0/2 nodes are available: 2 node(s) had volume node affinity conflict. ${NOT_HELPFUL(2)}`);
  });

  it('finds no volume to bind for a WaitForFirstConsumer claim of a class without provisioner when no local volume fits the node', () => {
    const objects = {
      claims: [claim('data', '5Gi', { storageClassName: 'local' })],
      volumes: [volume('too-small', '1Gi', { storageClassName: 'local', nodeAffinity: onlyOn('n1') }), volume('on-n2', '10Gi', { storageClassName: 'local', nodeAffinity: onlyOn('n2') })],
      classes: [storageClass('local', 'kubernetes.io/no-provisioner', WAIT)],
    };
    const result = schedule([node('n1'), node('n2')], usingClaim('data'), objects);
    assert.equal(result.outcome === 'Scheduled' && result.nodeName, 'n2');
    const elsewhere = { ...objects, volumes: [objects.volumes[0]!] };
    assert.equal(
      message(schedule([node('n1'), node('n2')], usingClaim('data'), elsewhere)),
      `0/2 nodes are available: 2 node(s) didn't find available persistent volumes to bind. ${NOT_HELPFUL(2)}`,
    );
  });

  it('accepts any node for a WaitForFirstConsumer claim its class can provision, within allowedTopologies', () => {
    const zoned = { ...storageClass('zonal', 'ebs.csi.aws.com', WAIT), allowedTopologies: [{ matchLabelExpressions: [{ key: 'zone', values: ['b'] }] }] };
    const objects = { claims: [claim('data', '5Gi', { storageClassName: 'zonal' })], classes: [zoned] };
    const result = schedule([node('n1', { labels: { zone: 'a' } }), node('n2', { labels: { zone: 'b' } })], usingClaim('data'), objects);
    assert.equal(result.outcome === 'Scheduled' && result.nodeName, 'n2');
  });

  it('rejects every node but the one a claim selected', () => {
    const selected = claim('data', '5Gi', { storageClassName: 'fast' });
    selected.metadata!.annotations = { 'volume.kubernetes.io/selected-node': 'n2' };
    const objects = { claims: [selected], classes: [storageClass('fast', 'ebs.csi.aws.com', WAIT)] };
    const result = schedule([node('n1'), node('n2'), node('n3')], usingClaim('data'), objects);
    assert.equal(result.outcome === 'Scheduled' && result.nodeName, 'n2');
  });

  it('says a bound claim names a volume that does not exist', () => {
    assert.equal(
      message(schedule([node('n1')], usingClaim('data'), { claims: [bound('data', 'gone')] })),
      `0/1 nodes are available: 1 node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s). ${NOT_HELPFUL(1)}`,
    );
  });
});

describe('VolumeZone Filter', () => {
  const ZONE = 'topology.kubernetes.io/zone';
  const nodes = () => [node('a1', { labels: { [ZONE]: 'a' } }), node('b1', { labels: { [ZONE]: 'b' } }), node('c1', { labels: { [ZONE]: 'c' } })];

  it("keeps a pod in the zones its bound volume's label allows (values joined with __)", () => {
    const zoned = volume('zoned', '1Gi', {}, { [ZONE]: 'b__c' });
    const result = schedule([nodes()[0]!, nodes()[2]!], usingClaim('data'), { claims: [bound('data', 'zoned')], volumes: [zoned] });
    assert.equal(result.outcome === 'Scheduled' && result.nodeName, 'c1');
  });

  it('rejects nodes of other zones as UnschedulableAndUnresolvable, and ignores nodes without zone labels', () => {
    const zoned = volume('zoned', '1Gi', {}, { 'failure-domain.beta.kubernetes.io/zone': 'z' });
    assert.equal(
      message(schedule(nodes(), usingClaim('data'), { claims: [bound('data', 'zoned')], volumes: [zoned] })),
      `0/3 nodes are available: 3 node(s) had no available volume zone. ${NOT_HELPFUL(3)}`,
    );
    const result = schedule([...nodes(), node('plain')], usingClaim('data'), { claims: [bound('data', 'zoned')], volumes: [zoned] });
    assert.equal(result.outcome === 'Scheduled' && result.nodeName, 'plain');
  });
});
