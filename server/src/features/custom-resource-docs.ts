/**
 * The documentation of a field of a custom resource, read from the `openAPIV3Schema` of the CRD version it is
 * written in, in the shape hover and completion use for built-in kinds (`FieldDoc`). CRD schemas are structural and
 * free of `$ref` (apiextensions-apiserver refuses others), so a walk follows `properties`, `items` and
 * `additionalProperties` only. Types are named as `kubectl explain` names them for a CRD (kubectl's
 * explain/v2/templates/plaintext.tmpl, "typeGuess"): `<string>`, `<[]Object>`, `<map[string]string>`, `<Object>`.
 */
import type { Catalog } from '../catalog/catalog';
import { servedCustomKinds } from '../catalog/custom-resource-definitions';
import { formatFieldPath, type PathSegment } from '../kube/field-path';
import { isObject, type PlainObject, type PlainValue } from '../kube/plain-values';
import { findKind } from '../schema/bundle';
import type { SchemaBundle } from '../schema/bundle-types';
import { escapeMarkdown, fieldDocOf, type FieldDoc, type FieldDocResult, type FieldSummary } from './field-docs';

/** A custom resource's kind and the schema of the version it is written in. */
export interface CustomKind {
  apiVersion: string;
  kind: string;
  schema: PlainObject;
}

/**
 * The custom kind an object written as `apiVersion`/`kind` is, when a CRD the catalog knows serves that version with
 * a schema: the same CRDs and the same choice as validation (`custom-resource-schema`) makes.
 */
export function customKindOf(catalog: Catalog, apiVersion: string, kind: string): CustomKind | undefined {
  const served = servedCustomKinds(catalog.customResourceDefinitions()).find((candidate) => candidate.apiVersion === apiVersion && candidate.kind === kind);
  return served?.schema ? { apiVersion, kind, schema: served.schema } : undefined;
}

/**
 * Fields the API server owns in every object, whatever the CRD's schema says of them: apiextensions-apiserver
 * publishes them with the TypeMeta descriptions and metadata as ObjectMeta (pkg/controller/openapi/builder
 * builder.go, addTypeMetaProperties and the ObjectMeta reference), and validates metadata as ObjectMeta.
 */
const OBJECT_FIELDS = ['apiVersion', 'kind', 'metadata'];

interface Step {
  key: string | number;
  via: 'field' | 'item' | 'entry';
  /** The field name; for a list item or map entry, the name of the list or map field. */
  name: string;
  schema: PlainObject;
  /** The object schema that declares the field. */
  parent?: PlainObject;
}

type Walk = { ok: true; steps: Step[] } | { ok: false; missing: string; at: number; freeForm: boolean };

/** The documentation at `path` (field names, list indexes, map keys) of a custom resource. */
export function customResourceFieldDoc(bundle: SchemaBundle, custom: CustomKind, path: readonly (string | number)[]): FieldDocResult {
  const first = path[0];
  if (typeof first === 'string' && OBJECT_FIELDS.includes(first)) return objectFieldDoc(bundle, custom, path);
  const walk = walkCustomSchema(custom, path);
  if (!walk.ok) return walk.freeForm ? { ok: false, missing: walk.missing, freeFormAt: walk.at } : { ok: false, missing: walk.missing };
  const { steps } = walk;
  const lastField = steps.map((step) => step.via).lastIndexOf('field');
  const step = steps[lastField];
  const fieldPath = formatFieldPath(steps.slice(0, lastField + 1).map(segmentOf));
  if (!step) {
    return {
      ok: true,
      doc: {
        apiVersion: custom.apiVersion,
        kind: custom.kind,
        fieldPath,
        name: custom.kind,
        type: `<${custom.kind}>`,
        required: false,
        description: descriptionOf(custom.schema),
        fields: [...objectFieldSummaries(bundle), ...summaries(custom.schema, OBJECT_FIELDS)].sort(byName),
        facts: factsOf(custom.schema),
      },
    };
  }
  const held = heldSchema(step.schema);
  const entryStep = steps.slice(lastField + 1).find((candidate) => candidate.via !== 'item' || typeof candidate.key === 'number');
  const doc: FieldDoc = {
    apiVersion: custom.apiVersion,
    kind: custom.kind,
    fieldPath,
    name: step.name,
    type: typeOf(step.schema),
    required: requiredIn(step.parent).includes(step.name),
    enum: enumOf(step.schema),
    description: descriptionOf(step.schema),
    default: 'default' in step.schema ? formatValue(step.schema['default']!) : undefined,
    fields: summaries(held, []),
    facts: factsOf(step.schema),
  };
  if (entryStep) doc.entry = typeof entryStep.key === 'number' ? { index: entryStep.key } : { key: entryStep.key };
  return { ok: true, doc };
}

/**
 * `apiVersion`, `kind` and `metadata` (and what is under it) are documented as for every kind; any built-in kind's
 * schema holds the same TypeMeta and ObjectMeta, so a ConfigMap's is read and named for the custom kind.
 */
