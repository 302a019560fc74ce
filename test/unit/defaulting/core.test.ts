/** core/v1 defaulting of Services, Secrets, Namespaces, Nodes and ReplicationControllers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyDefaults, defaultedView } from '../../../server/src/defaulting/index';
import type { PlainObject } from '../../../server/src/kube/plain-values';

const serviceSpec = (spec: PlainObject) => applyDefaults('v1', 'Service', { spec })['spec'] as PlainObject;

test('a Service gets ClusterIP, no affinity, TCP ports and targetPort = port', () => {
  const spec = serviceSpec({ ports: [{ port: 80 }, { port: 443, targetPort: 'https' }] });
  assert.equal(spec['type'], 'ClusterIP');
  assert.equal(spec['sessionAffinity'], 'None');
  assert.equal(spec['internalTrafficPolicy'], 'Cluster');
  assert.equal(spec['externalTrafficPolicy'], undefined);
  assert.deepEqual(spec['ports'], [
    { port: 80, protocol: 'TCP', targetPort: 80 },
    { port: 443, targetPort: 'https', protocol: 'TCP' },
  ]);
});

test('a LoadBalancer Service gets Cluster traffic policies and node ports allocated', () => {
  const spec = serviceSpec({ type: 'LoadBalancer', ports: [] });
  assert.equal(spec['externalTrafficPolicy'], 'Cluster');
  assert.equal(spec['allocateLoadBalancerNodePorts'], true);
});

test('ClientIP affinity gets a three-hour timeout', () => {
  assert.deepEqual(serviceSpec({ sessionAffinity: 'ClientIP' })['sessionAffinityConfig'], { clientIP: { timeoutSeconds: 10800 } });
});

test('an ExternalName Service gets no internal traffic policy', () => {
  assert.equal(serviceSpec({ type: 'ExternalName', externalName: 'db.example.com' })['internalTrafficPolicy'], undefined);
});

test('a Secret is Opaque and its stringData is folded into data, base64-encoded, winning over data', () => {
  const secret = applyDefaults('v1', 'Secret', { data: { a: 'eA==', b: 'eQ==' }, stringData: { b: 'z' } });
  assert.equal(secret['type'], 'Opaque');
  assert.deepEqual(secret['data'], { a: 'eA==', b: 'eg==' });
  assert.equal(secret['stringData'], undefined);
});

test('a Namespace is labelled with its name and is Active', () => {
  const namespace = applyDefaults('v1', 'Namespace', { metadata: { name: 'shop' } });
  assert.deepEqual((namespace['metadata'] as PlainObject)['labels'], { 'kubernetes.io/metadata.name': 'shop' });
  assert.deepEqual(namespace['status'], { phase: 'Active' });
});

test('a Node without allocatable has its capacity allocatable', () => {
  const node = applyDefaults('v1', 'Node', { status: { capacity: { cpu: '4' } } });
  assert.deepEqual((node['status'] as PlainObject)['allocatable'], { cpu: '4' });
});

test('a ReplicationController takes selector and labels from its template', () => {
  const controller = applyDefaults('v1', 'ReplicationController', { metadata: { name: 'rc' }, spec: { template: { metadata: { labels: { app: 'a' } } } } });
  const spec = controller['spec'] as PlainObject;
  assert.deepEqual(spec['selector'], { app: 'a' });
  assert.equal(spec['replicas'], 1);
  assert.deepEqual((controller['metadata'] as PlainObject)['labels'], { app: 'a' });
});

test('a kind with no defaulter comes back as an equal copy', () => {
  const input = { apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'b' } };
  const output = applyDefaults('v1', 'ConfigMap', input);
  assert.deepEqual(output, input);
  assert.notEqual(output, input);
});

test('the read-only view of a kind with no defaults is the object itself', () => {
  const input = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', rules: [] };
  assert.equal(defaultedView('rbac.authorization.k8s.io/v1', 'ClusterRole', input), input);
});

test('the read-only view of a kind with defaults is a defaulted copy', () => {
  const input = { apiVersion: 'v1', kind: 'Secret' };
  const view = defaultedView('v1', 'Secret', input);
  assert.notEqual(view, input);
  assert.equal(view['type'], 'Opaque');
});

// SetDefaults_Secret and the stringData conversion (pkg/apis/core/v1/conversion.go Convert_v1_Secret_To_core_Secret):
// stringData is folded into data (base64 of "pw" is "cHc="), the written data is kept, type becomes Opaque.
test('the view of a Secret folds stringData into data and leaves the written Secret as it was', () => {
  const input: PlainObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', labels: { a: 'b' } }, data: { user: 'dXNlcg==' }, stringData: { password: 'pw' } };
  const written = structuredClone(input);
  const view = defaultedView('v1', 'Secret', input);
  assert.deepEqual(view, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', labels: { a: 'b' } }, data: { user: 'dXNlcg==', password: 'cHc=' }, type: 'Opaque' });
  assert.deepEqual(input, written);
});

// pkg/apis/apps/v1/defaults.go SetDefaults_Deployment and pkg/apis/core/v1/defaults.go SetDefaults_Service write
// only below spec: the view equals the defaulted copy and the written object keeps its own spec.
test('the views of a Deployment and a Service are their defaulted copies and leave the written objects as they were', () => {
  const objects: [string, string, PlainObject][] = [
    [
      'apps/v1',
      'Deployment',
      {
        metadata: { name: 'd', labels: { app: 'd' } },
        spec: {
          selector: { matchLabels: { app: 'd' } },
          template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '0.1' } } }] } },
        },
      },
    ],
    ['v1', 'Service', { metadata: { name: 's' }, spec: { selector: { app: 'd' }, ports: [{ port: 80 }] } }],
  ];
  for (const [apiVersion, kind, fields] of objects) {
    const input: PlainObject = { apiVersion, kind, ...fields };
    const written = structuredClone(input);
    assert.deepEqual(defaultedView(apiVersion, kind, input), applyDefaults(apiVersion, kind, structuredClone(input)));
    assert.deepEqual(input, written);
  }
});
