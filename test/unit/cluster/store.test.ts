/** The object store: what the API server does to an object on create and apply, and lookups controllers use. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { SimulatedClock } from '../../../server/src/cluster/clock';
import { controllerReference } from '../../../server/src/kube/owner-references';
import { ObjectStore, StoreError } from '../../../server/src/cluster/store';
import type { PlainObject } from '../../../server/src/kube/plain-values';

const START = Date.parse('2026-01-01T00:00:00Z');

function newStore(): ObjectStore {
  return new ObjectStore(new SimulatedClock(START));
}

const deployment = (image: string, replicas?: number): PlainObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    ...(replicas === undefined ? {} : { replicas }),
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } },
  },
});

test('an applied Deployment gets the API server defaults: 1 replica, RollingUpdate 25%/25%, history 10, deadline 600', () => {
  const stored = newStore().apply('apps/v1', 'Deployment', deployment('nginx:1.27')) as unknown as Deployment;
  assert.equal(stored.spec?.replicas, 1);
  assert.deepEqual(stored.spec?.strategy, { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
  assert.equal(stored.spec?.revisionHistoryLimit, 10);
  assert.equal(stored.spec?.progressDeadlineSeconds, 600);
  assert.equal(stored.spec?.template.spec?.containers[0]?.imagePullPolicy, 'IfNotPresent');
});

test('a namespaced object without a namespace goes to default; a Node has none', () => {
  const store = newStore();
  const stored = store.apply('apps/v1', 'Deployment', deployment('nginx'));
  const node = store.apply('v1', 'Node', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', namespace: 'ignored' } });
  assert.equal(stored.metadata.namespace, 'default');
  assert.equal(node.metadata.namespace, undefined);
  assert.equal(store.get('Deployment', 'default', 'web'), stored);
  assert.equal(store.get('Node', '', 'n1'), node);
});

test('uids and creationTimestamps come from counters and the simulated clock', () => {
  const store = newStore();
  const first = store.apply('v1', 'ConfigMap', { metadata: { name: 'a' } });
  store.clock.advance(1500);
  const second = store.apply('v1', 'ConfigMap', { metadata: { name: 'b' } });
  assert.equal(first.metadata.uid, '00000000-0000-4000-8000-000000000001');
  assert.equal(second.metadata.uid, '00000000-0000-4000-8000-000000000002');
  assert.equal(first.metadata.creationTimestamp, '2026-01-01T00:00:00Z');
  assert.equal(second.metadata.creationTimestamp, '2026-01-01T00:00:01Z');
  assert.equal(first.metadata.generation, 1);
});

test('generateName adds five characters of the name alphabet, the same in every run', () => {
  const names = (store: ObjectStore) => [1, 2, 3].map(() => store.create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'web-6d4cf-' } }).metadata.name);
  const first = names(newStore());
  assert.deepEqual(names(newStore()), first);
  assert.equal(new Set(first).size, 3);
  assert.deepEqual(first, ['web-6d4cf-bbbbb', 'web-6d4cf-bbbbc', 'web-6d4cf-bbbbd']);
});

test('a generated name already taken is skipped', () => {
  const store = newStore();
  store.create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'job-bbbbb' } });
  assert.equal(store.create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'job-' } }).metadata.name, 'job-bbbbc');
});

test('generateName cuts a long base to 58 characters so that the name stays within 63', () => {
  const pod = newStore().create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'x'.repeat(70) } });
  assert.equal(pod.metadata.name.length, 63);
  assert.ok(pod.metadata.name.startsWith('x'.repeat(58)));
});

test('applying a changed spec keeps uid, creationTimestamp, status and controller annotations and bumps generation', () => {
  const store = newStore();
  const created = store.apply('apps/v1', 'Deployment', deployment('nginx:1.26', 3));
  created.metadata.annotations = { 'deployment.kubernetes.io/revision': '1' };
  (created as unknown as PlainObject)['status'] = { replicas: 3 };
  store.clock.advance(60_000);
  const updated = store.apply('apps/v1', 'Deployment', deployment('nginx:1.27', 3));
  assert.equal(updated.metadata.uid, created.metadata.uid);
  assert.equal(updated.metadata.creationTimestamp, '2026-01-01T00:00:00Z');
  assert.equal(updated.metadata.generation, 2);
  assert.equal(updated.metadata.annotations?.['deployment.kubernetes.io/revision'], '1');
  assert.deepEqual((updated as unknown as PlainObject)['status'], { replicas: 3 });
  assert.equal((updated as unknown as Deployment).spec?.template.spec?.containers[0]?.image, 'nginx:1.27');
  assert.equal(store.list('Deployment').length, 1);
});

test('applying the same spec again leaves generation as it was', () => {
  const store = newStore();
  store.apply('apps/v1', 'Deployment', deployment('nginx:1.26', 3));
  assert.equal(store.apply('apps/v1', 'Deployment', deployment('nginx:1.26', 3)).metadata.generation, 1);
});

test('an object with neither name nor generateName is refused', () => {
  assert.throws(() => newStore().apply('v1', 'ConfigMap', { metadata: {} }), StoreError);
});

test('creating a second object of the same kind, namespace and name is refused', () => {
  const store = newStore();
  store.create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } });
  assert.throws(() => store.create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }), /already exists/);
});

test('select finds objects by label selector within one namespace', () => {
  const store = newStore();
  const pod = (name: string, namespace: string, labels: Record<string, string>) => store.create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels } });
  pod('a', 'default', { app: 'web', tier: 'front' });
  pod('b', 'default', { app: 'web', tier: 'back' });
  pod('c', 'other', { app: 'web', tier: 'front' });
  const names = (selector: object | undefined) => store.select('Pod', 'default', selector).map((p) => p.metadata.name);
  assert.deepEqual(names({ matchLabels: { app: 'web' } }), ['a', 'b']);
  assert.deepEqual(names({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['back'] }] }), ['a']);
  assert.deepEqual(names({}), ['a', 'b']);
  assert.deepEqual(names(undefined), []);
});

test('controlledBy lists the objects whose controller ownerReference names the owner, and forgets deleted ones', () => {
  const store = newStore();
  const owner = store.apply('apps/v1', 'ReplicaSet', { metadata: { name: 'web-1' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } } } } });
  const owned = store.create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'web-1-', ownerReferences: [controllerReference(owner)] } });
  store.create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bare' } });
  assert.deepEqual(
    store.controlledBy('Pod', owner).map((p) => p.metadata.name),
    [owned.metadata.name],
  );
  assert.equal(owned.metadata.ownerReferences?.[0]?.controller, true);
  store.delete(owned);
  assert.deepEqual(store.controlledBy('Pod', owner), []);
  assert.equal(store.get('Pod', 'default', owned.metadata.name), undefined);
});

test('objects without a controller are counted, and an orphan adopted in place and updated leaves the count', () => {
  const store = newStore();
  const owner = store.apply('apps/v1', 'ReplicaSet', { metadata: { name: 'web-1' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } } } } });
  const orphan = store.create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bare' } });
  store.create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'other' } });
  assert.equal(store.countWithoutController('Pod'), 2);
  orphan.metadata.ownerReferences = [controllerReference(owner)];
  store.update(orphan);
  assert.equal(store.countWithoutController('Pod'), 1);
  assert.deepEqual(
    store.controlledBy('Pod', owner).map((p) => p.metadata.name),
    ['bare'],
  );
  store.delete(orphan);
  assert.deepEqual(store.controlledBy('Pod', owner), []);
  assert.equal(store.countWithoutController('Pod'), 1);
});

test('a status written in a manifest is dropped on create: the controllers write it', () => {
  const store = newStore();
  const pod = store.apply('v1', 'Pod', { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x' }] }, status: { phase: 'Running', podIP: '10.0.0.9' } });
  assert.equal((pod as unknown as PlainObject)['status'], undefined);
});

test('inListOrder puts objects in the order list() gives: a replaced object keeps its place, a re-created one goes last', () => {
  const store = newStore();
  const pod = (name: string): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
  for (const name of ['a', 'b', 'c']) store.create(pod(name));
  store.update({ ...store.get<Pod>('Pod', 'default', 'a')!, status: { phase: 'Running' } });
  store.delete(store.get<Pod>('Pod', 'default', 'b')!);
  store.create(pod('b'));
  const pods = store.list<Pod>('Pod');
  assert.deepEqual(
    pods.map((p) => p.metadata.name),
    ['a', 'c', 'b'],
  );
  assert.deepEqual(store.inListOrder([...pods].reverse()), pods);
});
