/**
 * The structural-schema checks a CustomResourceDefinition's openAPIV3Schema must pass on create
 * (apiextensions-apiserver, pkg/apiserver/schema): NewStructural's refusals, then ValidateStructural —
 * validateStructuralInvariants, validateStructuralMetadataInvariants, validateValueValidation and
 * validateStructuralCompleteness — whose errors the API server sorts by their printed text.
 *
 * The schema is walked as written. "Structural" nodes are the root and what properties, items and
 * additionalProperties lead to; "value validation" nodes are what allOf, anyOf, oneOf and not lead to.
 */
import { type FieldPath, type FieldError, forbidden, invalid, placedAt, renderFieldError, required } from '../kube/field-errors';
import { goRegexp } from '../kube/go-regexp';
import { isObject, isSet, textOf, type PlainObject, type PlainValue } from '../kube/plain-values';

type Level = 'root' | 'item' | 'field';

const nonEmptyObject = (value: PlainValue | undefined) => isObject(value) && Object.keys(value).length > 0;
const nonEmptyList = (value: PlainValue | undefined) => Array.isArray(value) && value.length > 0;
/** The schema's properties that are schemas, in the order written. */
function propertiesOf(schema: PlainObject): [string, PlainObject][] {
  const properties = schema['properties'];
  const found: [string, PlainObject][] = [];
  if (!isObject(properties)) return found;
  for (const name in properties) {
    const property = properties[name];
    if (isObject(property)) found.push([name, property]);
  }
  return found;
}

/** One property of a schema, if it is a schema. */
function propertyOf(schema: PlainObject, name: string): PlainObject | undefined {
  const properties = schema['properties'];
  const property = isObject(properties) ? properties[name] : undefined;
  return isObject(property) ? property : undefined;
}

const EMPTY_TYPE: Record<Level, string> = {
  root: 'must not be empty at the root',
  item: 'must not be empty for specified array items',
  field: 'must not be empty for specified object fields',
};
const EMBEDDED_OBJECT = 'must be object if x-kubernetes-embedded-resource is true';
const INT_OR_STRING_ONLY = 'must be false if x-kubernetes-int-or-string is true';
const METADATA_NAMES = new Set(['name', 'generateName']);
/** The value-validation fields of ValueValidation, which a root metadata schema must leave unset. */
const METADATA_VALUE_FIELDS = ['format', 'pattern', 'maximum', 'minimum', 'maxLength', 'minLength', 'maxItems', 'minItems', 'multipleOf', 'maxProperties', 'minProperties', 'not'] as const;

/**
 * What NewStructural refuses, by the field validateUnsupportedFields names, at any node it converts (schema is
 * `$schema`, "preserve" a false x-kubernetes-preserve-unknown-fields, "items" a list of schemas). The API server
 * then skips the structural checks; the OpenAPI checks report all of these but `$schema`.
 */
function unconvertible(schema: PlainObject, found: Set<string>): void {
  // One pass over the node's keys, recursing in place: large CRD schemas have tens of thousands of nodes of a few
  // keys each.
  for (const key in schema) {
    const value = schema[key];
    switch (key) {
      case 'id':
      case '$ref':
        if (textOf(value) !== '') found.add(key);
        break;
      case '$schema':
        if (textOf(value) !== '') found.add('schema');
        break;
      case 'patternProperties':
      case 'dependencies':
      case 'definitions':
        if (nonEmptyObject(value)) found.add(key);
        break;
      case 'additionalItems':
        if (isSet(value)) found.add(key);
        break;
      case 'x-kubernetes-preserve-unknown-fields':
        if (value === false) found.add('preserve');
        break;
      case 'items':
        if (nonEmptyList(value)) found.add('items');
        else if (isObject(value)) unconvertible(value, found);
        break;
      case 'allOf':
      case 'anyOf':
      case 'oneOf':
        forEachObject(value, (child) => unconvertible(child, found));
        break;
      case 'not':
      case 'additionalProperties':
        if (isObject(value)) unconvertible(value, found);
        break;
      case 'properties':
        if (isObject(value)) {
          for (const name in value) {
            const property = value[name];
            if (isObject(property)) unconvertible(property, found);
          }
        }
        break;
    }
  }
}

