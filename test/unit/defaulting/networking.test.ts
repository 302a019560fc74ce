/** networking.k8s.io/v1 defaulting, and the core kinds that only default protocols and phases. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyDefaults } from '../../../server/src/defaulting/index';
import type { PlainObject } from '../../../server/src/kube/plain-values';

const policySpec = (spec: PlainObject) => applyDefaults('networking.k8s.io/v1', 'NetworkPolicy', { spec })['spec'] as PlainObject;

test('a NetworkPolicy without policyTypes is an Ingress policy', () => {
  assert.deepEqual(policySpec({ podSelector: {} })['policyTypes'], ['Ingress']);
});

test('a NetworkPolicy with egress rules is an Egress policy too, and its ports are TCP', () => {
  const spec = policySpec({ podSelector: {}, egress: [{ ports: [{ port: 53 }] }] });
  assert.deepEqual(spec['policyTypes'], ['Ingress', 'Egress']);
  assert.deepEqual(spec['egress'], [{ ports: [{ port: 53, protocol: 'TCP' }] }]);
});

test('explicit policyTypes are kept', () => {
  assert.deepEqual(policySpec({ podSelector: {}, policyTypes: ['Egress'] })['policyTypes'], ['Egress']);
});

test('IngressClass parameters are cluster-scoped by default', () => {
  const ingressClass = applyDefaults('networking.k8s.io/v1', 'IngressClass', { spec: { controller: 'x/y', parameters: { kind: 'Config', name: 'c' } } });
  assert.deepEqual((ingressClass['spec'] as PlainObject)['parameters'], { kind: 'Config', name: 'c', scope: 'Cluster' });
});

test('a PersistentVolume is retained, a filesystem, and Pending', () => {
  const volume = applyDefaults('v1', 'PersistentVolume', { spec: { capacity: { storage: '1Gi' } } });
  assert.equal((volume['spec'] as PlainObject)['persistentVolumeReclaimPolicy'], 'Retain');
  assert.equal((volume['spec'] as PlainObject)['volumeMode'], 'Filesystem');
  assert.deepEqual(volume['status'], { phase: 'Pending' });
});

test('Endpoints ports are TCP', () => {
  const endpoints = applyDefaults('v1', 'Endpoints', { subsets: [{ ports: [{ port: 80 }] }] });
  assert.deepEqual(endpoints['subsets'], [{ ports: [{ port: 80, protocol: 'TCP' }] }]);
});