function objectFieldDoc(bundle: SchemaBundle, custom: CustomKind, path: readonly (string | number)[]): FieldDocResult {
  const configMap = findKind(bundle, 'v1', 'ConfigMap');
  if (!configMap) return { ok: false, missing: String(path[0]) };
  const found = fieldDocOf(bundle, configMap, path);
  if (!found.ok) return found;
  const first = path[0];
  // The defaulting code would fill a ConfigMap's apiVersion and kind: nothing of the custom resource's own.
  const fallback = first === 'metadata' ? found.doc.default : undefined;
  return { ok: true, doc: { ...found.doc, apiVersion: custom.apiVersion, kind: custom.kind, default: fallback } };
}

function objectFieldSummaries(bundle: SchemaBundle): FieldSummary[] {
  const configMap = findKind(bundle, 'v1', 'ConfigMap');
  const root = configMap ? fieldDocOf(bundle, configMap, []) : undefined;
  return root?.ok ? root.doc.fields.filter((field) => OBJECT_FIELDS.includes(field.name)) : [];
}

/** The schema at `path`; list indexes step into `items`, a key of a map into `additionalProperties`. */
function walkCustomSchema(custom: CustomKind, path: readonly (string | number)[]): Walk {
  const steps: Step[] = [];
  let current = custom.schema;
  let name = custom.kind;
  for (const [at, key] of path.entries()) {
    const items = objectIn(current, 'items');
    if (typeof key === 'number') {
      if (!items) return { ok: false, missing: String(key), at, freeForm: isFreeForm(current) };
      current = items;
      steps.push({ key, via: 'item', name, schema: current });
      continue;
    }
    // As kubectl explain does, the fields of list items are named without an index.
    if (items) {
      current = items;
      steps.push({ key: 0, via: 'item', name, schema: current });
    }
    const property = objectIn(propertiesOf(current), key);
    if (property) {
      steps.push({ key, via: 'field', name: key, schema: property, parent: current });
      current = property;
      name = key;
      continue;
    }
    const values = objectIn(current, 'additionalProperties');
    if (values) {
      current = values;
      steps.push({ key, via: 'entry', name, schema: current });
      continue;
    }
    return { ok: false, missing: key, at, freeForm: isFreeForm(current) };
  }
  return { ok: true, steps };
}

/**
 * A value whose content the schema leaves open: fields it keeps unknown (`x-kubernetes-preserve-unknown-fields`), an
 * embedded object, or `additionalProperties: true`. Hover documents the field that holds it; completion offers
 * nothing inside it.
 */
function isFreeForm(schema: PlainObject): boolean {
  return (
    schema['x-kubernetes-preserve-unknown-fields'] === true ||
    schema['x-kubernetes-embedded-resource'] === true ||
    schema['additionalProperties'] === true ||
    (propertiesOf(schema) === undefined && objectIn(schema, 'items') === undefined && (schema['type'] === undefined || schema['type'] === 'object'))
  );
}

function segmentOf(step: Step): PathSegment {
  if (step.via === 'field') return { field: String(step.key) };
  return typeof step.key === 'number' ? { index: step.key } : { key: step.key };
}

function summaries(schema: PlainObject, skip: readonly string[]): FieldSummary[] {
  const required = requiredIn(schema);
  return Object.entries(propertiesOf(schema) ?? {})
    .filter((entry): entry is [string, PlainObject] => isObject(entry[1]) && !skip.includes(entry[0]))
    .map(([name, declared]) => ({ name, type: typeOf(declared), required: required.includes(name), enum: enumOf(declared), description: descriptionOf(declared) }))
    .sort(byName);
}

function byName(a: FieldSummary, b: FieldSummary): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** What a field holds: its list items' or map values' schema, or its own. */
function heldSchema(schema: PlainObject): PlainObject {
  return objectIn(schema, 'items') ?? objectIn(schema, 'additionalProperties') ?? schema;
}

/**
 * kubectl's typeGuess: items make a list, a schema of `additionalProperties` a map, `object` (or no type) is
 * `Object`. An int-or-string field has no type; it is named `IntOrString`, as the built-in kinds' fields of Go type
 * intstr.IntOrString are.
 */
function typeOf(schema: PlainObject): string {
  return `<${typeName(schema, 0)}>`;
}

function typeName(schema: PlainObject, depth: number): string {
  if (depth > 8) return 'Object';
  const items = objectIn(schema, 'items');
  if (items) return `[]${typeName(items, depth + 1)}`;
  const values = objectIn(schema, 'additionalProperties');
  if (values) return `map[string]${typeName(values, depth + 1)}`;
  if (schema['x-kubernetes-int-or-string'] === true) return 'IntOrString';
  const type = schema['type'];
  return typeof type === 'string' && type !== '' && type !== 'object' ? type : 'Object';
}

/** Enum values as kubectl explain prints them: the empty string as `""`. */
function enumOf(schema: PlainObject): readonly string[] | undefined {
  const values = schema['enum'] ?? objectIn(schema, 'items')?.['enum'];
  if (!Array.isArray(values) || values.length === 0) return undefined;
  return values.map((value) => (value === '' ? '""' : typeof value === 'string' ? value : JSON.stringify(value)));
}

