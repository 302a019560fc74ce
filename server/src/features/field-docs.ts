/**
 * The documentation of a field of a Kubernetes kind, as `kubectl explain` gives it, plus what explain does not
 * say: the default the API server applies and the field path as the API server writes it. Hover renders it as
 * Markdown; `kubeplan explain` prints it as kubectl does.
 */
import type { FieldSchema, KindInfo, SchemaBundle } from '../schema/bundle-types';
import { findKind, loadBundle, resolveRef } from '../schema/bundle';
import type { KubernetesVersion } from '../schema/versions';
import { formatFieldPath, type PathSegment } from '../kube/field-path';
import { podSpecPath, templateRestartPolicies } from '../kube/pod-templates';
import { defaultOf } from './field-defaults';
import { cleanDescription, enumOf, explainType, fieldsOf, heldSchema, isRequired, walkSchema, type SchemaStep } from './schema-fields';

export interface FieldSummary {
  name: string;
  /** As kubectl explain writes it: `<string>`, `<[]Container>`, `<IntOrString>`. */
  type: string;
  required: boolean;
  enum?: readonly string[];
  description: string;
}

export interface FieldDoc extends FieldSummary {
  apiVersion: string;
  kind: string;
  /** The path as the API server writes it: `spec.strategy.rollingUpdate.maxSurge`; empty for the kind itself. */
  fieldPath: string;
  /** The description of the field's type, when it is a struct with one (kubectl prints it after the field's). */
  typeDescription?: string;
  /** What the API server sets when the field is left unset, in Markdown (`` `25%` ``); absent when nothing. */
  default?: string;
  /** The fields of the struct the field holds (of its items, for a list of structs). */
  fields: FieldSummary[];
  /** That struct's schema, for listing its fields further down. */
  holds?: FieldSchema;
  /** Where the path ends below the field: at a key of its map or an item of its list. */
  entry?: { key: string } | { index: number };
  /** Further facts of a custom resource's field, one Markdown paragraph each: format, bounds, `x-kubernetes-*`. */
  facts?: readonly string[];
}

export type FieldDocResult = { ok: true; doc: FieldDoc } | { ok: false; missing: string; freeFormAt?: number };

/** The documentation at `path` (field names, list indexes, map keys) of a kind served in this version. */
export function fieldDoc(version: KubernetesVersion, apiVersion: string, kind: string, path: readonly (string | number)[]): FieldDocResult | undefined {
  const bundle = loadBundle(version);
  const info = findKind(bundle, apiVersion, kind);
  return info ? fieldDocOf(bundle, info, path) : undefined;
}

export function fieldDocOf(bundle: SchemaBundle, info: KindInfo, path: readonly (string | number)[]): FieldDocResult {
  const walk = walkSchema(bundle, info, path);
  if (!walk.ok) return walk.freeForm ? { ok: false, missing: walk.missing, freeFormAt: walk.at } : { ok: false, missing: walk.missing };
  const { steps } = walk;
  const lastField = steps.map((step) => step.via).lastIndexOf('field');
  const fieldSteps = steps.slice(0, lastField + 1);
  const step = steps[lastField];
  const entryStep = steps.slice(lastField + 1).find((candidate) => candidate.via !== 'item' || typeof candidate.key === 'number');
  const common = { apiVersion: info.apiVersion, kind: info.kind, fieldPath: formatFieldPath(fieldSteps.map(segmentOf)) };
  if (!step) {
    const root = bundle.definitions[info.definition] ?? {};
    return {
      ok: true,
      doc: { ...common, name: info.kind, type: `<${info.kind}>`, required: false, description: cleanDescription(root.description), fields: summaries(bundle, root), holds: root },
    };
  }
  const struct = heldSchema(bundle, step.schema);
  const typeDescription = struct['x-go-struct'] ? cleanDescription(struct.description) : '';
  const doc: FieldDoc = {
    ...common,
    name: step.name,
    type: explainType(bundle, step.declared),
    required: isRequired(step.parent, step.name),
    enum: enumOf(step.schema),
    description: cleanDescription(step.declared.description ?? step.schema.description),
    typeDescription: typeDescription || undefined,
    default: defaultOf(
      info.apiVersion,
      info.kind,
      fieldSteps.map((s) => s.key),
      step.parent?.['x-go-struct'],
    ),
    fields: summaries(bundle, struct),
    holds: struct.properties ? struct : undefined,
  };
  if (entryStep) doc.entry = typeof entryStep.key === 'number' ? { index: entryStep.key } : { key: entryStep.key };
  return {
    ok: true,
    doc: narrowedByKind(
      doc,
      info.kind,
      fieldSteps.map((s) => s.key),
    ),
  };
}

/**
 * What validation of the kind allows where the schema, shared by every pod, allows more: a template's restartPolicy
 * (Jobs refuse the pod default Always, so in a Job the field has no default and must be set).
 */
function narrowedByKind(doc: FieldDoc, kind: string, path: readonly (string | number)[]): FieldDoc {
  const allowed = templateRestartPolicies(kind);
  const spec = podSpecPath(kind);
  if (!allowed || !spec || path.length !== spec.length + 1 || path[spec.length] !== 'restartPolicy' || spec.some((key, index) => path[index] !== key)) return doc;
  const defaultAllowed = doc.default !== undefined && allowed.some((value) => doc.default === `\`${value}\``);
  const narrowed: FieldDoc = { ...doc, enum: allowed, required: doc.required || !defaultAllowed };
  if (!defaultAllowed) delete narrowed.default;
  return narrowed;
}

function segmentOf(step: SchemaStep): PathSegment {
  if (step.via === 'field') return { field: String(step.key) };
  return typeof step.key === 'number' ? { index: step.key } : { key: step.key };
}

function summaries(bundle: SchemaBundle, struct: FieldSchema): FieldSummary[] {
  return fieldsOf(struct).map(([name, declared]) => ({
    name,
    type: explainType(bundle, declared),
    required: isRequired(struct, name),
    enum: enumOf(resolveRef(bundle, declared)),
    description: cleanDescription(declared.description),
  }));
}

/** The hover text for a field: what it is, its type and default, its allowed values, and its description. */
export function fieldDocMarkdown(doc: FieldDoc): string {
  const facts = [`\`${doc.type}\``];
  if (doc.required) facts.push('required');
  const lines = [`**${doc.name}** ${facts.join(' · ')}`, '', `\`${doc.fieldPath || doc.kind}\` in ${doc.kind} (${doc.apiVersion})`];
  if (doc.entry && 'key' in doc.entry) lines.push('', `A key of \`${doc.name}\`.`);
  if (doc.default) lines.push('', `Default: ${doc.default}`);
  if (doc.enum?.length) lines.push('', `Allowed values: ${doc.enum.map((value) => `\`${value}\``).join(', ')}`);
  for (const fact of doc.facts ?? []) lines.push('', fact);
  if (doc.description) lines.push('', escapeMarkdown(doc.description));
  if (doc.typeDescription && doc.typeDescription !== doc.description) lines.push('', escapeMarkdown(doc.typeDescription));
  return lines.join('\n');
}

/** Schema descriptions are plain text with `code` quotes: keep `<`, `*` and `_` from being read as Markdown or HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\*_<>[\]#|])/g, '\\$1');
}
