/** `duplicate-object`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossCheck, rulesOf } from './workspace';

const configMap = (name: string, namespace = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}data: {a: b}\n`;

test('the same kind, namespace and name twice in a file is an error on each name', () => {
  const findings = crossCheck({ 'all.yaml': `${configMap('settings')}---\n${configMap('settings', 'default')}` });
  assert.deepEqual(
    findings.map((f) => [f.rule, f.severity, f.text]),
    [
      ['duplicate-object', 'error', 'settings'],
      ['duplicate-object', 'error', 'settings'],
    ],
  );
});

test('the same name in another namespace or of another kind is no duplicate', () => {
  const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: settings}\n';
  assert.deepEqual(rulesOf({ 'all.yaml': `${configMap('settings')}---\n${configMap('settings', 'shop')}---\n${secret}` }), []);
});

test('the same object in two files is a variant, not a duplicate', () => {
  assert.deepEqual(rulesOf({ 'aws.yaml': configMap('settings'), 'gcp.yaml': configMap('settings') }), []);
});
