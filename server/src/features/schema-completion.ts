/**
 * Completion from the schema of the document's kind in the chosen Kubernetes version, or for a custom resource from
 * its CRD's schema: the keys a mapping may still take (required first), the values an enum or boolean field takes,
 * and the `apiVersion`/`kind` pairs the version and the known CRDs serve.
 */
import type { Catalog } from '../catalog/catalog';
import { servedCustomKinds } from '../catalog/custom-resource-definitions';
import { podSpecPath, templateRestartPolicies } from '../kube/pod-templates';
import { resolveKind } from '../schema/api-versions';
import { versionPriority } from '../schema/resource-names';
import { findKind, loadBundle } from '../schema/bundle';
import type { KindInfo, SchemaBundle } from '../schema/bundle-types';
import type { KubernetesVersion } from '../schema/versions';
import type { CompletionContext } from './completion-context';
import type { CustomKind } from './custom-resource-docs';
import { escapeSnippet, type CompletionEntry } from './completion-entry';
import { customKindOf, customResourceFieldDoc } from './custom-resource-docs';
import { fieldDocOf, type FieldDoc, type FieldSummary } from './field-docs';

/** Fields the API server writes, not the author. */
const SERVER_WRITTEN = new Set(['status']);
/**
 * ObjectMeta fields the system populates, which a manifest should not carry (k8s.io/apimachinery
 * pkg/apis/meta/v1/types.go ObjectMeta: documented "Populated by the system" and "Read-only", selfLink "a legacy
 * read-only field", managedFields "internal housekeeping"): written by hand they are ignored or get in the way of
 * an update.
 */
const READ_ONLY_METADATA = new Set(['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink']);
/** Types (as kubectl explain writes them) whose value is written on the key's line. */
const SCALAR_TYPES = new Set(['<string>', '<integer>', '<number>', '<boolean>', '<IntOrString>', '<Quantity>']);

/**
 * The values the field at `path` may take: its enum, narrowed where validation of the kind allows fewer (a
 * template's restartPolicy, in the order the API server's message lists them).
 */
function allowedValues(context: CompletionContext, path: readonly (string | number)[], values: readonly string[]): readonly string[] {
  const allowed = context.kind ? templateRestartPolicies(context.kind) : undefined;
  const specPath = context.kind ? podSpecPath(context.kind) : undefined;
  if (!allowed || !specPath || path.length !== specPath.length + 1 || path.at(-1) !== 'restartPolicy') return values;
  if (!specPath.every((key, i) => path[i] === key)) return values;
  return allowed.filter((value) => values.includes(value));
}

/** The documentation of the field or mapping at the context's path; undefined for unknown kinds and fields. */
function docAt(bundle: SchemaBundle, context: CompletionContext, catalog: Catalog | undefined): FieldDoc | undefined {
  const info = kindInfo(bundle, context.apiVersion, context.kind);
  const custom = !info && catalog ? customKind(catalog, context.apiVersion, context.kind) : undefined;
  const found = info ? fieldDocOf(bundle, info, context.path) : custom ? customResourceFieldDoc(bundle, custom, context.path) : undefined;
  return found?.ok ? found.doc : undefined;
}

/** The custom kind written, under the apiVersion written; without an apiVersion (yet), the first CRD's of the kind. */
function customKind(catalog: Catalog, apiVersion: string | undefined, kind: string | undefined): CustomKind | undefined {
  if (!kind) return undefined;
  if (apiVersion) return customKindOf(catalog, apiVersion, kind);
  const served = servedCustomKinds(catalog.customResourceDefinitions()).find((candidate) => candidate.kind === kind && candidate.schema);
  return served ? customKindOf(catalog, served.apiVersion, kind) : undefined;
}

/** The kind written, under the apiVersion written; without an apiVersion (yet), the kind in any group. */
function kindInfo(bundle: SchemaBundle, apiVersion: string | undefined, kind: string | undefined): KindInfo | undefined {
  if (!kind) return undefined;
  if (apiVersion) return findKind(bundle, apiVersion, kind);
  return Object.values(bundle.kinds).find((info) => info.kind === kind);
}

export function keyCompletions(context: CompletionContext, version: KubernetesVersion, catalog?: Catalog): CompletionEntry[] {
  const bundle = loadBundle(version);
  const doc = docAt(bundle, context, catalog);
  if (!doc) {
    if (context.path.length > 0) return [];
    return ['apiVersion', 'kind']
      .filter((key) => !context.siblings.has(key))
      .map((key, i) => ({
        label: key,
        kind: 'field',
        detail: '<string>',
        insertText: context.keyHasColon ? key : `${key}: `,
        snippet: false,
        replace: context.replace,
        sortText: `0${i}`,
      }));
  }
  // A list of values (`accessModes`) takes its items' values where a key would go.
  if (doc.fields.length === 0 && typeof context.path.at(-1) === 'number') return valueEntries(context, doc.enum ?? [], 'enum');
  const entries: CompletionEntry[] = [];
  for (const field of doc.fields) {
    if (context.siblings.has(field.name) || (context.path.length === 0 && SERVER_WRITTEN.has(field.name))) continue;
    if (doc.type === '<ObjectMeta>' && READ_ONLY_METADATA.has(field.name)) continue;
    entries.push({
      label: field.name,
      kind: 'field',
      detail: `${field.type}${field.required ? ' (required)' : ''}`,
      documentation: field.description || undefined,
      insertText: context.keyHasColon ? escapeSnippet(field.name) : keyInsertText(field, field.enum && allowedValues(context, [...context.path, field.name], field.enum)),
      snippet: true,
      replace: context.replace,
      sortText: `${field.required ? 0 : 1}${field.name}`,
    });
  }
  return entries;
}

