/** CustomResourceDefinition schemas: unsupported keywords, defaults, x-kubernetes-* extensions and validation rules, in the API server's words. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding } from '../../helpers/check-text';
import { renderFieldError } from '../../../server/src/kube/field-errors';
import type { PlainObject } from '../../../server/src/kube/plain-values';
import { crdSchemaRule } from '../../../server/src/rules/crd-schemas';

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
  const finding = onlyFinding(
    crd(
      '          type: object\n          properties:\n            spec:\n              type: object\n              properties:\n                a: {type: string}\n              additionalProperties: {type: string}',
    ),
  );
  assert.equal(finding.message, 'spec.validation.openAPIV3Schema.properties[spec].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive');
  assert.equal(finding.line, 20);
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

/** A schema with one property `a` (written after `a: `) under an object root. */
const withProperty = (property: string) => crd(`          type: object\n          properties:\n            a: ${property}`);
const ROOT = 'spec.validation.openAPIV3Schema';

test('int-or-string, preserved unknown fields, embedded resources and a name-only metadata are structural and do not fire', () => {
  const schema = [
    '          type: object',
    '          properties:',
    '            metadata: {type: object, properties: {name: {type: string, maxLength: 63}}}',
    '            port: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}',
    '            size: {x-kubernetes-int-or-string: true, allOf: [{anyOf: [{type: integer}, {type: string}]}, {pattern: "^[0-9]+$"}]}',
    '            raw: {x-kubernetes-preserve-unknown-fields: true}',
    '            template: {type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}',
    '            choice: {type: object, properties: {a: {type: string}, b: {type: string}}, oneOf: [{required: [a]}, {required: [b]}]}',
  ].join('\n');
  assert.deepEqual(checkText(crd(schema)).findings, []);
});

// schema/validation.go validateStructuralInvariants: type required at field level
test('a specified object field without a type is required to have one', () => {
  const finding = onlyFinding(withProperty('{description: anything}'));
  assert.equal(finding.message, `${ROOT}.properties[a].type: Required value: must not be empty for specified object fields`);
  assert.equal(finding.line, 16);
  assert.equal(finding.text, 'a');
});

// schema/validation.go validateStructuralInvariants: type required at item level
test('specified array items without a type are required to have one', () => {
  const finding = onlyFinding(withProperty('{type: array, items: {description: anything}}'));
  assert.equal(finding.message, `${ROOT}.properties[a].items.type: Required value: must not be empty for specified array items`);
  assert.equal(finding.text, 'items');
});

// schema/validation.go validateStructuralInvariants: an array needs items
test('an array without items is required to specify them', () => {
  const finding = onlyFinding(withProperty('{type: array}'));
  assert.equal(finding.message, `${ROOT}.properties[a].items: Required value: must be specified`);
});

// schema/validation.go validateStructuralInvariants: the root's type
test('a root type other than object is invalid', () => {
  const finding = onlyFinding(crd('          type: array\n          items: {type: string}'));
  assert.equal(finding.message, `${ROOT}.type: Invalid value: "array": must be object at the root`);
  assert.equal(finding.line, 14);
  assert.equal(finding.text, 'array');
});

// schema/validation.go validateStructuralInvariants: additionalProperties at the root
test('additionalProperties at the root is forbidden', () => {
  const finding = onlyFinding(crd('          type: object\n          additionalProperties: {type: string}'));
  assert.equal(finding.message, `${ROOT}.additionalProperties: Forbidden: must not be used at the root`);
  assert.equal(finding.line, 15);
  assert.equal(finding.text, 'additionalProperties');
});

// schema/validation.go validateStructuralMetadataInvariants: root metadata restricted to name and generateName
test('a root metadata schema that restricts more than name and generateName is forbidden', () => {
  const finding = onlyFinding(crd('          type: object\n          properties:\n            metadata: {type: object, properties: {labels: {type: object}}}'));
  assert.equal(finding.message, `${ROOT}.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified`);
  assert.equal(finding.line, 16);
  assert.equal(finding.text, 'metadata');
});

// schema/validation.go validateStructuralInvariants: kind and apiVersion at the root are strings
test('a root kind property that is not a string is invalid', () => {
  const finding = onlyFinding(crd('          type: object\n          properties:\n            kind: {type: integer}'));
  assert.equal(finding.message, `${ROOT}.properties[kind].type: Invalid value: "integer": must be string`);
  assert.equal(finding.text, 'integer');
});

// schema/validation.go validateValueValidation: the pattern must compile with Go's regexp.Compile; the text of
// its error as the upstream test "invalid regex pattern" (validation_test.go) expects it.
test('a pattern Go cannot compile is invalid, with the regexp error', () => {
  const finding = onlyFinding(withProperty('{type: string, pattern: "+"}'));
  assert.equal(
    finding.message,
    `${ROOT}.properties[a].pattern: Invalid value: "+": must be a valid regular expression, but isn't: error parsing regexp: missing argument to repetition operator: \`+\``,
  );
  assert.equal(finding.line, 16);
  assert.equal(finding.text, '"+"');
});

