/**
 * apimachinery's field.Error, rendered the way the API server renders it (`<path>: <Type>: <detail>`), with the
 * raw path kept so that the finding can be placed on the text.
 */
import { formatFieldPath, type PathSegment } from './field-path';

export interface FieldError {
  path: PathSegment[];
  message: string;
  /** Underline the key of the field (missing or forbidden things) or its value (wrong values). */
  target: 'key' | 'value';
  /**
   * Where to underline, when it is not the path the message names: apimachinery reports a bad label key on
   * `metadata.labels`, but the user has to change the key itself.
   */
  placeAt?: { path: PathSegment[]; target: 'key' | 'value' };
}

/** The same error, underlined somewhere more precise than the path it names. */
export function placedAt(error: FieldError, path: FieldPath, target: 'key' | 'value'): FieldError {
  return { ...error, placeAt: { path: [...path.segments], target } };
}

/** Shorthand for building paths: field('spec', 'template'), then .index(0), .key('app'). */
export class FieldPath {
  constructor(readonly segments: readonly PathSegment[] = []) {}

  static of(...fields: string[]): FieldPath {
    return new FieldPath(fields.map((field) => ({ field })));
  }

  child(...fields: string[]): FieldPath {
    return new FieldPath([...this.segments, ...fields.map((field) => ({ field }))]);
  }

  index(index: number): FieldPath {
    return new FieldPath([...this.segments, { index }]);
  }

  key(key: string): FieldPath {
    return new FieldPath([...this.segments, { key }]);
  }

  toString(): string {
    return formatFieldPath(this.segments);
  }
}

function error(path: FieldPath, type: string, detail: string | undefined, target: 'key' | 'value'): FieldError {
  return { path: [...path.segments], message: `${path.toString()}: ${type}${detail ? `: ${detail}` : ''}`, target };
}

export function invalid(path: FieldPath, value: unknown, detail: string): FieldError {
  return error(path, 'Invalid value', `${renderValue(value)}: ${detail}`, 'value');
}

export function required(path: FieldPath, detail?: string): FieldError {
  return error(path, 'Required value', detail, 'key');
}

export function notSupported(path: FieldPath, value: unknown, supported: readonly string[]): FieldError {
  return error(path, 'Unsupported value', `${renderValue(value)}: supported values: ${supported.map((v) => `"${v}"`).join(', ')}`, 'value');
}

export function duplicate(path: FieldPath, value: unknown): FieldError {
  return error(path, 'Duplicate value', renderValue(value), 'value');
}

export function forbidden(path: FieldPath, detail: string): FieldError {
  return error(path, 'Forbidden', detail, 'key');
}

export function notFound(path: FieldPath, value: unknown): FieldError {
  return error(path, 'Not found', renderValue(value), 'value');
}

/** Newer apimachinery wording; older releases said `must have at most %d bytes`. */
export function tooLong(path: FieldPath, maxBytes: number): FieldError {
  return error(path, 'Too long', `may not be more than ${maxBytes} bytes`, 'key');
}

export function tooMany(path: FieldPath, actual: number, max: number): FieldError {
  return error(path, 'Too many', `${actual}: must have at most ${max} items`, 'key');
}

/**
 * A value as field.Error prints it: strings quoted as Go's %q does, numbers and booleans bare, maps as Go's
 * `map[string]string{"k":"v"}`, lists as Go slices.
 */
export function renderValue(value: unknown): string {
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) return `[]string{${value.map((v) => goQuote(v as string)).join(', ')}}`;
    return `[]interface {}{${value.map(renderValue).join(', ')}}`;
  }
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.every(([, v]) => typeof v === 'string')) {
    return `map[string]string{${entries.map(([k, v]) => `${goQuote(k)}:${goQuote(v as string)}`).join(', ')}}`;
  }
  return `map[string]interface {}{${entries.map(([k, v]) => `${goQuote(k)}:${renderValue(v)}`).join(', ')}}`;
}

function goQuote(text: string): string {
  return JSON.stringify(text);
}
