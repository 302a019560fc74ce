/**
 * `kubeplan explain RESOURCE[.FIELD...]`: the documentation of a kind or field from the bundled schemas, printed
 * the way `kubectl explain` prints it (GROUP/KIND/VERSION, FIELD, DESCRIPTION, FIELDS), offline.
 */
import { loadBundle } from '../schema/bundle';
import type { FieldSchema, KindInfo, SchemaBundle } from '../schema/bundle-types';
import { resolveResource } from '../schema/resource-names';
import type { KubernetesVersion } from '../schema/versions';
import { fieldDocOf, type FieldDoc, type FieldSummary } from '../features/field-docs';
import { explainType, fieldsOf, heldSchema, isRequired } from '../features/schema-fields';

export interface ExplainOptions {
  kubernetesVersion: KubernetesVersion;
  /** `deployment.spec.strategy`, `svc`, `pods.spec.containers.image`. */
  target: string;
  apiVersion?: string;
  recursive: boolean;
}

export type ExplainResult = { exitCode: 0; stdout: string } | { exitCode: 2; stderr: string };

const WIDTH = 80;

export function runExplain(options: ExplainOptions): ExplainResult {
  const [resource = '', ...fields] = options.target.split('.');
  const bundle = loadBundle(options.kubernetesVersion);
  const resolved = resolveResource(bundle, resource, options.apiVersion);
  if (!resolved.ok) return { exitCode: 2, stderr: `error: ${resolved.message}\n` };
  if (fields.some((field) => field === '')) return { exitCode: 2, stderr: `error: invalid field path "${options.target}"\n` };
  const result = fieldDocOf(bundle, resolved.info, fields);
  if (!result.ok) return { exitCode: 2, stderr: `error: field "${result.missing}" does not exist\n` };
  return { exitCode: 0, stdout: render(bundle, resolved.info, result.doc, fields.length > 0, options.recursive) };
}

function render(bundle: SchemaBundle, info: KindInfo, doc: FieldDoc, isField: boolean, recursive: boolean): string {
  const slash = info.apiVersion.indexOf('/');
  const out: string[] = [];
  if (slash !== -1) out.push(`GROUP:      ${info.apiVersion.slice(0, slash)}`);
  out.push(`KIND:       ${info.kind}`, `VERSION:    ${info.apiVersion.slice(slash + 1)}`, '');
  if (isField) {
    out.push(`FIELD: ${doc.name} ${doc.type}`);
    if (doc.enum?.length) out.push('ENUM:', ...doc.enum.map((value) => `    ${value}`));
    else out.push('');
    out.push('');
  }
  out.push('DESCRIPTION:');
  for (const text of [doc.description, doc.typeDescription]) if (text) out.push(...wrap(text, 4));
  out.push('');
  if (doc.fields.length > 0) {
    out.push('FIELDS:');
    if (recursive && doc.holds) out.push(...fieldTree(bundle, doc.holds, 1, new Set()));
    else for (const field of doc.fields) out.push(...fieldEntry(field), '');
  }
  return `${out.join('\n')}\n`;
}

function fieldEntry(field: FieldSummary): string[] {
  const lines = [`  ${field.name}\t${field.type}${field.required ? ' -required-' : ''}`];
  if (field.enum?.length) lines.push(`  enum: ${field.enum.join(', ')}`);
  if (field.description) lines.push(...wrap(field.description, 4));
  return lines;
}

/** Every field below a struct, indented two spaces per level; a type already being listed is not entered again. */
function fieldTree(bundle: SchemaBundle, struct: FieldSchema, level: number, listing: Set<FieldSchema>): string[] {
  const lines: string[] = [];
  listing.add(struct);
  for (const [name, declared] of fieldsOf(struct)) {
    lines.push(`${'  '.repeat(level)}${name}\t${explainType(bundle, declared)}${isRequired(struct, name) ? ' -required-' : ''}`);
    const child = heldSchema(bundle, declared);
    if (child.properties && !listing.has(child)) lines.push(...fieldTree(bundle, child, level + 1, listing));
  }
  listing.delete(struct);
  return lines;
}

/** Words wrapped to 80 columns after the indent; the description's own line breaks are kept. */
function wrap(text: string, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/).filter(Boolean)) {
      if (line && pad.length + line.length + 1 + word.length > WIDTH) {
        lines.push(pad + line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    lines.push(line ? pad + line : '');
  }
  return lines;
}
