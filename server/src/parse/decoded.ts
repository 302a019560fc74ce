/** What decoding a YAML document produces, whichever way it was decoded. */
import type { Finding, OffsetRange } from '../kube/findings';
import type { Keys, PlainValue } from '../kube/plain-values';

/** Upper bound on values produced by one document, counting each alias expansion again. */
export const MAX_EXPANDED_NODES = 200_000;
/** Nesting deeper than this is not a Kubernetes object; stop before recursion becomes a risk. */
export const MAX_DEPTH = 256;

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
