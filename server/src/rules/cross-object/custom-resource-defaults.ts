/**
 * A custom resource as the API server holds it when it validates: with its CRD schema's defaults applied
 * (staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting/algorithm.go, Default). The API server
 * defaults while decoding the request, before validation: a property with a default that is absent, or null where the
 * schema does not allow null, gets a copy of the default; the walk goes on into properties, additionalProperties and
 * items, and so into the defaults it has just set.
 */
import { isObject, type PlainObject, type PlainValue } from '../../kube/plain-values';

const hasDefaults = new WeakMap<PlainObject, boolean>();

/** Whether any node of the schema declares a default; computed once per schema object. */
function declaresDefaults(schema: PlainObject): boolean {
  let known = hasDefaults.get(schema);
  if (known === undefined) {
    known = JSON.stringify(schema).includes('"default":');
    hasDefaults.set(schema, known);
  }
  return known;
}

/** The object with the schema's defaults applied; the object itself when the schema declares none (never changed in place). */
export function withSchemaDefaults(value: PlainObject, schema: PlainObject): PlainObject {
  if (!declaresDefaults(schema)) return value;
  const copy = structuredClone(value);
  applyDefaults(copy, schema);
  return copy;
}

/** defaulting.isNonNullableNull. */
const nonNullableNull = (value: PlainValue | undefined, schema: PlainObject | undefined): boolean => value === null && schema !== undefined && schema['nullable'] !== true;

/** defaulting.Default over a value the caller owns. */
function applyDefaults(value: PlainValue, schema: PlainObject): void {
  if (Array.isArray(value)) {
    const items = isObject(schema['items']) ? schema['items'] : undefined;
    if (!items) return;
    for (let i = 0; i < value.length; i++) {
      if (nonNullableNull(value[i], items) && items['default'] !== undefined) value[i] = structuredClone(items['default']);
      applyDefaults(value[i]!, items);
    }
    return;
  }
  if (!isObject(value)) return;
  const properties = isObject(schema['properties']) ? schema['properties'] : undefined;
  if (properties) {
    for (const [name, property] of Object.entries(properties)) {
      if (!isObject(property) || property['default'] === undefined || property['default'] === null) continue;
      if (!(name in value) || nonNullableNull(value[name], property)) value[name] = structuredClone(property['default']);
    }
  }
  const additional = isObject(schema['additionalProperties']) ? schema['additionalProperties'] : undefined;
  for (const name of Object.keys(value)) {
    const property = properties?.[name];
    if (isObject(property)) applyDefaults(value[name]!, property);
    else if (additional) {
      // Upstream copies the default even when there is none (a null stays null).
      if (nonNullableNull(value[name], additional) && additional['default'] !== undefined) value[name] = structuredClone(additional['default']);
      applyDefaults(value[name]!, additional);
    }
  }
}
