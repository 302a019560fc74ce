/**
 * Where a field path is written in a large block-style document, without the syntax tree of the whole document:
 * the path is followed down the lines by their indentation to the entry it ends in (a mapping's key or a sequence's
 * item), and only that entry's lines are parsed, so placing a finding deep inside a 23,000-line
 * CustomResourceDefinition reads a few lines instead of building a tree of the whole text. The entry's own tree
 * places the path as the whole tree would (source-map.ts), since an entry's text is read the same way alone: it ends
 * where a line is indented as far as the entry or less. Whatever the lines cannot be trusted to say — aliases, merge
 * keys, keys that are not strings, flow collections on the way, tabs — answers `undefined`, and the caller takes the
 * tree of the whole document.
 */
import { isAlias, visit, type Node } from 'yaml';
import type { OffsetRange } from '../kube/findings';
import type { Keys } from '../kube/plain-values';
import { readLine, type LineInfo, type LineTable } from './block-lines';
import { resolvePlainScalar } from './go-yaml-scalars';
import { placePath } from './source-map';
import { parseTrees } from './tree-decode';

/** Lines `[first, end)` of a block collection whose entries start at `column` (the first may follow a dash). */
interface Collection {
  first: number;
  end: number;
  column: number;
}

/** The lines of one entry, and the path the entry's own text is asked for. */
interface Entry {
  first: number;
  end: number;
  /** Where the entry's content starts on its first line; a dash before it is not the entry's. */
  column: number;
  /** The path within the entry's text: its key or item, then what the lines did not follow. */
  keys: Keys;
}

/**
 * The range `rangeForPath` gives on the whole document's tree, or `undefined` when the lines do not say for sure.
 * `keys` is not empty: the whole document's place needs no tree (documentExtent).
 */
export function locateByLines(table: LineTable, keys: Keys, prefer: 'key' | 'value'): OffsetRange | undefined {
  const root = rootCollection(table);
  if (!root || keys.length === 0) return undefined;
  const entry = findEntry(table, root, keys);
  if (!entry) return undefined;
  return placeInEntry(table, entry, prefer);
}

