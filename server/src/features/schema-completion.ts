/**
 * Completion from the schema of the document's kind in the chosen Kubernetes version: the keys a mapping may still
 * take (required first), the values an enum or boolean field takes, and the `apiVersion`/`kind` pairs the version
 * serves.
 */
import type { Keys } from '../parse/yaml-documents';
import { findKind, loadBundle, resolveRef } from '../schema/bundle';
import type { FieldSchema, KindInfo, SchemaBundle } from '../schema/bundle-types';
import { walkSchema } from '../schema/schema-walk';
import type { KubernetesVersion } from '../schema/versions';
import type { CompletionContext } from './completion-context';
import type { CompletionEntry } from './completion-entry';
import { fieldTypeLabel } from './field-type';

/** Fields the API server writes, not the author. */
const SERVER_WRITTEN = new Set(['status']);

/** The schema of the field or mapping at `path` in the document's kind; undefined for unknown kinds and fields. */
export function schemaAt(bundle: SchemaBundle, context: Pick<CompletionContext, 'apiVersion' | 'kind'>, path: Keys): FieldSchema | undefined {
  const info = kindInfo(bundle, context.apiVersion, context.kind);
  const root = info ? bundle.definitions[info.definition] : undefined;
  if (!root) return undefined;
  if (path.length === 0) return resolveRef(bundle, root);
  return walkSchema(bundle, root, path).at(-1)?.schema;
}

/** The kind written, under the apiVersion written; without an apiVersion (yet), the kind in any group. */
function kindInfo(bundle: SchemaBundle, apiVersion: string | undefined, kind: string | undefined): KindInfo | undefined {
  if (!kind) return undefined;
  if (apiVersion) return findKind(bundle, apiVersion, kind);
  return Object.values(bundle.kinds).find((info) => info.kind === kind);
}

export function keyCompletions(context: CompletionContext, version: KubernetesVersion): CompletionEntry[] {
  const bundle = loadBundle(version);
  if (context.path.length === 0 && !kindInfo(bundle, context.apiVersion, context.kind)) {
    return ['apiVersion', 'kind'].filter((key) => !context.siblings.has(key)).map((key, i) => ({
      label: key,
      kind: 'field',
      detail: 'string',
      insertText: `${key}: `,
      snippet: false,
      replace: context.replace,
      sortText: `0${i}`,
    }));
  }
  const schema = schemaAt(bundle, context, context.path);
  if (!schema?.properties) return [];
  const required = new Set(schema.required ?? []);
  const entries: CompletionEntry[] = [];
  for (const [key, declared] of Object.entries(schema.properties)) {
    if (context.siblings.has(key) || (context.path.length === 0 && SERVER_WRITTEN.has(key))) continue;
    const field = resolveRef(bundle, declared);
    entries.push({
      label: key,
      kind: 'field',
      detail: `${fieldTypeLabel(bundle, declared)}${required.has(key) ? ' (required)' : ''}`,
      documentation: declared.description ?? field.description,
      insertText: keyInsertText(key, bundle, field),
      snippet: true,
      replace: context.replace,
      sortText: `${required.has(key) ? 0 : 1}${key}`,
    });
  }
  return entries;
}

/** The key, and what its value needs next: a nested block, a list item, or a choice of values. */
function keyInsertText(key: string, bundle: SchemaBundle, field: FieldSchema): string {
  const escaped = key.replace(/[$}\\]/g, '\\$&');
  if (field.type === 'array') return `${escaped}:\n  - $0`;
  if (field.type === 'object' || field.properties) return `${escaped}:\n  $0`;
  const choices = valueChoices(bundle, field);
  if (choices.length > 0) return `${escaped}: \${1|${choices.map((choice) => choice.replace(/[,|$}\\]/g, '\\$&')).join(',')}|}`;
  return `${escaped}: $0`;
}

function valueChoices(bundle: SchemaBundle, field: FieldSchema): string[] {
  const resolved = resolveRef(bundle, field);
  if (resolved.enum) return resolved.enum;
  if (resolved.type === 'boolean') return ['true', 'false'];
  return [];
}

/** Values for the field at the cursor: its enum, or true/false; `apiVersion` and `kind` at the top level. */
export function valueCompletions(context: CompletionContext, version: KubernetesVersion): CompletionEntry[] {
  const bundle = loadBundle(version);
  const { path } = context;
  if (path.length === 1 && (path[0] === 'apiVersion' || path[0] === 'kind')) return apiVersionKindCompletions(bundle, context, path[0]);
  const schema = schemaAt(bundle, context, path);
  if (!schema) return [];
  const enumValues = schema.enum;
  const values = enumValues ?? valueChoices(bundle, schema);
  return values.map((value, i) => ({
    label: value,
    kind: enumValues ? 'enum' : 'value',
    insertText: `${context.needsSpace ? ' ' : ''}${value}`,
    snippet: false,
    replace: context.replace,
    sortText: String(i).padStart(3, '0'),
  }));
}

/** `apiVersion` offers the versions that serve the kind written, and `kind` the kinds of the apiVersion written. */
function apiVersionKindCompletions(bundle: SchemaBundle, context: CompletionContext, field: 'apiVersion' | 'kind'): CompletionEntry[] {
  const other = field === 'apiVersion' ? context.kind : context.apiVersion;
  const kinds = Object.values(bundle.kinds).filter((info) => !other || (field === 'apiVersion' ? info.kind === other : info.apiVersion === other));
  const byValue = new Map<string, string[]>();
  for (const info of kinds) {
    const value = field === 'apiVersion' ? info.apiVersion : info.kind;
    const partner = field === 'apiVersion' ? info.kind : info.apiVersion;
    byValue.set(value, [...(byValue.get(value) ?? []), partner]);
  }
  return [...byValue].sort(([a], [b]) => a.localeCompare(b)).map(([value, partners]) => ({
    label: value,
    kind: 'kind',
    detail: partners.join(', '),
    insertText: `${context.needsSpace ? ' ' : ''}${value}`,
    snippet: false,
    replace: context.replace,
    sortText: value,
  }));
}
