/**
 * Maps a field path back to where it is written: the key, the value, or the key of the enclosing field.
 * Follows aliases and `<<` merges, so a finding in merged content points at the text that produced it.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { OffsetRange } from '../kube/findings';
import { isMergeKey, rangeOf } from './yaml-nodes';

export interface Located {
  /** The key of the last path element, when it is a mapping entry. */
  key?: OffsetRange;
  /** The value at the path. */
  value?: OffsetRange;
}

export function locate(ast: Document.Parsed, keys: readonly (string | number)[]): Located {
  let node = deref(ast, ast.contents as Node | null);
  let located: Located = { value: node ? rangeOf(node) : undefined };
  for (const key of keys) {
    if (!node) return {};
    if (isSeq(node) && typeof key === 'number') {
      const item = deref(ast, node.items[key] as Node | null);
      if (!item) return {};
      node = item;
      located = { value: rangeOf(item) };
      continue;
    }
    if (isMap(node)) {
      const pair = findPair(ast, node.items as Pair[], String(key), 0);
      if (!pair) return {};
      const value = deref(ast, pair.value as Node | null);
      located = { key: rangeOf(pair.key as Node), value: value ? rangeOf(pair.value as Node) : undefined };
      node = value;
      continue;
    }
    return {};
  }
  return located;
}

/** The range to underline for a path: its value if it has one, else its key, else the deepest ancestor found. */
export function rangeForPath(ast: Document.Parsed, keys: readonly (string | number)[], prefer: 'key' | 'value'): OffsetRange {
  return placePath(ast, keys, prefer, 0) ?? { start: 0, end: 1 };
}

/** rangeForPath, looking no higher than the ancestor `shortest` keys long; `undefined` when even that is not found. */
export function placePath(ast: Document.Parsed, keys: readonly (string | number)[], prefer: 'key' | 'value', shortest: number): OffsetRange | undefined {
  for (let length = keys.length; length >= shortest; length--) {
    const located = locate(ast, keys.slice(0, length));
    const range = prefer === 'key' || length < keys.length ? (located.key ?? located.value) : (located.value ?? located.key);
    if (range) return range;
  }
  return undefined;
}

function deref(ast: Document.Parsed, node: Node | null | undefined): Node | null {
  let current = node ?? null;
  for (let hops = 0; current && isAlias(current) && hops < 64; hops++) current = (current.resolve(ast) as Node | undefined) ?? null;
  return current;
}

function findPair(ast: Document.Parsed, pairs: Pair[], key: string, depth: number): Pair | undefined {
  for (const pair of pairs) {
    if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key && !isMergePair(pair)) return pair;
  }
  if (depth > 16) return undefined;
  for (const pair of pairs) {
    if (!isPair(pair) || !isMergePair(pair)) continue;
    const source = deref(ast, pair.value as Node | null);
    const sources = isSeq(source) ? source.items.map((item) => deref(ast, item as Node)) : [source];
    for (const merged of sources) {
      if (isMap(merged)) {
        const found = findPair(ast, merged.items as Pair[], key, depth + 1);
        if (found) return found;
      }
    }
  }
  return undefined;
}

function isMergePair(pair: Pair): boolean {
  return isMergeKey(pair.key);
}
