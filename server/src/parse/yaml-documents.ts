/**
 * Parses one chunk of YAML into documents and turns each into the value the API server would decode.
 *
 * kubectl reads YAML with go-yaml v2 (YAML 1.1: `yes`/`on` are booleans, `010` is octal, `<<` merges) and the
 * API server decodes JSON into Go structs, where `null` leaves a field unset. Documents are decoded the fast way
 * (fast-decode.ts) when js-yaml accepts them, and from the `yaml` syntax tree (tree-decode.ts) otherwise; both
 * follow those rules and guard against hostile input: alias expansion and nesting depth are bounded, and keys
 * such as `__proto__` are plain data.
 */
import type { Document } from 'yaml';
import type { OffsetRange } from '../kube/findings';
import { DecodeLimit, MAX_DEPTH, MAX_EXPANDED_NODES, type YamlDocument } from './decoded';
import { emptyPlainObject, type Keys, type PlainObject, type PlainValue } from '../kube/plain-values';
import { fastLoad } from './fast-decode';
import { rangeForPath } from './source-map';
import { LineTable } from './block-lines';
import { locateByLines } from './block-locate';
import { decodeByPieces } from './block-pieces';
import { decodeTrees, parseTrees } from './tree-decode';
import { visibleRange } from './yaml-nodes';

export type { YamlDocument } from './decoded';

export interface ChunkOptions {
  /**
   * Place by the lines (block-locate.ts) at every size, not only in large documents: for a reader that places a few
   * findings in each of many small documents, where building their trees would cost more than reading them.
   */
  placeByLines?: boolean;
}

export function parseYamlChunk(text: string, options: ChunkOptions = {}): YamlDocument[] {
  const refused = readerRefusal(text);
  if (refused) return [refused];
  if (text.length >= LARGE_DOCUMENT) {
    // An edit in a large document decodes again only the pieces it changed.
    const table = new LineTable(text);
    const value = decodeByPieces(table, fastDecodePiece);
    if (value !== undefined) return [{ value, problems: [], locate: documentLocator(text, table) }];
  }
  return fastParse(text, options.placeByLines === true) ?? decodeTrees(text);
}

/**
 * What kubectl refuses before go-yaml sees a document. Its reader (k8s.io/apimachinery/pkg/util/yaml, YAMLReader)
 * cuts the stream at every line starting with `---` and allows only spaces and a comment after it; go-yaml then
 * parses each piece alone, so a `%YAML` or `%TAG` directive ends up in a piece with no document after it.
 */
function readerRefusal(text: string): YamlDocument | undefined {
  if (text.startsWith('---')) {
    const lineEnd = text.indexOf('\n');
    const line = text.slice(3, lineEnd === -1 ? text.length : lineEnd);
    const rest = line.trim();
    if (rest !== '' && !rest.startsWith('#')) {
      const start = 3 + line.indexOf(rest);
      return refusedDocument(`invalid Yaml document separator: ${rest}`, visibleRange(text, start, start + rest.length));
    }
  }
  if (text.startsWith('%') || text.includes('\n%')) {
    const directive = DIRECTIVE_FIRST.exec(text);
    if (directive) {
      const start = directive.index + directive[1]!.length;
      const lineEnd = text.indexOf('\n', start);
      // go-yaml names the 0-based line of what follows the directives (omitted when 0), counted after the `---` line.
      const after = AFTER_DIRECTIVES.exec(text.slice(start));
      const next = after ? start + after.index : text.length;
      const line = text.slice(0, next).split('\n').length - 1 - (text.startsWith('---') ? 1 : 0);
      const message = `error converting YAML to JSON: yaml: ${line > 0 ? `line ${line}: ` : ''}did not find expected <document start>`;
      return refusedDocument(message, visibleRange(text, start, lineEnd === -1 ? text.length : lineEnd));
    }
  }
  return undefined;
}

