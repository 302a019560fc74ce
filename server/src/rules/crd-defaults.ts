/**
 * The defaults of a CustomResourceDefinition schema, as ValidateDefaults (apiextensions-apiserver,
 * pkg/apiserver/schema/defaulting/validation.go) checks them on create: run only when the schema is structural
 * (NewStructural accepts it and ValidateStructural finds nothing), it visits the nodes that properties and items lead
 * to from the root, which counts as an embedded resource. A node's default must survive pruning against the node
 * (pruning/algorithm.go Prune) — "must not have unknown fields" — and must pass the node's schema as the OpenAPI
 * validator of kube-openapi (pkg/validation/validate) checks it, its errors turned into field errors by
 * kubeOpenAPIResultToFieldErrors (pkg/apiserver/validation/validation.go).
 *
 * Not reproduced, and so left silent rather than guessed: defaults inside the metadata, apiVersion or kind of the
 * root or of an embedded resource, and defaults of or around an embedded resource (schemaobjectmeta.Coerce and
 * Validate), string formats, patterns Go's regexp refuses (an error of their own), a failed allOf/anyOf/oneOf/not,
 * a property that `additionalProperties: false` refuses, and x-kubernetes-validations (CEL). A default that meets
 * one of these reports nothing of its value validation.
 */
import { type FieldPath, type FieldError, invalid, notSupported, placedAt, required, tooLong, tooMany } from '../kube/field-errors';
import { goRegexp } from '../kube/go-regexp';
import { GoValue, goJson } from '../kube/go-values';
import { isObject, type PlainObject, type PlainValue } from '../kube/plain-values';
import { minorOf } from '../schema/versions';
import { versionSchemaErrors } from './crd-schemas';
import { structuralErrors } from './crd-structural';
import type { ObjectRule } from './rule';

const API_VERSION = 'apiextensions.k8s.io/v1';
const META_FIELDS = new Set(['metadata', 'kind', 'apiVersion']);

/** Why a default's value validation cannot be reproduced: it is then reported no further. */
class Unreproduced extends Error {}

/** The properties of a schema node that are schemas. */
function propertiesOf(schema: PlainObject): PlainObject | undefined {
  return isObject(schema['properties']) ? schema['properties'] : undefined;
}

/**
 * pruning.Prune's prune: whether pruning `value` against `schema` would drop a field. An embedded resource keeps its
 * apiVersion, kind and metadata; under additionalProperties without a schema every field of a nested object goes.
 */
function prunes(value: PlainValue, schema: PlainObject | undefined): boolean {
  if (schema && schema['x-kubernetes-preserve-unknown-fields'] === true) return skipPrunes(value, schema);
  if (Array.isArray(value)) {
    const items = schema && isObject(schema['items']) ? schema['items'] : undefined;
    return value.some((item) => prunes(item, items));
  }
  if (!isObject(value)) return false;
  if (!schema) return Object.keys(value).length > 0;
  return fieldsPrune(value, schema, false);
}

/** skipPrune: unknown fields stay, the known ones are pruned. */
function skipPrunes(value: PlainValue, schema: PlainObject | undefined): boolean {
  if (!schema) return false;
  if (Array.isArray(value)) {
    const items = isObject(schema['items']) ? schema['items'] : undefined;
    return value.some((item) => skipPrunes(item, items));
  }
  return isObject(value) && fieldsPrune(value, schema, true);
}

function fieldsPrune(value: PlainObject, schema: PlainObject, keepUnknown: boolean): boolean {
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  const properties = propertiesOf(schema);
  const additional = schema['additionalProperties'];
  for (const key in value) {
    if (embedded && META_FIELDS.has(key)) continue;
    const property = properties?.[key];
    if (isObject(property)) {
      if (prunes(value[key]!, property)) return true;
    } else if (additional !== undefined && additional !== null) {
      if (prunes(value[key]!, isObject(additional) ? additional : undefined)) return true;
    } else if (!keepUnknown) return true;
  }
  return false;
}

