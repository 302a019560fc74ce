import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cursorAt, documentAt } from '../../../server/src/features/cursor';

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
    - port: 80
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: sidecar
          image: envoy
        - name: web
          image: nginx:1.27
          args: [--port, "8080"]
`;

/** The offset of the n-th character of the first occurrence of `needle`. */
function at(text: string, needle: string, n = 0): number {
  const index = text.indexOf(needle);
  assert.notEqual(index, -1, `${needle} is in the text`);
  return index + n;
}

test('a value in the second container is at its path with the list index', () => {
  const text = `${SERVICE}---\n${DEPLOYMENT}`;
  const cursor = cursorAt(text, at(text, 'nginx:1.27', 3));
  assert.deepEqual(cursor?.path, ['spec', 'template', 'spec', 'containers', 1, 'image']);
  assert.equal(cursor?.on, 'value');
  assert.equal(text.slice(cursor!.range.start, cursor!.range.end), 'nginx:1.27');
});

test('a key right after a block mapping is found at its first character', () => {
  const cursor = cursorAt(DEPLOYMENT, at(DEPLOYMENT, 'spec:'));
  assert.deepEqual(cursor?.path, ['spec']);
  assert.equal(cursor?.on, 'key');
});

test('the end of a value at the end of a line is on that value', () => {
  const cursor = cursorAt(DEPLOYMENT, at(DEPLOYMENT, 'replicas: 3', 'replicas: 3'.length));
  assert.deepEqual(cursor?.path, ['spec', 'replicas']);
  assert.equal(cursor?.on, 'value');
});

test('a key is reported as a key with its own range', () => {
  const cursor = cursorAt(DEPLOYMENT, at(DEPLOYMENT, 'replicas', 2));
  assert.deepEqual(cursor?.path, ['spec', 'replicas']);
  assert.equal(cursor?.on, 'key');
  assert.equal(DEPLOYMENT.slice(cursor!.range.start, cursor!.range.end), 'replicas');
});

test('a key whose value is a mapping is still a key', () => {
  const cursor = cursorAt(DEPLOYMENT, at(DEPLOYMENT, 'template', 0));
  assert.deepEqual(cursor?.path, ['spec', 'template']);
  assert.equal(cursor?.on, 'key');
});

test('the cursor just after the last character of a key is on that key', () => {
  const cursor = cursorAt(DEPLOYMENT, at(DEPLOYMENT, 'replicas', 'replicas'.length));
  assert.deepEqual(cursor?.path, ['spec', 'replicas']);
});

test('an item of a flow sequence is a value at its index', () => {
  const cursor = cursorAt(DEPLOYMENT, at(DEPLOYMENT, '"8080"', 1));
  assert.deepEqual(cursor?.path, ['spec', 'template', 'spec', 'containers', 1, 'args', 1]);
  assert.equal(cursor?.on, 'value');
});

test('the document carries the apiVersion and kind of the object under the cursor', () => {
  const text = `${SERVICE}---\n${DEPLOYMENT}`;
  const cursor = cursorAt(text, at(text, 'replicas'));
  assert.equal(cursor?.document.apiVersion, 'apps/v1');
  assert.equal(cursor?.document.kind, 'Deployment');
  assert.equal(cursor?.document.index, 1);
  assert.equal(cursor?.document.offset, SERVICE.length);
});

test('blank space, a list dash and a comment are on nothing', () => {
  const text = `${DEPLOYMENT}# a comment\n`;
  assert.equal(cursorAt(text, at(text, '- name: web')), undefined);
  assert.equal(cursorAt(text, at(text, '# a comment', 4)), undefined);
  assert.equal(cursorAt(text, at(text, '  replicas')), undefined);
});

test('a syntax error in another document does not change the path in this one', () => {
  const text = `apiVersion: v1\nkind: ConfigMap\ndata: {a: [1\n---\n${DEPLOYMENT}`;
  const cursor = cursorAt(text, at(text, 'nginx'));
  assert.deepEqual(cursor?.path, ['spec', 'template', 'spec', 'containers', 1, 'image']);
  assert.equal(cursor?.document.kind, 'Deployment');
});

test('a field in a document with a syntax error further down still has its path', () => {
  const text = `${DEPLOYMENT}          ports: [oops\n`;
  const cursor = cursorAt(text, at(text, 'replicas: 3', 10));
  assert.deepEqual(cursor?.path, ['spec', 'replicas']);
  assert.equal(cursor?.on, 'value');
});

test('a key under a merge key is found at its path', () => {
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  <<: {name: base}\n  namespace: prod\n`;
  const cursor = cursorAt(text, at(text, 'namespace'));
  assert.deepEqual(cursor?.path, ['metadata', 'namespace']);
});

test('the decoded document follows Kubernetes decoding, not the syntax tree', () => {
  const text = `apiVersion: v1\nkind: ConfigMap\ndata:\n  on: yes\n`;
  const document = documentAt(text, at(text, 'data'));
  assert.deepEqual(JSON.parse(JSON.stringify(document?.decoded())), { apiVersion: 'v1', kind: 'ConfigMap', data: { true: true } });
});

test('an empty file has no document', () => {
  assert.equal(cursorAt('', 0), undefined);
});