// Go's regexp/syntax accepts flags such as (?i) that JavaScript's RegExp refuses.
test('a pattern in Go syntax that JavaScript would refuse is valid', () => {
  assert.deepEqual(checkText(withProperty('{type: string, pattern: "^(?i)[a-z]+\\\\z"}')).findings, []);
});

// schema/validation.go validateNestedValueValidation: no type inside anyOf (outside the int-or-string pattern)
test('a type inside anyOf is forbidden', () => {
  const finding = onlyFinding(withProperty('{type: string, anyOf: [{type: string, pattern: "^a"}]}'));
  assert.equal(finding.message, `${ROOT}.properties[a].anyOf[0].type: Forbidden: must be empty to be structural`);
  assert.equal(finding.line, 16);
  assert.equal(finding.text, 'type');
});

// schema/validation.go ValidateStructuralWithOptions: errors sorted by their text ("default" before "type"),
// whatever order the checks run in (findings are sorted by place in the file, so the rule is asked directly)
test('structural errors are sorted by their printed text', () => {
  const a = { type: 'string', allOf: [{ type: 'string', default: 'x' }] };
  const object: PlainObject = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
      scope: 'Namespaced',
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { a } } } }],
    },
  };
  const errors = crdSchemaRule.check({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', object, defaulted: object, kubernetesVersion: '1.36' });
  assert.deepEqual(
    errors.map((e) => renderFieldError(e, 36)),
    [`${ROOT}.properties[a].allOf[0].default: Forbidden: must be undefined to be structural`, `${ROOT}.properties[a].allOf[0].type: Forbidden: must be empty to be structural`],
  );
});

// schema/validation.go validateNestedValueValidation: additionalProperties false is kept only up to 1.31 (convert.go)
test('additionalProperties false inside allOf is forbidden on 1.30 only', () => {
  const text = withProperty('{type: object, allOf: [{additionalProperties: false}]}');
  assert.equal(onlyFinding(text, '1.30').message, `${ROOT}.properties[a].allOf[0].additionalProperties: Forbidden: must be undefined to be structural`);
  assert.deepEqual(checkText(text, '1.32').findings, []);
});

// schema/complete.go validateNestedValueValidationCompleteness: a property named in anyOf must exist structurally
test('a property a value validation names must be specified in the structural schema', () => {
  const finding = onlyFinding(crd('          type: object\n          properties:\n            a: {type: string}\n          anyOf: [{properties: {b: {minLength: 1}}}]'));
  assert.equal(finding.message, `${ROOT}.properties[b]: Required value: because it is defined in ${ROOT}.anyOf[0].properties[b]`);
  assert.equal(finding.line, 17);
  assert.equal(finding.text, 'b');
});

// schema/validation.go validateStructuralInvariants: an embedded resource without properties must preserve unknown fields
test('an embedded resource without properties or preserved unknown fields is required to have properties', () => {
  const finding = onlyFinding(withProperty('{type: object, x-kubernetes-embedded-resource: true}'));
  assert.equal(finding.message, `${ROOT}.properties[a].properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields`);
});

// schema/validation.go validateExtensions: int-or-string excludes preserve-unknown-fields
test('int-or-string with preserved unknown fields is invalid', () => {
  const finding = onlyFinding(withProperty('{x-kubernetes-int-or-string: true, x-kubernetes-preserve-unknown-fields: true}'));
  assert.equal(finding.message, `${ROOT}.properties[a].x-kubernetes-preserve-unknown-fields: Invalid value: true: must be false if x-kubernetes-int-or-string is true`);
  assert.equal(finding.text, 'true');
});

// apiextensions validation.go validateCustomResourceDefinitionValidation: structural errors precede the OpenAPI walk's
test('an array without items and with uniqueItems gets the structural and the OpenAPI error', () => {
  const { findings } = checkText(withProperty('{type: array, uniqueItems: true}'));
  assert.deepEqual(
    findings.map((f) => f.message),
    [
      `${ROOT}.properties[a].items: Required value: must be specified`,
      `${ROOT}.properties[a].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic`,
    ],
  );
});

// apiextensions validation.go validateCustomResourceDefinitionValidation with schema/convert.go validateUnsupportedFields
test('$schema inside the schema is refused when nothing else is wrong', () => {
  const finding = onlyFinding(withProperty('{type: string, $schema: "http://json-schema.org/draft-04/schema#"}'));
  assert.equal(finding.message, `${ROOT}: Invalid value: "": OpenAPIV3Schema 'schema' is not supported`);
});
