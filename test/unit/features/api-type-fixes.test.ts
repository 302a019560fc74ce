/**
 * Fixes of an object's type. Successors are those of the deprecated-API migration guide
 * (kubernetes.io/docs/reference/using-api/deprecation-guide); fields that must move are named, never moved.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertGone, findings, fix } from './fix-text';

test('a misspelt kind is changed to its near miss', () => {
  const text = 'apiVersion: v1\nkind: Servce\nmetadata: {name: web}\nspec:\n  ports: [{port: 80}]\n';
  const { titles, fixed } = fix(text, 'unknown-api', 'Change kind to "Service"');
  assert.equal(titles[0], 'Change kind to "Service"');
  assert.equal(fixed, text.replace('Servce', 'Service'));
  assertGone(fixed!, 'unknown-api');
});

test('a removed apiVersion with no fields to move is changed to its successor', () => {
  // Guide, v1.25 "CronJob": batch/v1beta1 → batch/v1 with no notable changes.
  const text =
    'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{name: c, image: busybox:1.36}]\n';
  const { fixed } = fix(text, 'unknown-api', 'Change apiVersion to batch/v1');
  assert.equal(fixed, text.replace('batch/v1beta1', 'batch/v1'));
  assert.deepEqual(
    findings(fixed!).map((f) => f.rule),
    [],
  );
});

test('a removed apiVersion whose fields must move changes only the apiVersion, and validation then names the field', () => {
  // Guide, v1.16 "Deployment": apps/v1 requires spec.selector, which extensions/v1beta1 defaulted from the template.
  const text =
    'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: old}\nspec:\n  template:\n    metadata: {labels: {app: old}}\n    spec:\n      containers: [{name: a, image: nginx:1.25}]\n';
  const { fixed } = fix(text, 'unknown-api', 'Change apiVersion to apps/v1');
  assert.equal(fixed, text.replace('extensions/v1beta1', 'apps/v1'));
  const after = findings(fixed!).find((f) => f.rule === 'required-field');
  assert.equal(after?.path, 'spec.selector');
});

test('a built-in kind under an apiVersion that does not serve it is moved to the one that does', () => {
  const text =
    'apiVersion: "v1"\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: a, image: nginx:1.25}]\n';
  const { fixed } = fix(text, 'unknown-api', 'Change apiVersion to apps/v1');
  assert.equal(fixed, text.replace('"v1"', '"apps/v1"'));
  assertGone(fixed!, 'unknown-api');
});

test('a removed API with no apiVersion to move to gets no change of apiVersion', () => {
  const text = 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: restricted}\nspec: {}\n';
  const { titles } = fix(text, 'unknown-api', '');
  assert.ok(!titles.some((t) => t.startsWith('Change apiVersion')));
});
