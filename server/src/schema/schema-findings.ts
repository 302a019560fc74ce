/**
 * Turns ajv's errors into findings that read like the API server's own: decode errors for unknown fields and
 * wrong types (`strict decoding error: unknown field "spec.replica"`, `json: cannot unmarshal string into Go
 * struct field DeploymentSpec.spec.replicas of type int32`), validation errors for the rest
 * (`spec.template.spec.containers: Required value`). Each is placed on the key, the value or the enclosing key.
 */
import type { ErrorObject } from 'ajv';
import type { FieldSchema, SchemaBundle } from './bundle-types';
import type { Finding, OffsetRange } from '../kube/findings';
import { formatFieldPath } from '../kube/field-path';
import type { Keys, PlainValue } from '../kube/plain-values';
import { walkSchema, type SchemaStep } from './schema-walk';
import { closestName } from './did-you-mean';
import { parseQuantity, quantityIntents } from '../kube/quantity';
import { base64ErrorOffset } from './base64';

export interface SchemaFindingContext {
  bundle: SchemaBundle;
  root: FieldSchema;
  value: PlainValue;
  /** Where a path of the object is written. */
  locate(keys: Keys, prefer: 'key' | 'value'): OffsetRange;
  /** The object is an item of a `kind: List`, not a document of its own. */
  isListItem: boolean;
}

export function schemaFindings(errors: readonly ErrorObject[], context: SchemaFindingContext): Finding[] {
  const findings: Finding[] = [];
  const typeErrorPaths = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword !== 'type' && typeErrorPaths.has(error.instancePath)) continue; // one finding per value
    const finding = translate(error, context);
    if (!finding) continue;
    const key = `${finding.rule}|${finding.path}|${finding.range.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(finding);
  }
  return findings;
}

function translate(error: ErrorObject, context: SchemaFindingContext): Finding | undefined {
  const keys = instanceKeys(error.instancePath, context.value);
  const at = (extraKeys: Keys, prefer: 'key' | 'value') => context.locate([...keys, ...extraKeys], prefer);

  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String((error.params as { additionalProperty: string }).additionalProperty);
      const steps = walkSchema(context.bundle, context.root, [...keys, field]);
      const parent = steps.length > 1 ? steps[steps.length - 2]!.schema : context.root;
      const suggestion = closestName(field, Object.keys(parent?.properties ?? {}));
      const path = formatFieldPath([...steps.slice(0, -1).map((s) => s.segment), { field }]);
      const hint = suggestion ? `; did you mean "${suggestion}"?` : '';
      return { rule: 'unknown-field', severity: 'error', message: `strict decoding error: unknown field "${path}"${hint}`, path, range: at([field], 'key') };
    }
    case 'required': {
      // The API server discards a submitted status on create; only its shape is decoded, nothing is required.
      if (keys[0] === 'status') return undefined;
      const field = String((error.params as { missingProperty: string }).missingProperty);
      const steps = walkSchema(context.bundle, context.root, [...keys, field]);
      const path = formatFieldPath(steps.map((s) => s.segment));
      // A field missing at the top of a document is shown on its `kind`, not on the whole document.
      const range = keys.length > 0 || context.isListItem ? at([], 'key') : context.locate(['kind'], 'key');
      return { rule: 'required-field', severity: 'error', message: `${path}: Required value`, path, range };
    }
    case 'type':
    case 'minimum':
    case 'maximum': {
      if (error.data === null || error.data === undefined) return undefined;
      const steps = walkSchema(context.bundle, context.root, keys);
      return { rule: 'field-type', severity: 'error', message: decodeTypeMessage(error.data as PlainValue, steps), path: formatFieldPath(steps.map((s) => s.segment)), range: at([], 'value') };
    }
    case 'enum': {
      const steps = walkSchema(context.bundle, context.root, keys);
      const path = formatFieldPath(steps.map((s) => s.segment));
      const allowed = ((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ');
      return { rule: 'unsupported-value', severity: 'error', message: `${path}: Unsupported value: ${JSON.stringify(error.data)}: supported values: ${allowed}`, path, range: at([], 'value') };
    }
    case 'format': {
      const steps = walkSchema(context.bundle, context.root, keys);
      const path = formatFieldPath(steps.map((s) => s.segment));
      const format = (error.params as { format: string }).format;
      if (format === 'quantity') {
        const parsed = parseQuantity(String(error.data));
        const detail = parsed.ok ? 'invalid quantity' : `${parsed.error}${didYouMeanQuantity(String(error.data))}`;
        return { rule: 'invalid-quantity', severity: 'error', message: `${path}: Invalid value: ${JSON.stringify(error.data)}: ${detail}`, path, range: at([], 'value') };
      }
      if (format === 'byte') {
        const offset = base64ErrorOffset(String(error.data)) ?? 0;
        return { rule: 'invalid-base64', severity: 'error', message: `${path}: illegal base64 data at input byte ${offset}`, path, range: at([], 'value') };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** `; did you mean "1G" or "1Gi"?` after apimachinery's own error, when the intent is clear (see quantityIntents). */
function didYouMeanQuantity(text: string): string {
  const intents = quantityIntents(text).map((intent) => JSON.stringify(intent));
  return intents.length === 0 ? '' : `; did you mean ${intents.length === 1 ? intents[0] : `${intents.slice(0, -1).join(', ')} or ${intents[intents.length - 1]}`}?`;
}

/** `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32` */
function decodeTypeMessage(data: PlainValue, steps: readonly SchemaStep[]): string {
  const last = steps[steps.length - 1];
  const goType = last?.declared?.['x-go-type'] ?? 'interface {}';
  const struct = last?.struct ?? 'Object';
  const dotted = steps
    .map((s) => s.segment)
    .filter((s): s is { field: string } => 'field' in s)
    .map((s) => s.field)
    .join('.');
  return `json: cannot unmarshal ${goJsonKind(data, goType)} into Go struct field ${struct}.${dotted} of type ${goType}`;
}

/** encoding/json names the number only when it does not fit an integer type (a fraction, an overflow). */
function goJsonKind(data: PlainValue, goType: string): string {
  if (typeof data === 'number') return /^u?int(8|16|32|64)?$/.test(goType) ? `number ${data}` : 'number';
  if (typeof data === 'boolean') return 'bool';
  if (typeof data === 'string') return 'string';
  if (Array.isArray(data)) return 'array';
  return 'object';
}

/** ajv's JSON pointer as keys, with list indexes as numbers (a map key "0" stays a string). */
function instanceKeys(pointer: string, root: PlainValue): (string | number)[] {
  if (!pointer) return [];
  const keys: (string | number)[] = [];
  let current: PlainValue | undefined = root;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      const index = Number(token);
      keys.push(index);
      current = current[index];
    } else {
      keys.push(token);
      current = current && typeof current === 'object' ? (current as Record<string, PlainValue>)[token] : undefined;
    }
  }
  return keys;
}
