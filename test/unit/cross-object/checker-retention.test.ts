// What the language server's cross-object checker keeps between edits. A decoded value can outlive the document
// version it came from (pieces of a large document are kept by their text and shared between versions); the checker
// must not keep that old version alive through the value once an edit has dropped the object.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CrossFileChecker, type IndexChanges } from '../../../server/src/workspace/cross-file-findings';
import type { IndexedContents, IndexedObject } from '../../../server/src/workspace/indexed-object';
import type { PlainObject } from '../../../server/src/kube/plain-values';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function configMap(name: string, value: PlainObject, version: object): IndexedObject {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
  // The place of a field refers to its document version, as the documents' `locate` does.
  return { apiVersion: 'v1', kind: 'ConfigMap', name, namespace: 'default', value, range, locate: () => ({ start: 0, end: Object.keys(version).length }) };
}

class OneFileIndex implements IndexChanges {
  contents: IndexedContents = { objects: [] };
  takeChanges() {
    return [{ key: 'file:///list.yaml', contents: this.contents }];
  }
}

test('an object an edit drops no longer keeps the document version it was last seen in', async () => {
  const checker = new CrossFileChecker();
  const index = new OneFileIndex();
  // A value kept elsewhere for longer than the version it came from.
  const sharedValue: PlainObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dashboards-1' } };
  let oldVersion: object | undefined = { text: 'x'.repeat(1000) };
  const oldVersionGone = new WeakRef(oldVersion);
  index.contents = { objects: [configMap('dashboards-1', sharedValue, oldVersion)] };
  checker.run(index, [], new Set());
  oldVersion = undefined;
  // The next version no longer holds the object.
  index.contents = { objects: [configMap('dashboards-2', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dashboards-2' } }, {})] };
  checker.run(index, [], new Set());
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  assert.equal(oldVersionGone.deref(), undefined);
  assert.ok(sharedValue);
});

test('an object an edit keeps stays the same catalog object, placed in the new version', () => {
  const checker = new CrossFileChecker();
  const index = new OneFileIndex();
  const value: PlainObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } };
  index.contents = { objects: [configMap('settings', value, { a: 1 })] };
  checker.run(index, [], new Set());
  index.contents = { objects: [configMap('settings', value, { a: 1, b: 2 })] };
  const catalog = checker.catalogOf(index);
  const [object] = catalog.find('ConfigMap', 'default', 'settings');
  assert.deepEqual(object?.locate([], 'value'), { start: 0, end: 2 });
});
