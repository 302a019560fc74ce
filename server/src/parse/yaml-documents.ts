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
import { decodeTrees, parseTrees } from './tree-decode';
import { visibleRange } from './yaml-nodes';

export type { YamlDocument } from './decoded';

export function parseYamlChunk(text: string): YamlDocument[] {
  return fastParse(text) ?? decodeTrees(text);
}

function fastParse(text: string): YamlDocument[] | undefined {
  const loaded = fastLoad(text);
  if (!loaded) return undefined;
  let asts: Document.Parsed[] | undefined;
  const treeOf = (index: number): Document.Parsed | undefined => {
    asts ??= pairTrees(parseTrees(text), loaded);
    return asts[index];
  };
  const extent = loaded.length === 1 ? documentExtent(text) : undefined;
  const locate =
    (index: number) =>
    (keys: Keys, prefer: 'key' | 'value'): OffsetRange => {
      // The whole object is asked for every document; its extent in the text is enough and needs no tree.
      if (keys.length === 0 && prefer === 'value' && extent) return extent;
      const tree = treeOf(index);
      return tree ? rangeForPath(tree, keys, prefer) : { start: 0, end: 1 };
    };
  try {
    return loaded.map((raw, index) => ({ value: normalize(raw, { produced: 0 }, 0), problems: [], locate: locate(index) }));
  } catch (error) {
    // Too large or too deep once expanded: the full path reports it with a position.
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

/** The syntax trees of a chunk, one per document js-yaml returned. */
function pairTrees(trees: Document.Parsed[], loaded: readonly unknown[]): Document.Parsed[] {
  if (trees.length === loaded.length) return trees;
  // The two parsers disagree on empty documents; pair up the ones with content.
  const withContent = trees.filter((tree) => tree.contents !== null);
  const paired: Document.Parsed[] = [];
  let next = 0;
  for (const value of loaded) paired.push((value === null ? undefined : withContent[next++]) as Document.Parsed);
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
function normalize(value: unknown, budget: { produced: number }, depth: number): PlainValue {
  if (++budget.produced > MAX_EXPANDED_NODES) throw new DecodeLimit('expansion');
  if (depth > MAX_DEPTH) throw new DecodeLimit('depth');
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((item) => normalize(item, budget, depth + 1));
  if (typeof value === 'object') {
    const object: PlainObject = emptyPlainObject();
    for (const key of Object.keys(value)) object[key] = normalize((value as Record<string, unknown>)[key], budget, depth + 1);
    return object;
  }
  return String(value);
}
