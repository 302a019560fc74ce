import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blockPathAt, type BlockAnswer } from '../../../server/src/features/block-path';
import { LineTable } from '../../../server/src/parse/block-lines';

function at(text: string, needle: string, n = 0): BlockAnswer {
  const index = text.indexOf(needle);
  assert.notEqual(index, -1, `${needle} is in the text`);
  return blockPathAt(new LineTable(text), index + n);
}

function pathAt(text: string, needle: string, n = 0): unknown {
  const answer = at(text, needle, n);
  return answer && answer !== 'unsure' ? [answer.path, answer.on] : answer;
}

const KUBECTL_STYLE = `apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
      - name: sidecar
        args:
        - --one
        - --two
      - name: web
        image: nginx
        ports:
        - containerPort: 80
          name: http
`;

test('sequences at the indent of their key count their items', () => {
  assert.deepEqual(pathAt(KUBECTL_STYLE, 'image', 1), [['spec', 'template', 'spec', 'containers', 1, 'image'], 'key']);
  assert.deepEqual(pathAt(KUBECTL_STYLE, 'nginx'), [['spec', 'template', 'spec', 'containers', 1, 'image'], 'value']);
  assert.deepEqual(pathAt(KUBECTL_STYLE, '--two'), [['spec', 'template', 'spec', 'containers', 0, 'args', 1], 'value']);
});

test('the first key of an item is on the dash line, the next ones below it', () => {
  assert.deepEqual(pathAt(KUBECTL_STYLE, 'containerPort'), [['spec', 'template', 'spec', 'containers', 1, 'ports', 0, 'containerPort'], 'key']);
  assert.deepEqual(pathAt(KUBECTL_STYLE, 'name: http'), [['spec', 'template', 'spec', 'containers', 1, 'ports', 0, 'name'], 'key']);
});

test('indented sequences read the same', () => {
  const text = 'spec:\n  containers:\n    - name: a\n    - name: b\n      image: x\n';
  assert.deepEqual(pathAt(text, 'image'), [['spec', 'containers', 1, 'image'], 'key']);
});

test('text inside a block scalar is the value of its key, even when it looks like YAML', () => {
  const text = 'data:\n  config.yaml: |\n    rules:\n    - name: a\n      value: b\n  other: c\n';
  const answer = at(text, 'value: b');
  assert.ok(answer && answer !== 'unsure');
  assert.deepEqual([answer.path, answer.on], [['data', 'config.yaml'], 'value']);
  assert.equal(text.slice(answer.range.start, answer.range.end), '|\n    rules:\n    - name: a\n      value: b\n');
  assert.deepEqual(pathAt(text, 'other'), [['data', 'other'], 'key']);
});

test('a comment line inside a block scalar is part of the value', () => {
  const text = 'data:\n  script: |\n    # not a comment\n    echo hi\n';
  assert.deepEqual(pathAt(text, 'not a comment'), [['data', 'script'], 'value']);
});

test('a plain scalar continued on the next line is one value', () => {
  const text = 'metadata:\n  annotations:\n    note: this is\n      continued here\n';
  assert.deepEqual(pathAt(text, 'continued'), [['metadata', 'annotations', 'note'], 'value']);
});

test('quoted keys are unquoted', () => {
  assert.deepEqual(pathAt('metadata:\n  labels:\n    "app.kubernetes.io/name": web\n', 'web'), [['metadata', 'labels', 'app.kubernetes.io/name'], 'value']);
});

test('blank space, a dash and a real comment are on nothing', () => {
  assert.equal(at(KUBECTL_STYLE, '- name: web'), undefined);
  assert.equal(at('spec:\n  # a comment\n  replicas: 1\n', 'a comment'), undefined);
  assert.equal(at(KUBECTL_STYLE, '    spec:'), undefined);
});

test('flow collections and nested dashes are left to the syntax tree', () => {
  assert.equal(at('spec:\n  selector: {app: web}\n', 'web'), 'unsure');
  assert.equal(at('spec:\n  matrix:\n  - - a\n    - b\n', 'b'), 'unsure');
});
