/** The cluster a plan runs on: the embedded default, or the user's Nodes and Pods. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterFromObjects, defaultCluster, type DecodedObject } from '../../../server/src/cluster/cluster-model';

test('the default cluster has one tainted control-plane node and three workers in three zones', () => {
  const { nodes, pods } = defaultCluster();
  assert.deepEqual(
    nodes.map((node) => node.metadata?.name),
    ['control-plane-1', 'worker-1', 'worker-2', 'worker-3'],
  );
  assert.deepEqual(nodes[0]?.spec?.taints, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
  assert.deepEqual(
    nodes.slice(1).map((node) => node.spec?.taints),
    [undefined, undefined, undefined],
  );
  assert.deepEqual(new Set(nodes.slice(1).map((node) => node.metadata?.labels?.['topology.kubernetes.io/zone'])).size, 3);
  assert.deepEqual(pods, []);
});

test('every default node carries the well-known labels and a realistic allocatable', () => {
  for (const node of defaultCluster().nodes) {
    const labels = node.metadata?.labels ?? {};
    assert.equal(labels['kubernetes.io/hostname'], node.metadata?.name);
    assert.equal(labels['kubernetes.io/os'], 'linux');
    assert.equal(labels['kubernetes.io/arch'], 'amd64');
    assert.equal(node.status?.allocatable?.['pods'], '110');
    assert.ok(['3800m', '3900m'].includes(String(node.status?.allocatable?.['cpu'])));
  }
});

test('defaultCluster returns a fresh copy each time', () => {
  const first = defaultCluster();
  first.nodes[0]!.metadata!.name = 'changed';
  assert.equal(defaultCluster().nodes[0]?.metadata?.name, 'control-plane-1');
});

const node = (name: string, status: object = { capacity: { cpu: '2', memory: '4Gi', pods: '20' } }): DecodedObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  value: { apiVersion: 'v1', kind: 'Node', metadata: { name }, status } as never,
});
const pod = (name: string, nodeName: string | undefined, phase: string): DecodedObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  value: {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'shop' },
    spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'c', image: 'x', resources: { limits: { cpu: '1' } } }] },
    status: { phase },
  } as never,
});

test('a Node without allocatable gets its capacity as allocatable', () => {
  const { nodes } = clusterFromObjects([node('n1')]);
  assert.deepEqual(nodes[0]?.status?.allocatable, { cpu: '2', memory: '4Gi', pods: '20' });
});

test('running pods of a snapshot are kept, with requests defaulted from limits; finished ones are dropped', () => {
  const { pods } = clusterFromObjects([node('n1'), pod('running', 'n1', 'Running'), pod('done', 'n1', 'Succeeded'), pod('failed', 'n1', 'Failed'), pod('pending', undefined, 'Pending')]);
  assert.deepEqual(
    pods.map((p) => p.metadata?.name),
    ['running', 'pending'],
  );
  assert.deepEqual(pods[0]?.spec?.containers[0]?.resources?.requests, { cpu: '1' });
});

test('a pod on a node the files do not hold, and kinds other than Node and Pod, are left out with a note', () => {
  const model = clusterFromObjects([node('n1'), pod('elsewhere', 'n9', 'Running'), { apiVersion: 'v1', kind: 'ConfigMap', value: {} }]);
  assert.deepEqual(model.pods, []);
  assert.deepEqual(model.notes, ['1 ConfigMap object in the cluster files ignored: a cluster is read from Nodes and Pods', 'pod shop/elsewhere ignored: its node n9 is not in the cluster files']);
});
