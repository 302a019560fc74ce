/**
 * Schema validation of one Kubernetes object. The validators are ajv code generated at build time (one module
 * per Kubernetes version, see schemas/standalone.ts), loaded once per process; quantities and base64 — whose
 * messages must be the API server's — are checked here by walking the schema alongside the value.
 */
import * as path from 'node:path';
import type { ErrorObject } from 'ajv';
import type { FieldSchema, KindInfo, SchemaBundle } from './bundle-types';
import { generatedSchemaDir, loadBundle, resolveRef } from './bundle';
import type { KubernetesVersion } from './versions';
import { parseQuantity } from '../kube/quantity';
import { base64ErrorOffset } from './base64';
import { emptyPlainObject, type PlainObject, type PlainValue } from '../kube/plain-values';

export interface SchemaValidator {
  bundle: SchemaBundle;
  /** The schema errors, and the object as the API server's decoder sees it (what its validation then looks at). */
  validate(info: KindInfo, object: PlainObject): { errors: ErrorObject[]; decoded: PlainObject };
  rootSchema(info: KindInfo): FieldSchema;
}

type GeneratedValidator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

const validators = new Map<KubernetesVersion, SchemaValidator>();

export function validatorFor(version: KubernetesVersion): SchemaValidator {
  let validator = validators.get(version);
  if (!validator) {
    const bundle = loadBundle(version);
    const generated = require(path.join(generatedSchemaDir(), `${version}.validators.js`)) as Record<string, GeneratedValidator>;
    validator = {
      bundle,
      rootSchema: (info) => bundle.definitions[info.definition]!,
      validate(info, object) {
        const validate = generated[info.definition];
        if (!validate) throw new Error(`no validator for ${info.definition}`);
        const root = bundle.definitions[info.definition]!;
        const value = holdsNull(object)
          ? (goView(
              object,
              [],
              (keys) => zeroValueAt(bundle, root, keys),
              (keys) => isGoMapAt(bundle, root, keys),
            ) as PlainObject)
          : object;
        const errors = validate(value) ? [] : [...(validate.errors ?? [])];
        formatErrors(bundle, root, value, errors);
        return { errors, decoded: value };
      },
    };
    validators.set(version, validator);
  }
  return validator;
}

/** Adds an ajv-shaped `format` error for every quantity or base64 string that does not parse. */
function formatErrors(bundle: SchemaBundle, declared: FieldSchema, value: PlainValue, into: ErrorObject[]): void {
  walkFormats(bundle, formatStepOf(bundle, declared), value, [], into);
}

/**
 * What the format walk needs of one schema, worked out once per schema and kept: every object validated walks the
 * same few schemas, and then the walk allocates nothing for the fields it passes.
 */
interface FormatStep {
  /** A quantity or base64 string: checked, and nothing below it walked. */
  format: 'quantity' | 'byte' | undefined;
  schema: FieldSchema;
  /** Filled on the first walk through the step, since schemas can hold themselves (JSONSchemaProps). */
  children?: FormatChildren;
}

interface FormatChildren {
  /** The declared properties below which a format can be reached. */
  properties: ReadonlyMap<string, FormatStep>;
  /** The schema's own `properties`, which also answers for a key that it names but that reaches no format. */
  declared: Readonly<Record<string, FieldSchema>> | undefined;
  /** The step for any other key (additionalProperties), when a format can be reached below it. */
  additional: FormatStep | undefined;
  items: FormatStep | undefined;
}

const formatSteps = new WeakMap<FieldSchema, FormatStep>();

function formatStepOf(bundle: SchemaBundle, declared: FieldSchema): FormatStep {
  let step = formatSteps.get(declared);
  if (!step) {
    const format = declared.format === 'quantity' || declared.format === 'byte' ? declared.format : undefined;
    step = { format, schema: format ? declared : resolveRef(bundle, declared) };
    formatSteps.set(declared, step);
  }
  return step;
}

function formatChildrenOf(bundle: SchemaBundle, step: FormatStep): FormatChildren {
  if (step.children) return step.children;
  const { schema } = step;
  const reaching = (field: FieldSchema | undefined) => (field && mayHoldFormats(bundle, field) ? formatStepOf(bundle, field) : undefined);
  const properties = new Map<string, FormatStep>();
  for (const [key, field] of Object.entries(schema.properties ?? {})) {
    const child = reaching(field);
    if (child) properties.set(key, child);
  }
  step.children = {
    properties,
    declared: schema.properties,
    additional: reaching(typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined),
    // Every item was walked before; an item schema that reaches no format finds nothing, so it is left out too.
    items: reaching(schema.items),
  };
  return step.children;
}

