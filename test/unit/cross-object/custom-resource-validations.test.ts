/**
 * `custom-resource-schema`: the CRD's x-kubernetes-validations rules evaluated for its objects, as
 * apiextensions-apiserver evaluates them on create (staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/schema/
 * cel/validation.go, Validator.Validate and validateExpressions). Every expected message is worked by hand from there:
 * a false rule is fieldErrorForReason(fldPath, sts.Type, detail, reason), where detail is the messageExpression's
 * result (evalMessageExpression), else ruleMessageOrDefault — the message, or "failed rule: <rule>" — and the root's
 * path is a nil field.Path, which prints as "<nil>".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossCheck, type CrossResult } from './workspace';

/** A Widget CRD whose spec schema is `spec` (indented for its place) and whose root carries `rootRules`. */
function crd(spec: string, rootRules = ''): string {
  return `apiVersion: apiextensions.k8s.io/v1
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
          type: object${rootRules}
          properties:
            spec:
${spec}
`;
}

const widget = (spec: string, name = 'w') => `apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: ${name}}\nspec:\n${spec}\n`;

const placed = (findings: CrossResult[]) => findings.map((f) => [f.severity, f.message, f.path, f.line, f.text]);

const rangeSpec = `              type: object
              x-kubernetes-validations:
                - rule: "self.min <= self.max"
                  message: min must not exceed max
              properties:
                min: {type: integer}
                max: {type: integer}`;

test('a rule on a nested node that holds gives nothing', () => {
  assert.deepEqual(crossCheck({ 'crd.yaml': crd(rangeSpec), 'w.yaml': widget('  min: 1\n  max: 2') }), []);
});

test('a false rule on a nested node is Invalid value with the type name and its message, on the node', () => {
  // validateExpressions: field.Invalid(fldPath, sts.Type, ruleMessageOrDefault(rule)).
  assert.deepEqual(placed(crossCheck({ 'crd.yaml': crd(rangeSpec), 'w.yaml': widget('  min: 3\n  max: 2') })), [
    ['error', 'spec: Invalid value: "object": min must not exceed max', 'spec', 5, 'min: 3\n  max: 2\n'],
  ]);
});

test('a false rule on the root without a message is "failed rule" at the nil path', () => {
  // The root is the resource root: self has metadata.name (model.WithTypeAndObjectMeta); fldPath is nil.
  const rules = `
          x-kubernetes-validations:
            - rule: "self.metadata.name.startsWith('w-')"`;
  const findings = crossCheck({ 'crd.yaml': crd(rangeSpec, rules), 'w.yaml': widget('  min: 1\n  max: 2', 'gadget') });
  assert.deepEqual(
    findings.map((f) => [f.severity, f.message, f.line]),
    [['error', `<nil>: Invalid value: "object": failed rule: self.metadata.name.startsWith('w-')`, 1]],
  );
});

test('a rule on list items is evaluated for each item, at its index', () => {
  const spec = `              type: object
              properties:
                ports:
                  type: array
                  items:
                    type: integer
                    x-kubernetes-validations:
                      - rule: "self > 1024"
                        message: must be an unprivileged port`;
  assert.deepEqual(placed(crossCheck({ 'crd.yaml': crd(spec), 'w.yaml': widget('  ports: [8080, 80, 443]') })), [
    ['error', 'spec.ports[1]: Invalid value: "integer": must be an unprivileged port', 'spec.ports[1]', 5, '80'],
    ['error', 'spec.ports[2]: Invalid value: "integer": must be an unprivileged port', 'spec.ports[2]', 5, '443'],
  ]);
});

test('a rule on additionalProperties is evaluated for each entry, at its key', () => {
  const spec = `              type: object
              properties:
                limits:
                  type: object
                  additionalProperties:
                    type: string
                    x-kubernetes-validations:
                      - rule: "self.size() <= 3"`;
  assert.deepEqual(placed(crossCheck({ 'crd.yaml': crd(spec), 'w.yaml': widget('  limits:\n    a: abc\n    b: abcd') })), [
    ['error', 'spec.limits[b]: Invalid value: "string": failed rule: self.size() <= 3', 'spec.limits.b', 7, 'abcd'],
  ]);
});

test('messageExpression gives the message when it evaluates to a string', () => {
  const spec = rangeSpec.replace('message: min must not exceed max', `messageExpression: "'min ' + string(self.min) + ' exceeds max ' + string(self.max)"`);
  assert.deepEqual(
    crossCheck({ 'crd.yaml': crd(spec), 'w.yaml': widget('  min: 3\n  max: 2') }).map((f) => f.message),
    ['spec: Invalid value: "object": min 3 exceeds max 2'],
  );
});

