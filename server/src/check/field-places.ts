/**
 * Where a field of an object is written in a text validated before, found again without decoding the text: the
 * object's range (kept from the validation) says which document holds it, and the document's lines, or its syntax
 * tree where the lines do not say for sure, place the field, as `locatedObjects` would (validate-text.ts). A
 * finding of the cross-object rules is placed so in each file `kubeplan check` reads again, which then parses only
 * what it places.
 */
import type { Document } from 'yaml';
import type { OffsetRange } from '../kube/findings';
import type { Keys } from '../kube/plain-values';
import { LineTable } from '../parse/block-lines';
import { locateByLines } from '../parse/block-locate';
import { rangeForPath } from '../parse/source-map';
import { splitDocuments, type DocumentChunk } from '../parse/split-documents';
import { parseTrees } from '../parse/tree-decode';

/** What validation kept of an object that says where it is written. */
export interface ObjectPlace {
  /** The object's range in the text (`ManifestObject.range`). */
  range: OffsetRange;
  /** Its index in `items`, for an item of a List. */
  listItem?: number;
}

/**
 * A `...` line ends a document, and another may follow it in the same piece of the text (between `---` lines):
 * which of them holds an object only decoding tells.
 */
const DOCUMENT_END = /^\.\.\./m;

export class FieldPlaces {
  private readonly chunks: DocumentChunk[];
  private readonly tables = new Map<number, LineTable>();
  private readonly trees = new Map<number, Document.Parsed | undefined>();

  constructor(text: string) {
    this.chunks = splitDocuments(text);
  }

  /**
   * Where `keys` of the object is written, as its `locate` gave it when the text was validated; `undefined` when
   * only decoding the text again can tell.
   */
  locate(object: ObjectPlace, keys: Keys, prefer: 'key' | 'value'): OffsetRange | undefined {
    // The object's own range was asked for already.
    if (keys.length === 0 && prefer === 'value') return object.range;
    const index = this.chunkAt(object.range.start);
    const chunk = this.chunks[index]!;
    if (DOCUMENT_END.test(chunk.text)) return undefined;
    const path = object.listItem === undefined ? keys : ['items', object.listItem, ...keys];
    const range = (path.length > 0 ? locateByLines(this.table(index), path, prefer) : undefined) ?? this.fromTree(index, path, prefer);
    return range && shift(range, chunk.offset, chunk.text.length);
  }

  /** The last piece of the text that starts at or before `offset`. */
  private chunkAt(offset: number): number {
    let low = 0;
    let high = this.chunks.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.chunks[middle]!.offset <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  private table(index: number): LineTable {
    let table = this.tables.get(index);
    if (!table) {
      table = new LineTable(this.chunks[index]!.text);
      this.tables.set(index, table);
    }
    return table;
  }

  private fromTree(index: number, keys: Keys, prefer: 'key' | 'value'): OffsetRange | undefined {
    if (!this.trees.has(index)) {
      const trees = parseTrees(this.chunks[index]!.text);
      // The document with content, as parseYamlChunk pairs a tree with the one document it decoded.
      this.trees.set(index, trees.length === 1 ? trees[0] : trees.find((tree) => tree.contents !== null));
    }
    const tree = this.trees.get(index);
    return tree && rangeForPath(tree, keys, prefer);
  }
}

/**
 * A range of a document moved to its place in the file. Ranges never run past the document's end: the syntax tree
 * gives an empty node at the very end of a text (`-` with nothing after it) one character it does not have.
 */
export function shift(range: OffsetRange, by: number, length: number): OffsetRange {
  const start = Math.min(range.start, length);
  return { start: start + by, end: Math.min(Math.max(range.end, start), length) + by };
}
