/** What decoding a YAML document produces, whichever way it was decoded. */
import type { Finding, OffsetRange } from '../kube/findings';

/** Upper bound on values produced by one document, counting each alias expansion again. */
export const MAX_EXPANDED_NODES = 200_000;
/** Nesting deeper than this is not a Kubernetes object; stop before recursion becomes a risk. */
export const MAX_DEPTH = 256;

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

export type Keys = readonly (string | number)[];

export interface YamlDocument {
  /**
   * Where a field path is written (offsets relative to the chunk): its key, or its value, or the nearest
   * ancestor found. The syntax tree this needs is built on first use: a valid document never needs it.
   */
  locate(keys: Keys, prefer: 'key' | 'value'): OffsetRange;
  /** The decoded value; undefined when the document is empty or could not be decoded. */
  value: PlainValue | undefined;
  /** Syntax and decoding problems, with chunk-relative ranges. */
  problems: Finding[];
}

/** Thrown when a document expands beyond MAX_EXPANDED_NODES or nests beyond MAX_DEPTH. */
export class DecodeLimit extends Error {}