/** A directive before any content of the piece (after its `---` line, blank lines and comments). */
const DIRECTIVE_FIRST = /^((?:---[ \t]*(?:#.*)?\r?\n)?(?:[ \t]*(?:#.*)?\r?\n)*)%/;
/** The first line after the directives that is not a directive, a comment or blank. */
const AFTER_DIRECTIVES = /^(?![ \t]*(?:#.*)?\r?$)(?!%)/m;

function refusedDocument(message: string, range: OffsetRange): YamlDocument {
  return { value: undefined, problems: [{ rule: 'yaml-syntax', severity: 'error', message, path: '', range }], locate: () => range };
}

/**
 * From this size on, a finding in a document is placed by its lines and the tree of its entry (block-locate.ts):
 * the tree of the whole document takes longer to build than the rest of its validation.
 */
export const LARGE_DOCUMENT = 32 * 1024;

/** A line whose key is a flow sequence or mapping (`[1]: x`), or an explicit `? ` key. */
const COMPLEX_KEY = /^[ \t]*(?:-[ \t]+)*(?:\?(?:[ \t]|\r?$)|[[{].*[\]}][ \t]*:(?:[ \t]|\r?$))/m;

/** What js-yaml reads differently from go-yaml, which the full path decodes instead. */
function fastPathAllowed(text: string): boolean {
  // js-yaml lets keys written before a `<<` win over the merge; go-yaml lets the merge override them. Merges are rare
  // in manifests: the full path decodes them in go-yaml's order.
  if (text.includes('<<')) return false;
  // js-yaml writes a sequence or mapping used as a key as text; go-yaml refuses it, which the full path reports.
  return !((text.includes(']:') || text.includes('}:') || text.includes('?')) && COMPLEX_KEY.test(text));
}

function fastParse(text: string, placeByLines: boolean): YamlDocument[] | undefined {
  if (!fastPathAllowed(text)) return undefined;
  const loaded = fastLoad(text);
  if (!loaded) return undefined;
  // Only which documents are empty is kept for pairing them with the trees: the loaded values are not.
  const locate = locator(
    text,
    loaded.map((value) => value === null),
    placeByLines,
  );
  try {
    return loaded.map((raw, index) => ({ value: normalize(raw, { produced: 0, strict: true }, 0), problems: [], locate: locate(index) }));
  } catch (error) {
    // Too large or too deep once expanded: the full path reports it with a position.
    if (error instanceof DecodeLimit || error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * Where a path is written in the documents of a chunk (`empty`: which of them are empty), as the fast path places
 * it: the whole document by its extent, a large single document (or any, with `placeByLines`) by its lines, anything
 * else by the syntax tree, built on first use.
 */
function locator(text: string, empty: readonly boolean[], placeByLines: boolean, table?: LineTable): (index: number) => YamlDocument['locate'] {
  let asts: Document.Parsed[] | undefined;
  const treeOf = (index: number): Document.Parsed | undefined => {
    asts ??= pairTrees(parseTrees(text), empty);
    return asts[index];
  };
  const single = empty.length === 1;
  const extent = single ? documentExtent(text) : undefined;
  let lines = table;
  return (index: number) =>
    (keys: Keys, prefer: 'key' | 'value'): OffsetRange => {
      // The whole object is asked for every document; its extent in the text is enough and needs no tree.
      if (keys.length === 0 && prefer === 'value' && extent) return extent;
      if (single && (placeByLines || text.length >= LARGE_DOCUMENT)) {
        lines ??= new LineTable(text);
        const placed = locateByLines(lines, keys, prefer);
        if (placed) return placed;
      }
      const tree = treeOf(index);
      return tree ? rangeForPath(tree, keys, prefer) : { start: 0, end: 1 };
    };
}

/**
 * Where a path is written in a chunk that holds one document the fast path reads, exactly as `parseYamlChunk`'s
 * document places it; `table` is the chunk's line table when the caller has built it already.
 */
export function documentLocator(text: string, table?: LineTable): YamlDocument['locate'] {
  return locator(text, [false], false, table)(0);
}

/**
 * A piece of a large block-style document (a top-level entry, or an item of a list) decoded alone the fast way, as
 * its values decode inside the whole document at `depth`; `undefined` when the piece is not one document the fast
 * path reads cleanly, so that the caller decodes the whole document instead. `produced` is what the piece counts
 * against the whole document's expansion bound.
 */
export function fastDecodePiece(text: string, depth: number): { value: PlainValue; produced: number } | undefined {
  if (readerRefusal(text) || !fastPathAllowed(text)) return undefined;
  const loaded = fastLoad(text);
  if (loaded?.length !== 1) return undefined;
  const budget: Budget = { produced: 0, strict: true };
  try {
    return { value: normalize(loaded[0], budget, depth), produced: budget.produced };
  } catch (error) {
    if (error instanceof DecodeLimit || error instanceof RangeError) return undefined;
    throw error;
  }
}

/** From the first to the last line of content: no `---` line, no leading or trailing comments. */
function documentExtent(text: string): OffsetRange {
  const content = /^(?!---(?:[ \t]|\r?$))(?![ \t]*(?:#.*)?\r?$)/gm;
  const first = content.exec(text);
  const start = first ? first.index : 0;
  let end = text.length;
  while (end > start) {
    const lineStart = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(lineStart, end);
    if (line.trim() !== '' && !line.trimStart().startsWith('#')) break;
    end = lineStart > 0 ? lineStart - 1 : 0;
  }
  return visibleRange(text, start, end);
}

/** The syntax trees of a chunk, one per document js-yaml returned (`empty`: which of them were empty). */
function pairTrees(trees: Document.Parsed[], empty: readonly boolean[]): Document.Parsed[] {
  if (trees.length === empty.length) return trees;
  // The two parsers disagree on empty documents; pair up the ones with content.
  const withContent = trees.filter((tree) => tree.contents !== null);
  const paired: Document.Parsed[] = [];
  let next = 0;
  for (const isEmpty of empty) paired.push((isEmpty ? undefined : withContent[next++]) as Document.Parsed);
  return paired;
}

/**
 * A value from `fastLoad`, decoded as a document is (bounded the same way, with a budget of its own): for
 * readers that take a huge stream apart themselves, such as the items of a cluster snapshot's List.
 */
export function decodeLoaded(value: unknown): PlainValue {
  return normalize(value, { produced: 0 }, 0);
}

/** js-yaml's value as the decoder's PlainValue: mappings that inherit nothing, and alias expansion bounded. */
interface Budget {
  produced: number;
  /** Leave to the full path what go-yaml and js-yaml read differently (a null key) and what kubectl refuses. */
  strict?: boolean;
}

function normalize(value: unknown, budget: Budget, depth: number): PlainValue {
  if (++budget.produced > MAX_EXPANDED_NODES) throw new DecodeLimit('expansion');
  if (depth > MAX_DEPTH) throw new DecodeLimit('depth');
  if (value === null || value === undefined) return null;
  // encoding/json refuses infinities and NaN; the full path says so at the value.
  if (budget.strict && typeof value === 'number' && !Number.isFinite(value)) throw new DecodeLimit('not JSON');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((item) => normalize(item, budget, depth + 1));
  if (typeof value === 'object') {
    const object: PlainObject = emptyPlainObject();
    for (const key of Object.keys(value)) {
      // js-yaml writes a null key as "null"; go-yaml keeps it null and kubectl refuses it, which the full path reports.
      if (budget.strict && key === 'null') throw new DecodeLimit('null key');
      object[key] = normalize((value as Record<string, unknown>)[key], budget, depth + 1);
    }
    return object;
  }
  return String(value);
}