function rootCollection(table: LineTable): Collection | undefined {
  const text = table.text;
  for (let line = 0; line < table.indents.length; line++) {
    const indent = table.indents[line]!;
    if (indent === -1) continue;
    const start = table.start(line);
    // The `---` line that starts a document holds nothing else here (parseYamlChunk refused any other).
    if (indent === 0 && text.startsWith('---', start) && /^---[ \t]*(?:#.*)?\r?$/.test(text.slice(start, start + lineEnd(text, start)))) continue;
    return { first: line, end: table.indents.length, column: indent };
  }
  return undefined;
}

function lineEnd(text: string, start: number): number {
  const newline = text.indexOf('\n', start);
  return (newline === -1 ? text.length : newline) - start;
}

/** Follows `keys` down the lines; `undefined` where they cannot be trusted. */
function findEntry(table: LineTable, root: Collection, keys: Keys): Entry | undefined {
  let collection = root;
  let last: Entry | undefined;
  for (let depth = 0; depth < keys.length; depth++) {
    const key = keys[depth]!;
    const found = typeof key === 'number' ? itemAt(table, collection, key) : entryFor(table, collection, key);
    if (found === 'unsure') return undefined;
    // Not there: the whole tree places the nearest ancestor, which the previous entry's tree finds the same way.
    if (found === 'absent') return last;
    const entry: Entry = {
      first: found.line,
      end: found.end,
      column: typeof key === 'number' ? found.info.indent : found.info.col,
      keys: [typeof key === 'number' ? 0 : key, ...keys.slice(depth + 1)],
    };
    if (depth === keys.length - 1) return entry;
    const child = childCollection(table, found, typeof key === 'number');
    // A scalar or flow value, or one the lines do not follow: the entry's tree takes the rest of the path.
    if (!child) return entry;
    last = entry;
    collection = child;
  }
  return undefined;
}

interface Found {
  line: number;
  end: number;
  info: LineInfo;
}

/** The entry of `key` in a block mapping. */
function entryFor(table: LineTable, collection: Collection, key: string): Found | 'absent' | 'unsure' {
  const { text, indents } = table;
  const column = collection.column;
  let sawMerge = false;
  for (let line = collection.first; line < collection.end; line++) {
    const indent = indents[line]!;
    if (indent === -1) continue;
    if (line !== collection.first && indent > column) continue;
    if (line !== collection.first && indent < column) break;
    const info = readLine(text, table.start(line));
    if (info.odd) return 'unsure';
    // A dash at the mapping's column is an item of the sequence a key above holds.
    if (line !== collection.first && info.dash) continue;
    if (!info.key || info.col !== column) return 'unsure';
    const name = keyName(text, info);
    if (name === undefined) return 'unsure';
    if (name === '<<') sawMerge = true;
    else if (name === key) return { line, end: entryEnd(table, line, column, collection.end, false), info };
  }
  // A merge may hold the key.
  return sawMerge ? 'unsure' : 'absent';
}

/** The `index`-th item of a block sequence. */
function itemAt(table: LineTable, collection: Collection, index: number): Found | 'absent' | 'unsure' {
  const { text, indents } = table;
  const column = collection.column;
  let item = -1;
  for (let line = collection.first; line < collection.end; line++) {
    const indent = indents[line]!;
    if (indent === -1) continue;
    if (line !== collection.first && indent > column) continue;
    if (indent < column) break;
    const info = readLine(text, table.start(line));
    if (info.odd) return 'unsure';
    // A key at the column of an unindented sequence ends it.
    if (!info.dash) break;
    if (++item === index) return { line, end: entryEnd(table, line, column, collection.end, true), info };
  }
  return 'absent';
}

/**
 * The line after an entry: the next one indented as far as the entry or less (blank lines and comments in between
 * are the entry's), except the dashes of an unindented sequence the entry's key holds.
 */
function entryEnd(table: LineTable, line: number, column: number, end: number, item: boolean): number {
  const { text, indents } = table;
  for (let next = line + 1; next < end; next++) {
    const indent = indents[next]!;
    if (indent === -1 || indent > column) continue;
    if (indent < column || item) return next;
    const start = table.start(next) + indent;
    const dash = text[start] === '-' && (start + 1 === text.length || text[start + 1] === ' ' || text[start + 1] === '\n' || text[start + 1] === '\r');
    if (!dash) return next;
  }
  return end;
}

/** The block collection an entry holds, when its lines show one. */
function childCollection(table: LineTable, found: Found, item: boolean): Collection | undefined {
  const { line, end, info } = found;
  // An item whose content starts on its dash line with a key: a mapping at that column, this line first.
  if (item && info.key) return { first: line, end, column: info.col };
  if (info.value || (item && info.col < lineEnd(table.text, info.start))) return undefined;
  // The collection starts on the next line with content: deeper than the key (or dash), or an unindented
  // sequence at the key's column.
  const own = item ? info.indent : info.col;
  for (let next = line + 1; next < end; next++) {
    const indent = table.indents[next]!;
    if (indent === -1) continue;
    return indent > own || (!item && indent === own) ? { first: next, end, column: indent } : undefined;
  }
  return undefined;
}

/** A key's text as the decoder names it; `undefined` for a key that is not a plain string. */
function keyName(text: string, info: LineInfo): string | undefined {
  const key = info.key!;
  const first = text[key.span.start];
  if (first === '"' || first === "'") return key.text;
  // `80:` or `true:` are named by their value; the tree and the decoder may spell it differently.
  return resolvePlainScalar(key.text) === undefined ? key.text : undefined;
}

/** The entry's own text parsed alone, and the path placed in it as in the whole tree. */
function placeInEntry(table: LineTable, entry: Entry, prefer: 'key' | 'value'): OffsetRange | undefined {
  const onItsLine = plainPairOnItsLine(table, entry, prefer);
  if (onItsLine) return onItsLine;
  const text = table.text;
  const start = table.start(entry.first);
  const end = entry.end < table.indents.length ? table.start(entry.end) : text.length;
  const item = typeof entry.keys[0] === 'number';
  let slice = text.slice(start, end);
  // A key on a dash line: the dash belongs to the item around it, not to this entry.
  if (!item && slice.slice(0, entry.column).trim() !== '') slice = ' '.repeat(entry.column) + slice.slice(entry.column);
  // The whole tree ends a collection followed by comments where the next entry starts, not where its content does:
  // a sibling after the entry ends it the same way, at its column rather than the next line's.
  const next = entry.end < table.indents.length ? { at: slice.length, column: table.indents[entry.end]! } : undefined;
  if (next) slice += `${' '.repeat(entry.column)}${item ? '- 0' : 'zz: 0'}\n`;
  const [tree, ...others] = parseTrees(slice);
  if (!tree || others.length > 0 || tree.errors.length > 0) return undefined;
  // An alias's anchor may lie outside the entry.
  if (slice.includes('*') && hasAlias(tree.contents as Node | null)) return undefined;
  const range = placePath(tree, entry.keys, prefer, 1);
  if (!range) return undefined;
  const limit = next ? next.at : slice.length;
  let rangeEnd = range.end;
  if (next && rangeEnd === next.at + entry.column) rangeEnd = next.at + next.column;
  else if (rangeEnd > limit) return undefined;
  return { start: range.start + start, end: rangeEnd + start };
}

/** A key or value that the tree reads as a plain scalar spanning exactly these characters, wherever it stands. */
const PLAIN_WORD = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

/**
 * The place of an entry that is one `key: value` line of plain words, such as most names, ports and images: read
 * off the line, where the tree gives it (each scalar's own characters), without parsing the entry. Anything else
 * answers `undefined`.
 */
function plainPairOnItsLine(table: LineTable, entry: Entry, prefer: 'key' | 'value'): OffsetRange | undefined {
  if (entry.keys.length !== 1 || typeof entry.keys[0] !== 'string' || entry.end !== entry.first + 1) return undefined;
  const text = table.text;
  const { key, value, odd } = readLine(text, table.start(entry.first));
  if (odd || !key || value?.kind !== 'scalar') return undefined;
  if (!PLAIN_WORD.test(text.slice(key.span.start, key.span.end)) || !PLAIN_WORD.test(text.slice(value.span.start, value.span.end))) return undefined;
  const span = prefer === 'key' ? key.span : value.span;
  return { start: span.start, end: span.end };
}

function hasAlias(node: Node | null): boolean {
  if (node === null) return false;
  let found = false;
  visit(node, {
    Alias: () => {
      found = true;
      return visit.BREAK;
    },
  });
  return found || isAlias(node);
}