/** `keys` is the path walked so far; it becomes a JSON pointer only for a value that does not parse. */
function walkFormats(bundle: SchemaBundle, step: FormatStep, value: PlainValue, keys: (string | number)[], into: ErrorObject[]): void {
  if (step.format) {
    if (typeof value === 'string') {
      const valid = step.format === 'quantity' ? parseQuantity(value).ok : base64ErrorOffset(value) === undefined;
      if (!valid) into.push({ keyword: 'format', instancePath: jsonPointer(keys), schemaPath: '', params: { format: step.format }, data: value });
    }
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const children = formatChildrenOf(bundle, step);
  if (Array.isArray(value)) {
    if (!children.items) return;
    for (let index = 0; index < value.length; index++) {
      keys.push(index);
      walkFormats(bundle, children.items, value[index]!, keys, into);
      keys.pop();
    }
    return;
  }
  for (const key of Object.keys(value)) {
    // As `properties[key] ?? additionalProperties`: a key `properties` answers (even through its prototype, such as
    // `constructor`) never falls through to additionalProperties.
    const child = children.properties.get(key) ?? (children.declared && key in children.declared ? undefined : children.additional);
    if (!child) continue;
    keys.push(key);
    walkFormats(bundle, child, value[key]!, keys, into);
    keys.pop();
  }
}

/** RFC 6901: `~` and `/` in a key escaped, as ajv writes instancePath. */
function jsonPointer(keys: readonly (string | number)[]): string {
  let pointer = '';
  for (const key of keys) pointer += `/${typeof key === 'number' ? key : key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  return pointer;
}

const formatReach = new WeakMap<FieldSchema, boolean>();

/** Whether any quantity or base64 field can be reached below a schema; prunes most of a PodSpec from the walk. */
function mayHoldFormats(bundle: SchemaBundle, declared: FieldSchema): boolean {
  if (declared.format === 'quantity' || declared.format === 'byte') return true;
  // Asked for every field of every object: the answer is nearly always remembered, and then nothing is allocated.
  const remembered = formatReach.get(resolveRef(bundle, declared));
  if (remembered !== undefined) return remembered;
  const visiting = new Set<FieldSchema>();
  const reach = (s: FieldSchema): boolean => {
    if (s.format === 'quantity' || s.format === 'byte') return true;
    const schema = resolveRef(bundle, s);
    const known = formatReach.get(schema);
    if (known !== undefined) return known;
    if (visiting.has(schema)) return false;
    visiting.add(schema);
    const children = [
      ...Object.values(schema.properties ?? {}),
      ...(schema.items ? [schema.items] : []),
      ...(typeof schema.additionalProperties === 'object' ? [schema.additionalProperties] : []),
    ];
    const result = children.some(reach);
    visiting.delete(schema);
    // Only a definitive answer is remembered: a `false` reached through a cycle may be incomplete.
    if (result || visiting.size === 0) formatReach.set(schema, result);
    return result;
  };
  return reach(declared);
}

/** Whether a null appears anywhere in `value`: without one, Go's view is the value itself and need not be copied. */
function holdsNull(value: PlainValue): boolean {
  if (value === null) return true;
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(holdsNull);
  for (const key in value) if (holdsNull(value[key]!)) return true;
  return false;
}

/**
 * The API server decodes JSON into Go structs, where `field: null` leaves the field at its zero value: it is
 * neither a type error nor a value. A null list item becomes the item type's zero value (`containers: [null]` is
 * one Container with nothing set, which validation then refuses). An entry of a Go map written as null is kept
 * with the element's zero value: kubectl sends `data: {tls.crt: }` as `{"tls.crt": null}` (sigs.k8s.io/yaml's
 * JSON keeps the key), and encoding/json, decoding an object into a map, stores every key it reads, with the
 * element's zero value when the JSON value is null (null into a string or []byte is no value). So a ConfigMap's
 * `key:` is the key with "", and a Secret's is the key with no bytes: present, as validation then sees it.
 * Validate what Go would see.
 */
function goView(value: PlainValue, keys: (string | number)[], zeroAt: (keys: readonly (string | number)[]) => PlainValue, isMapAt: (keys: readonly (string | number)[]) => boolean): PlainValue {
  if (Array.isArray(value)) {
    return value.map((item, index) => {
      keys.push(index);
      const seen = item === null ? zeroAt(keys) : goView(item, keys, zeroAt, isMapAt);
      keys.pop();
      return seen;
    });
  }
  if (value === null || typeof value !== 'object') return value;
  const out: PlainObject = emptyPlainObject();
  let goMap: boolean | undefined;
  for (const key of Object.keys(value)) {
    const field = value[key]!;
    if (field === null) {
      goMap ??= isMapAt(keys);
      if (!goMap) continue;
    }
    keys.push(key);
    out[key] = field === null ? zeroAt(keys) : goView(field, keys, zeroAt, isMapAt);
    keys.pop();
  }
  return out;
}

/** The schema at a path, if it has one. */
function schemaAt(bundle: SchemaBundle, root: FieldSchema, keys: readonly (string | number)[]): FieldSchema | undefined {
  let schema: FieldSchema | undefined = root;
  for (const key of keys) {
    if (!schema) return undefined;
    const resolved: FieldSchema = resolveRef(bundle, schema);
    schema = typeof key === 'number' ? resolved.items : (resolved.properties?.[key] ?? (typeof resolved.additionalProperties === 'object' ? resolved.additionalProperties : undefined));
  }
  return schema;
}

/** Whether the object at a path is a Go map (a schema with only additionalProperties), not a struct. */
function isGoMapAt(bundle: SchemaBundle, root: FieldSchema, keys: readonly (string | number)[]): boolean {
  const schema = schemaAt(bundle, root, keys);
  if (!schema) return false;
  const resolved = resolveRef(bundle, schema);
  return typeof resolved.additionalProperties === 'object' && !resolved.properties;
}

/** The zero value of the type the schema gives at a path (null where Go's would be nil, or the type is unknown). */
function zeroValueAt(bundle: SchemaBundle, root: FieldSchema, keys: readonly (string | number)[]): PlainValue {
  const schema = schemaAt(bundle, root, keys);
  switch (schema ? resolveRef(bundle, schema).type : undefined) {
    case 'object':
      return emptyPlainObject();
    case 'string':
      return '';
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}