/** A value-validation node that is exactly `{type: <type>}`, as intOrStringAnyOf compares them. */
const onlyType = (node: PlainValue | undefined, type: string) => isObject(node) && node['type'] === type && Object.keys(node).length === 1;
/** anyOf: [{type: integer}, {type: string}], the first IntOrString exception. */
const isIntOrStringAnyOf = (schema: PlainObject) =>
  Array.isArray(schema['anyOf']) && schema['anyOf'].length === 2 && onlyType(schema['anyOf'][0], 'integer') && onlyType(schema['anyOf'][1], 'string');
/** allOf whose first entry is that anyOf, the second IntOrString exception. */
const isIntOrStringAllOf = (schema: PlainObject) => Array.isArray(schema['allOf']) && isObject(schema['allOf'][0]) && isIntOrStringAnyOf(schema['allOf'][0]);

/**
 * validateValueValidation: the allOf/anyOf/oneOf/not under a node, then its pattern, which must compile with Go's
 * regexp.Compile, added to `errors`.
 */
function valueValidationErrors(schema: PlainObject, skipAnyOf: boolean, skipFirstAllOfAnyOf: boolean, path: FieldPath, minor: number, errors: FieldError[]): void {
  if (!skipAnyOf) forEachObject(schema['anyOf'], (item, i) => errors.push(...nestedErrors(item, false, path.child('anyOf').index(i), minor)));
  forEachObject(schema['allOf'], (item, i) => errors.push(...nestedErrors(item, skipFirstAllOfAnyOf && i === 0, path.child('allOf').index(i), minor)));
  forEachObject(schema['oneOf'], (item, i) => errors.push(...nestedErrors(item, false, path.child('oneOf').index(i), minor)));
  if (isObject(schema['not'])) errors.push(...nestedErrors(schema['not'], false, path.child('not'), minor));
  const pattern = schema['pattern'];
  if (typeof pattern === 'string' && pattern !== '') {
    const compiled = goRegexp(pattern);
    if (!compiled.ok) errors.push(invalid(path.child('pattern'), pattern, `must be a valid regular expression, but isn't: ${compiled.error}`));
  }
}

function forEachObject(list: PlainValue | undefined, visit: (item: PlainObject, index: number) => void): void {
  if (!Array.isArray(list)) return;
  list.forEach((item, i) => {
    if (isObject(item)) visit(item, i);
  });
}

/** validateNestedValueValidation: what a value-validation node must leave to the structural part. */
function nestedErrors(node: PlainObject, skipAnyOf: boolean, path: FieldPath, minor: number): FieldError[] {
  const errors: FieldError[] = [];
  valueValidationErrors(node, skipAnyOf, false, path, minor, errors);
  if (isObject(node['items'])) errors.push(...nestedErrors(node['items'], false, path.child('items'), minor));
  for (const [name, property] of propertiesOf(node)) errors.push(...nestedErrors(property, false, path.child('properties').key(name), minor));
  const mustBe = (key: string, detail: string) => errors.push(forbidden(path.child(key), detail));
  if (textOf(node['type']) !== '') mustBe('type', 'must be empty to be structural');
  // Up to 1.31 any additionalProperties is kept; from 1.32 a false one converts to nothing.
  const additional = node['additionalProperties'];
  if (minor < 32 ? isSet(additional) : additional === true || isObject(additional)) mustBe('additionalProperties', 'must be undefined to be structural');
  if (isSet(node['default'])) mustBe('default', 'must be undefined to be structural');
  if (textOf(node['title']) !== '') mustBe('title', 'must be empty to be structural');
  if (textOf(node['description']) !== '') mustBe('description', 'must be empty to be structural');
  if (node['nullable'] === true) mustBe('nullable', 'must be false to be structural');
  // externalDocs is carried into the structural schema from 1.36.
  if (minor >= 36 && isSet(node['externalDocs'])) mustBe('externalDocs', 'must be undefined to be structural');
  if (node['x-kubernetes-preserve-unknown-fields'] === true) mustBe('x-kubernetes-preserve-unknown-fields', 'must be false to be structural');
  if (node['x-kubernetes-embedded-resource'] === true) mustBe('x-kubernetes-embedded-resource', 'must be false to be structural');
  if (node['x-kubernetes-int-or-string'] === true) mustBe('x-kubernetes-int-or-string', 'must be false to be structural');
  if (nonEmptyList(node['x-kubernetes-list-map-keys'])) mustBe('x-kubernetes-list-map-keys', 'must be empty to be structural');
  if (typeof node['x-kubernetes-list-type'] === 'string') mustBe('x-kubernetes-list-type', 'must be undefined to be structural');
  if (typeof node['x-kubernetes-map-type'] === 'string') mustBe('x-kubernetes-map-type', 'must be undefined to be structural');
  if (nonEmptyList(node['x-kubernetes-validations'])) mustBe('x-kubernetes-validations', 'must be empty to be structural');
  if (isObject(node['properties']) && 'metadata' in node['properties']) {
    errors.push(forbidden(path.child('properties').key('metadata'), 'must not be specified in a nested context'));
  }
  return errors;
}

