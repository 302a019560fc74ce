/**
 * The ResourceQuota plugin by itself. Expectations are worked by hand from CheckRequest and prettyPrint in
 * staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go and the evaluators of
 * pkg/quota/v1/evaluator/core (pods.go, services.go, persistent_volume_claims.go) and
 * staging/src/k8s.io/apiserver/pkg/quota/v1/generic/evaluator.go (object counts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1';
import { resourceQuota } from '../../../../server/src/cluster/admission/resource-quota';
import { harness, podYaml, type PluginHarness } from './plugin-harness';

function quota(name: string, spec: string): string {
  return `{apiVersion: v1, kind: ResourceQuota, metadata: {name: ${name}}, spec: ${spec}}`;
}

function storePod(h: PluginHarness, name: string, containers: string, extra = ''): void {
  h.store.create(h.create(podYaml(name, containers, extra)).object);
}

const CPU_500M = '{name: app, image: nginx, resources: {requests: {cpu: 500m}}}';
const BEST_EFFORT = '{name: app, image: nginx}';

// Used is the sum of the pods stored (500m + 500m, printed "1"); the new pod's 500m would pass the hard 1.
test('a pod that would take requests.cpu past hard is refused with requested, used and limited', () => {
  const h = harness();
  h.apply(quota('compute', '{hard: {requests.cpu: "1"}}'));
  storePod(h, 'a', CPU_500M);
  storePod(h, 'b', CPU_500M);
  assert.deepEqual(resourceQuota.validate!(h.create(podYaml('c', CPU_500M)), h.context), {
    refused: 'pods "c" is forbidden: exceeded quota: compute, requested: requests.cpu=500m, used: requests.cpu=1, limited: requests.cpu=1',
  });
});

test('a pod that fits the quota is admitted', () => {
  const h = harness();
  h.apply(quota('compute', '{hard: {requests.cpu: "1"}}'));
  storePod(h, 'a', CPU_500M);
  assert.equal(resourceQuota.validate!(h.create(podYaml('b', CPU_500M)), h.context), undefined);
});

// enforcePodContainerConstraints: per resource (sorted), the containers (sorted) that neither request nor limit it.
test('a pod omitting cpu or memory a quota counts is refused with the containers that omit each', () => {
  const h = harness();
  h.apply(quota('compute', '{hard: {requests.cpu: "4", limits.memory: 4Gi}}'));
  const containers = '{name: b, image: nginx, resources: {requests: {cpu: 100m}}}, {name: a, image: nginx}';
  assert.deepEqual(resourceQuota.validate!(h.create(podYaml('p', containers)), h.context), {
    refused: 'pods "p" is forbidden: failed quota: compute: must specify limits.memory for: a,b; requests.cpu for: a',
  });
});

// The generic object-count evaluator: count/<resource>.<group>, on create only.
test('count/deployments.apps refuses a Deployment past the count', () => {
  const h = harness();
  h.apply(quota('objects', '{hard: {count/deployments.apps: "1"}}'));
  const deployment = (name: string) =>
    `{apiVersion: apps/v1, kind: Deployment, metadata: {name: ${name}}, spec: {selector: {matchLabels: {app: x}}, template: {metadata: {labels: {app: x}}, spec: {containers: [{name: c, image: nginx}]}}}}`;
  h.store.create(h.create(deployment('a')).object);
  assert.deepEqual(resourceQuota.validate!(h.create(deployment('b')), h.context), {
    refused: 'deployments.apps "b" is forbidden: exceeded quota: objects, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1',
  });
});

// The Service evaluator: a NodePort Service uses one node port per port; used is zero, printed "0".
test('services.nodeports counts every port of a NodePort Service', () => {
  const h = harness();
  h.apply(quota('services', '{hard: {services.nodeports: "2"}}'));
  const service = '{apiVersion: v1, kind: Service, metadata: {name: s}, spec: {type: NodePort, selector: {app: x}, ports: [{name: a, port: 80}, {name: b, port: 81}, {name: c, port: 82}]}}';
  assert.deepEqual(resourceQuota.validate!(h.create(service), h.context), {
    refused: 'services "s" is forbidden: exceeded quota: services, requested: services.nodeports=3, used: services.nodeports=0, limited: services.nodeports=2',
  });
});

// The claim evaluator charges a claim's storage to <class>.storageclass.storage.k8s.io/requests.storage too.
test('a claim is charged to its storage class; a claim of another class is not', () => {
  const h = harness();
  h.apply(quota('storage', '{hard: {gold.storageclass.storage.k8s.io/requests.storage: 10Gi}}'));
  const claim = (storageClass: string) =>
    `{apiVersion: v1, kind: PersistentVolumeClaim, metadata: {name: data}, spec: {storageClassName: ${storageClass}, accessModes: [ReadWriteOnce], resources: {requests: {storage: 20Gi}}}}`;
  assert.deepEqual(resourceQuota.validate!(h.create(claim('gold')), h.context), {
    refused:
      'persistentvolumeclaims "data" is forbidden: exceeded quota: storage, requested: gold.storageclass.storage.k8s.io/requests.storage=20Gi, used: gold.storageclass.storage.k8s.io/requests.storage=0, limited: gold.storageclass.storage.k8s.io/requests.storage=10Gi',
  });
  assert.equal(resourceQuota.validate!(h.create(claim('silver')), h.context), undefined);
});

// podMatchesScopeFunc BestEffort: only pods without cpu or memory requests and limits are counted and limited.
test('a BestEffort quota counts and limits only BestEffort pods', () => {
  const h = harness();
  h.apply(quota('best-effort', '{hard: {pods: "1"}, scopes: [BestEffort]}'));
  storePod(h, 'a', BEST_EFFORT);
  assert.equal(resourceQuota.validate!(h.create(podYaml('b', CPU_500M)), h.context), undefined);
  assert.deepEqual(resourceQuota.validate!(h.create(podYaml('c', BEST_EFFORT)), h.context), {
    refused: 'pods "c" is forbidden: exceeded quota: best-effort, requested: pods=1, used: pods=1, limited: pods=1',
  });
});

// podMatchesSelector: the PriorityClass scope selects by the pod's priorityClassName.
test('a PriorityClass scopeSelector limits only pods of the classes it selects', () => {
  const h = harness();
  h.apply(quota('high', '{hard: {pods: "0"}, scopeSelector: {matchExpressions: [{scopeName: PriorityClass, operator: In, values: [high]}]}}'));
  assert.equal(resourceQuota.validate!(h.create(podYaml('low', BEST_EFFORT, 'priorityClassName: low, ')), h.context), undefined);
  assert.deepEqual(resourceQuota.validate!(h.create(podYaml('top', BEST_EFFORT, 'priorityClassName: high, ')), h.context), {
    refused: 'pods "top" is forbidden: exceeded quota: high, requested: pods=1, used: pods=0, limited: pods=0',
  });
});

// PodUsageFunc: a Succeeded pod still counts in count/pods but no longer in pods (QuotaV1Pod).
test('a terminal pod counts in count/pods but not in pods', () => {
  const h = harness();
  h.apply(quota('pods', '{hard: {pods: "1", count/pods: "2"}}'));
  storePod(h, 'done', BEST_EFFORT);
  Object.assign(h.store.get<Pod>('Pod', 'default', 'done')!, { status: { phase: 'Succeeded' } });
  assert.equal(resourceQuota.validate!(h.create(podYaml('next', BEST_EFFORT)), h.context), undefined);
  storePod(h, 'next', BEST_EFFORT);
  assert.deepEqual(resourceQuota.validate!(h.create(podYaml('third', BEST_EFFORT)), h.context), {
    refused: 'pods "third" is forbidden: exceeded quota: pods, requested: count/pods=1,pods=1, used: count/pods=2,pods=1, limited: count/pods=2,pods=1',
  });
});

// The quota controller recounts when a pod is deleted (its replenishment): the room is free again.
test('a deleted pod frees its share of the quota', () => {
  const h = harness();
  h.apply(quota('pods', '{hard: {pods: "1"}}'));
  storePod(h, 'a', BEST_EFFORT);
  assert.notEqual(resourceQuota.validate!(h.create(podYaml('b', BEST_EFFORT)), h.context), undefined);
  h.store.delete(h.store.get('Pod', 'default', 'a')!);
  assert.equal(resourceQuota.validate!(h.create(podYaml('b', BEST_EFFORT)), h.context), undefined);
});

// Validate ignores requests that are not namespaced.
test('a cluster-scoped object is not checked', () => {
  const h = harness();
  h.apply(quota('objects', '{hard: {count/namespaces: "0"}}'));
  const request = h.create('{apiVersion: v1, kind: Namespace, metadata: {name: team}}');
  assert.equal(resourceQuota.validate!({ ...request, namespace: '' }, h.context), undefined);
});