test('a messageExpression that evaluates to an empty string falls back to the message', () => {
  // evalMessageExpression: "messageExpression should evaluate to a non-empty string" is logged, not shown.
  const spec = rangeSpec.replace('message: min must not exceed max', `message: min must not exceed max\n                  messageExpression: "'  '"`);
  assert.deepEqual(
    crossCheck({ 'crd.yaml': crd(spec), 'w.yaml': widget('  min: 3\n  max: 2') }).map((f) => f.message),
    ['spec: Invalid value: "object": min must not exceed max'],
  );
});

test('fieldPath names and places the error under the node', () => {
  // currentFldPath = fldPath.Child(compiled.NormalizedRuleFieldPath).
  const spec = rangeSpec.replace('message: min must not exceed max', 'message: min must not exceed max\n                  fieldPath: .min');
  assert.deepEqual(placed(crossCheck({ 'crd.yaml': crd(spec), 'w.yaml': widget('  min: 3\n  max: 2') })), [
    ['error', 'spec.min: Invalid value: "object": min must not exceed max', 'spec.min', 5, '3'],
  ]);
});

test('reason FieldValueForbidden gives a Forbidden error on the key', () => {
  const spec = rangeSpec.replace('message: min must not exceed max', 'message: min must not exceed max\n                  reason: FieldValueForbidden');
  assert.deepEqual(placed(crossCheck({ 'crd.yaml': crd(spec), 'w.yaml': widget('  min: 3\n  max: 2') })), [['error', 'spec: Forbidden: min must not exceed max', 'spec', 4, 'spec']]);
});

test('reason FieldValueRequired gives a Required value error', () => {
  const spec = rangeSpec.replace('message: min must not exceed max', 'message: min must not exceed max\n                  reason: FieldValueRequired');
  assert.deepEqual(
    crossCheck({ 'crd.yaml': crd(spec), 'w.yaml': widget('  min: 3\n  max: 2') }).map((f) => f.message),
    ['spec: Required value: min must not exceed max'],
  );
});

test('reason FieldValueDuplicate gives a Duplicate value error with the type name and no message', () => {
  // fieldErrorForReason: field.Duplicate(fldPath, value) — the detail is dropped.
  const spec = rangeSpec.replace('message: min must not exceed max', 'message: min must not exceed max\n                  reason: FieldValueDuplicate');
  assert.deepEqual(
    crossCheck({ 'crd.yaml': crd(spec), 'w.yaml': widget('  min: 3\n  max: 2') }).map((f) => f.message),
    ['spec: Duplicate value: "object"'],
  );
});

test('has() is false for an absent field, so a guarded rule holds', () => {
  const spec = `              type: object
              x-kubernetes-validations:
                - rule: "!has(self.tls) || self.port == 443"
              properties:
                tls: {type: boolean}
                port: {type: integer}`;
  assert.deepEqual(crossCheck({ 'crd.yaml': crd(spec), 'w.yaml': widget('  port: 80') }), []);
  assert.deepEqual(
    crossCheck({ 'crd.yaml': crd(spec), 'w.yaml': widget('  port: 80\n  tls: true') }).map((f) => f.message),
    ['spec: Invalid value: "object": failed rule: !has(self.tls) || self.port == 443'],
  );
});

test('reading an absent declared field is the "no such key" evaluation error', () => {
  // unstructuredMap.Get: "no such key: %v"; validateExpressions: "%v evaluating rule: %v".
  const spec = rangeSpec.replace('message: min must not exceed max', '');
  assert.deepEqual(
    crossCheck({ 'crd.yaml': crd(spec), 'w.yaml': widget('  min: 3') }).map((f) => f.message),
    ['spec: Invalid value: "object": no such key: max evaluating rule: self.min <= self.max'],
  );
});

test('the schema defaults are applied before the rules run', () => {
  // The API server defaults on decoding (defaulting.Default), then validates: max is 10 here.
  const spec = rangeSpec.replace('max: {type: integer}', 'max: {type: integer, default: 10}');
  assert.deepEqual(crossCheck({ 'crd.yaml': crd(spec), 'w.yaml': widget('  min: 3') }), []);
  assert.deepEqual(
    crossCheck({ 'crd.yaml': crd(spec), 'w.yaml': widget('  min: 30') }).map((f) => f.message),
    ['spec: Invalid value: "object": min must not exceed max'],
  );
});

test('a number field written without a fraction is a double, an integer field an int', () => {
  // UnstructuredToVal: type number turns int64 into types.Double; type integer stays types.Int.
  const spec = `              type: object
              x-kubernetes-validations:
                - rule: "type(self.ratio) == double && type(self.count) == int"
              properties:
                ratio: {type: number}
                count: {type: integer}`;
  assert.deepEqual(crossCheck({ 'crd.yaml': crd(spec), 'w.yaml': widget('  ratio: 1\n  count: 2') }), []);
});

