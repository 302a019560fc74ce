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

test('a pod on a node the files do not hold, and Events, are left out with a note; other kinds are kept as read', () => {
  const event = { apiVersion: 'v1', kind: 'Event', value: { apiVersion: 'v1', kind: 'Event', metadata: { name: 'web.1', namespace: 'shop' } } as never };
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', value: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop', uid: 'u-1' } } as never };
  const model = clusterFromObjects([node('n1'), pod('elsewhere', 'n9', 'Running'), event, configMap]);
  assert.deepEqual(model.pods, []);
  assert.deepEqual(
    model.objects.map((object) => [object.kind, object.metadata.name, object.metadata.uid]),
    [['ConfigMap', 'settings', 'u-1']],
  );
  assert.deepEqual(model.notes, [
    '1 Event object in the cluster files ignored: a plan starts from the objects of a cluster, not from its records',
    'pod shop/elsewhere ignored: its node n9 is not in the cluster files',
  ]);
});

test('PriorityClasses and Namespaces come first among the other objects: pods and namespaced objects are stored against them', () => {
  const object = (apiVersion: string, kind: string, name: string): DecodedObject => ({ apiVersion, kind, value: { apiVersion, kind, metadata: { name } } as never });
  const model = clusterFromObjects([node('n1'), object('v1', 'Service', 'web'), object('v1', 'Namespace', 'shop'), object('scheduling.k8s.io/v1', 'PriorityClass', 'high')]);
  assert.deepEqual(
    model.objects.map((stored) => stored.kind),
    ['PriorityClass', 'Namespace', 'Service'],
  );
});

test('a second object of the same kind, namespace and name is left out with a note', () => {
  const model = clusterFromObjects([node('n1'), node('n1')]);
  assert.equal(model.nodes.length, 1);
  assert.deepEqual(model.notes, ['Node n1 appears twice in the cluster files: the first is used']);
});
