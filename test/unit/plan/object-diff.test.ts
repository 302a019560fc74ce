/**
 * The field changes of one object, worked by hand from the two manifests. Both sides are compared after the API
 * server's defaulting (pkg/apis/apps/v1/defaults.go SetDefaults_Deployment, pkg/apis/core/v1/defaults.go
 * SetDefaults_Container), as `kubectl diff` compares the live object with the server's dry run; a Secret's values are
 * masked as kubectl diff masks them (staging/src/k8s.io/kubectl/pkg/cmd/diff/diff.go, Masker.run).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffObjects } from '../../../server/src/plan/object-diff';
import { compactValue } from '../../../server/src/plan/html/compact-value';
import type { PlainObject } from '../../../server/src/kube/plain-values';

function deployment(spec: PlainObject, metadata: PlainObject = {}): { apiVersion: string; kind: string; value: PlainObject } {
  return { apiVersion: 'apps/v1', kind: 'Deployment', value: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop', ...metadata }, spec } };
}

function template(containers: PlainObject[]): PlainObject {
  return { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers } } };
}

const web = (image: string, more: PlainObject = {}): PlainObject => ({ name: 'web', image, ...more });

test('a changed scalar is one change with both values', () => {
  const changes = diffObjects(deployment({ replicas: 1, ...template([web('nginx:1.25')]) }), deployment({ replicas: 6, ...template([web('nginx:1.25')]) }));
  assert.deepEqual(changes, [{ path: 'spec.replicas', before: 1, after: 6 }]);
});

test('containers are matched by name, so a container moved in the list is no change and a changed image is named by its container', () => {
  const before = deployment(template([web('nginx:1.25'), { name: 'sidecar', image: 'envoy:1' }]));
  const after = deployment(template([{ name: 'sidecar', image: 'envoy:1' }, web('nginx:1.27')]));
  assert.deepEqual(diffObjects(before, after), [{ path: 'spec.template.spec.containers[name=web].image', before: 'nginx:1.25', after: 'nginx:1.27' }]);
});

test('a container added to a named list is one change of the whole item, absent before', () => {
  const changes = diffObjects(deployment(template([web('nginx:1.25')])), deployment(template([web('nginx:1.25'), { name: 'sidecar', image: 'envoy:1' }])));
  assert.equal(changes.length, 1);
  assert.equal(changes[0]!.path, 'spec.template.spec.containers[name=sidecar]');
  assert.equal(changes[0]!.before, null);
  // The added container comes defaulted, as the API server stores it (SetDefaults_Container: terminationMessagePath …).
  assert.equal((changes[0]!.after as PlainObject)['image'], 'envoy:1');
  assert.equal((changes[0]!.after as PlainObject)['terminationMessagePath'], '/dev/termination-log');
});

test('a map key added and one removed are changes of that key, with dotted keys in brackets', () => {
  const before = deployment({ replicas: 1, ...template([web('nginx')]) }, { labels: { 'app.kubernetes.io/name': 'web', tier: 'front' } });
  const after = deployment({ replicas: 1, ...template([web('nginx')]) }, { labels: { 'app.kubernetes.io/name': 'web', team: 'shop' } });
  assert.deepEqual(diffObjects(before, after), [
    { path: 'metadata.labels.team', before: null, after: 'shop' },
    { path: 'metadata.labels.tier', before: 'front', after: null },
  ]);
  const keyed = diffObjects(deployment({ replicas: 1, ...template([web('nginx')]) }, { labels: { 'app.kubernetes.io/name': 'web' } }), after);
  assert.deepEqual(keyed[0], { path: 'metadata.labels.team', before: null, after: 'shop' });
  const renamed = diffObjects(before, deployment({ replicas: 1, ...template([web('nginx')]) }, { labels: { 'app.kubernetes.io/name': 'shop', tier: 'front' } }));
  assert.deepEqual(renamed, [{ path: 'metadata.labels[app.kubernetes.io/name]', before: 'web', after: 'shop' }]);
});

test('a list of plain values changes as a whole', () => {
  const changes = diffObjects(deployment(template([web('nginx', { args: ['--a', '--b'] })])), deployment(template([web('nginx', { args: ['--a', '--c'] })])));
  assert.deepEqual(changes, [{ path: 'spec.template.spec.containers[name=web].args', before: ['--a', '--b'], after: ['--a', '--c'] }]);
});

test('items of a list without names are compared by index', () => {
  const toleration = (key: string): PlainObject => ({ key, operator: 'Exists' });
  const before = deployment({ ...template([web('nginx')]), template: { metadata: { labels: { app: 'web' } }, spec: { containers: [web('nginx')], tolerations: [toleration('a')] } } });
  const after = deployment({
    ...template([web('nginx')]),
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [web('nginx')], tolerations: [toleration('b'), toleration('c')] } },
  });
  assert.deepEqual(diffObjects(before, after), [
    { path: 'spec.template.spec.tolerations[0].key', before: 'a', after: 'b' },
    { path: 'spec.template.spec.tolerations[1]', before: null, after: { key: 'c', operator: 'Exists' } },
  ]);
});

test('a field written out at its default value is no change (both sides defaulted)', () => {
  // SetDefaults_Deployment: replicas 1, progressDeadlineSeconds 600, revisionHistoryLimit 10.
  const before = deployment(template([web('nginx')]));
  const after = deployment({ replicas: 1, progressDeadlineSeconds: 600, revisionHistoryLimit: 10, ...template([web('nginx', { imagePullPolicy: 'Always' })]) });
  // imagePullPolicy defaults to Always for an image without a tag (SetDefaults_Container), so nothing changes.
  assert.deepEqual(diffObjects(before, after), []);
});

test('status, server-set metadata and the annotations kubectl and the Deployment controller write are not changes', () => {
  const before = deployment(template([web('nginx')]), {
    uid: 'a',
    resourceVersion: '1',
    generation: 1,
    creationTimestamp: '2026-01-01T00:00:00Z',
    annotations: { 'deployment.kubernetes.io/revision': '1', 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
  });
  const after = deployment(template([web('nginx')]), { uid: 'b', resourceVersion: '7', generation: 3 });
  after.value['status'] = { replicas: 3 };
  assert.deepEqual(diffObjects(before, after), []);
});

test("a Secret's changed value is masked as kubectl diff masks it, stringData folded into data first", () => {
  const secret = (data: PlainObject, stringData?: PlainObject) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    value: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data, ...(stringData ? { stringData } : {}) },
  });
  // stringData.password is folded into data.password as base64 (cGFzcw== is "pass").
  assert.deepEqual(diffObjects(secret({ password: 'cGFzcw==', user: 'YQ==' }), secret({ user: 'YQ==' }, { password: 'other' })), [
    { path: 'data.password', before: '*** (before)', after: '*** (after)' },
  ]);
  assert.deepEqual(diffObjects(secret({ user: 'YQ==' }), secret({ user: 'YQ==', 'tls.key': 'eA==' })), [{ path: 'data[tls.key]', before: null, after: '*** (after)' }]);
});

test('values are shown compactly: strings as written, absent as (none), long text by its start and end', () => {
  assert.equal(compactValue('nginx:1.27'), 'nginx:1.27');
  assert.equal(compactValue(null), '(none)');
  assert.equal(compactValue('6'), '"6"');
  assert.equal(compactValue(''), '""');
  assert.equal(compactValue({ cpu: '500m', memory: '256Mi' }), '{cpu: 500m, memory: 256Mi}');
  const image = `registry.example.com/${'team/'.repeat(12)}app:1.27`;
  // 60 characters: 30 from the start, the ellipsis, 29 from the end, then the length.
  assert.equal(compactValue(image), `${image.slice(0, 30)}…${image.slice(-29)} (${image.length} chars)`);
  assert.equal(compactValue('line one\nline two\nline three\n'), 'line one… (4 lines, 29 chars)');
  assert.equal(compactValue(Array.from({ length: 40 }, (_, i) => `item-${i}`)), '[40 items]');
});
