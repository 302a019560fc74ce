/**
 * Where the cursor is for completion, read from indentation: while a line is being typed the YAML usually does not
 * parse (`    rep` under `spec:` is a syntax error), so the field path of the mapping the cursor is in, and whether a
 * key or a value is being written, come from the lines above and below as block YAML lays them out.
 */
import type { OffsetRange } from '../kube/findings';
import { lastAtOrBefore } from '../parse/line-index';
import { isObject, type Keys } from '../kube/plain-values';
import { fastDecodePiece } from '../parse/yaml-documents';

export interface CompletionContext {
  /** 'key': a key of the mapping at `path` is being written; 'value': the value of the field at `path`. */
  position: 'key' | 'value';
  path: Keys;
  /** What is typed of the key or value so far, up to the cursor. */
  prefix: string;
  /** What a chosen item replaces: the word at the cursor (offsets in the whole text). */
  replace: OffsetRange;
  /** The keys of the mapping the cursor is in (above and below the cursor), with their scalar values. */
  siblings: ReadonlyMap<string, string>;
  /** Scalar fields of each mapping on the path above the cursor, from the root down, for lookups such as a key's ConfigMap. */
  ancestors: readonly ReadonlyMap<string, string>[];
  /** The document's top-level `apiVersion` and `kind`, when written. */
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  /** The key is being edited in front of its `:`: a chosen key replaces the name only. */
  keyHasColon: boolean;
  /** A value is typed right after `key:`: what is inserted needs a space before it. */
  needsSpace: boolean;
  /** Column the key being written starts at (the item's key column when `indent` is set). */
  column: number;
  /**
   * Columns between the cursor and where the key belongs: a key written at the dash column of an indented list
   * (`- name: a` then a key under the dash) belongs to the item, two columns right, since a key at the dash's
   * column would end the list with a YAML error.
   */
  indent: number;
  /** The document holds nothing but the line being typed: a whole new object may be inserted. */
  emptyDocument: boolean;
  /**
   * The scalar entries of the mapping at a path of plain keys anywhere in the document (a Service's `spec.selector`
   * while its `ports` are being written): block mappings down the path, the last one block or flow on its key's line;
   * undefined when the path is not written so.
   */
  mappingAt(path: readonly string[]): ReadonlyMap<string, string> | undefined;
}

