/**
 * NamespaceLifecycle (staging/src/k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle/admission.go, Lifecycle.Admit),
 * with the plan's rule for namespaces the inputs do not mention (assumed to exist, with a note).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { namespaceLifecycle } from '../../../../server/src/cluster/admission/namespace-lifecycle';
import { plan, request, testContext } from './fixtures';

const configMap = (namespace: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace } });

// Admit: namespaceLister.Get finds the namespace, the operation is not a create into a Terminating one: admitted.
test('an object in a stored namespace is admitted without a note', () => {
  const context = testContext({ inputs: ['Namespace//shop'] });
  context.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  assert.equal(namespaceLifecycle.admit!(request(configMap('shop')), context), undefined);
  assert.deepEqual(context.notes, []);
});

// Register: default, kube-system and kube-public are immortal; kube-node-lease is made with them at start.
test('the namespaces the API server makes itself exist without a Namespace object', () => {
  const context = testContext();
  for (const namespace of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    assert.equal(namespaceLifecycle.admit!(request(configMap(namespace)), context), undefined);
  }
  assert.deepEqual(context.notes, []);
});

// Admit: not in the lister, and the live lookup (client Get) answers NotFound, which is returned as it is.
test('an object in a namespace whose Namespace is among the inputs but not applied yet is refused as not found', () => {
  const context = testContext({ inputs: ['Namespace//shop'] });
  assert.deepEqual(namespaceLifecycle.admit!(request(configMap('shop')), context), { refused: 'namespaces "shop" not found' });
});

test('an object in a namespace the inputs do not mention is admitted, noting the assumption', () => {
  const context = testContext();
  assert.equal(namespaceLifecycle.admit!(request(configMap('shop')), context), undefined);
  assert.deepEqual(context.notes, ['namespace "shop" is not among the inputs or the cluster: assumed to exist']);
});

test('a namespace holding objects of the cluster files exists', () => {
  const context = testContext({ inputs: ['Namespace//shop'], loadedNamespaces: ['shop'] });
  assert.equal(namespaceLifecycle.admit!(request(configMap('shop')), context), undefined);
  assert.deepEqual(context.notes, []);
});

// Admit: "always allow non-namespaced resources" and "allow all operations to namespaces".
test('Namespaces and cluster-scoped objects pass whatever namespaces exist', () => {
  const context = testContext({ inputs: ['Namespace//shop'] });
  assert.equal(namespaceLifecycle.admit!(request({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }), context), undefined);
  assert.equal(namespaceLifecycle.admit!(request({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' } }), context), undefined);
});

test('a plan refuses a manifest that comes before its Namespace and applies the ones after', () => {
  const result = plan(
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: early, namespace: shop}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: late, namespace: shop}\n',
  );
  assert.deepEqual(
    result.applied.map((applied) => [applied.object, applied.outcome, applied.message]),
    [
      ['ConfigMap/shop/early', 'refused', 'namespaces "shop" not found'],
      ['Namespace/shop', 'created', null],
      ['ConfigMap/shop/late', 'created', null],
    ],
  );
});

test('a plan into a namespace the inputs do not make applies, with one note for the namespace', () => {
  const result = plan('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: shop}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: shop}\n');
  assert.deepEqual(
    result.applied.map((applied) => applied.outcome),
    ['created', 'created'],
  );
  assert.deepEqual(result.notes, ['namespace "shop" is not among the inputs or the cluster: assumed to exist']);
});