test('a property name with a dash is read under its escaped name', () => {
  // cel.Escape: "-" becomes "__dash__".
  const spec = `              type: object
              x-kubernetes-validations:
                - rule: "self.max__dash__size > 0"
              properties:
                max-size: {type: integer}`;
  assert.deepEqual(
    crossCheck({ 'crd.yaml': crd(spec), 'w.yaml': widget('  max-size: 0') }).map((f) => f.message),
    ['spec: Invalid value: "object": failed rule: self.max__dash__size > 0'],
  );
});

test('a transition rule is not evaluated on create, and the CRD says so once', () => {
  // validateExpressions: a rule with UsesOldSelf and no old object is skipped.
  const spec = rangeSpec.replace(
    'message: min must not exceed max',
    'message: min must not exceed max\n                - rule: "self.min == oldSelf.min"\n                  message: min is immutable\n                - rule: "self.max >= oldSelf.max"',
  );
  assert.deepEqual(placed(crossCheck({ 'crd.yaml': crd(spec), 'w.yaml': widget('  min: 1\n  max: 2') })), [
    [
      'information',
      '2 transition rules (reading oldSelf) of Widget objects of version v1 not checked: the API server evaluates them only when an object is updated',
      'spec.versions[0].schema.openAPIV3Schema.properties.spec.x-kubernetes-validations[1].rule',
      21,
      '"self.min == oldSelf.min"',
    ],
  ]);
});

test('a rule calling a library kubeplan lacks is noted on the CRD and gives no error', () => {
  const spec = `              type: object
              x-kubernetes-validations:
                - rule: "isURL(self.endpoint)"
              properties:
                endpoint: {type: string}`;
  const findings = crossCheck({ 'crd.yaml': crd(spec), 'w.yaml': widget('  endpoint: "::not a url"') });
  assert.deepEqual(
    findings.map((f) => [f.severity, f.file, f.line, f.text]),
    [['information', 'crd.yaml', 19, '"isURL(self.endpoint)"']],
  );
  assert.equal(
    findings[0]!.message,
    "x-kubernetes-validations rule of Widget objects of version v1 not checked: ERROR: <input>:1:1: undeclared reference to 'isURL' (in container ''): the URL library is not available in kubeplan's CEL",
  );
});

test('a schema error that blocks the rules leaves them unevaluated, as the API server says', () => {
  // strategy.go hasBlockingErr: a Required (or type, enum, too long, too many) error stops CEL validation.
  const spec = rangeSpec.replace('              properties:', '              required: [max]\n              properties:');
  assert.deepEqual(
    crossCheck({ 'crd.yaml': crd(spec), 'w.yaml': widget('  min: 3') }).map((f) => [f.severity, f.message]),
    [
      ['error', 'spec.max: Required value'],
      ['information', '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation'],
    ],
  );
});

test('an object with an unknown field gets no rule evaluated: strict decoding refused it first', () => {
  assert.deepEqual(
    crossCheck({ 'crd.yaml': crd(rangeSpec), 'w.yaml': widget('  min: 3\n  max: 2\n  mx: 1') }).map((f) => f.message),
    ['strict decoding error: unknown field "spec.mx"'],
  );
});

test("the rules stop with upstream's message once the object's evaluations pass the cost budget", () => {
  // RuntimeCELCostBudget is 10,000,000. Each item's rule compares every pair of its 60 tags: at least 2 cost units
  // per pair in cel-go, so 1,400 items cost upstream at least 1,400 * 2 * 60 * 60 = 10,080,000. kubeplan
  // counts its bound (nodes * (longest + 1)^2), which is larger, so it may stop at an earlier item than upstream; the
  // message and the stop are upstream's (validateExpressions: "validation failed due to running out of cost budget").
  const sizes = Array.from({ length: 50 }, () => 'self.tags.size()').join(' + ');
  const spec = `              type: object
              properties:
                items:
                  type: array
                  items:
                    type: object
                    x-kubernetes-validations:
                      - rule: "${sizes} > 0 && self.tags.all(t, self.tags.all(u, u != ''))"
                    properties:
                      tags: {type: array, items: {type: string}}`;
  const tags = `[${Array.from({ length: 60 }, (_, i) => `t${i}`).join(', ')}]`;
  const items = Array.from({ length: 1400 }, () => `    - tags: ${tags}`).join('\n');
  const findings = crossCheck({ 'crd.yaml': crd(spec), 'w.yaml': widget(`  items:\n${items}`) });
  assert.equal(findings.length, 1);
  assert.match(findings[0]!.message, /^spec\.items\[\d+\]: Invalid value: "object": validation failed due to running out of cost budget, no further validation rules will be run$/);
});
