/**
 * Go values as apimachinery's field.Error prints them. Up to 1.33 a value that is not a string, number or boolean is
 * printed with Go's %#v; from 1.34 (apimachinery v0.34.0, Error.ErrorBody) with encoding/json. Internal API types
 * have no JSON tags, so their fields come out under their Go names (`{"Key":"a","Operator":"Exists"}`), while
 * metav1 types (LabelSelector) keep their tags. A GoValue carries both printings; the builders below make them
 * from decoded values, field by field in the Go struct's declaration order.
 */
import { textOf, type PlainObject } from './plain-values';

export class GoValue {
  constructor(
    readonly goSyntax: string,
    readonly json: string,
  ) {}
}

/** A string field (or a named string type): quoted in both printings. */
export function goString(value: string): GoValue {
  return new GoValue(JSON.stringify(value), goJson(value));
}

/** A number or boolean field. */
export function goScalar(value: number | boolean | bigint): GoValue {
  return new GoValue(String(value), String(value));
}

/** A slice of strings: `[]T{"a", "b"}` or `[]T(nil)`; `["a","b"]` or `null`. */
export function goStrings(goType: string, values: readonly string[] | undefined): GoValue {
  if (values === undefined) return new GoValue(`${goType}(nil)`, 'null');
  return new GoValue(`${goType}{${values.map((v) => JSON.stringify(v)).join(', ')}}`, goJson(values));
}

/** A slice of structs or other values: `[]T{…, …}` or `[]T(nil)`; a JSON list or `null`. */
export function goSlice(goType: string, items: readonly GoValue[] | undefined): GoValue {
  if (items === undefined) return new GoValue(`${goType}(nil)`, 'null');
  return new GoValue(`${goType}{${items.map((item) => item.goSyntax).join(', ')}}`, `[${items.map((item) => item.json).join(',')}]`);
}

/** A map[string]string (labels): keys sorted in both printings, as Go's fmt and encoding/json both sort them. */
export function goStringMap(values: PlainObject | undefined): GoValue {
  if (values === undefined) return new GoValue('map[string]string(nil)', 'null');
  const strings = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, textOf(v)]));
  const keys = Object.keys(strings).sort();
  return new GoValue(`map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(strings[k])}`).join(', ')}}`, goJson(strings));
}

/** A struct: `T{A:…, B:…}` and `{"A":…,"B":…}`, fields in declaration order. */
export function goStruct(goType: string, fields: readonly (readonly [goName: string, value: GoValue])[]): GoValue {
  return new GoValue(`${goType}{${fields.map(([name, v]) => `${name}:${v.goSyntax}`).join(', ')}}`, `{${fields.map(([name, v]) => `${JSON.stringify(name)}:${v.json}`).join(',')}}`);
}

/**
 * A pointer field: `(*T)(nil)` and `null` when unset. Go's %#v prints a set pointer as its address, which no one can
 * predict: kubeplan prints the pointed-to value in its place (`(*int64)(5)`), or `…` for a struct; JSON prints the
 * value itself.
 */
export function goPointer(goType: string, value: GoValue | undefined, kind: 'scalar' | 'struct' = 'scalar'): GoValue {
  if (value === undefined) return new GoValue(`(${goType})(nil)`, 'null');
  return new GoValue(`(${goType})(${kind === 'struct' ? '…' : value.goSyntax})`, value.json);
}

/** An intstr.IntOrString, a value or behind a pointer: `%#v` of the struct up to 1.33, its MarshalJSON from 1.34. */
export function intOrString(value: number | string): GoValue {
  const goSyntax = typeof value === 'number' ? `intstr.IntOrString{Type:0, IntVal:${value}, StrVal:""}` : `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(value)}}`;
  return new GoValue(goSyntax, goJson(value));
}

/**
 * encoding/json's Marshal of a decoded value: compact, map keys sorted, and <, > and & escaped as \u003c, \u003e
 * and \u0026 (with U+2028 and U+2029), as Go escapes them for HTML.
 */
export function goJson(value: unknown): string {
  if (value instanceof GoValue) return value.json;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return escapeForHtml(JSON.stringify(value));
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  return `{${Object.keys(value)
    .sort()
    .map((k) => `${escapeForHtml(JSON.stringify(k))}:${goJson((value as Record<string, unknown>)[k])}`)
    .join(',')}}`;
}

function escapeForHtml(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