/** Go's %v of a float64: the shortest form, in e-notation from an exponent of 21 or below -4. */
function goFloat(n: number): string {
  if (n === 0 || !Number.isFinite(n)) return String(n);
  const [mantissa, exponentText] = n.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 21) return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  return String(n);
}

/** Go's %#v of a decoded JSON value held in an interface{}: maps and slices of interface {}, keys sorted. */
function goInterfaceSyntax(value: PlainValue): string {
  if (value === null) return 'interface {}(nil)';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : goFloat(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[]interface {}{${value.map(goInterfaceSyntax).join(', ')}}`;
  const keys = Object.keys(value).sort();
  return `map[string]interface {}{${keys.map((k) => `${JSON.stringify(k)}:${goInterfaceSyntax(value[k]!)}`).join(', ')}}`;
}

/** A decoded default as field.Error prints it: %#v up to 1.33, JSON from 1.34. */
function defaultValueOf(value: PlainValue): unknown {
  return typeof value === 'object' && value !== null ? new GoValue(goInterfaceSyntax(value), goJson(value)) : value;
}

/** The JSON type kube-openapi infers for a decoded value (integral numbers decode to int64). */
function typeOf(value: PlainValue): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (Array.isArray(value)) return 'array';
  return 'object';
}

/** The format schemaInfoForType infers beside the type. */
const FORMAT_OF: Record<string, string> = { integer: 'int64', number: 'float64' };

/** A pattern as kube-openapi compiles it, with Go's regexp; one Go refuses makes the CRD invalid on its own. */
function compiled(pattern: string): RegExp {
  const re = goRegexp(pattern);
  if (!re.ok) throw new Unreproduced();
  return re.regexp;
}

const numberOr = (value: PlainValue | undefined): number | undefined => (typeof value === 'number' ? value : undefined);

/** One error of kube-openapi's validator: its name (the path inside the value), code and message. */
interface OpenApiError {
  name: string;
  /** Where in the value the error is, as keys and indexes, to place the finding. */
  at: (string | number)[];
  kind: 'invalid' | 'typeInvalid' | 'required' | 'enum' | 'tooLong' | 'tooMany';
  message: string;
  value?: unknown;
  limit?: number;
  values?: string[];
}

/** kube-openapi's SchemaValidator.Validate of `value` against `schema` at path `name`, errors added to `out`. */
function validateValue(value: PlainValue, schema: PlainObject, name: string, at: (string | number)[], out: OpenApiError[]): void {
  const inBody = (text: string) => `${name} in body ${text}`;
  if (schema['x-kubernetes-embedded-resource'] === true) throw new Unreproduced();
  const type = typeof schema['type'] === 'string' ? schema['type'] : '';
  const format = typeof schema['format'] === 'string' ? schema['format'] : '';
  const enumValues = Array.isArray(schema['enum']) ? schema['enum'] : undefined;
  if (value === null) {
    if (type !== '' && schema['nullable'] !== true) out.push({ name, at, kind: 'typeInvalid', value: 'null', message: inBody(`must be of type ${type}: "null"`) });
    if (enumValues && enumValues.length > 0) enumError(value, enumValues, name, at, out);
    return;
  }
  const actual = typeOf(value);
  // typeValidator
  if (type !== '' || format !== '') {
    const matches = type === actual || (actual === 'integer' && type === 'number');
    const dataFormat = FORMAT_OF[actual] ?? '';
    const stringOrList = actual === 'string' || actual === 'array';
    if (!stringOrList && format !== '' && !(matches || dataFormat === format || (format === 'int64' && dataFormat === 'int32'))) {
      out.push({ name, at, kind: 'typeInvalid', value: dataFormat, message: inBody(`must be of type ${format}: ${JSON.stringify(dataFormat)}`) });
    } else if (!(type === 'number' || type === 'integer') && format !== '' && stringOrList) {
      // a format on a string or list stands in for the type check
    } else if (!matches) {
      out.push({ name, at, kind: 'typeInvalid', value: actual, message: inBody(`must be of type ${type}: ${JSON.stringify(actual)}`) });
    }
  }
  // schemaPropsValidator: only its passing is reproduced.
  combinations(value, schema);
  if (typeof value === 'string') {
    const maxLength = numberOr(schema['maxLength']);
    const minLength = numberOr(schema['minLength']);
    const length = [...value].length;
    if (maxLength !== undefined && length > maxLength) {
      out.push({ name, at, kind: 'tooLong', limit: maxLength, message: inBody(`should be at most ${maxLength} chars long`) });
    } else if (minLength !== undefined && length < minLength) {
      out.push({ name, at, kind: 'invalid', value, message: inBody(`should be at least ${minLength} chars long`) });
    } else if (typeof schema['pattern'] === 'string' && schema['pattern'] !== '' && !compiled(schema['pattern']).test(value)) {
      out.push({ name, at, kind: 'invalid', value, message: inBody(`should match '${schema['pattern']}'`) });
    }
    // formatValidator: the formats of strfmt.Default are not reproduced.
    if (format !== '') throw new Unreproduced();
  }
  if (typeof value === 'number') numberErrors(value, schema, name, at, inBody, out);
  if (Array.isArray(value)) {
    const items = isObject(schema['items']) ? schema['items'] : undefined;
    if (items) value.forEach((item, i) => validateValue(item, items, `${name}[${i}]`, [...at, i], out));
    const minItems = numberOr(schema['minItems']);
    const maxItems = numberOr(schema['maxItems']);
    if (minItems !== undefined && value.length < minItems) out.push({ name, at, kind: 'invalid', value: value.length, message: inBody(`should have at least ${minItems} items`) });
    if (maxItems !== undefined && value.length > maxItems) out.push({ name, at, kind: 'tooMany', value: value.length, limit: maxItems, message: inBody(`should have at most ${maxItems} items`) });
    if (schema['uniqueItems'] === true && new Set(value.map((item) => goJson(item))).size < value.length) {
      out.push({ name, at, kind: 'invalid', value: '', message: inBody("shouldn't contain duplicates") });
    }
  }
  if (enumValues && enumValues.length > 0) enumError(value, enumValues, name, at, out);
  if (isObject(value)) objectErrors(value, schema, name, at, inBody, out);
}

/** allOf, anyOf, oneOf and not: nothing when they pass; their failures are not reproduced. */
function combinations(value: PlainValue, schema: PlainObject): void {
  const passes = (sub: PlainValue) => {
    if (!isObject(sub)) return true;
    const errors: OpenApiError[] = [];
    validateValue(value, sub, '', [], errors);
    return errors.length === 0;
  };
  const allOf = Array.isArray(schema['allOf']) ? schema['allOf'] : [];
  const anyOf = Array.isArray(schema['anyOf']) ? schema['anyOf'] : [];
  const oneOf = Array.isArray(schema['oneOf']) ? schema['oneOf'] : [];
  if (allOf.length > 0 && !allOf.every(passes)) throw new Unreproduced();
  if (anyOf.length > 0 && !anyOf.some(passes)) throw new Unreproduced();
  if (oneOf.length > 0 && oneOf.filter(passes).length !== 1) throw new Unreproduced();
  if (isObject(schema['not']) && passes(schema['not'])) throw new Unreproduced();
}

/** numberValidator: multipleOf, then minimum, then maximum, on the value's native type (int64 or float64). */
function numberErrors(value: number, schema: PlainObject, name: string, at: (string | number)[], inBody: (text: string) => string, out: OpenApiError[]): void {
  const integral = Number.isInteger(value);
  const bound = (limit: number) => (integral ? String(Math.trunc(limit)) : goFloat(limit));
  const multipleOf = numberOr(schema['multipleOf']);
  if (multipleOf !== undefined) {
    const factor = integral ? Math.trunc(multipleOf) : multipleOf;
    if (factor <= 0) out.push({ name, at, kind: 'invalid', value: factor, message: `factor MultipleOf declared for ${name} must be positive: ${bound(factor)}` });
    else {
      const quotient = integral ? value / factor : factor < 1 ? (1 / factor) * value : value / factor;
      if (!Number.isInteger(quotient)) out.push({ name, at, kind: 'invalid', value, message: inBody(`should be a multiple of ${bound(factor)}`) });
    }
  }
  const minimum = numberOr(schema['minimum']);
  if (minimum !== undefined) {
    const limit = integral ? Math.trunc(minimum) : minimum;
    const exclusive = schema['exclusiveMinimum'] === true;
    if (exclusive ? value <= limit : value < limit) out.push({ name, at, kind: 'invalid', value, message: inBody(`should be greater than ${exclusive ? '' : 'or equal to '}${bound(limit)}`) });
  }
  const maximum = numberOr(schema['maximum']);
  if (maximum !== undefined) {
    const limit = integral ? Math.trunc(maximum) : maximum;
    const exclusive = schema['exclusiveMaximum'] === true;
    if (exclusive ? value >= limit : value > limit) out.push({ name, at, kind: 'invalid', value, message: inBody(`should be less than ${exclusive ? '' : 'or equal to '}${bound(limit)}`) });
  }
}

/** basicCommonValidator: the value must equal one of the enum's values. */
function enumError(value: PlainValue, enumValues: PlainValue[], name: string, at: (string | number)[], out: OpenApiError[]): void {
  const printed = goJson(value);
  if (enumValues.some((allowed) => goJson(allowed) === printed)) return;
  const values = enumValues.map((allowed) => (typeof allowed === 'string' ? allowed : goJson(allowed)));
  out.push({ name, at, kind: 'enum', value, values, message: `${name} in body should be one of [${values.join(' ')}]` });
}

/** objectValidator: property counts, additional properties, properties, then required. */
function objectErrors(value: PlainObject, schema: PlainObject, name: string, at: (string | number)[], inBody: (text: string) => string, out: OpenApiError[]): void {
  const size = Object.keys(value).length;
  const minProperties = numberOr(schema['minProperties']);
  const maxProperties = numberOr(schema['maxProperties']);
  if (minProperties !== undefined && size < minProperties) out.push({ name, at, kind: 'invalid', value: size, message: inBody(`should have at least ${minProperties} properties`) });
  if (maxProperties !== undefined && size > maxProperties)
    out.push({ name, at, kind: 'tooMany', value: size, limit: maxProperties, message: inBody(`should have at most ${maxProperties} properties`) });
  const properties = propertiesOf(schema) ?? {};
  const additional = schema['additionalProperties'];
  for (const key in value) {
    if (isObject(properties[key])) continue;
    if (additional === false) throw new Unreproduced();
    if (isObject(additional)) validateValue(value[key]!, additional, `${name}.${key}`, [...at, key], out);
  }
  for (const key in properties) {
    const property = properties[key];
    if (isObject(property) && key in value) validateValue(value[key]!, property, name === '' ? key : `${name}.${key}`, [...at, key], out);
  }
  if (Array.isArray(schema['required'])) {
    for (const key of schema['required']) {
      if (typeof key === 'string' && !(key in value)) out.push({ name: `${name}.${key}`, at, kind: 'required', message: `${name}.${key} in body is required` });
    }
  }
}

/** kubeOpenAPIResultToFieldErrors: one field error per kube-openapi error, under the default's path. */
function toFieldError(error: OpenApiError, defaultPath: FieldPath): FieldError {
  const child = error.name.startsWith('.') ? error.name.slice(1) : error.name;
  const path = child === '' ? defaultPath : defaultPath.child(child);
  let built: FieldError;
  switch (error.kind) {
    case 'required':
      built = required(path);
      break;
    case 'enum':
      built = notSupported(path, defaultValueOf(error.value as PlainValue), error.values ?? []);
      break;
    case 'tooLong':
      built = tooLong(path, error.limit ?? -1);
      break;
    case 'tooMany':
      built = tooMany(path, error.value as number, error.limit ?? -1);
      break;
    default:
      built = invalid(path, error.value ?? '', error.message);
  }
  let place = defaultPath;
  for (const key of error.at) place = typeof key === 'number' ? place.index(key) : place.key(key);
  return placedAt(built, place, 'value');
}

/** The checks of one node's default (validate's branch outside metadata). */
function defaultErrors(node: PlainObject, defaultValue: PlainValue, path: FieldPath, errors: FieldError[]): void {
  const defaultPath = path.child('default');
  if (prunes(defaultValue, node)) errors.push(invalid(defaultPath, defaultValueOf(defaultValue), 'must not have unknown fields'));
  const found: OpenApiError[] = [];
  try {
    validateValue(defaultValue, node, '', [], found);
  } catch (error) {
    if (error instanceof Unreproduced) return;
    throw error;
  }
  const seen = new Set<string>();
  for (const error of found) {
    // Result.AddErrors keeps one error per message.
    if (seen.has(error.message)) continue;
    seen.add(error.message);
    errors.push(toFieldError(error, defaultPath));
  }
}

/** validate: the nodes that properties and items lead to, skipping resource metadata and embedded resources. */
function walk(node: PlainObject, path: FieldPath, embedded: boolean, errors: FieldError[]): void {
  const defaultValue = node['default'];
  if (defaultValue !== undefined && defaultValue !== null && !embedded) defaultErrors(node, defaultValue, path, errors);
  if (isObject(node['items'])) {
    const items = node['items'];
    walk(items, path.child('items'), items['x-kubernetes-embedded-resource'] === true, errors);
  }
  const properties = propertiesOf(node);
  if (!properties) return;
  for (const key in properties) {
    const property = properties[key];
    if (!isObject(property) || (embedded && META_FIELDS.has(key))) continue;
    walk(property, path.child('properties').key(key), property['x-kubernetes-embedded-resource'] === true, errors);
  }
}

/** Whether any node that validate visits has a default: most schemas are then spared the structural checks. */
function hasDefault(node: PlainObject): boolean {
  if (node['default'] !== undefined && node['default'] !== null) return true;
  if (isObject(node['items']) && hasDefault(node['items'])) return true;
  const properties = propertiesOf(node);
  if (properties) {
    for (const key in properties) {
      const property = properties[key];
      if (isObject(property) && hasDefault(property)) return true;
    }
  }
  return false;
}

/** ValidateDefaults as validateCustomResourceDefinitionValidation calls it: only for a structural schema. */
function schemaDefaultErrors(schema: PlainObject, path: FieldPath, minor: number): FieldError[] {
  if (!hasDefault(schema)) return [];
  const structural = structuralErrors(schema, path.child('openAPIV3Schema'), minor);
  if (structural.refused.size > 0 || structural.errors.length > 0) return [];
  const errors: FieldError[] = [];
  walk(schema, path.child('openAPIV3Schema'), true, errors);
  return errors;
}

export const crdSchemaDefaultsRule: ObjectRule = {
  id: 'crd-schema-defaults',
  family: 'api-validation',
  defaultSeverity: 'error',
  description:
    "A CustomResourceDefinition schema's defaults: no fields the schema would prune, and values that pass their own schema (type, enum, bounds, lengths, pattern, item and property counts, required).",
  kinds: ['CustomResourceDefinition'],
  check({ apiVersion, defaulted, kubernetesVersion }) {
    if (apiVersion !== API_VERSION) return [];
    const minor = minorOf(kubernetesVersion);
    return versionSchemaErrors(defaulted['spec'], (schema, path) => schemaDefaultErrors(schema, path, minor));
  },
};

export const CRD_DEFAULTS_RULES: readonly ObjectRule[] = [crdSchemaDefaultsRule];
