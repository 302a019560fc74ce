/**
 * Fixes of values rejected for their spelling only. The messages are the API server's: Go encoding/json's
 * UnmarshalTypeError (`json: cannot unmarshal string into Go struct field … of type int32`, decode.go) and
 * apimachinery's field.NotSupported (`Unsupported value: "x": supported values: …`, util/validation/field/errors.go),
 * and resource.ParseQuantity's errors (api/resource/quantity.go) with the suffixes of resource/suffix.go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quickFixes } from '../../../server/src/features/code-actions';
import { crossCheck } from '../cross-object/workspace';
import { applyEdits, assertGone, fix } from './fix-text';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.25
          imagePullPolicy: Always
`;

test('a quoted integer where an int32 is expected loses its quotes', () => {
  const text = DEPLOYMENT.replace('replicas: 3', 'replicas: "3"');
  const { titles, fixed } = fix(text, 'field-type', 'Remove the quotes from 3');
  assert.equal(titles[0], 'Remove the quotes from 3');
  assert.equal(fixed, DEPLOYMENT);
  assertGone(fixed!, 'field-type');
});

test('a single-quoted integer loses its quotes too', () => {
  const text = DEPLOYMENT.replace('replicas: 3', "replicas: '3'");
  assert.equal(fix(text, 'field-type', 'Remove the quotes from 3').fixed, DEPLOYMENT);
});

test('a quoted integer with a leading zero is not unquoted, since YAML 1.1 reads it as octal', () => {
  const text = DEPLOYMENT.replace('replicas: 3', 'replicas: "010"');
  assert.equal(fix(text, 'field-type', 'Remove the quotes from 010').fixed, undefined);
});

test('a quoted integer too large for an int32 is not unquoted', () => {
  const text = DEPLOYMENT.replace('replicas: 3', 'replicas: "2147483648"');
  assert.equal(fix(text, 'field-type', 'Remove the quotes from 2147483648').fixed, undefined);
});

test('a quoted word where an integer is expected gets no unquoting fix', () => {
  const text = DEPLOYMENT.replace('replicas: 3', 'replicas: "three"');
  const { titles } = fix(text, 'field-type', '');
  assert.ok(!titles.some((t) => t.startsWith('Remove the quotes')));
});

test('an enum value in the wrong case is changed to the one supported value that matches', () => {
  const text = DEPLOYMENT.replace('imagePullPolicy: Always', 'imagePullPolicy: always');
  const { titles, fixed } = fix(text, 'unsupported-value', 'Change to "Always"');
  assert.equal(titles[0], 'Change to "Always"');
  assert.equal(fixed, DEPLOYMENT);
  assertGone(fixed!, 'unsupported-value');
});

test('a quoted enum value keeps its quotes when its case is fixed', () => {
  const text = DEPLOYMENT.replace('imagePullPolicy: Always', 'imagePullPolicy: "ifnotpresent"');
  const { fixed } = fix(text, 'unsupported-value', 'Change to "IfNotPresent"');
  assert.equal(fixed, DEPLOYMENT.replace('imagePullPolicy: Always', 'imagePullPolicy: "IfNotPresent"'));
});

test('an enum value that matches no supported value in any case gets no change', () => {
  const text = DEPLOYMENT.replace('imagePullPolicy: Always', 'imagePullPolicy: Sometimes');
  const { titles } = fix(text, 'unsupported-value', '');
  assert.ok(!titles.some((t) => t.startsWith('Change to')));
});

test('a quantity written in bytes is offered each suffix it likely meant', () => {
  const text = DEPLOYMENT.replace('imagePullPolicy: Always', 'imagePullPolicy: Always\n          resources: {limits: {memory: 1GB}}');
  const { titles, fixed } = fix(text, 'invalid-quantity', 'Change to 1Gi');
  assert.deepEqual(titles.slice(0, 2), ['Change to 1G', 'Change to 1Gi']);
  assert.equal(fixed, text.replace('1GB', '1Gi'));
  assertGone(fixed!, 'invalid-quantity');
});

test('a quoted quantity keeps its quotes when its unit is fixed', () => {
  const text = DEPLOYMENT.replace('imagePullPolicy: Always', "imagePullPolicy: Always\n          resources: {requests: {memory: '512mb'}}");
  const { fixed } = fix(text, 'invalid-quantity', 'Change to 512M');
  assert.equal(fixed, text.replace("'512mb'", "'512M'"));
  assertGone(fixed!, 'invalid-quantity');
});

test('a reference to a missing ConfigMap is changed to the near name its message suggests', () => {
  const text = DEPLOYMENT.replace('imagePullPolicy: Always', 'imagePullPolicy: Always\n          envFrom: [{configMapRef: {name: "setings"}}]');
  const files = { 'deploy.yaml': text, 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {level: debug}\n' };
  const finding = crossCheck(files).find((f) => f.rule === 'missing-config-reference');
  assert.ok(finding);
  const fixes = quickFixes(text, { rule: finding.rule, message: finding.message, path: finding.path, range: finding.range });
  assert.equal(fixes[0]?.title, 'Change to "settings"');
  const fixed = applyEdits(text, fixes[0]!.edits);
  assert.equal(fixed, text.replace('"setings"', '"settings"'));
  assert.deepEqual(crossCheck({ ...files, 'deploy.yaml': fixed }), []);
});
