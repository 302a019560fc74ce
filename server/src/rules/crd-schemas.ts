/**
 * The OpenAPI schema of a CustomResourceDefinition version, as validateCustomResourceDefinitionValidation and
 * ValidateCustomResourceDefinitionOpenAPISchema (staging/src/k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/
 * validation/validation.go) check it on create: the unsupported JSON-Schema keywords, defaults where they are not
 * allowed, the x-kubernetes-* extensions and the static parts of x-kubernetes-validations. After conversion to the
 * internal type a schema shared by every version is the top-level `spec.validation.openAPIV3Schema`, and its errors
 * are named so but placed on the first version. The structural-schema checks are in crd-structural.ts; the defaults'
 * pruning and validation, and anything that needs CEL, are not reproduced (see the docs).
 */
import { FieldPath, type FieldError, forbidden, invalid, notSupported, placedAt, required } from '../kube/field-errors';
import { isObject, isSet, textOf, type PlainObject, type PlainValue } from '../kube/plain-values';
import { minorOf } from '../schema/versions';
import { liftedToTop } from './custom-resource-definitions';
import { structuralErrors } from './crd-structural';
import type { ObjectRule } from './rule';

const API_VERSION = 'apiextensions.k8s.io/v1';
/** openapiV3Types, listed sorted as sets.String.List() does. */
const OPENAPI_TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];
/** supportedValidationReason, sorted. */
const VALIDATION_REASONS = ['FieldValueDuplicate', 'FieldValueForbidden', 'FieldValueInvalid', 'FieldValueRequired'];
const META_FIELDS = new Set(['metadata', 'kind', 'apiVersion']);
/** newlineMatcher: the line breaks of the CEL grammar. */
const NEWLINES = /[\n\r]/;

const optionalString = (object: PlainObject, key: string): string | undefined => (typeof object[key] === 'string' ? (object[key] as string) : undefined);

/** specStandardValidatorV3's state as the walk narrows it. */
interface Walk {
  allowDefaults: boolean;
  defaultsReason: string;
  insideResourceMeta: boolean;
}

/** A detail whose wording lost its leading noun in apiextensions-apiserver 0.34. */
const renamed = (noun: string, detail: string) => (minor: number) => (minor < 34 ? `${noun} ${detail}` : detail);

function withDetail(error: FieldError, detail: (minor: number) => string): FieldError {
  return { ...error, detail };
}

/** specStandardValidatorV3.validate. */
function standardErrors(schema: PlainObject, path: FieldPath, walk: Walk, errors: FieldError[]): void {
  const type = textOf(schema['type']);
  if (type !== '' && !OPENAPI_TYPES.includes(type)) errors.push(notSupported(path.child('type'), type, OPENAPI_TYPES));
  if (isSet(schema['default']) && !walk.allowDefaults) {
    errors.push(forbidden(path.child('default'), walk.defaultsReason ? `must not be set ${walk.defaultsReason}` : 'must not be set'));
  }
  if (textOf(schema['id']) !== '') errors.push(forbidden(path.child('id'), 'id is not supported'));
  if (isSet(schema['additionalItems'])) errors.push(forbidden(path.child('additionalItems'), 'additionalItems is not supported'));
  if (isObject(schema['patternProperties']) && Object.keys(schema['patternProperties']).length > 0) {
    errors.push(forbidden(path.child('patternProperties'), 'patternProperties is not supported'));
  }
  if (isObject(schema['definitions']) && Object.keys(schema['definitions']).length > 0) errors.push(forbidden(path.child('definitions'), 'definitions is not supported'));
  if (isSet(schema['dependencies'])) errors.push(forbidden(path.child('dependencies'), 'dependencies is not supported'));
  if (typeof schema['$ref'] === 'string') errors.push(forbidden(path.child('$ref'), '$ref is not supported'));
  if (type === 'null') errors.push(forbidden(path.child('type'), 'type cannot be set to null, use nullable as an alternative'));
  if (Array.isArray(schema['items']) && schema['items'].length > 0) errors.push(forbidden(path.child('items'), 'items must be a schema object and not an array'));
  if (walk.insideResourceMeta && schema['x-kubernetes-embedded-resource'] === true) {
    errors.push(forbidden(path.child('x-kubernetes-embedded-resource'), 'must not be used inside of resource meta'));
  }
}