/** The key, and what its value needs next: a nested block, a list item, or a choice of values. */
function keyInsertText(field: FieldSummary, values = field.enum): string {
  const key = escapeSnippet(field.name);
  if (field.type.startsWith('<[]')) return `${key}:\n  - $0`;
  if (!SCALAR_TYPES.has(field.type)) return `${key}:\n  $0`;
  const choices = values ?? (field.type === '<boolean>' ? ['true', 'false'] : []);
  if (choices.length > 0) return `${key}: \${1|${choices.map((choice) => choice.replace(/[,|$}\\]/g, '\\$&')).join(',')}|}`;
  return `${key}: $0`;
}

/** Values for the field at the cursor: its enum, or true/false; `apiVersion` and `kind` at the top level. */
export function valueCompletions(context: CompletionContext, version: KubernetesVersion, catalog?: Catalog): CompletionEntry[] {
  const bundle = loadBundle(version);
  const { path } = context;
  if (path.length === 1 && (path[0] === 'apiVersion' || path[0] === 'kind')) return apiVersionKindCompletions(bundle, context, path[0], catalog);
  const doc = docAt(bundle, context, catalog);
  if (!doc) return [];
  if (doc.enum) return valueEntries(context, allowedValues(context, path, doc.enum), 'enum');
  return doc.type === '<boolean>' ? valueEntries(context, ['true', 'false'], 'value') : [];
}

function valueEntries(context: CompletionContext, values: readonly string[], kind: 'enum' | 'value'): CompletionEntry[] {
  return values.map((value, i) => ({
    label: value,
    kind,
    insertText: `${context.needsSpace ? ' ' : ''}${value}`,
    snippet: false,
    replace: context.replace,
    sortText: String(i).padStart(3, '0'),
  }));
}

/**
 * `apiVersion` offers the versions that serve the kind written, and `kind` the kinds of the apiVersion written: the
 * built-in ones and those of the served versions of the CRDs the catalog knows.
 */
function apiVersionKindCompletions(bundle: SchemaBundle, context: CompletionContext, field: 'apiVersion' | 'kind', catalog: Catalog | undefined): CompletionEntry[] {
  const other = field === 'apiVersion' ? context.kind : context.apiVersion;
  const builtIn = Object.values(bundle.kinds)
    // The models of some removed APIs linger in a version's client release: offer only what the version serves.
    .filter((info) => resolveKind(bundle, info.apiVersion, info.kind).status === 'known');
  const custom = catalog ? servedCustomKinds(catalog.customResourceDefinitions()) : [];
  const kinds = [...builtIn, ...custom].filter((info) => !other || (field === 'apiVersion' ? info.kind === other : info.apiVersion === other));
  const byValue = new Map<string, string[]>();
  for (const info of kinds) {
    const value = field === 'apiVersion' ? info.apiVersion : info.kind;
    const partner = field === 'apiVersion' ? info.kind : info.apiVersion;
    byValue.set(value, [...(byValue.get(value) ?? []), partner]);
  }
  const order = field === 'apiVersion' ? byGroupThenNewest : (a: string, b: string) => a.localeCompare(b);
  return [...byValue]
    .sort(([a], [b]) => order(a, b))
    .map(([value, partners], i) => ({
      label: value,
      kind: 'kind',
      detail: partners.length > 4 ? `${partners.slice(0, 4).join(', ')}, …` : partners.join(', '),
      insertText: `${context.needsSpace ? ' ' : ''}${value}`,
      snippet: false,
      replace: context.replace,
      sortText: String(i).padStart(4, '0'),
    }));
}

/** apiVersions by group (the core group first), then the version the API server prefers first: v1, v1beta1, v1alpha1. */
function byGroupThenNewest(a: string, b: string): number {
  const [groupA, versionA] = a.includes('/') ? a.split('/', 2) : ['', a];
  const [groupB, versionB] = b.includes('/') ? b.split('/', 2) : ['', b];
  if (groupA !== groupB) return groupA! < groupB! ? -1 : 1;
  return versionPriority(versionB!) - versionPriority(versionA!) || (versionA! < versionB! ? -1 : versionA! > versionB! ? 1 : 0);
}
