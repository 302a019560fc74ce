/**
 * A large List (`kind: …List`, its `items` a block sequence) checked item by item, so that an edit costs what the
 * edited item costs: each item's text is decoded alone and its objects and findings are kept by that text, and the
 * other items' results are taken from the previous versions of the document. The value is the one the whole
 * document decodes to, and the results are those of checking it whole: a piece decodes alone as it does inside the
 * document when the fast path reads it cleanly, and anything that could tie one piece to another (an alias, a
 * repeated top-level key, a merge, a directive, a second document) sends the document down the whole path instead.
 * An item's results are kept only when every range in them lies inside the item, so that moving the item moves them.
 */
import type { FileFinding, ObjectRef, OffsetRange } from '../kube/findings';
import { isObject, type Keys, type PlainObject, type PlainValue } from '../kube/plain-values';
import { LineTable, readLine } from '../parse/block-lines';
import { detachedCopy } from '../parse/block-pieces';
import { MAX_EXPANDED_NODES, type YamlDocument } from '../parse/decoded';
import { documentLocator, fastDecodePiece, LARGE_DOCUMENT } from '../parse/yaml-documents';
import { SizeBoundedCache } from '../parse/size-bounded-cache';
import { documentFormat } from './file-formats';
import type { ManifestObject } from './report';

/** What checking one item gives, as `validateObject` adds it to a chunk's results. */
export interface ItemResults {
  objects: ManifestObject[];
  findings: FileFinding[];
}

/** Checks one item of the List at `index` (its path is `items[index]`), placing with the document's `locate`. */
export type CheckItem = (document: YamlDocument, item: PlainObject, index: number, into: ItemResults) => void;

/** An object of an item, its range relative to the item's first character; `locate` is made again for each use. */
interface KeptObject extends ObjectRef {
  value: PlainObject;
  range: OffsetRange;
}

interface KeptItem {
  value: PlainValue;
  produced: number;
  /** Per rule run (the key of what results depend on besides the text), when the item's results could be kept. */
  results: Map<string, { objects: KeptObject[]; findings: FileFinding[] }>;
  /** The file (path or URI) that last used the item. */
  file: string | undefined;
}

/**
 * Items by their text and the indentation of the line after them (which can end a range placed at the item's
 * end). Bounded by an estimate of the memory the entries hold, oldest first, as the document cache is.
 */
const keptItems = new SizeBoundedCache<string, KeptItem>(16 * 1024 * 1024);
/** The item's text, its decoded value and its results: measured about 4 bytes a character on the dashboard List. */
const RETAINED_BYTES_PER_CHARACTER = 5;

/** Drops the items a closed file last used. */
export function releaseListItems(file: string): void {
  keptItems.deleteWhere((entry) => entry.file === file);
}

/** Lines `[first, end)` of one item of `items`. */
interface ItemLines {
  first: number;
  end: number;
}

