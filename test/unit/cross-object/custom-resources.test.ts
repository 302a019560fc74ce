/** `custom-resource-schema`: instances validated against a CustomResourceDefinition in the workspace. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossCheck, rulesOf } from './workspace';

const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets, singular: widget}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [size]
              properties:
                size: {type: integer, minimum: 1, description: how big}
                colour: {type: string, enum: [red, blue]}
                port: {x-kubernetes-int-or-string: true}
                extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
    - name: v0
      served: false
      storage: false
      schema: {openAPIV3Schema: {type: object}}
`;
const widget = (spec: string, version = 'v1') => `apiVersion: example.com/${version}\nkind: Widget\nmetadata: {name: w}\nspec:\n${spec}\n`;

test('a valid instance is quiet', () => {
  assert.deepEqual(rulesOf({ 'crd.yaml': crd, 'w.yaml': widget('  size: 2\n  colour: red\n  port: http\n  extra: {anything: [1]}') }), []);
});

test("a value of the wrong type is an error in the API server's words, on the value", () => {
  const findings = crossCheck({ 'crd.yaml': crd, 'w.yaml': widget('  size: big') });
  assert.deepEqual(
    findings.map((f) => [f.rule, f.severity, f.message, f.text]),
    [['custom-resource-schema', 'error', 'spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"', 'big']],
  );
});

test('an unknown field is reported as strict decoding does, on its key', () => {
  const findings = crossCheck({ 'crd.yaml': crd, 'w.yaml': widget('  size: 1\n  sise: 2') });
  assert.deepEqual(
    findings.map((f) => [f.message, f.text]),
    [['strict decoding error: unknown field "spec.sise"', 'sise']],
  );
});

test('required fields, enums and minimums are checked', () => {
  assert.deepEqual(
    crossCheck({ 'crd.yaml': crd, 'w.yaml': widget('  colour: green') }).map((f) => f.message),
    ['spec.size: Required value', 'spec.colour: Unsupported value: "green": supported values: "red", "blue"'],
  );
  assert.deepEqual(
    crossCheck({ 'crd.yaml': crd, 'w.yaml': widget('  size: 0') }).map((f) => f.message),
    ['spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1'],
  );
});

test('a version that is not served is not validated', () => {
  assert.deepEqual(rulesOf({ 'crd.yaml': crd, 'w.yaml': widget('  size: big', 'v0') }), []);
});

test('without the CRD in the workspace, instances are not validated', () => {
  assert.deepEqual(rulesOf({ 'w.yaml': widget('  size: big') }), []);
});

// kube-openapi validate/values.go Pattern: regexp.MatchString with Go's syntax; FailedPattern's "should match".
test("a pattern is matched with Go's syntax, such as a leading (?i)", () => {
  const insensitive = crd.replace('colour: {type: string, enum: [red, blue]}', 'colour: {type: string, pattern: "^(?i)(red|blue)$"}');
  assert.deepEqual(rulesOf({ 'crd.yaml': insensitive, 'w.yaml': widget('  size: 1\n  colour: RED') }), []);
  assert.deepEqual(
    crossCheck({ 'crd.yaml': insensitive, 'w.yaml': widget('  size: 1\n  colour: green') }).map((f) => [f.message, f.text]),
    [[`spec.colour: Invalid value: "green": spec.colour in body should match '^(?i)(red|blue)$'`, 'green']],
  );
});

test('a served schema that cannot be compiled is information on the CRD, and its instances go unchecked', () => {
  const broken = crd.replace('colour: {type: string, enum: [red, blue]}', 'colour: {type: string, pattern: "["}');
  const findings = crossCheck({ 'crd.yaml': broken, 'w.yaml': widget('  colour: 7') });
  assert.deepEqual(
    findings.map((f) => [f.rule, f.severity, f.file, f.text]),
    [['custom-resource-schema', 'information', 'crd.yaml', 'openAPIV3Schema']],
  );
  assert.match(findings[0]!.message, /^Widget objects of version v1 are not checked: their schema cannot be compiled \(.*\)$/);
});
