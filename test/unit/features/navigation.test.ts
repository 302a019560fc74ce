/** Definitions and references from a cursor in a document, and the document's symbols. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { definitionTargets, objectAtCursor, referenceTargets, type FieldTarget } from '../../../server/src/features/navigation';
import { documentSymbols, matchingSymbols } from '../../../server/src/features/symbols';
import { DEFAULT_VERSION } from '../../../server/src/schema/versions';
import { validateText } from '../../../server/src/check/validate-text';
import { withCursor } from './cursor-text';
import { catalogOf, CONFIG_MAP, DEPLOYMENT, HPA, INGRESS, SECRET, SERVICE } from '../../helpers/workspace-manifests';

const FILES: Record<string, string> = { 'config.yaml': CONFIG_MAP, 'secret.yaml': SECRET, 'service.yaml': SERVICE, 'deployment.yaml': DEPLOYMENT, 'ingress.yaml': INGRESS, 'hpa.yaml': HPA };

/** The text each target points at, with its file. */
function shown(targets: FieldTarget[]): string[] {
  return targets.map((target) => {
    const range = target.object.locate(target.keys, 'value');
    return `${target.object.file}: ${FILES[target.object.file]!.slice(range.start, range.end)}`;
  });
}

/** The object and path at the end of the first occurrence of `before` in the file. */
function cursorIn(file: string, before: string) {
  const text = FILES[file]!;
  const { offset } = withCursor(text.replace(before, `${before}|`));
  const at = objectAtCursor(text, offset, validateText(text, { kubernetesVersion: DEFAULT_VERSION }).objects, file);
  assert.ok(at);
  return at;
}

test('on a configMapKeyRef name, the definition is the ConfigMap; on its key, the key in the ConfigMap data', () => {
  const catalog = catalogOf(FILES);
  assert.deepEqual(shown(definitionTargets(cursorIn('deployment.yaml', 'name: sett'), catalog)), ['config.yaml: settings']);
  const key = definitionTargets(cursorIn('deployment.yaml', 'key: LOG_'), catalog);
  assert.deepEqual(
    key.map((target) => target.keys),
    [['data', 'LOG_LEVEL']],
  );
});

test('on a Service selector, the definitions are the workloads it selects', () => {
  const catalog = catalogOf(FILES);
  assert.deepEqual(shown(definitionTargets(cursorIn('service.yaml', '    ap'), catalog)), ['deployment.yaml: web']);
});

test('on an Ingress backend service name, the definition is the Service', () => {
  const catalog = catalogOf(FILES);
  assert.deepEqual(shown(definitionTargets(cursorIn('ingress.yaml', 'service:\n                name: we'), catalog)), ['service.yaml: web']);
});

test('on a field that names nothing there is no definition', () => {
  assert.deepEqual(definitionTargets(cursorIn('deployment.yaml', 'image: ngi'), catalogOf(FILES)), []);
});

test('the references to a ConfigMap, from its name, are where pods name it', () => {
  const targets = referenceTargets(cursorIn('config.yaml', 'name: sett'), catalogOf(FILES), false);
  assert.deepEqual(shown(targets), ['deployment.yaml: settings']);
});

test('with the declaration asked for, the ConfigMap name comes first', () => {
  const targets = referenceTargets(cursorIn('config.yaml', 'name: sett'), catalogOf(FILES), true);
  assert.deepEqual(shown(targets), ['config.yaml: settings', 'deployment.yaml: settings']);
});

test('the references to a Service are the Ingress backends naming it', () => {
  const targets = referenceTargets(cursorIn('service.yaml', 'name: w'), catalogOf(FILES), false);
  assert.deepEqual(
    targets.map((target) => `${target.object.file} ${target.keys.join('.')}`),
    ['ingress.yaml spec.rules.0.http.paths.0.backend.service.name'],
  );
});

test('a document has one symbol per object, named by kind and name, with its namespace as detail', () => {
  const text = `${CONFIG_MAP.replace('name: settings', 'name: settings\n  namespace: shop')}---\n${SERVICE}`;
  const symbols = documentSymbols(validateText(text, { kubernetesVersion: DEFAULT_VERSION }).objects);
  assert.deepEqual(
    symbols.map((symbol) => [symbol.name, symbol.detail, text.slice(symbol.selectionRange.start, symbol.selectionRange.end)]),
    [
      ['ConfigMap settings', 'shop', 'settings'],
      ['Service web', '', 'web'],
    ],
  );
});

test('workspace symbols match the query in order of the characters, substring matches first', () => {
  const objects = [
    { apiVersion: 'v1', kind: 'Service', name: 'web', namespace: '' },
    { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: '' },
    { apiVersion: 'v1', kind: 'ConfigMap', name: 'settings', namespace: '' },
  ];
  assert.deepEqual(
    matchingSymbols(objects, 'serviceweb', 10).map((object) => object.kind),
    ['Service'],
  );
  assert.deepEqual(
    matchingSymbols(objects, 'web', 10).map((object) => object.kind),
    ['Service', 'Deployment'],
  );
  assert.deepEqual(
    matchingSymbols(objects, 'dply', 10).map((object) => object.kind),
    ['Deployment'],
  );
  assert.equal(matchingSymbols(objects, '', 2).length, 2);
});
