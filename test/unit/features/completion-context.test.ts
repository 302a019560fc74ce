/** The completion context read from indentation, on lines that do not parse yet. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completionContext } from '../../../server/src/features/completion-context';
import { withCursor } from './cursor-text';

function contextOf(marked: string) {
  const { text, offset } = withCursor(marked);
  const context = completionContext(text, offset);
  assert.ok(context, 'there is a context');
  return context;
}

const DEPLOYMENT_HEAD = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n';

test('a key half typed under spec is a key of spec, and the keys below it are present', () => {
  const context = contextOf(`${DEPLOYMENT_HEAD}spec:\n  replicas: 2\n  rep|\n  template:\n    spec: {}\n`);
  assert.equal(context.position, 'key');
  assert.deepEqual(context.path, ['spec']);
  assert.equal(context.prefix, 'rep');
  assert.deepEqual([...context.siblings.keys()].sort(), ['replicas', 'template']);
  assert.deepEqual([context.apiVersion, context.kind, context.namespace], ['apps/v1', 'Deployment', 'shop']);
});

test('a blank indented line takes its mapping from its indentation', () => {
  const context = contextOf(`${DEPLOYMENT_HEAD}spec:\n  template:\n    spec:\n      |\n`);
  assert.equal(context.position, 'key');
  assert.deepEqual(context.path, ['spec', 'template', 'spec']);
  assert.equal(context.prefix, '');
});

test('the second list item is counted, and a key under its dash belongs to it', () => {
  const context = contextOf(
    `${DEPLOYMENT_HEAD}spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: x\n      - name: b\n        ports:\n          - containerPort: 80\n            na|\n`,
  );
  assert.deepEqual(context.path, ['spec', 'template', 'spec', 'containers', 1, 'ports', 0]);
  assert.deepEqual([...context.siblings.keys()], ['containerPort']);
});

test('a key typed after a dash starts a new list item', () => {
  const context = contextOf('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n    - im|\n');
  assert.deepEqual(context.path, ['spec', 'containers', 1]);
  assert.equal(context.siblings.size, 0);
});

test('after a key and a colon the value of that field is being written', () => {
  const context = contextOf('apiVersion: v1\nkind: Pod\nspec:\n  restartPolicy: Al|\n');
  assert.equal(context.position, 'value');
  assert.deepEqual(context.path, ['spec', 'restartPolicy']);
  assert.equal(context.prefix, 'Al');
  assert.equal(context.needsSpace, false);
});

test('a value right after the colon needs a space before it', () => {
  const context = contextOf('apiVersion: v1\nkind: Pod\nspec:\n  restartPolicy:|\n');
  assert.equal(context.position, 'value');
  assert.equal(context.needsSpace, true);
});

test('the word under the cursor is what a completion replaces', () => {
  const { text, offset } = withCursor('apiVersion: v1\nkind: Pod\nspec:\n  restart|Pol\n');
  const context = completionContext(text, offset)!;
  assert.equal(text.slice(context.replace.start, context.replace.end), 'restartPol');
});

test('only the document under the cursor is read', () => {
  const context = contextOf('apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\napiVersion: batch/v1\nkind: Job\nspec:\n  |\n');
  assert.deepEqual([context.apiVersion, context.kind], ['batch/v1', 'Job']);
  assert.deepEqual(context.path, ['spec']);
});

test('an empty document is one a whole object can be inserted into', () => {
  assert.equal(contextOf('|').emptyDocument, true);
  assert.equal(contextOf('kind: Pod\n|').emptyDocument, false);
});

test('nothing is completed inside a block scalar or a comment', () => {
  for (const marked of ['apiVersion: v1\nkind: ConfigMap\ndata:\n  script: |\n    ech|\n', 'apiVersion: v1\nkind: Pod\n# spe|\n']) {
    const { text, offset } = withCursor(marked);
    assert.equal(completionContext(text, offset), undefined, marked);
  }
});

test("a key under a list item's dash belongs to the item, at its key column", () => {
  const context = contextOf('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: x\n    |\n');
  assert.deepEqual(context.path, ['spec', 'containers', 0]);
  assert.deepEqual([...context.siblings.keys()], ['image', 'name']);
  assert.deepEqual([context.column, context.indent], [6, 2]);
});

test("a key under a bare dash belongs to the item, at the column of the item's first key", () => {
  const context = contextOf('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    -\n      name: a\n    |\n');
  assert.deepEqual(context.path, ['spec', 'containers', 0]);
  assert.deepEqual([context.column, context.indent], [6, 2]);
});

test('a key at the dash column of a compact list is a key of the mapping holding the list', () => {
  const context = contextOf('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n  |\n');
  assert.deepEqual(context.path, ['spec']);
  assert.equal(context.indent, 0);
});
