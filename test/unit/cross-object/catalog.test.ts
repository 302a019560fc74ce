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
