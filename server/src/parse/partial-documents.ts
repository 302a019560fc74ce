/**
 * What can still be read of a document with a YAML syntax error. The `yaml` library parses on past an error and
 * yields a tree; what is written wholly before the first error is what the author wrote, and what comes after it is
 * the parser's guess. So a partial document keeps the scalars that end before the first error, and names the
 * mappings and sequences still open at the error's line: any of them may have lost entries (an indentation error
 * leaves it unknown which of them a later line belongs to).
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
    const contents = tree.contents as Node | null;
    const start = contents?.range ? contents.range[0] : tree.range[0];
    const cut: Keys[] = [];
    const value = contents ? readBefore(contents, { errorAt, errorLine, cut }, [], 0) : undefined;
    if (!contents || isOpenAt(contents, errorLine)) cut.push([]);
    partial.push({ start, value, cut });
  }
  return partial;
}

interface Walk {
  errorAt: number;
  errorLine: number;
  cut: Keys[];
}

function isOpenAt(node: Node, errorLine: number): boolean {
  return node.range !== undefined && node.range !== null && node.range[2] >= errorLine;
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
      if (child && isOpenAt(child, walk.errorLine) && (isMap(child) || isSeq(child))) walk.cut.push(path);
      const value = child ? readBefore(child, walk, path, depth + 1) : null;
      if (value !== undefined) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return object;
  }
  if (isSeq(node)) {
    const items: PlainValue[] = [];
    node.items.forEach((item, index) => {
      const child = item as Node | null;
      if (child && isOpenAt(child, walk.errorLine) && (isMap(child) || isSeq(child))) walk.cut.push([...at, index]);
      const value = child ? readBefore(child, walk, [...at, index], depth + 1) : null;
      if (value !== undefined) items.push(value);
    });
    return items;
  }
  return undefined;
}