function descriptionOf(schema: PlainObject): string {
  const description = schema['description'];
  return typeof description === 'string' ? description.trim() : '';
}

/** A default or bound written for a reader: strings bare (`""` when empty), everything else as JSON. */
function formatValue(value: PlainValue): string {
  if (value === '') return '`""`';
  return code(typeof value === 'string' ? value : JSON.stringify(value));
}

/** Text in a Markdown code span, fenced with more backticks than it holds. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return longest > 0 ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

const BOUNDS: readonly [keyword: string, label: string, exclusive?: string][] = [
  ['minimum', 'Minimum', 'exclusiveMinimum'],
  ['maximum', 'Maximum', 'exclusiveMaximum'],
  ['multipleOf', 'Multiple of'],
  ['minLength', 'Minimum length'],
  ['maxLength', 'Maximum length'],
  ['minItems', 'Minimum items'],
  ['maxItems', 'Maximum items'],
  ['minProperties', 'Minimum properties'],
  ['maxProperties', 'Maximum properties'],
];

/**
 * What else the schema says of the value, one Markdown paragraph each: its format, bounds and pattern, whether it
 * may be null, and the `x-kubernetes-*` extensions that change how the API server treats it.
 */
function factsOf(schema: PlainObject): string[] {
  const facts: string[] = [];
  const format = schema['format'];
  if (typeof format === 'string' && format) facts.push(`Format: ${code(format)}`);
  const bounds: string[] = [];
  for (const [keyword, label, exclusive] of BOUNDS) {
    const value = schema[keyword];
    if (typeof value !== 'number') continue;
    bounds.push(`${label}: ${code(String(value))}${exclusive && schema[exclusive] === true ? ' (exclusive)' : ''}`);
  }
  if (bounds.length > 0) facts.push(bounds.join(' · '));
  const pattern = schema['pattern'];
  if (typeof pattern === 'string') facts.push(`Pattern: ${code(pattern)} (Go regular expression)`);
  if (schema['nullable'] === true) facts.push('Nullable: `null` is kept as a value rather than dropped.');
  if (schema['x-kubernetes-int-or-string'] === true) facts.push('An integer or a string (`x-kubernetes-int-or-string`).');
  if (schema['x-kubernetes-embedded-resource'] === true) facts.push('An embedded object with its own `apiVersion`, `kind` and `metadata` (`x-kubernetes-embedded-resource`).');
  if (schema['x-kubernetes-preserve-unknown-fields'] === true) facts.push('Fields the schema does not declare are kept, not pruned (`x-kubernetes-preserve-unknown-fields`).');
  const listType = schema['x-kubernetes-list-type'];
  if (typeof listType === 'string') facts.push(listTypeFact(listType, schema['x-kubernetes-list-map-keys']));
  const mapType = schema['x-kubernetes-map-type'];
  if (typeof mapType === 'string')
    facts.push(`Map type ${code(mapType)}: ${mapType === 'atomic' ? 'replaced as a whole when merged' : 'its keys are merged one by one'} (\`x-kubernetes-map-type\`).`);
  const rules = schema['x-kubernetes-validations'];
  if (Array.isArray(rules) && rules.some(isObject)) {
    const lines = rules.filter(isObject).map((rule) => {
      const text = typeof rule['rule'] === 'string' ? code(rule['rule']) : '';
      const message = typeof rule['message'] === 'string' ? `: ${escapeMarkdown(rule['message'])}` : '';
      return `- ${text}${message}`;
    });
    facts.push(['Validation rules (`x-kubernetes-validations`):', ...lines].join('\n'));
  }
  return facts;
}

/** What each list type means to server-side apply and validation (the CRD's `x-kubernetes-list-type`). */
function listTypeFact(listType: string, keys: PlainValue | undefined): string {
  const names = Array.isArray(keys) ? keys.filter((key): key is string => typeof key === 'string') : [];
  switch (listType) {
    case 'map':
      return `List type \`map\`: items are unique by ${names.map(code).join(', ') || 'their keys'} (\`x-kubernetes-list-type\`).`;
    case 'set':
      return 'List type `set`: no two items are equal (`x-kubernetes-list-type`).';
    case 'atomic':
      return 'List type `atomic`: replaced as a whole when merged (`x-kubernetes-list-type`).';
    default:
      return `List type ${code(listType)} (\`x-kubernetes-list-type\`).`;
  }
}

function propertiesOf(schema: PlainObject): PlainObject | undefined {
  return objectIn(schema, 'properties');
}

function objectIn(schema: PlainValue | undefined, key: string): PlainObject | undefined {
  if (!isObject(schema)) return undefined;
  const value = schema[key];
  return isObject(value) ? value : undefined;
}

function requiredIn(schema: PlainObject | undefined): string[] {
  const required = schema?.['required'];
  return Array.isArray(required) ? required.filter((name): name is string => typeof name === 'string') : [];
}