/** Whether a root metadata schema says more than its type, its default and properties name and generateName. */
function metadataSaysMore(metadata: PlainObject, minor: number): boolean {
  const properties = metadata['properties'];
  if (isObject(properties) && Object.keys(properties).some((name) => !METADATA_NAMES.has(name))) return true;
  if (['description', 'title'].some((key) => textOf(metadata[key]) !== '')) return true;
  if (
    ['nullable', 'uniqueItems', 'exclusiveMaximum', 'exclusiveMinimum', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-embedded-resource', 'x-kubernetes-int-or-string'].some(
      (key) => metadata[key] === true,
    )
  ) {
    return true;
  }
  if (METADATA_VALUE_FIELDS.some((key) => (typeof metadata[key] === 'string' ? metadata[key] !== '' : isSet(metadata[key])))) return true;
  if (['enum', 'allOf', 'anyOf', 'oneOf'].some((key) => nonEmptyList(metadata[key]))) return true;
  // A list written empty is still a list: only nil compares equal to the empty schema.
  if (['required', 'x-kubernetes-list-map-keys', 'x-kubernetes-validations'].some((key) => Array.isArray(metadata[key]))) return true;
  if (['x-kubernetes-list-type', 'x-kubernetes-map-type'].some((key) => typeof metadata[key] === 'string')) return true;
  if (isSet(metadata['additionalProperties']) || isObject(metadata['items'])) return true;
  // example and externalDocs are carried into the structural schema from 1.36.
  return minor >= 36 && (isSet(metadata['example']) || isSet(metadata['externalDocs']));
}

/** validateStructuralInvariants at one structural node and those under it, added to `errors`. */
function invariantErrors(schema: PlainObject, level: Level, path: FieldPath, minor: number, errors: FieldError[]): void {
  // One pass over the node's keys: most nodes of a large schema have a type, a description and little else.
  let type = '';
  let items: PlainValue | undefined;
  let properties: PlainObject | undefined;
  let additional: PlainValue | undefined;
  let intOrString = false;
  let preserve = false;
  let embedded = false;
  let valueValidations = false;
  for (const key in schema) {
    const value = schema[key];
    switch (key) {
      case 'type':
        type = textOf(value);
        break;
      case 'items':
        items = value;
        break;
      case 'properties':
        if (isObject(value)) properties = value;
        break;
      case 'additionalProperties':
        additional = value;
        break;
      case 'x-kubernetes-int-or-string':
        intOrString = value === true;
        break;
      case 'x-kubernetes-preserve-unknown-fields':
        preserve = value === true;
        break;
      case 'x-kubernetes-embedded-resource':
        embedded = value === true;
        break;
      case 'allOf':
      case 'anyOf':
      case 'oneOf':
      case 'not':
      case 'pattern':
        valueValidations = true;
        break;
    }
  }
  if (type === 'array' && !isObject(items)) errors.push(required(path.child('items'), 'must be specified'));
  if (isObject(items)) invariantErrors(items, 'item', path.child('items'), minor, errors);
  if (properties) {
    for (const name in properties) {
      const property = properties[name];
      if (isObject(property)) invariantErrors(property, 'field', path.child('properties').key(name), minor, errors);
    }
  }
  if (isSet(additional)) {
    if (level === 'root') errors.push(forbidden(path.child('additionalProperties'), 'must not be used at the root'));
    if (isObject(additional)) invariantErrors(additional, 'field', path.child('additionalProperties'), minor, errors);
  }
  // validateExtensions
  if (intOrString && preserve) errors.push(invalid(path.child('x-kubernetes-preserve-unknown-fields'), true, INT_OR_STRING_ONLY));
  if (intOrString && embedded) errors.push(invalid(path.child('x-kubernetes-embedded-resource'), true, INT_OR_STRING_ONLY));
  if (valueValidations) valueValidationErrors(schema, isIntOrStringAnyOf(schema), isIntOrStringAllOf(schema), path, minor, errors);

  const checkMetadata = level === 'root' || embedded;
  if (embedded && type !== 'object') errors.push(type === '' ? required(path.child('type'), EMBEDDED_OBJECT) : invalid(path.child('type'), type, EMBEDDED_OBJECT));
  else if (type === '' && !intOrString && !preserve) errors.push(required(path.child('type'), EMPTY_TYPE[level]));
  if (embedded && isSet(additional)) errors.push(forbidden(path.child('additionalProperties'), 'must not be used if x-kubernetes-embedded-resource is set'));
  if (level === 'root' && type !== '' && type !== 'object') errors.push(invalid(path.child('type'), type, 'must be object at the root'));
  if (!checkMetadata) return;

  for (const name of ['kind', 'apiVersion']) {
    const property = propertyOf(schema, name);
    if (property && textOf(property['type']) !== 'string') {
      errors.push(invalid(path.child('properties').key(name).child('type'), textOf(property['type']), 'must be string'));
    }
  }
  const metadata = propertyOf(schema, 'metadata');
  if (metadata) {
    // validateStructuralMetadataInvariants
    const metadataPath = path.child('properties').key('metadata');
    if (textOf(metadata['type']) !== 'object') errors.push(invalid(metadataPath.child('type'), textOf(metadata['type']), 'must be object'));
    if (level === 'root' && metadataSaysMore(metadata, minor)) {
      errors.push(forbidden(metadataPath, 'must not specify anything other than name and generateName, but metadata is implicitly specified'));
    }
  }
  if (embedded && !preserve && !nonEmptyObject(schema['properties'])) {
    errors.push(required(path.child('properties'), 'must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields'));
  }
}