/** Where `items` and its items are, and the lines of the other top-level entries; `undefined` if not that shape. */
interface ListLayout {
  itemsFirst: number;
  itemsEnd: number;
  items: ItemLines[];
}

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
const DOCUMENT_START = /^---[ \t]*(?:#.*)?\r?$/;
/** A document end, another document, or a directive: the pieces would no longer decode as the whole does. */
const STREAM_MARKER = /\n(?:\.\.\.|---|%)/;

/**
 * The results of checking `text` (one document of a chunk) item by item, or `undefined` when it is not a large
 * block-style List that can be checked that way: the caller then checks it whole.
 */
export function checkListByItems(text: string, runKey: string, file: string | undefined, checkItem: CheckItem): ItemResults | undefined {
  if (text.length < LARGE_DOCUMENT || !text.includes('\nitems:') || STREAM_MARKER.test(text) || text.startsWith('%')) return undefined;
  const table = new LineTable(text);
  const layout = listLayout(table);
  if (!layout) return undefined;
  const start = (line: number) => (line < table.indents.length ? table.start(line) : text.length);
  // The document without the lines of its items: `items:` is then null, and every other entry decodes as in the whole.
  const rest = fastDecodePiece(text.slice(0, start(layout.itemsFirst)) + text.slice(start(layout.itemsEnd)), 0);
  if (!rest || !isObject(rest.value) || rest.value['items'] !== null) return undefined;
  const kind = rest.value['kind'];
  if (typeof kind !== 'string' || !kind.endsWith('List')) return undefined;

  let produced = rest.produced;
  const pieces: { key: string; kept: KeptItem; at: number; end: number }[] = [];
  for (const item of layout.items) {
    const at = start(item.first);
    const end = start(item.end);
    const itemText = text.slice(at, end);
    const next = item.end < table.indents.length ? table.indents[item.end] : -2;
    let key = `${runKey}\u0000${next}\u0000${itemText}`;
    let kept = keptItems.get(key);
    if (kept) {
      keptItems.touch(key);
      kept.file = file;
    } else {
      // Alone, the item is the only item of a sequence, one level above where it sits in the document.
      const own = detachedCopy(itemText);
      const decoded = fastDecodePiece(own, 1);
      if (!decoded || !Array.isArray(decoded.value) || decoded.value.length !== 1) return undefined;
      key = `${runKey}\u0000${next}\u0000${own}`;
      kept = { value: decoded.value[0]!, produced: decoded.produced, results: new Map(), file };
      keptItems.set(key, kept, itemText.length * RETAINED_BYTES_PER_CHARACTER);
    }
    produced += kept.produced;
    pieces.push({ key, kept, at, end });
  }
  // The whole document's bound on decoded values, which the pieces count towards together.
  if (produced > MAX_EXPANDED_NODES) return undefined;
  const value: PlainObject = rest.value;
  value['items'] = pieces.map((piece) => piece.kept.value);
  if (documentFormat(value) !== undefined) return undefined;

  const locate = documentLocator(text, table);
  const document: YamlDocument = { value, problems: [], locate };
  const results: ItemResults = { objects: [], findings: [] };
  pieces.forEach((piece, index) => {
    const item = piece.kept.value;
    if (!isObject(item)) return;
    let kept = piece.kept.results.get(runKey);
    if (!kept) {
      const fresh: ItemResults = { objects: [], findings: [] };
      checkItem(document, item, index, fresh);
      results.objects.push(...fresh.objects);
      results.findings.push(...fresh.findings);
      const inside = (range: OffsetRange) => range.start >= piece.at && range.end <= piece.end;
      if (fresh.objects.every((object) => inside(object.range)) && fresh.findings.every((finding) => inside(finding.range))) {
        const relative = (range: OffsetRange) => ({ start: range.start - piece.at, end: range.end - piece.at });
        kept = {
          objects: fresh.objects.map(({ locate: _, ...object }) => ({ ...object, range: relative(object.range) })),
          findings: fresh.findings.map((finding) => ({ ...finding, range: relative(finding.range) })),
        };
        piece.kept.results.set(runKey, kept);
      }
      return;
    }
    const moved = (range: OffsetRange) => ({ start: range.start + piece.at, end: range.end + piece.at });
    const prefix: Keys = ['items', index];
    for (const object of kept.objects) {
      results.objects.push({ ...object, range: moved(object.range), locate: (keys, prefer) => locate([...prefix, ...keys], prefer) });
    }
    for (const finding of kept.findings) results.findings.push({ ...finding, range: moved(finding.range) });
  });
  keptItems.evictOldest(new Set(pieces.map((piece) => piece.key)));
  return results;
}

/**
 * The top-level entries of a block mapping at column 0, each a plain key written once, `items` holding a block
 * sequence whose items start with a dash at one column; `undefined` for any other shape.
 */
function listLayout(table: LineTable): ListLayout | undefined {
  const { text, indents } = table;
  const keys = new Set<string>();
  let itemsLine = -1;
  let itemsEnd = -1;
  for (let line = 0; line < indents.length; line++) {
    if (indents[line] !== 0) continue;
    const lineStart = table.start(line);
    const info = readLine(text, lineStart);
    if (line === 0 && info.dash === false && text.startsWith('---') && DOCUMENT_START.test(text.slice(lineStart, text.indexOf('\n')))) continue;
    if (itemsLine !== -1 && itemsEnd === -1 && info.dash) continue;
    if (info.odd || info.dash || !info.key || !SIMPLE_KEY.test(info.key.text) || text[info.key.span.start] !== info.key.text[0]) return undefined;
    if (keys.has(info.key.text)) return undefined;
    keys.add(info.key.text);
    if (itemsLine !== -1 && itemsEnd === -1) itemsEnd = line;
    if (info.key.text === 'items') {
      if (info.value) return undefined;
      itemsLine = line;
    }
  }
  if (itemsLine === -1) return undefined;
  if (itemsEnd === -1) itemsEnd = indents.length;
  // The lines from `items:` to the next top-level key, less trailing comments and blank lines, which stay with the rest.
  const items: ItemLines[] = [];
  let column = -1;
  for (let line = itemsLine + 1; line < itemsEnd; line++) {
    const indent = indents[line]!;
    if (indent === -1) continue;
    if (column === -1) column = indent;
    if (indent > column) continue;
    if (indent < column) return undefined;
    const info = readLine(text, table.start(line));
    if (info.odd || !info.dash) return undefined;
    if (items.length > 0) items[items.length - 1]!.end = line;
    items.push({ first: line, end: itemsEnd });
  }
  if (items.length === 0) return undefined;
  return { itemsFirst: items[0]!.first, itemsEnd: items[items.length - 1]!.end, items };
}
