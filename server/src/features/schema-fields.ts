/**
 * Walking a kind's schema along a field path, and naming field types as `kubectl explain` writes them:
 * `<string>`, `<integer>`, `<[]Container>`, `<map[string]string>`, `<IntOrString>`, `<Quantity>`, `<Object>`.
 */
import type { FieldSchema, KindInfo, SchemaBundle } from '../schema/bundle-types';
import { resolveRef } from '../schema/bundle';

/** One step of a walk: the field (or list item, or map value) reached and the schema it has. */
export interface SchemaStep {
  /** The path element of the step: a field name, a map key, or a list index (0 where a walk named no index). */
  key: string | number;
  /** A field of a struct, an item of a list, or the value of a map entry. */
  via: 'field' | 'item' | 'entry';
  /** The field name; for a list item or a map entry, the name of the list or map field. */
  name: string;
  /** The property schema as the parent declares it (with its own description), before following $ref. */
  declared: FieldSchema;
  /** The schema after following $ref. */
  schema: FieldSchema;
  /** The struct that declares the field, when the step is a field of a struct. */
  parent?: FieldSchema;
}

export type SchemaWalk =
  | { ok: true; steps: SchemaStep[] }
  | { ok: false; missing: string; at: number };

/**
 * The schema at `path` below the kind's root. List indexes step into `items`; a key under a map steps into the
 * map's value schema. A name that is not a field is reported with its position in the path.
 */
export function walkSchema(bundle: SchemaBundle, kind: KindInfo, path: readonly (string | number)[]): SchemaWalk {
  const root = bundle.definitions[kind.definition];
  if (!root) return { ok: false, missing: String(path[0] ?? ''), at: 0 };
  const steps: SchemaStep[] = [];
  let current = root;
  let name = kind.kind;
  for (const [at, key] of path.entries()) {
    if (typeof key === 'number') {
      if (!current.items) return { ok: false, missing: String(key), at };
      const items = current.items;
      current = resolveRef(bundle, items);
      steps.push({ key, via: 'item', name, declared: items, schema: current });
      continue;
    }
    // kubectl explain names the fields of list items without an index: pods.spec.containers.image.
    if (current.items && !current.properties) {
      const items = current.items;
      current = resolveRef(bundle, items);
      steps.push({ key: 0, via: 'item', name, declared: items, schema: current });
    }
    const property = current.properties?.[key];
    if (property) {
      const parent = current;
      current = resolveRef(bundle, property);
      name = key;
      steps.push({ key, via: 'field', name, declared: property, schema: current, parent });
      continue;
    }
    if (typeof current.additionalProperties === 'object') {
      const values = current.additionalProperties;
      current = resolveRef(bundle, values);
      steps.push({ key, via: 'entry', name, declared: values, schema: current });
      continue;
    }
    return { ok: false, missing: key, at };
  }
  return { ok: true, steps };
}

/** The type in angle brackets, as kubectl explain prints it next to a field. */
export function explainType(bundle: SchemaBundle, declared: FieldSchema): string {
  return `<${typeName(bundle, declared, 0)}>`;
}

function typeName(bundle: SchemaBundle, declared: FieldSchema, depth: number): string {
  if (depth > 8) return 'Object';
  const goType = declared['x-go-type'];
  if (goType === 'intstr.IntOrString') return 'IntOrString';
  if (goType === 'resource.Quantity') return 'Quantity';
  const schema = declared.$ref ? resolveRef(bundle, declared) : declared;
  if (declared.$ref && schema['x-go-struct']) return schema['x-go-struct'];
  const type = Array.isArray(schema.type) ? undefined : schema.type;
  switch (type) {
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
      return type;
    case 'array':
      return schema.items ? `[]${typeName(bundle, schema.items, depth + 1)}` : '[]Object';
    case 'object': {
      const values = schema.additionalProperties;
      if (typeof values === 'object' && (values.type !== undefined || values.$ref)) return `map[string]${typeName(bundle, values, depth + 1)}`;
      return schema['x-go-struct'] ?? 'Object';
    }
    default:
      return 'Object';
  }
}

/** What a field holds: its struct, or the struct of its list items or map values. */
export function heldSchema(bundle: SchemaBundle, declared: FieldSchema): FieldSchema {
  const schema = resolveRef(bundle, declared);
  if (schema.items) return resolveRef(bundle, schema.items);
  if (typeof schema.additionalProperties === 'object') return resolveRef(bundle, schema.additionalProperties);
  return schema;
}

/** The allowed values of a field, or of the items of a list field. */
export function enumOf(schema: FieldSchema): readonly string[] | undefined {
  return schema.enum ?? schema.items?.enum;
}

/** Whether the struct declares the field required. */
export function isRequired(parent: FieldSchema | undefined, name: string): boolean {
  return parent?.required?.includes(name) ?? false;
}

/** The fields of a struct, sorted by name as kubectl lists them. */
export function fieldsOf(schema: FieldSchema): [string, FieldSchema][] {
  return Object.entries(schema.properties ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Descriptions in the bundle carry stray spaces at either end; kubectl prints them trimmed. */
export function cleanDescription(text: string | undefined): string {
  return (text ?? '').trim();
}
