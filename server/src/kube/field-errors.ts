/**
 * apimachinery's field.Error, rendered the way the API server renders it (`<path>: <Type>: <detail>`), with the
 * raw path kept so that the finding can be placed on the text.
 */
import { formatFieldPath, type PathSegment } from './field-path';
import { GoValue, goJson } from './go-values';

/**
 * One error of a rule, kept in parts so that it can be printed the way the chosen release of apimachinery prints it:
 * the wording of some types and the printing of structured values changed between releases.
 */
export interface FieldError {
  path: PathSegment[];
  /** apimachinery's ErrorType as it prints (`Invalid value`); absent for a warning, whose whole text is `detail`. */
  type?: FieldErrorType;
  /** The value printed after the type; absent for the types that print none (Required, Forbidden, Too long). */
  value?: unknown;
  detail?: string | ReleaseText;
  /** Underline the key of the field (missing or forbidden things) or its value (wrong values). */
  target: 'key' | 'value';
  /**
   * Where to underline, when it is not the path the message names: apimachinery reports a bad label key on
   * `metadata.labels`, but the user has to change the key itself.
   */
  placeAt?: { path: PathSegment[]; target: 'key' | 'value' };
  /** A warning whose text names no path (a deprecation warning): printed without `<path>: `. */
  unpathed?: true;
}

export type FieldErrorType = 'Invalid value' | 'Required value' | 'Unsupported value' | 'Duplicate value' | 'Forbidden' | 'Not found' | 'Too long' | 'Too many';

/** Text whose wording depends on the Kubernetes minor version (30 for 1.30). */
export type ReleaseText = (minor: number) => string;

/** The first minor version whose field.Error prints values other than strings, numbers and booleans as JSON. */
const JSON_VALUES_FROM = 34;

/** The error as apimachinery's field.Error.Error() prints it in the given minor version. */
export function renderFieldError(error: FieldError, minor: number): string {
  const detail = typeof error.detail === 'function' ? error.detail(minor) : error.detail;
  const path = formatFieldPath(error.path);
  if (error.type === undefined) return error.unpathed ? (detail ?? '') : `${path}: ${detail ?? ''}`;
  const body = error.value === undefined ? error.type : `${error.type}: ${renderValue(error.value, minor)}`;
  return `${path}: ${body}${detail ? `: ${detail}` : ''}`;
}

/** The same error, underlined somewhere more precise than the path it names. */
export function placedAt(error: FieldError, path: FieldPath, target: 'key' | 'value'): FieldError {
  return { ...error, placeAt: { path: [...path.segments], target } };
}

const NO_SEGMENTS: readonly PathSegment[] = Object.freeze([]);

/**
 * Shorthand for building paths: field('spec', 'template'), then .index(0), .key('app'). A child shares its parent
 * and adds one segment, so walking a large object (a CRD's schema) builds no arrays; `segments` is made on first use,
 * which is when an error names the path.
 */
export class FieldPath {
  private parent: FieldPath | undefined;
  private last: PathSegment | undefined;
  private built: readonly PathSegment[] | undefined;

  constructor(segments: readonly PathSegment[] = NO_SEGMENTS) {
    this.built = segments;
  }

  private static extend(parent: FieldPath, segment: PathSegment): FieldPath {
    // The shared empty list, replaced at once: rules extend paths for every field they look at.
    const path = new FieldPath(NO_SEGMENTS);
    path.parent = parent;
    path.last = segment;
    path.built = undefined;
    return path;
  }

  static of(...fields: string[]): FieldPath {
    return new FieldPath(fields.map((field) => ({ field })));
  }

  get segments(): readonly PathSegment[] {
    this.built ??= [...this.parent!.segments, this.last!];
    return this.built;
  }

  child(...fields: string[]): FieldPath {
    let path: FieldPath = this;
    for (const field of fields) path = FieldPath.extend(path, { field });
    return path;
  }

  index(index: number): FieldPath {
    return FieldPath.extend(this, { index });
  }

  key(key: string): FieldPath {
    return FieldPath.extend(this, { key });
  }

  toString(): string {
    return formatFieldPath(this.segments);
  }
}

