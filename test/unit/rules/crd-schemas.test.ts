/** CustomResourceDefinition schemas: unsupported keywords, defaults, x-kubernetes-* extensions and validation rules, in the API server's words. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding } from '../../helpers/check-text';

/** A CRD with one version whose openAPIV3Schema is `schema` (indented under openAPIV3Schema). */
function crd(schema: string, extraVersion = ''): string {
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
    schema,
    extraVersion,
  ].join('\n');
}

test('a schema with lists, maps and validation rules that the API server accepts does not fire', () => {
  const schema = [
    '          type: object',
    '          x-kubernetes-validations: [{rule: "self.spec.a > 0", message: "a must be positive", reason: FieldValueInvalid, fieldPath: .spec.a}]',
    '          properties:',
    '            spec:',
    '              type: object',
    '              properties:',
    '                a: {type: integer, default: 1}',
    '                tags: {type: array, x-kubernetes-list-type: set, items: {type: string}}',
    '                ports:',
    '                  type: array',
    '                  x-kubernetes-list-type: map',
    '                  x-kubernetes-list-map-keys: [name]',
    '                  items: {type: object, required: [name], properties: {name: {type: string}}}',
    '                labels: {type: object, x-kubernetes-map-type: atomic, additionalProperties: {type: string}}',
  ].join('\n');
  assert.deepEqual(checkText(crd(schema)).findings, []);
});

// validation.go ValidateCustomResourceDefinitionOpenAPISchema: uniqueItems; a single version's schema is the internal spec.validation
test('uniqueItems true is forbidden, named under spec.validation and placed on the version', () => {
  const finding = onlyFinding(crd('          type: object\n          properties:\n            list: {type: array, uniqueItems: true, items: {type: string}}'));
  assert.equal(finding.rule, 'crd-schema');
  assert.equal(finding.message, 'spec.validation.openAPIV3Schema.properties[list].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic');
  assert.equal(finding.line, 16);
  assert.equal(finding.text, 'uniqueItems');
});

// validation.go specStandardValidatorV3.validate: $ref; schemas that differ between versions keep their per-version path
test('$ref is forbidden, named under spec.versions[i] when the versions have different schemas', () => {
  const second = '    - name: v2\n      served: true\n      storage: false\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            a: {$ref: "#/x"}';
  const finding = onlyFinding(crd('          type: object', second));
  assert.equal(finding.message, 'spec.versions[1].schema.openAPIV3Schema.properties[a].$ref: Forbidden: $ref is not supported');
  assert.equal(finding.line, 22);
  assert.equal(finding.text, '$ref');
});

// validation.go specStandardValidatorV3.validate with withForbiddenDefaults("in top-level metadata")
test('a default inside the top-level metadata is forbidden', () => {
  const finding = onlyFinding(
    crd('          type: object\n          properties:\n            metadata:\n              type: object\n              properties:\n                name: {type: string, default: x}'),
  );
  assert.equal(finding.message, 'spec.validation.openAPIV3Schema.properties[metadata].properties[name].default: Forbidden: must not be set in top-level metadata');
  assert.equal(finding.line, 19);
  assert.equal(finding.text, 'default');
});

// validation.go specStandardValidatorV3.validate: requireValidPropertyType
test('a type that is not an OpenAPI v3 type is not supported', () => {
  const finding = onlyFinding(crd('          type: object\n          properties:\n            a: {type: int}'));
  assert.equal(finding.message, 'spec.validation.openAPIV3Schema.properties[a].type: Unsupported value: "int": supported values: "array", "boolean", "integer", "number", "object", "string"');
  assert.equal(finding.text, 'int');
});

// validation.go ValidateCustomResourceDefinitionOpenAPISchema: additionalProperties and properties
test('additionalProperties beside properties is forbidden', () => {
  const finding = onlyFinding(crd('          type: object\n          properties:\n            a: {type: string}\n          additionalProperties: {type: string}'));
  assert.equal(finding.message, 'spec.validation.openAPIV3Schema.additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive');
  assert.equal(finding.line, 17);
});

