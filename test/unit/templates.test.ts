import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, yaml } from '../helpers/check-text';

test('{{ }} outside strings skips the file with one information finding and nothing else', () => {
  const text = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: {{ .Release.Name }}
    spec:
      replicas: {{ .Values.replicas }}
      bogus: field
  `;
  const { objects, findings } = checkText(text);
  assert.deepEqual(objects, []);
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.severity, 'information');
  assert.equal(findings[0]!.rule, 'template-skipped');
  assert.equal(findings[0]!.line, 4);
  assert.equal(findings[0]!.text, '{{');
});

test('a template block line ({{- if }}) is template syntax too', () => {
  const { findings } = checkText('{{- if .Values.enabled }}\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n{{- end }}\n');
  assert.deepEqual(
    findings.map((f) => f.rule),
    ['template-skipped'],
  );
});

test('{{ }} inside a double-quoted string is text: the manifest is validated normally', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "{{ name }}"\ndata:\n  n: 1\n';
  const { objects, findings } = checkText(text);
  assert.equal(objects.length, 1);
  assert.deepEqual(
    findings.map((f) => f.rule),
    ['field-type'],
  );
});

test('{{ }} inside a single-quoted string is text: the manifest is validated normally', () => {
  const text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    summary: '{{ $labels.instance }} is down'\n";
  const { objects, findings } = checkText(text);
  assert.equal(objects.length, 1);
  assert.deepEqual(findings, []);
});

test('{{ }} in a comment is ignored', () => {
  const { objects, findings } = checkText('# rendered from {{ .Chart.Name }}\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
  assert.equal(objects.length, 1);
  assert.deepEqual(findings, []);
});

test('{{ }} inside a block scalar (an alerting template in a ConfigMap) is text: the manifest is validated', () => {
  const text = yaml`
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: alert-rules
    data:
      rules.yaml: |
        - alert: InstanceDown
          annotations:
            summary: Instance {{ $labels.instance }} down
      replicas: 3
  `;
  const { objects, findings } = checkText(text);
  assert.equal(objects.length, 1);
  assert.deepEqual(
    findings.map((f) => f.path),
    ['data[replicas]'],
  );
});

// YAML 1.1/1.2: a plain scalar may hold `{` once it has started; `{` opens a flow mapping only where a node starts.
test('{{ }} inside a plain scalar that started before it is text: the manifest is validated', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    summary: Instance {{ $labels.instance }} down\ndata:\n  count: 1\n';
  const { objects, findings } = checkText(text);
  assert.equal(objects.length, 1);
  assert.deepEqual(
    findings.map((f) => f.path),
    ['data[count]'],
  );
});

test('{{ }} starting a sequence item is template syntax', () => {
  assert.deepEqual(
    checkText('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - {{ include "app.container" . }}\n').findings.map((f) => f.rule),
    ['template-skipped'],
  );
});

test('{{ }} as an item of a flow sequence is template syntax', () => {
  assert.deepEqual(
    checkText('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nbinaryData: [a, {{ .Values.b }}]\n').findings.map((f) => f.rule),
    ['template-skipped'],
  );
});

test('{{ }} after a hyphen inside a plain scalar (name-{{ … }}) is text', () => {
  const { objects } = checkText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  labels:\n    release: web-{{ .Release.Name }}\n');
  assert.equal(objects.length, 1);
});
