/**
 * What can still be read of a document with a YAML syntax error. The `yaml` library parses on past an error and
 * yields a tree; what is written wholly before the first error is what the author wrote, and what comes after it is
 * the parser's guess. So a partial document keeps the scalars that end before the first error, and names the
 * mappings and sequences still open at the error's line (those reaching into the last line of content before it):
 * any of them may have lost entries (an indentation error leaves it unknown which of them a later line belongs to).
 */
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { emptyPlainObject, type Keys, type PlainValue } from '../kube/plain-values';
import { parseTrees } from './tree-decode';

export interface PartialDocument {
  /** The offset in the chunk where the document's content starts. */
  start: number;
  /** What was written before the first error; undefined when nothing was. */
  value: PlainValue | undefined;
  /** The paths of the mappings and sequences open at the error's line (`[]` is the document itself). */
  cut: Keys[];
}

/** Bounds the walk over a hostile document: a manifest's fields that matter are far shallower. */
const MAX_DEPTH = 64;

/** The documents of a chunk that have a syntax error, each with what can be read of it. */
export function partialDocuments(text: string): PartialDocument[] {
  const partial: PartialDocument[] = [];
  let trees: ReturnType<typeof parseTrees>;
  try {
    trees = parseTrees(text);
  } catch {
    return [{ start: 0, value: undefined, cut: [[]] }];
  }
  for (const tree of trees) {
    if (tree.errors.length === 0) continue;
    const errorAt = Math.min(...tree.errors.map((error) => error.pos[0]));
    const errorLine = text.lastIndexOf('\n', errorAt - 1) + 1;
    // The mappings and sequences that reach into the last line of content before the error's are the ones a line
    // the error took could have continued (the parser may have closed them at the error).
    const openFrom = lastContentLine(text, errorLine);
    const contents = tree.contents as Node | null;
    const start = contents?.range ? contents.range[0] : tree.range[0];
    const cut: Keys[] = [];
    const value = contents ? readBefore(contents, { errorAt, openFrom, cut }, [], 0) : undefined;
    if (!contents || isOpenAt(contents, openFrom)) cut.push([]);
    partial.push({ start, value, cut });
  }
  return partial;
}

interface Walk {
  errorAt: number;
  /** Where the last line of content before the error's line starts. */
  openFrom: number;
  cut: Keys[];
}

function isOpenAt(node: Node, openFrom: number): boolean {
  return node.range !== undefined && node.range !== null && node.range[2] > openFrom;
}

/** The start of the last line before `lineStart` with something other than blanks or a comment (0 when none). */
function lastContentLine(text: string, lineStart: number): number {
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).trim();
    if (line !== '' && !line.startsWith('#')) return start;
    end = start - 1;
  }
  return 0;
}

function endsBefore(node: Node | null | undefined, offset: number): boolean {
  return !!node?.range && node.range[1] <= offset;
}

function readBefore(node: Node, walk: Walk, at: Keys, depth: number): PlainValue | undefined {
  if (depth > MAX_DEPTH || !node.range || node.range[0] >= walk.errorAt) return undefined;
  if (isScalar(node)) {
    if (!endsBefore(node, walk.errorAt)) return undefined;
    const value = node.value;
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null ? value : undefined;
  }
  if (isMap(node)) {
    const object = emptyPlainObject();
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key) || !endsBefore(pair.key, walk.errorAt)) continue;
      const key = String(pair.key.value);
      const path = [...at, key];
      const child = pair.value as Node | null;
      // A key with nothing after it in a mapping open at the error: what it held may be on the lines the error took.
      const empty = !child || (isScalar(child) && child.value === null);
      if (empty ? isOpenAt(node, walk.openFrom) : isOpenAt(child, walk.openFrom) && (isMap(child) || isSeq(child))) walk.cut.push(path);
      const value = child ? readBefore(child, walk, path, depth + 1) : null;
      if (value !== undefined) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return object;
  }
  if (isSeq(node)) {
    const items: PlainValue[] = [];
    node.items.forEach((item, index) => {
      const child = item as Node | null;
      if (child && isOpenAt(child, walk.openFrom) && (isMap(child) || isSeq(child))) walk.cut.push([...at, index]);
      const value = child ? readBefore(child, walk, [...at, index], depth + 1) : null;
      if (value !== undefined) items.push(value);
    });
    return items;
  }
  return undefined;
}