// validation.go ValidateCustomResourceDefinitionOpenAPISchema: x-kubernetes-list-type
test('an unknown x-kubernetes-list-type is not supported', () => {
  const finding = onlyFinding(crd('          type: object\n          properties:\n            a: {type: array, x-kubernetes-list-type: list, items: {type: string}}'));
  assert.equal(finding.message, 'spec.validation.openAPIV3Schema.properties[a].x-kubernetes-list-type: Unsupported value: "list": supported values: "atomic", "set", "map"');
  assert.equal(finding.text, 'list');
});

// validation.go ValidateCustomResourceDefinitionOpenAPISchema: x-kubernetes-list-map-keys must name item properties (printed as []string up to 1.33, JSON from 1.34)
test('a list-map key that is not an item property is invalid, printed by release', () => {
  const schema =
    '          type: object\n          properties:\n            a:\n              type: array\n              x-kubernetes-list-type: map\n              x-kubernetes-list-map-keys: [id]\n              items: {type: object, required: [name], properties: {name: {type: string}}}';
  const path = 'spec.validation.openAPIV3Schema.properties[a].x-kubernetes-list-map-keys';
  assert.equal(onlyFinding(crd(schema), '1.33').message, `${path}: Invalid value: []string{"id"}: entries must all be names of item properties`);
  assert.equal(onlyFinding(crd(schema), '1.34').message, `${path}: Invalid value: ["id"]: entries must all be names of item properties`);
});

// validation.go validateMapListKeysMapSet: a list-map key neither required nor defaulted
test('a list-map key must be required or have a default', () => {
  const schema =
    '          type: object\n          properties:\n            a:\n              type: array\n              x-kubernetes-list-type: map\n              x-kubernetes-list-map-keys: [name]\n              items: {type: object, properties: {name: {type: string}}}';
  const finding = onlyFinding(crd(schema));
  assert.equal(
    finding.message,
    'spec.validation.openAPIV3Schema.properties[a].items.properties[name].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property',
  );
});

// validation.go ValidateCustomResourceDefinitionOpenAPISchema: requireAtomicSetType (the value printed is the item's list type)
test('object items of a set list must be atomic maps', () => {
  const finding = onlyFinding(crd('          type: object\n          properties:\n            a: {type: array, x-kubernetes-list-type: set, items: {type: object}}'));
  assert.equal(finding.message, 'spec.validation.openAPIV3Schema.properties[a].items.x-kubernetes-map-type: Invalid value: null: must be atomic as item of a list with x-kubernetes-list-type=set');
});

// validation.go ValidateCustomResourceDefinitionOpenAPISchema: x-kubernetes-validations rule, message and reason
test('a validation rule needs a rule and a known reason', () => {
  const { findings } = checkText(crd('          type: object\n          x-kubernetes-validations: [{rule: " ", reason: Bad}]'));
  assert.deepEqual(
    findings.map((f) => f.message),
    [
      'spec.validation.openAPIV3Schema.x-kubernetes-validations[0].rule: Required value: rule is not specified',
      'spec.validation.openAPIV3Schema.x-kubernetes-validations[0].reason: Unsupported value: "Bad": supported values: "FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired"',
    ],
  );
});

// validation.go ValidateCustomResourceDefinitionOpenAPISchema: a blank message ("message must be non-empty if specified" up to 1.33)
test('a blank validation message is invalid, worded by release', () => {
  const text = crd('          type: object\n          x-kubernetes-validations: [{rule: "true", message: " "}]');
  const path = 'spec.validation.openAPIV3Schema.x-kubernetes-validations[0].message';
  assert.equal(onlyFinding(text, '1.33').message, `${path}: Invalid value: " ": message must be non-empty if specified`);
  assert.equal(onlyFinding(text, '1.34').message, `${path}: Invalid value: " ": must be non-empty if specified`);
});

// validation.go validateCustomResourceDefinitionValidation: nullable at the root
test('a nullable root is forbidden', () => {
  const finding = onlyFinding(crd('          type: object\n          nullable: true'));
  assert.equal(finding.message, 'spec.validation.openAPIV3Schema.nullable: Forbidden: nullable cannot be true at the root');
  assert.equal(finding.line, 15);
  assert.equal(finding.text, 'nullable');
});
