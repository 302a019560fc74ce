/**
 * What is read of a document with a YAML syntax error, and what that tells the cross-object rules. The recovery and
 * the verdicts are kubeplan's product rule (server/src/catalog/unreadable-documents.ts); the label matching they use is
 * upstream's (staging/src/k8s.io/apimachinery/pkg/labels/selector.go, SelectorFromSet and Matches).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateText } from '../../../server/src/check/validate-text';
import { namespaceResolver } from '../../../server/src/catalog/namespaces';
import { verdictOn, type UnreadableDocument } from '../../../server/src/catalog/unreadable-documents';
import { compileSetSelector } from '../../../server/src/kube/label-selectors';
import { DEFAULT_VERSION } from '../../../server/src/schema/versions';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

const CONFIG = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {level: debug}\n';

function unreadable(text: string): UnreadableDocument[] {
  return validateText(text, { kubernetesVersion: DEFAULT_VERSION }).unreadable ?? [];
}

test('a tab after the pod labels leaves kind, name, namespace and pod labels readable, with the line the document starts on', () => {
  const text = `${CONFIG}---\n${DEPLOYMENT.replace('        - name: web', '\t- name: web')}`;
  assert.deepEqual(unreadable(text), [{ line: 6, apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop', labels: {}, podLabels: { app: 'web' } }]);
});

test('a tab inside the pod labels leaves them unread: entries after it may be lost', () => {
  const [document] = unreadable(DEPLOYMENT.replace('        app: web\n', '        app: web\n\ttier: front\n'));
  assert.equal(document?.kind, 'Deployment');
  assert.equal(document?.podLabels, undefined);
});

test('labels whose every entry is indented with a tab are unread, not empty', () => {
  const [document] = unreadable(DEPLOYMENT.replace('        app: web\n', '\tapp: web\n'));
  assert.equal(document?.podLabels, undefined);
});

test('a kind missing its colon leaves no kind', () => {
  const [document] = unreadable(DEPLOYMENT.replace('kind: Deployment', 'kind Deployment'));
  assert.equal(document?.line, 1);
  assert.equal(document?.kind, undefined);
});

test('a file whose documents all read has no unreadable documents', () => {
  assert.equal(validateText(`${CONFIG}---\n${DEPLOYMENT}`, { kubernetesVersion: DEFAULT_VERSION }).unreadable, undefined);
});

const scopeOf = namespaceResolver([]);
const pods = (labels: Record<string, string>) => ({ kinds: ['Deployment'], namespace: 'shop', pods: compileSetSelector(labels) });

test('product rule: a document read far enough to match is what the lookup wants', () => {
  const document: UnreadableDocument = { line: 1, apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop', podLabels: { app: 'web', tier: 'front' } };
  assert.equal(verdictOn(document, pods({ app: 'web' }), scopeOf), 'is');
});

test('product rule: pod labels read whole that do not match, another kind or another namespace rule the document out', () => {
  const document: UnreadableDocument = { line: 1, kind: 'Deployment', namespace: 'shop', podLabels: { app: 'api' } };
  assert.equal(verdictOn(document, pods({ app: 'web' }), scopeOf), 'is not');
  assert.equal(verdictOn({ line: 1, kind: 'ConfigMap', namespace: 'shop' }, pods({ app: 'web' }), scopeOf), 'is not');
  assert.equal(verdictOn({ line: 1, kind: 'Deployment', namespace: 'other', podLabels: { app: 'web' } }, pods({ app: 'web' }), scopeOf), 'is not');
});

test('product rule: a document without a readable kind may be anything in its namespace, or in any namespace when that is unread too', () => {
  assert.equal(verdictOn({ line: 1 }, pods({ app: 'web' }), scopeOf), 'may be');
  assert.equal(verdictOn({ line: 1, namespace: 'shop' }, { kinds: ['ConfigMap'], namespace: 'shop', name: 'settings' }, scopeOf), 'may be');
  assert.equal(verdictOn({ line: 1, namespace: 'other' }, { kinds: ['ConfigMap'], namespace: 'shop', name: 'settings' }, scopeOf), 'is not');
  // Written without a namespace: the default one.
  assert.equal(verdictOn({ line: 1, namespace: '' }, { kinds: ['ConfigMap'], namespace: 'shop', name: 'settings' }, scopeOf), 'is not');
});

test('product rule: a readable name that differs rules the document out; an unread one leaves it possible', () => {
  const wanted = { kinds: ['ConfigMap'], namespace: 'default', name: 'settings' };
  assert.equal(verdictOn({ line: 1, kind: 'ConfigMap', namespace: '', name: 'other' }, wanted, scopeOf), 'is not');
  assert.equal(verdictOn({ line: 1, kind: 'ConfigMap', namespace: '' }, wanted, scopeOf), 'may be');
  assert.equal(verdictOn({ line: 1, kind: 'ConfigMap', namespace: '', name: 'settings' }, wanted, scopeOf), 'is');
});
