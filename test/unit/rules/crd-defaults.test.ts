/** CustomResourceDefinition schema defaults: pruning and value validation, in the API server's words. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding } from '../../helpers/check-text';

/** A CRD with one version whose openAPIV3Schema holds `spec` with the given properties (indented under it). */
function crd(properties: string): string {
  return [
    'apiVersion: apiextensions.k8s.io/v1',
    'kind: CustomResourceDefinition',
    'metadata: {name: widgets.example.com}',
    'spec:',
    '  group: example.com',
    '  names: {plural: widgets, singular: widget, kind: Widget}',
    '  scope: Namespaced',
    '  versions:',
    '    - name: v1',
    '      served: true',
    '      storage: true',
    '      schema:',
    '        openAPIV3Schema:',
    '          type: object',
    '          properties:',
    '            spec:',
    '              type: object',
    '              properties:',
    properties,
  ].join('\n');
}

const SPEC = 'spec.validation.openAPIV3Schema.properties[spec].properties';

// defaulting/validation.go validate (ValidateDefaults) with requirePrunedDefaults: pruning/algorithm.go Prune drops b
test('a default with a field its schema does not know must not have unknown fields', () => {
  const finding = onlyFinding(crd('                extra: {type: object, properties: {a: {type: string}}, default: {a: x, b: z}}'), '1.33');
  assert.equal(finding.rule, 'crd-schema-defaults');
  assert.equal(finding.message, `${SPEC}[extra].default: Invalid value: map[string]interface {}{"a":"x", "b":"z"}: must not have unknown fields`);
  assert.equal(finding.line, 19);
});

// Same, from 1.34: field.Error prints the value as JSON
test('the unknown-fields value prints as JSON from 1.34', () => {
  const finding = onlyFinding(crd('                extra: {type: object, properties: {a: {type: string}}, default: {a: x, b: z}}'), '1.34');
  assert.equal(finding.message, `${SPEC}[extra].default: Invalid value: {"a":"x","b":"z"}: must not have unknown fields`);
});

// pruning/algorithm.go skipPrune: x-kubernetes-preserve-unknown-fields keeps unknown fields
test('a default under x-kubernetes-preserve-unknown-fields may carry unknown fields', () => {
  assert.deepEqual(checkText(crd('                extra: {type: object, x-kubernetes-preserve-unknown-fields: true, default: {b: z}}')).findings, []);
});

// kube-openapi validate/values.go MinimumInt via errors.ExceedsMinimumInt; apiserver/validation kubeOpenAPIResultToFieldErrors default case (field.Invalid); the validator's root path is empty
test('a default below its minimum is reported with the validator message', () => {
  const finding = onlyFinding(crd('                replicas: {type: integer, minimum: 1, default: 0}'));
  assert.equal(finding.message, `${SPEC}[replicas].default: Invalid value: 0:  in body should be greater than or equal to 1`);
  assert.equal(finding.text, '0');
});

// kube-openapi validate/type.go typeValidator (errors.InvalidType, typeFailWithData); kubeOpenAPIResultToFieldErrors InvalidTypeCode: field.TypeInvalid with the inferred type as value
test('a default of the wrong type is reported with the inferred type', () => {
  const finding = onlyFinding(crd('                port: {type: integer, default: "80"}'));
  assert.equal(finding.message, `${SPEC}[port].default: Invalid value: "string":  in body must be of type integer: "string"`);
});

// kube-openapi validate/validator.go basicCommonValidator (errors.EnumFail); kubeOpenAPIResultToFieldErrors EnumFailCode: field.NotSupported
test('a default outside its enum is an unsupported value', () => {
  const finding = onlyFinding(crd('                mode: {type: string, enum: [fast, slow], default: medium}'));
  assert.equal(finding.message, `${SPEC}[mode].default: Unsupported value: "medium": supported values: "fast", "slow"`);
});

// kube-openapi validate/values.go MaxLength (errors.TooLong); kubeOpenAPIResultToFieldErrors TooLongFailCode: field.TooLongMaxLength
test('a default longer than maxLength is too long, worded by release', () => {
  const text = crd('                name: {type: string, maxLength: 3, default: abcdef}');
  assert.equal(onlyFinding(text).message, `${SPEC}[name].default: Too long: may not be more than 3 bytes`);
  assert.equal(onlyFinding(text, '1.30').message, `${SPEC}[name].default: Too long: must have at most 3 bytes`);
});

// kube-openapi validate/object_validator.go: properties named "a.b" from the validator root, required as ".k"; TrimPrefix(".") in kubeOpenAPIResultToFieldErrors
test('errors inside an object default name the field under the default', () => {
  const finding = onlyFinding(crd('                limits: {type: object, required: [max], properties: {max: {type: integer}, min: {type: integer, maximum: 5}}, default: {max: 1, min: 9}}'));
  assert.equal(finding.message, `${SPEC}[limits].default.min: Invalid value: 9: min in body should be less than or equal to 5`);
  const missing = onlyFinding(crd('                limits: {type: object, required: [max], properties: {max: {type: integer}}, default: {}}'));
  assert.equal(missing.message, `${SPEC}[limits].default.max: Required value`);
});

// kube-openapi anyOf of the int-or-string form passes for an integer or a string
test('valid defaults, int-or-string included, do not fire', () => {
  const properties = [
    '                replicas: {type: integer, minimum: 1, default: 1}',
    '                port: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}], default: http}',
    '                tags: {type: array, maxItems: 2, items: {type: string, pattern: "^[a-z]+$"}, default: [a, b]}',
  ].join('\n');
  assert.deepEqual(checkText(crd(properties)).findings, []);
});

// apiextensions validation.go validateCustomResourceDefinitionValidation: ValidateDefaults runs only when ValidateStructural finds nothing
test('defaults are not checked when the schema is not structural', () => {
  const findings = checkText(crd('                replicas: {minimum: 1, default: 0}')).findings;
  assert.ok(findings.every((f) => f.rule !== 'crd-schema-defaults'));
});