interface Line {
  /** Columns of the `- ` sequence entries that start on this line. */
  dashes: number[];
  /** Column where the content after the dashes starts. */
  column: number;
  /** Nothing but dashes. */
  bare: boolean;
  key?: string;
  /** The rest after `key:`, without a trailing comment. */
  value?: string;
}

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\]}][^#]*?)[ \t]*:(?:[ \t]+(.*))?$/;

/** Reads a line of block YAML; undefined for blank lines, comments and document markers. */
function readLine(text: string): Line | undefined {
  const dashes: number[] = [];
  let at = 0;
  for (;;) {
    while (text[at] === ' ') at++;
    if (text[at] === '-' && (text[at + 1] === ' ' || text[at + 1] === undefined || text[at + 1] === '\r')) {
      dashes.push(at);
      at++;
      continue;
    }
    break;
  }
  const content = text.slice(at).replace(/\r$/, '');
  if (content === '' && dashes.length === 0) return undefined;
  if (content.startsWith('#') || (at === 0 && /^(?:---|\.\.\.)(?:\s|$)/.test(content))) return undefined;
  const match = KEY.exec(content);
  if (!match) return { dashes, column: at, bare: content === '' };
  return { dashes, column: at, bare: false, key: unquote(match[1]!), value: stripComment(match[2] ?? '') };
}

function unquote(key: string): string {
  if (key.startsWith('"') && key.endsWith('"')) {
    try {
      return JSON.parse(key) as string;
    } catch {
      return key.slice(1, -1);
    }
  }
  if (key.startsWith("'") && key.endsWith("'")) return key.slice(1, -1).replace(/''/g, "'");
  return key;
}

function stripComment(value: string): string {
  const comment = value.search(/(?:^|\s)#/);
  return unquote((comment === -1 ? value : value.slice(0, comment)).trim());
}

const MARKER = /^---(?:[ \t\r\n]|$)/;

/**
 * The document the offset is in, between `---` lines, found by looking only around the offset: a keystroke in a
 * 35,000-line install file should not cost a split of the whole file.
 */
function documentAround(text: string, offset: number): { start: number; end: number } {
  let start = 0;
  for (let at = text.lastIndexOf('\n---', offset - 1); at !== -1; at = at === 0 ? -1 : text.lastIndexOf('\n---', at - 1)) {
    if (MARKER.test(text.slice(at + 1, at + 5)) && at + 1 <= offset) {
      start = at + 1;
      break;
    }
  }
  let end = text.length;
  for (let at = text.indexOf('\n---', offset); at !== -1; at = text.indexOf('\n---', at + 1)) {
    if (MARKER.test(text.slice(at + 1, at + 5))) {
      end = at + 1;
      break;
    }
  }
  return { start, end };
}

/** The context at `offset`; undefined where nothing can be completed (a comment, a flow collection, a block scalar). */
export function completionContext(text: string, offset: number): CompletionContext | undefined {
  const document = documentAround(text, offset);
  const lineStart = offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
  const lineEndAt = text.indexOf('\n', offset);
  const lineEnd = lineEndAt === -1 ? text.length : lineEndAt;
  const before = text.slice(lineStart, offset);
  if (before.includes('#') && /(?:^|\s)#/.test(before)) return undefined;
  // Lines are read in place in the whole text: a slice of it is slower to read character by character.
  const lines = new DocumentLines(text, document.start, document.end);
  const lineNumber = lines.lineAt(lineStart);

  const typed = readLine(before) ?? { dashes: [], column: before.length, bare: true };
  const word = /[^\s:]*$/.exec(before)![0];
  const after = /^[^\s:#]*/.exec(text.slice(offset, lineEnd))![0];
  const replace = { start: offset - word.length, end: offset + after.length };
  let position: 'key' | 'value';
  let valueKey: string | undefined;
  let prefix: string;
  const valueMatch = /^(.*?)[ \t]*:[ \t]+(\S*)$/.exec(before.slice(typed.column));
  if (typed.key !== undefined || valueMatch) {
    position = 'value';
    valueKey = unquote(valueMatch ? valueMatch[1]! : typed.key!);
    prefix = valueMatch ? valueMatch[2]! : '';
  } else {
    if (/[{}[\]"',]/.test(before.slice(typed.column))) return undefined;
    position = 'key';
    prefix = before.slice(typed.column);
  }
  const itemColumn = position === 'key' && typed.dashes.length === 0 ? itemKeyColumn(lines, lineNumber, typed.column) : undefined;
  const column = itemColumn ?? typed.column;

  const walk = walkUp(lines, lineNumber, column, typed.dashes);
  if (!walk) return undefined;
  const siblings = new Map(walk.above);
  for (const [key, value] of siblingsBelow(lines, lineNumber, column)) siblings.set(key, value);
  const root = rootFields(lines);
  const path = position === 'value' ? [...walk.path, valueKey!] : walk.path;
  if (position === 'value') siblings.delete(valueKey!);
  let emptyDocument = true;
  for (let i = 0; i < lines.count && emptyDocument; i++) emptyDocument = i === lineNumber || readLine(lines.text(i)) === undefined;
  return {
    position,
    path,
    prefix,
    replace,
    siblings,
    ancestors: walk.ancestors,
    apiVersion: root.get('apiVersion'),
    kind: root.get('kind'),
    namespace: root.namespace,
    keyHasColon: position === 'key' && /^[ \t]*:/.test(text.slice(replace.end, lineEnd)),
    needsSpace: position === 'value' && before.endsWith(':'),
    column,
    indent: column - typed.column,
    emptyDocument,
    mappingAt: (mappingPath) => blockMappingAt(lines, mappingPath),
  };
}

/** See CompletionContext.mappingAt: each key of the path looked for among its parent's keys, column by column. */
function blockMappingAt(lines: DocumentLines, path: readonly string[]): Map<string, string> | undefined {
  const found = new Map<string, string>();
  let parentColumn = -1;
  let keyColumn: number | undefined;
  let depth = 0;
  for (let i = 0; i < lines.count; i++) {
    const line = readLine(lines.text(i));
    if (!line) continue;
    const column = line.dashes[0] ?? line.column;
    // A line at or left of the parent's key ends the parent's mapping.
    if (column <= parentColumn) break;
    keyColumn ??= column;
    // Lines further right belong to other keys' values; list items hold no key of the mapping.
    if (column !== keyColumn || line.dashes.length > 0 || line.key === undefined) continue;
    if (depth === path.length) {
      if (line.value) found.set(line.key, line.value);
    } else if (line.key === path[depth]) {
      // A value on the key's line is the mapping itself when it is a flow mapping on that line (`selector: {app: web}`).
      if (line.value) return depth === path.length - 1 ? flowMapping(line.value) : undefined;
      depth++;
      parentColumn = column;
      keyColumn = undefined;
    }
  }
  return depth === path.length ? found : undefined;
}

/** The scalar entries of a flow mapping written on one line (`{app: web, tier: front}`), decoded as go-yaml decodes them. */
function flowMapping(value: string): Map<string, string> | undefined {
  if (!value.startsWith('{')) return undefined;
  const decoded = fastDecodePiece(value, 0)?.value;
  if (!isObject(decoded)) return undefined;
  const found = new Map<string, string>();
  for (const [key, entry] of Object.entries(decoded)) {
    if (typeof entry === 'string' || typeof entry === 'number' || typeof entry === 'boolean') found.set(key, String(entry));
  }
  return found;
}

/**
 * The key column of the list item whose dash is the nearest thing above at `column`, when the list is indented
 * under its key (`containers:\n  - name: a`); undefined otherwise, and for a compact list (`containers:\n- name: a`),
 * where a key at the dash's column is one of the mapping that holds the list.
 */
function itemKeyColumn(lines: DocumentLines, lineNumber: number, column: number): number | undefined {
  const dashLine = nearestAbove(lines, lineNumber, column);
  if (!dashLine || dashLine.line.dashes.at(-1) !== column) return undefined;
  let keyColumn = dashLine.line.column;
  if (dashLine.line.bare) {
    // `-` alone: the item's mapping starts on a following line.
    let next: Line | undefined;
    for (let i = dashLine.index + 1; i < lineNumber && !next; i++) next = readLine(lines.text(i));
    if (!next || next.dashes.length > 0) return undefined;
    keyColumn = next.column;
  }
  if (keyColumn <= column) return undefined;
  // Earlier items of the same list are passed over; the first other line is the list's key, or a sibling of it.
  let holder = nearestAbove(lines, dashLine.index, column);
  while (holder && holder.line.dashes.at(-1) === column) holder = nearestAbove(lines, holder.index, column);
  return holder && holder.line.column < column ? keyColumn : undefined;
}

/** The nearest line above `lineNumber` with content that does not start right of `column`. */
function nearestAbove(lines: DocumentLines, lineNumber: number, column: number): { line: Line; index: number } | undefined {
  for (let i = lineNumber - 1; i >= 0; i--) {
    if (lines.deeperThan(i, column)) continue;
    const line = readLine(lines.text(i));
    if (line) return { line, index: i };
  }
  return undefined;
}

interface Walk {
  path: (string | number)[];
  above: Map<string, string>;
  ancestors: Map<string, string>[];
}

/**
 * Climbs from the cursor's line to the document's root, one enclosing collection at a time: a mapping at a column
 * is closed by a key further left (its parent), a sequence by a key at or left of its dashes.
 */
function walkUp(lines: DocumentLines, lineNumber: number, column: number, typedDashes: readonly number[]): Walk | undefined {
  const path: (string | number)[] = [];
  const above = new Map<string, string>();
  const ancestors: Map<string, string>[] = [];
  let scope = above;
  let container: { type: 'map' | 'seq'; column: number; index: number } = { type: 'map', column, index: 0 };
  const enterItems = (dashes: readonly number[], keyColumn: number): void => {
    // Dashes on the line that starts this mapping make it (and each outer dash, the sequence inside) a list item.
    const inner = dashes.filter((dash) => dash < keyColumn);
    if (inner.length === 0) return;
    path.unshift(0);
    container = { type: 'seq', column: inner[inner.length - 1]!, index: 0 };
    for (let i = inner.length - 2; i >= 0; i--) {
      path.unshift(0);
      container = { type: 'seq', column: inner[i]!, index: 0 };
    }
  };
  enterItems(typedDashes, column);
  for (let i = lineNumber - 1; i >= 0; i--) {
    // Content further right than the collection is inside an entry of it; install files have thousands of such lines.
    if (lines.deeperThan(i, container.column)) continue;
    const line = readLine(lines.text(i));
    if (!line) continue;
    if (container.type === 'map') {
      if (line.column === container.column) {
        if (line.key !== undefined && scope === above && !above.has(line.key)) above.set(line.key, line.value ?? '');
        else if (line.key !== undefined && !scope.has(line.key)) scope.set(line.key, line.value ?? '');
        enterItems(line.dashes, line.column);
        continue;
      }
      // A bare `-` opens a list item whose mapping starts on the next line.
      if (line.bare && line.dashes[line.dashes.length - 1]! < container.column) {
        enterItems(line.dashes, container.column);
        continue;
      }
      if (line.column > container.column) continue;
    } else {
      if (line.dashes.includes(container.column)) {
        container.index++;
        path[0] = container.index;
        continue;
      }
      if (line.column > container.column) continue;
    }
    // A key to the left encloses the collection: it is the parent.
    if (line.key === undefined) return undefined;
    if (line.value !== undefined && line.value !== '' && !/^(?:&\S+|!\S+)$/.test(line.value)) return undefined;
    path.unshift(line.key);
    scope = new Map([[line.key, '']]);
    ancestors.unshift(scope);
    container = { type: 'map', column: line.column, index: 0 };
    enterItems(line.dashes, line.column);
  }
  if (container.type === 'seq' || container.column !== 0) {
    // A sequence or an indented mapping at the top: not a Kubernetes object, except a first key typed indented.
    if (path.length > 0 || container.type === 'seq') return undefined;
  }
  return { path, above, ancestors };
}

const SPACES: string[] = [];

function spaces(count: number): string {
  return (SPACES[count] ??= ' '.repeat(count));
}

/** The lines of a document, read in place: an install file's document can have thousands, mostly skipped unread. */
class DocumentLines {
  private readonly starts: number[];

  /** The lines of `source` from `start` (a line start) to `end` (a line start, or the end of the text). */
  constructor(
    private readonly source: string,
    start: number,
    private readonly end: number,
  ) {
    this.starts = [start];
    for (let at = source.indexOf('\n', start); at !== -1 && at + 1 <= end; at = source.indexOf('\n', at + 1)) this.starts.push(at + 1);
  }

  get count(): number {
    return this.starts.length;
  }

  /** The line that starts at `offset`. */
  lineAt(offset: number): number {
    return lastAtOrBefore(this.starts, offset);
  }

  text(line: number): string {
    const next = this.starts[line + 1];
    return this.source.slice(this.starts[line], next === undefined ? this.end : next - 1);
  }

  indented(line: number): boolean {
    return this.source.charCodeAt(this.starts[line]!) === 32;
  }

  /** Whether a line starts with more than `column` spaces (a blank line may: it holds nothing either way). */
  deeperThan(line: number, column: number): boolean {
    return this.source.startsWith(spaces(column + 1), this.starts[line]);
  }
}

/** The keys below the cursor's line in the same mapping, until a line further left ends it. */
function siblingsBelow(lines: DocumentLines, lineNumber: number, column: number): Map<string, string> {
  const found = new Map<string, string>();
  for (let i = lineNumber + 1; i < lines.count; i++) {
    if (lines.deeperThan(i, column)) continue;
    const line = readLine(lines.text(i));
    if (!line) continue;
    // Further left, or a new list item: the mapping has ended.
    if (line.column < column || line.dashes.some((dash) => dash < column)) break;
    if (line.column === column && line.key !== undefined) found.set(line.key, line.value ?? '');
  }
  return found;
}

/** The top-level scalar fields of the document, and `metadata.namespace`. */
function rootFields(lines: DocumentLines): Map<string, string> & { namespace?: string } {
  const fields: Map<string, string> & { namespace?: string } = new Map();
  let inMetadata = false;
  let metadataColumn: number | undefined;
  for (let i = 0; i < lines.count; i++) {
    if (!inMetadata && lines.indented(i)) continue;
    const line = readLine(lines.text(i));
    if (!line) continue;
    if (line.column === 0 && line.dashes.length === 0) {
      inMetadata = line.key === 'metadata';
      metadataColumn = undefined;
      if (line.key !== undefined && line.value) fields.set(line.key, line.value);
      continue;
    }
    if (inMetadata && line.key !== undefined) {
      metadataColumn ??= line.column;
      if (line.column === metadataColumn && line.key === 'namespace' && line.value) fields.namespace = line.value;
    }
  }
  return fields;
}