function error(path: FieldPath, type: FieldErrorType, value: unknown, detail: string | ReleaseText | undefined, target: 'key' | 'value'): FieldError {
  const built: FieldError = { path: [...path.segments], type, target };
  if (value !== undefined) built.value = value;
  if (detail) built.detail = detail;
  return built;
}

export function invalid(path: FieldPath, value: unknown, detail: string): FieldError {
  return error(path, 'Invalid value', value, detail, 'value');
}

export function required(path: FieldPath, detail?: string): FieldError {
  return error(path, 'Required value', undefined, detail, 'key');
}

export function notSupported(path: FieldPath, value: unknown, supported: readonly string[]): FieldError {
  return error(path, 'Unsupported value', value, `supported values: ${supported.map((v) => `"${v}"`).join(', ')}`, 'value');
}

export function duplicate(path: FieldPath, value: unknown): FieldError {
  return error(path, 'Duplicate value', value, undefined, 'value');
}

export function forbidden(path: FieldPath, detail: string): FieldError {
  return error(path, 'Forbidden', undefined, detail, 'key');
}

export function notFound(path: FieldPath, value: unknown): FieldError {
  return error(path, 'Not found', value, undefined, 'value');
}

/** field.TooLong: "must have at most N bytes" up to 1.31, "may not be more than N bytes" from 1.32, "1 byte" from 1.34. */
export function tooLong(path: FieldPath, maxBytes: number): FieldError {
  return error(path, 'Too long', undefined, (minor) => (minor < 32 ? `must have at most ${maxBytes} bytes` : `may not be more than ${maxBytes} ${plural(maxBytes, 'byte', minor)}`), 'key');
}

/** field.TooMany: the count, then "must have at most N items" ("1 item" from 1.34). */
export function tooMany(path: FieldPath, actual: number, max: number): FieldError {
  return error(path, 'Too many', actual, (minor) => `must have at most ${max} ${plural(max, 'item', minor)}`, 'key');
}

/** A warning's text at a path: not a field.Error, printed as `<path>: <text>`. */
export function pathWarning(path: FieldPath, text: string, target: 'key' | 'value' = 'value'): FieldError {
  return { path: [...path.segments], detail: text, target };
}

/** A warning's text that names no path, underlined at `at`. */
export function unpathedWarning(at: FieldPath, text: string, target: 'key' | 'value'): FieldError {
  return { path: [...at.segments], detail: text, target, unpathed: true };
}

/** apimachinery 0.34 says "1 byte" and "1 item" where earlier releases said "1 bytes" and "1 items". */
function plural(count: number, noun: string, minor: number): string {
  return count === 1 && minor >= JSON_VALUES_FROM ? noun : `${noun}s`;
}

/**
 * A value as field.Error prints it in the given minor version. Strings are quoted as Go's %q does, numbers and
 * booleans bare, in every release. Up to 1.33 other values go through %#v: maps as Go's `map[string]string{"k":"v"}`,
 * lists as Go slices; from 1.34 through encoding/json. A GoValue carries both printings of a Go struct.
 */
export function renderValue(value: unknown, minor: number): string {
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return 'null';
  if (value instanceof GoValue) return minor >= JSON_VALUES_FROM ? value.json : value.goSyntax;
  if (minor >= JSON_VALUES_FROM) return goJson(value);
  return goSyntax(value);
}

/** Go's %#v of a decoded list or map: `[]string{...}` and `map[string]string{...}` when every item is a string. */
function goSyntax(value: unknown): string {
  if (value instanceof GoValue) return value.goSyntax;
  if (typeof value !== 'object' || value === null) return renderValue(value, 0);
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) return `[]string{${value.map((v) => goQuote(v as string)).join(', ')}}`;
    return `[]interface {}{${value.map(goSyntax).join(', ')}}`;
  }
  const entries = sortedEntries(value as Record<string, unknown>);
  if (entries.every(([, v]) => typeof v === 'string')) {
    return `map[string]string{${entries.map(([k, v]) => `${goQuote(k)}:${goQuote(v as string)}`).join(', ')}}`;
  }
  return `map[string]interface {}{${entries.map(([k, v]) => `${goQuote(k)}:${goSyntax(v)}`).join(', ')}}`;
}

function sortedEntries(value: Record<string, unknown>): [string, unknown][] {
  return Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function goQuote(text: string): string {
  return JSON.stringify(text);
}