const forbidDefaults = (walk: Walk, reason: string): Walk => ({ ...walk, allowDefaults: false, defaultsReason: reason });

/**
 * Keywords whose presence calls for a node's own checks (standardErrors, extensionErrors, validationRuleErrors). Most
 * nodes of a large schema have none of them: one pass over a node's keys then spares looking up every keyword.
 */
const CHECKED_KEYWORDS = new Set([
  'default',
  'id',
  'additionalItems',
  'patternProperties',
  'definitions',
  'dependencies',
  '$ref',
  'uniqueItems',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-map-type',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-validations',
]);
/** Keywords that hold schemas the walk goes into. */
const CHILD_KEYWORDS = new Set(['properties', 'additionalProperties', 'not', 'allOf', 'oneOf', 'anyOf', 'definitions', 'items', 'dependencies']);

/**
 * ValidateCustomResourceDefinitionOpenAPISchema, without the CEL compilation: adds the errors of one schema node and
 * of every node under it to `errors` (one list: schemas are large).
 */
function openApiSchemaErrors(schema: PlainObject, path: FieldPath, walk: Walk, isRoot: boolean, errors: FieldError[]): void {
  let ownChecks = false;
  let children = false;
  for (const key in schema) {
    if (CHECKED_KEYWORDS.has(key)) ownChecks = true;
    else if (CHILD_KEYWORDS.has(key)) children = true;
  }
  if (!ownChecks) {
    const type = textOf(schema['type']);
    ownChecks = (type !== '' && !OPENAPI_TYPES.includes(type)) || Array.isArray(schema['items']);
  }
  // definitions and dependencies are both checked and walked into.
  children ||= ownChecks;
  if (ownChecks) {
    standardErrors(schema, path, walk, errors);
    if (schema['uniqueItems'] === true) errors.push(forbidden(path.child('uniqueItems'), 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic'));
  }
  if (children) childErrors(schema, path, walk, isRoot, errors);
  if (ownChecks) {
    extensionErrors(schema, path, errors);
    validationRuleErrors(schema, path, errors);
  }
}

/** The walk into the schemas a node holds, in the order upstream visits them. */
function childErrors(schema: PlainObject, path: FieldPath, walk: Walk, isRoot: boolean, errors: FieldError[]): void {
  const properties = isObject(schema['properties']) ? schema['properties'] : {};
  const hasProperties = Object.keys(properties).length > 0;
  const additional = schema['additionalProperties'];
  if (isSet(additional)) {
    if (hasProperties && (additional === false || isObject(additional))) {
      errors.push(forbidden(path.child('additionalProperties'), 'additionalProperties and properties are mutual exclusive'));
    }
    if (isObject(additional)) {
      const sub = walk.insideResourceMeta ? forbidDefaults(walk, 'inside additionalProperties applying to object metadata') : walk;
      openApiSchemaErrors(additional, path.child('additionalProperties'), sub, false, errors);
    }
  }
  // Go ranges over the properties map in no fixed order; they are visited here in the order written.
  for (const property in properties) {
    const propertySchema = properties[property];
    if (!isObject(propertySchema)) continue;
    let sub = walk;
    if ((isRoot || schema['x-kubernetes-embedded-resource'] === true) && META_FIELDS.has(property)) {
      sub = { ...sub, insideResourceMeta: true };
      if (isRoot) sub = forbidDefaults(sub, `in top-level ${property}`);
    }
    openApiSchemaErrors(propertySchema, path.child('properties').key(property), sub, false, errors);
  }
  if (isObject(schema['not'])) openApiSchemaErrors(schema['not'], path.child('not'), walk, false, errors);
  for (const keyword of ['allOf', 'oneOf', 'anyOf']) {
    const list = schema[keyword];
    if (!Array.isArray(list)) continue;
    list.forEach((item, i) => {
      if (isObject(item)) openApiSchemaErrors(item, path.child(keyword).index(i), walk, false, errors);
    });
  }
  if (isObject(schema['definitions'])) {
    for (const [name, definition] of Object.entries(schema['definitions'])) {
      if (isObject(definition)) openApiSchemaErrors(definition, path.child('definitions').key(name), walk, false, errors);
    }
  }
  const items = schema['items'];
  if (isObject(items)) openApiSchemaErrors(items, path.child('items'), walk, false, errors);
  else if (Array.isArray(items)) {
    items.forEach((item, i) => {
      if (isObject(item)) openApiSchemaErrors(item, path.child('items').index(i), walk, false, errors);
    });
  }
  if (isObject(schema['dependencies'])) {
    for (const [name, dependency] of Object.entries(schema['dependencies'])) {
      if (isObject(dependency)) openApiSchemaErrors(dependency, path.child('dependencies').key(name), walk, false, errors);
    }
  }
}

/** The x-kubernetes-* extensions' checks of ValidateCustomResourceDefinitionOpenAPISchema and validateMapListKeysMapSet. */
function extensionErrors(schema: PlainObject, path: FieldPath, errors: FieldError[]): void {
  const type = textOf(schema['type']);
  if (schema['x-kubernetes-preserve-unknown-fields'] === false) {
    errors.push(invalid(path.child('x-kubernetes-preserve-unknown-fields'), false, 'must be true or undefined'));
  }
  const mapType = optionalString(schema, 'x-kubernetes-map-type');
  if (mapType !== undefined && type !== 'object') {
    const detail = 'must be object if x-kubernetes-map-type is specified';
    errors.push(type === '' ? required(path.child('type'), detail) : invalid(path.child('type'), type, detail));
  }
  if (mapType !== undefined && mapType !== 'atomic' && mapType !== 'granular') errors.push(notSupported(path.child('x-kubernetes-map-type'), mapType, ['atomic', 'granular']));

  const listType = optionalString(schema, 'x-kubernetes-list-type');
  const items = isObject(schema['items']) ? schema['items'] : undefined;
  if (listType !== undefined && type !== 'array') {
    const detail = 'must be array if x-kubernetes-list-type is specified';
    errors.push(type === '' ? required(path.child('type'), detail) : invalid(path.child('type'), type, detail));
  } else if (listType === 'set' && items) {
    // requireAtomicSetType; the value printed is the item's list type in both cases, as upstream passes it.
    const itemListType = optionalString(items, 'x-kubernetes-list-type');
    const detail = 'must be atomic as item of a list with x-kubernetes-list-type=set';
    const itemType = textOf(items['type']);
    if (itemType === 'array' && itemListType !== undefined && itemListType !== 'atomic') {
      errors.push(invalid(path.child('items', 'x-kubernetes-list-type'), itemListType, detail));
    } else if (itemType === 'object' && items['x-kubernetes-map-type'] !== 'atomic') {
      errors.push(invalid(path.child('items', 'x-kubernetes-map-type'), itemListType ?? null, detail));
    }
  }
  if (listType !== undefined && listType !== 'atomic' && listType !== 'set' && listType !== 'map') {
    errors.push(notSupported(path.child('x-kubernetes-list-type'), listType, ['atomic', 'set', 'map']));
  }
  const mapKeys = Array.isArray(schema['x-kubernetes-list-map-keys']) ? (schema['x-kubernetes-list-map-keys'] as PlainValue[]).filter((k): k is string => typeof k === 'string') : [];
  if (mapKeys.length > 0) {
    const detail = 'must be map if x-kubernetes-list-map-keys is non-empty';
    if (listType === undefined) errors.push(required(path.child('x-kubernetes-list-type'), detail));
    else if (listType !== 'map') errors.push(invalid(path.child('x-kubernetes-list-type'), listType, detail));
  }
  if (listType === 'map') {
    if (mapKeys.length === 0) errors.push(required(path.child('x-kubernetes-list-map-keys'), 'must not be empty if x-kubernetes-list-type is map'));
    if (!isSet(schema['items'])) errors.push(required(path.child('items'), 'must have a schema if x-kubernetes-list-type is map'));
    if (items && textOf(items['type']) !== 'object') {
      errors.push(invalid(path.child('items', 'type'), textOf(items['type']), "must be object if parent array's x-kubernetes-list-type is map"));
    }
    if (items && textOf(items['type']) === 'object') {
      const itemProperties = isObject(items['properties']) ? items['properties'] : {};
      const seen = new Set<string>();
      for (const key of mapKeys) {
        const keySchema = itemProperties[key];
        if (isObject(keySchema)) {
          const keyType = textOf(keySchema['type']);
          if (keyType === 'array' || keyType === 'object') {
            // Upstream prints the item's type ("object") here, not the key's.
            errors.push(invalid(path.child('items', 'properties').key(key).child('type'), 'object', "must be a scalar type if parent array's x-kubernetes-list-type is map"));
          }
        } else {
          errors.push(invalid(path.child('x-kubernetes-list-map-keys'), mapKeys, 'entries must all be names of item properties'));
        }
        if (seen.has(key)) errors.push(invalid(path.child('x-kubernetes-list-map-keys'), mapKeys, 'must not contain duplicate entries'));
        seen.add(key);
      }
    }
  }
  // validateMapListKeysMapSet (requireMapListKeysMapSetValidation)
  if (items && (listType === 'set' || listType === 'map')) {
    if (items['nullable'] === true) errors.push(forbidden(path.child('items', 'nullable'), `cannot be nullable when x-kubernetes-list-type is ${listType}`));
    if (listType === 'map') {
      const itemProperties = isObject(items['properties']) ? items['properties'] : {};
      const requiredKeys = new Set(Array.isArray(items['required']) ? items['required'] : []);
      for (const key of mapKeys) {
        const keySchema = itemProperties[key];
        if (!isObject(keySchema)) continue;
        const keyPath = path.child('items', 'properties').key(key);
        if (!requiredKeys.has(key) && !isSet(keySchema['default'])) {
          errors.push(required(keyPath.child('default'), 'this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property'));
        }
        if (keySchema['nullable'] === true) errors.push(forbidden(keyPath.child('nullable'), 'this property is in x-kubernetes-list-map-keys, so it cannot be nullable'));
      }
    }
  }
}

/** The x-kubernetes-validations checks that need no CEL. */
function validationRuleErrors(schema: PlainObject, path: FieldPath, errors: FieldError[]): void {
  const rules = schema['x-kubernetes-validations'];
  if (!Array.isArray(rules)) return;
  rules.forEach((rule, i) => {
    if (!isObject(rule)) return;
    const rulePath = path.child('x-kubernetes-validations').index(i);
    const ruleText = textOf(rule['rule']).trim();
    const message = textOf(rule['message']);
    const trimmedMessage = message.trim();
    if (ruleText === '') errors.push(required(rulePath.child('rule'), 'rule is not specified'));
    else if (message.length > 0 && trimmedMessage === '') errors.push(withDetail(invalid(rulePath.child('message'), message, 'x'), renamed('message', 'must be non-empty if specified')));
    else if (NEWLINES.test(trimmedMessage)) errors.push(withDetail(invalid(rulePath.child('message'), message, 'x'), renamed('message', 'must not contain line breaks')));
    else if (NEWLINES.test(ruleText) && trimmedMessage === '') errors.push(required(rulePath.child('message'), 'message must be specified if rule contains line breaks'));
    const messageExpression = textOf(rule['messageExpression']);
    if (messageExpression.length > 0 && messageExpression.trim() === '') {
      errors.push(required(rulePath.child('messageExpression'), 'messageExpression must be non-empty if specified'));
    }
    const reason = optionalString(rule, 'reason');
    if (reason !== undefined && !VALIDATION_REASONS.includes(reason)) errors.push(notSupported(rulePath.child('reason'), reason, VALIDATION_REASONS));
    const fieldPath = textOf(rule['fieldPath']);
    if (fieldPath.length > 0 && fieldPath.trim() === '') errors.push(withDetail(invalid(rulePath.child('fieldPath'), fieldPath, 'x'), renamed('fieldPath', 'must be non-empty if specified')));
    if (NEWLINES.test(fieldPath)) errors.push(withDetail(invalid(rulePath.child('fieldPath'), fieldPath, 'x'), renamed('fieldPath', 'must not contain line breaks')));
  });
}

/** validateCustomResourceDefinitionValidation: the root's own checks, the structural schema's, then the walk. */
function validationErrors(schema: PlainObject, path: FieldPath, statusEnabled: boolean, minor: number): FieldError[] {
  const errors: FieldError[] = [];
  // The status check walks JSONSchemaProps' fields in order and stops at the first one not allowed at the root;
  // id, $schema and $ref come before type and end it with an error whose value is the whole schema (not reproduced).
  const type = textOf(schema['type']);
  const stoppedBeforeType = textOf(schema['id']) !== '' || textOf(schema['$schema']) !== '' || typeof schema['$ref'] === 'string';
  if (statusEnabled && type !== '' && type !== 'object' && !stoppedBeforeType) {
    errors.push(invalid(path.child('openAPIV3Schema.type'), type, 'only "object" is allowed as the type at the root of the schema if the status subresource is enabled'));
  }
  if (schema['nullable'] === true) errors.push(forbidden(path.child('openAPIV3Schema.nullable'), 'nullable cannot be true at the root'));
  const structural = structuralErrors(schema, path.child('openAPIV3Schema'), minor);
  errors.push(...structural.errors);
  openApiSchemaErrors(schema, path.child('openAPIV3Schema'), { allowDefaults: true, defaultsReason: '', insideResourceMeta: false }, true, errors);
  // NewStructural's refusal is reported only when nothing else is; of what it refuses, only $schema has no other
  // error. With the status subresource the root check may have stopped on a field with an error not reproduced.
  if (errors.length === 0 && structural.refused.size === 1 && structural.refused.has('schema') && !statusEnabled) {
    errors.push(invalid(path.child('openAPIV3Schema'), '', "OpenAPIV3Schema 'schema' is not supported"));
  }
  return errors;
}

/** An error named under `named`, underlined at the same place under `at`. */
function relocated(error: FieldError, named: FieldPath, at: FieldPath): FieldError {
  // An error already placed elsewhere than its path (a field named but not written) keeps that place.
  const segments = (error.placeAt?.path ?? error.path).slice(named.segments.length);
  // Upstream names two root errors with a dotted child ("openAPIV3Schema.type"); they sit under openAPIV3Schema.
  const first = segments[0];
  const relative = first && 'field' in first && first.field.startsWith('openAPIV3Schema.') ? [{ field: 'openAPIV3Schema' }, { field: first.field.slice(16) }, ...segments.slice(1)] : segments;
  return placedAt(error, new FieldPath([...at.segments, ...relative]), error.placeAt?.target ?? error.target);
}

const statusOf = (version: PlainObject) => isObject(version['subresources']) && isObject(version['subresources']['status']);

export const crdSchemaRule: ObjectRule = {
  id: 'crd-schema',
  family: 'api-validation',
  defaultSeverity: 'error',
  description:
    'A CustomResourceDefinition schema: structural (a type for every specified field, metadata limited to name and generateName, value validations that only restrict), no unsupported JSON-Schema keywords, defaults only where allowed, consistent x-kubernetes-* extensions and x-kubernetes-validations with a rule and well-formed message, reason and fieldPath.',
  kinds: ['CustomResourceDefinition'],
  check({ apiVersion, defaulted, kubernetesVersion }) {
    if (apiVersion !== API_VERSION) return [];
    const minor = minorOf(kubernetesVersion);
    return versionSchemaErrors(defaulted['spec'], (schema, path, statusEnabled) => validationErrors(schema, path, statusEnabled, minor));
  },
};

/**
 * The errors `check` finds in each version's openAPIV3Schema, named and placed as the API server names them: after
 * conversion to the internal type, a schema every version shares is the top-level `spec.validation`, checked once
 * and underlined on the first version.
 */
export function versionSchemaErrors(spec: PlainValue | undefined, check: (schema: PlainObject, path: FieldPath, statusEnabled: boolean) => FieldError[]): FieldError[] {
  if (!isObject(spec) || !Array.isArray(spec['versions'])) return [];
  const versions = spec['versions'].filter(isObject);
  const schemaOf = (version: PlainObject) => (isObject(version['schema']) && isObject(version['schema']['openAPIV3Schema']) ? version['schema']['openAPIV3Schema'] : undefined);
  const versionsPath = FieldPath.of('spec', 'versions');
  if (versions.length > 0 && liftedToTop(versions, 'schema')) {
    const schema = schemaOf(versions[0]!);
    if (!schema) return [];
    const named = FieldPath.of('spec', 'validation');
    const at = versionsPath.index(0).child('schema');
    return check(schema, named, versions.some(statusOf)).map((error) => relocated(error, named, at));
  }
  const errors: FieldError[] = [];
  versions.forEach((version, i) => {
    const schema = schemaOf(version);
    const path = versionsPath.index(i).child('schema');
    if (schema) errors.push(...check(schema, path, statusOf(version)).map((error) => relocated(error, path, path)));
  });
  return errors;
}

export const CRD_SCHEMA_RULES: readonly ObjectRule[] = [crdSchemaRule];