/** validateValueValidationCompleteness: the allOf/anyOf/oneOf/not of a value validation against structural node `s`. */
function completenessErrors(v: PlainObject, s: PlainObject, sPath: FieldPath, vPath: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (isObject(v['not'])) errors.push(...nestedCompleteness(v['not'], s, sPath, vPath.child('not')));
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) forEachObject(v[keyword], (item, i) => errors.push(...nestedCompleteness(item, s, sPath, vPath.child(keyword).index(i))));
  return errors;
}

/** A field a value validation names must exist in the structural schema; the finding sits where it is named. */
function undefinedInStructure(sPath: FieldPath, vPath: FieldPath): FieldError {
  return placedAt(required(sPath, `because it is defined in ${vPath.toString()}`), vPath, 'key');
}

/** validateNestedValueValidationCompleteness. */
function nestedCompleteness(v: PlainObject, s: PlainObject | undefined, sPath: FieldPath, vPath: FieldPath): FieldError[] {
  if (!s) return [undefinedInStructure(sPath, vPath)];
  const errors = completenessErrors(v, s, sPath, vPath);
  if (isObject(v['items'])) errors.push(...nestedCompleteness(v['items'], isObject(s['items']) ? s['items'] : undefined, sPath.child('items'), vPath.child('items')));
  for (const [name, property] of propertiesOf(v)) {
    const sProperty = sPath.child('properties').key(name);
    const vProperty = vPath.child('properties').key(name);
    const counterpart = propertyOf(s, name);
    errors.push(...(counterpart ? nestedCompleteness(property, counterpart, sProperty, vProperty) : [undefinedInStructure(sProperty, vProperty)]));
  }
  return errors;
}

/** Go's string order: byte-wise over UTF-8. */
const goOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

export interface StructuralResult {
  /** ValidateStructural's errors, sorted as the API server sorts them; empty when NewStructural refused the schema. */
  errors: FieldError[];
  /** What NewStructural refused, if it did (see unconvertible). */
  refused: Set<string>;
}

/** NewStructural, then ValidateStructural at `path` (the openAPIV3Schema), in the given minor version. */
export function structuralErrors(schema: PlainObject, path: FieldPath, minor: number): StructuralResult {
  const refused = new Set<string>();
  unconvertible(schema, refused);
  if (refused.size > 0) return { errors: [], refused };
  const errors: FieldError[] = [];
  invariantErrors(schema, 'root', path, minor, errors);
  errors.push(...completenessErrors(schema, schema, path, path));
  const printed = new Map(errors.map((error) => [error, renderFieldError(error, minor)]));
  errors.sort((a, b) => goOrder(printed.get(a)!, printed.get(b)!));
  return { errors, refused };
}
