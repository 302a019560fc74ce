/**
 * The values a manifest decodes to (what encoding/json's Unmarshal into interface{} yields, as apimachinery's
 * unstructured.Unstructured holds them), and reading them without trusting their shape: a manifest may hold
 * anything anywhere.
 */
export type PlainValue = string | number | boolean | null | PlainValue[] | PlainObject;
export interface PlainObject {
  [key: string]: PlainValue;
}

// Instances inherit nothing: their prototype is an empty object whose own prototype is null.
function PlainRecord(): void {}
PlainRecord.prototype = Object.create(null) as object;

/**
 * An empty mapping for decoded values. Like `Object.create(null)` it inherits nothing, so `__proto__` and
 * `constructor` are plain keys; unlike it, V8 keeps it in fast mode (an object made by `Object.create(null)` is a
 * dictionary, and every read of every field of a decoded manifest was a hash lookup).
 */
export function emptyPlainObject(): PlainObject {
  return new (PlainRecord as unknown as new () => PlainObject)();
}

/**
 * A text copied out of the document it was read from. The decoder's strings are slices of the document's text, and
 * V8 keeps a whole text alive while any slice of 13 characters or more of it lives: whatever keeps decoded strings
 * beyond the document's life (a catalog, an index, a memo) would keep every document's text. Shorter strings are
 * copies already.
 */
export function detached(text: string): string {
  // Joining flattens into a new string; the slice then shares that copy, not the document.
  return text.length < 13 ? text : ` ${text}`.slice(1);
}

/** A field path as raw keys and list indexes, for walking decoded values and the YAML tree. */
export type Keys = readonly (string | number)[];

export function isObject(value: PlainValue | undefined): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The mapping at `keys` below `value` (`value` itself for no keys), or undefined when any step is not one. */
export function objectAt(value: PlainValue | undefined, ...keys: string[]): PlainObject | undefined {
  let current = value;
  for (const key of keys) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return isObject(current) ? current : undefined;
}

/** The mappings in the list at `key`, skipping items of any other shape. */
export function objectsAt(value: PlainValue | undefined, key: string): PlainObject[] {
  const list = isObject(value) ? value[key] : undefined;
  return Array.isArray(list) ? list.filter(isObject) : [];
}

export function listAt(value: PlainValue | undefined, key: string): PlainValue[] {
  const list = isObject(value) ? value[key] : undefined;
  return Array.isArray(list) ? list : [];
}

export function stringAt(value: PlainValue | undefined, key: string): string | undefined {
  const found = isObject(value) ? value[key] : undefined;
  return typeof found === 'string' ? found : undefined;
}

/** The string entries of a mapping (labels, annotations, ConfigMap data); other entries are skipped. */
export function stringEntries(value: PlainValue | undefined): [string, string][] {
  return isObject(value) ? Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string') : [];
}

/** Whether a field is written with a value: neither absent nor null. */
export function isSet(value: PlainValue | undefined): boolean {
  return value !== undefined && value !== null;
}

/** A decoded value read as text: the string itself, or "" for anything else (absent, null, a number, a map). */
export function textOf(value: PlainValue | undefined): string {
  return typeof value === 'string' ? value : '';
}
