/** The workspace catalog kept up to date file by file, as the language server keeps it while a file is edited. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkspaceCatalog } from '../../../server/src/catalog/catalog';
import type { WorkspaceObject } from '../../../server/src/catalog/workspace-object';

function configMap(name: string): WorkspaceObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', name, namespace: '', file: 'a.yaml', value: { kind: 'ConfigMap', metadata: { name } }, locate: () => ({ start: 0, end: 0 }) };
}

test('an edited file keeps its unchanged objects and swaps only the changed ones', () => {
  const kept = configMap('kept');
  const old = configMap('old');
  const catalog = new WorkspaceCatalog().update([{ key: 'a.yaml', objects: [kept, old] }]);
  const renamed = configMap('new');
  catalog.update([{ key: 'a.yaml', objects: [kept, renamed] }]);
  assert.deepEqual(catalog.find('ConfigMap', 'default', 'kept'), [kept]);
  assert.deepEqual(catalog.find('ConfigMap', 'default', 'old'), []);
  assert.deepEqual(catalog.find('ConfigMap', 'default', 'new'), [renamed]);
  assert.equal(catalog.ofKind('ConfigMap').length, 2);
  assert.deepEqual(
    [...catalog.files()].map((file) => file.objects),
    [[kept, renamed]],
  );
});

test('a file that is gone takes its objects with it', () => {
  const catalog = new WorkspaceCatalog().update([{ key: 'a.yaml', objects: [configMap('a')] }]);
  catalog.update([]);
  assert.deepEqual(catalog.ofKind('ConfigMap'), []);
  assert.equal(catalog.holdsAny('ConfigMap', 'default'), false);
});

test('a change touches only the files it names: others stay, removed ones go', () => {
  const a = configMap('a');
  const b = { ...configMap('b'), file: 'b.yaml' };
  const catalog = new WorkspaceCatalog().update([
    { key: 'a.yaml', objects: [a] },
    { key: 'b.yaml', objects: [b] },
  ]);
  const c = { ...configMap('c'), file: 'c.yaml' };
  catalog.change([{ key: 'c.yaml', objects: [c] }], ['a.yaml']);
  assert.deepEqual(catalog.ofKind('ConfigMap'), [b, c]);
  assert.equal(catalog.file('a.yaml'), undefined);
  assert.deepEqual(catalog.find('ConfigMap', 'default', 'a'), []);
});

test('a derived value is computed again only once an object of its kinds has come or gone', () => {
  const catalog = new WorkspaceCatalog().update([{ key: 'a.yaml', objects: [configMap('a')] }]);
  let computed = 0;
  const count = () =>
    catalog.derived('config maps', ['ConfigMap'], (read) => {
      computed++;
      return read.ofKind('ConfigMap').length;
    });
  assert.equal(count(), 1);
  catalog.change([{ key: 'b.yaml', objects: [{ ...configMap('b'), kind: 'Secret', file: 'b.yaml' }] }]);
  assert.equal(count(), 1);
  assert.equal(computed, 1);
  catalog.change([{ key: 'c.yaml', objects: [{ ...configMap('c'), file: 'c.yaml' }] }]);
  assert.equal(count(), 2);
  assert.equal(computed, 2);
});
