/**
 * Text edits of YAML mappings that keep the document valid and in its own style: new entries in a block mapping
 * take the indentation of their siblings, in a flow mapping (and so in JSON) they are written inline.
 */
import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { OffsetRange } from '../kube/findings';

export interface TextEdit {
  range: OffsetRange;
  newText: string;
}

/** One fix the user may pick: a title and the edits that make it. */
export interface QuickFix {
  title: string;
  edits: TextEdit[];
}

/** `spec.rules[0].http.paths[0].pathType`, `data[tls.crt]` → the keys and indexes to walk. */
export function parsePath(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]|\[([^\]]*)\]/g)) {
    if (match[1] !== undefined) keys.push(match[1]);
    else if (match[2] !== undefined) keys.push(Number(match[2]));
    else keys.push(match[3]!);
  }
  return keys;
}

export function nodeAt(root: YAMLMap, keys: readonly (string | number)[]): unknown {
  let node: unknown = root;
  for (const key of keys) {
    if (isMap(node)) node = node.get(String(key), true);
    else if (isSeq(node) && typeof key === 'number') node = node.items[key];
    else return undefined;
  }
  return node;
}

export function scalarEntries(map: YAMLMap): [string, string][] | undefined {
  const entries: [string, string][] = [];
  for (const item of map.items) {
    if (!isPair(item) || !isScalar(item.key) || !isScalar(item.value)) return undefined;
    entries.push([String(item.key.value), String(item.value.value)]);
  }
  return entries;
}

/** YAML 1.1 (as kubectl reads it) turns many plain words into booleans, numbers or null; quote anything unusual. */
export function scalarText(value: string): string {
  const plainSafe = /^[A-Za-z_][\w./-]*$/.test(value) && !/^(y|yes|n|no|true|false|on|off|null)$/i.test(value);
  return plainSafe ? value : JSON.stringify(value);
}

/** A scalar's replacement written in the scalar's own style (plain, double or single quoted); undefined for block scalars. */
export function inStyleOf(scalar: Scalar, value: string): string | undefined {
  if (scalar.type === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (scalar.type === 'QUOTE_SINGLE') return `'${value.replaceAll("'", "''")}'`;
  return scalar.type === 'PLAIN' ? scalarText(value) : undefined;
}

/** A new `key: value` entry placed before an entry (the first by default), in the mapping's style (block or flow). */
export function addEntry(text: string, map: YAMLMap, key: string, valueText: string, before: unknown = map.items[0]): TextEdit | undefined {
  return insertEntry(text, map, `${scalarText(key)}: ${valueText}`, before);
}

/** An entry's text (`key: value`, already quoted as needed) placed before an entry, in the mapping's style. */
export function insertEntry(text: string, map: YAMLMap, entry: string, before: unknown = map.items[0]): TextEdit | undefined {
  const firstKey = isPair(before) && isScalar(before.key) ? (before.key as Node).range : undefined;
  if (map.flow) {
    if (firstKey) return { range: { start: firstKey[0], end: firstKey[0] }, newText: `${entry}, ` };
    const open = map.range?.[0];
    return open !== undefined && text[open] === '{' ? { range: { start: open + 1, end: open + 1 }, newText: entry } : undefined;
  }
  if (!firstKey) return undefined;
  const column = firstKey[0] - (text.lastIndexOf('\n', firstKey[0] - 1) + 1);
  return { range: { start: firstKey[0], end: firstKey[0] }, newText: `${entry}\n${' '.repeat(column)}` };
}

/** Removes an entry: its whole lines in a block mapping, the entry and one comma in a flow mapping. */
export function removeEntry(text: string, map: YAMLMap, pair: Pair<Scalar, Scalar>): TextEdit | undefined {
  const keyRange = pair.key.range;
  const valueRange = pair.value?.range;
  if (!keyRange || !valueRange) return undefined;
  if (map.flow) {
    let start = keyRange[0];
    let end = valueRange[1];
    const after = /^\s*,\s*/.exec(text.slice(end));
    if (after) end += after[0].length;
    else {
      const before = /,\s*$/.exec(text.slice(0, start));
      if (before) start -= before[0].length;
    }
    return { range: { start, end }, newText: '' };
  }
  const lineStart = text.lastIndexOf('\n', keyRange[0] - 1) + 1;
  if (text.slice(lineStart, keyRange[0]).trim() !== '') return undefined;
  const lineEnd = text.indexOf('\n', valueRange[1] - 1);
  return { range: { start: lineStart, end: lineEnd === -1 ? text.length : lineEnd + 1 }, newText: '' };
}

/** Insertions at one offset must be one edit: LSP leaves the order of edits at the same position undefined. */
export function mergeInsertions(edits: TextEdit[]): TextEdit[] {
  const merged: TextEdit[] = [];
  for (const edit of [...edits].sort((a, b) => a.range.start - b.range.start)) {
    const previous = merged[merged.length - 1];
    if (previous && previous.range.start === edit.range.start && previous.range.end === edit.range.start && edit.range.end === edit.range.start) {
      previous.newText += edit.newText;
    } else merged.push({ ...edit });
  }
  return merged;
}
