/**
 * The catalog's indexes, kept up to date file by file: pod templates by label — what a selector's matchLabels can
 * match, as labels.SelectorFromSet matches (k8s.io/apimachinery/pkg/labels/selector.go: every key of the set present
 * with its value) — and each kind's names in a namespace, for "did you mean".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkspaceCatalog } from '../../../server/src/catalog/catalog';
import type { WorkspaceObject } from '../../../server/src/catalog/workspace-object';

function deployment(name: string, namespace: string, labels: Record<string, string>): WorkspaceObject {
  const value = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace }, spec: { template: { metadata: { labels }, spec: { containers: [] } } } };
  return { apiVersion: 'apps/v1', kind: 'Deployment', name, namespace, file: `${name}.yaml`, value, locate: () => ({ start: 0, end: 0 }) };
}

function owners(templates: readonly { owner: WorkspaceObject }[]): string[] {
  return templates.map((template) => template.owner.name);
}

test('the templates labelled with every pair of a set are those of the namespace that carry them all, in order', () => {
  const web = deployment('web', 'shop', { app: 'web', tier: 'front' });
  const api = deployment('api', 'shop', { app: 'api', tier: 'front' });
  const canary = deployment('web-canary', 'shop', { app: 'web', tier: 'front', track: 'canary' });
  const elsewhere = deployment('web', 'blog', { app: 'web', tier: 'front' });
  const catalog = new WorkspaceCatalog().update([web, api, canary, elsewhere].map((object) => ({ key: `${object.namespace}/${object.file}`, objects: [object] })));
  assert.deepEqual(owners(catalog.podTemplatesLabelled('shop', { app: 'web', tier: 'front' })), ['web', 'web-canary']);
  assert.deepEqual(owners(catalog.podTemplatesLabelled('shop', { tier: 'front' })), ['web', 'api', 'web-canary']);
  assert.deepEqual(owners(catalog.podTemplatesLabelled('shop', { app: 'web', tier: 'back' })), []);
});

test('an empty set of labels is carried by every template of the namespace', () => {
  const web = deployment('web', 'shop', { app: 'web' });
  const catalog = new WorkspaceCatalog().update([{ key: 'web.yaml', objects: [web] }]);
  assert.deepEqual(owners(catalog.podTemplatesLabelled('shop', {})), ['web']);
});

test('without a namespace the templates of every namespace are looked up', () => {
  const shop = deployment('web', 'shop', { app: 'web' });
  const blog = deployment('web', 'blog', { app: 'web' });
  const catalog = new WorkspaceCatalog().update([
    { key: 'shop.yaml', objects: [shop] },
    { key: 'blog.yaml', objects: [blog] },
  ]);
  assert.deepEqual(
    catalog.podTemplatesLabelled(undefined, { app: 'web' }).map((template) => template.owner),
    [shop, blog],
  );
});

test('a template whose labels are edited leaves the lookups of its old labels', () => {
  const before = deployment('web', 'shop', { app: 'web' });
  const catalog = new WorkspaceCatalog().update([{ key: 'web.yaml', objects: [before] }]);
  const after = deployment('web', 'shop', { app: 'website' });
  catalog.update([{ key: 'web.yaml', objects: [after] }]);
  assert.deepEqual(owners(catalog.podTemplatesLabelled('shop', { app: 'web' })), []);
  assert.deepEqual(owners(catalog.podTemplatesLabelled(undefined, { app: 'web' })), []);
  assert.deepEqual(owners(catalog.podTemplatesLabelled('shop', { app: 'website' })), ['web']);
});

test('near names follow the objects of a kind in a namespace as files come and go', () => {
  const catalog = new WorkspaceCatalog().update([{ key: 'web.yaml', objects: [deployment('web-config', 'shop', {})] }]);
  assert.equal(catalog.nearName('Deployment', 'shop', 'web-confg'), 'web-config');
  assert.equal(catalog.nearName('Deployment', 'blog', 'web-confg'), undefined);
  catalog.update([]);
  assert.equal(catalog.nearName('Deployment', 'shop', 'web-confg'), undefined);
});
