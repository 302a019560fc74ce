/**
 * What a position in a manifest is about: which document and object, the Kubernetes field path, and whether
 * the cursor is on a key or a value. Editor features (hover, completion, definitions) start here.
 *
 * Only the document under the cursor is parsed, with the `yaml` syntax tree, which keeps going past syntax
 * errors: a broken document elsewhere in the file, or a schema error in this one, changes nothing. A document of
 * 32 KB or more is read by its lines instead (block-path.ts), with the tree only where that reader is unsure: the
 * tree of a 1.4 MB CustomResourceDefinition takes seconds to build. The split of a file into documents is kept
 * for the last few texts, and each document's tree, line table and decoded value per document text.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { OffsetRange } from '../kube/findings';
import type { Keys, PlainValue } from '../kube/plain-values';
import { splitDocuments, type DocumentChunk } from '../parse/split-documents';
import { blockPathAt } from './block-path';
import { LineTable } from '../parse/block-lines';
import { parseTrees } from '../parse/tree-decode';
import { isMergeKey } from '../parse/yaml-nodes';
import { parseYamlChunk } from '../parse/yaml-documents';

export interface DocumentAtCursor {
  /**
   * Index of the document's chunk among the file's chunks (splitDocuments): the document's index, unless a chunk
   * holds several documents (`...` end markers).
   */
  index: number;
  /** Where the document's text starts in the file. */
  offset: number;
  /** The document's text (one chunk of the file between `---` lines). */
  text: string;
  /** The syntax tree of the document (built on first use); its ranges are relative to `offset`. */
  tree(): Document.Parsed;
  /** Top-level `apiVersion` and `kind`, when written as text (not an alias or a collection). */
  apiVersion?: string;
  kind?: string;
  /** The document decoded as the API server would (go-yaml rules); undefined when it cannot be decoded. */
  decoded(): PlainValue | undefined;
}

export interface CursorTarget {
  document: DocumentAtCursor;
  /** The field path at the cursor, keys and list indexes: ['spec', 'template', 'spec', 'containers', 0, 'image']. */
  path: Keys;
  /** On a mapping key, or on a scalar value (a list item counts as a value). */
  on: 'key' | 'value';
  /** The key's or the value's text, in file offsets. */
  range: OffsetRange;
}

/** The document the offset falls in, or undefined in an empty file. */
export function documentAt(text: string, offset: number): DocumentAtCursor | undefined {
  const chunks = chunksOf(text);
  const index = chunkIndexAt(chunks, offset);
  const chunk = chunks[index];
  if (!chunk) return undefined;
  const parsed = parsedChunk(chunk.text);
  const common = { index, offset: chunk.offset, text: chunk.text };
  if (readsByLines(chunk.text)) {
    return {
      ...common,
      tree: () => parsed.trees()[0]!,
      apiVersion: topLevelLine(chunk.text, 'apiVersion'),
      kind: topLevelLine(chunk.text, 'kind'),
      decoded: () => decodedAt(parsed, 0),
    };
  }
  const local = offset - chunk.offset;
  // A chunk holds one document unless it has `...` end markers; take the one around the offset.
  const trees = parsed.trees();
  let treeIndex = trees.findIndex((tree) => tree.range[0] <= local && local <= tree.range[2]);
  if (treeIndex === -1) treeIndex = trees.length - 1;
  const tree = trees[treeIndex];
  if (!tree) return undefined;
  return { ...common, tree: () => tree, apiVersion: topLevelText(tree, 'apiVersion'), kind: topLevelText(tree, 'kind'), decoded: () => decodedAt(parsed, treeIndex) };
}

/** The key or scalar value under the cursor, with its field path; undefined on blank space, comments, `-` or `:`. */
export function cursorAt(text: string, offset: number): CursorTarget | undefined {
  const document = documentAt(text, offset);
  if (!document) return undefined;
  const at = offset - document.offset;
  const shifted = (range: OffsetRange) => ({ start: range.start + document.offset, end: range.end + document.offset });
  if (readsByLines(document.text)) {
    const answer = blockPathAt(parsedChunk(document.text).lines(), at);
    if (answer !== 'unsure') return answer && { document, path: answer.path, on: answer.on, range: shifted(answer.range) };
  }
  const root = document.tree().contents as Node | null;
  // A node's end is also the next node's start (`name: web` ends where `spec` begins): the node the cursor is
  // inside wins; just after a word is a fallback.
  const found = walk(root, at, [], 0, false) ?? walk(root, at, [], 0, true);
  if (!found) return undefined;
  return { document, path: found.path, on: found.on, range: shifted(found.range) };
}

/**
 * Documents this large are read by their lines (block-path.ts) wherever that reader is sure: their syntax tree
 * takes seconds to build. They must start as a block mapping and hold one document.
 */
const LINE_READER_MIN_CHARACTERS = 32 * 1024;

function readsByLines(text: string): boolean {
  return text.length >= LINE_READER_MIN_CHARACTERS && !/^\.\.\.(?:[ \t]|\r?$)/m.test(text) && /^[A-Za-z"']/m.test(firstContentLine(text));
}

function firstContentLine(text: string): string {
  return /^(?!---(?:[ \t]|\r?$))(?!%)(?![ \t]*(?:#.*)?\r?$).*$/m.exec(text)?.[0] ?? '';
}

/** A top-level `key: value` written on one line, as plain or quoted text. */
function topLevelLine(text: string, key: string): string | undefined {
  const match = new RegExp(`^${key}:[ \\t]+(.*?)[ \\t]*(?:[ \\t]#.*)?\\r?$`, 'm').exec(text);
  const value = match?.[1];
  if (!value) return undefined;
  if (/^'.*'$/.test(value)) return value.slice(1, -1).replace(/''/g, "'");
  if (/^".*"$/.test(value)) {
    try {
      return JSON.parse(value) as string;
    } catch {
      return undefined;
    }
  }
  return /^[\w./-]+$/.test(value) ? value : undefined;
}

interface Found {
  path: (string | number)[];
  on: 'key' | 'value';
  range: OffsetRange;
}

const MAX_WALK_DEPTH = 256;

function walk(node: Node | null, at: number, path: (string | number)[], depth: number, atEnd: boolean): Found | undefined {
  const contains = (child: Node) => covers(child, at, atEnd);
  if (!node || depth > MAX_WALK_DEPTH || !contains(node)) return undefined;
  if (isMap(node)) {
    for (const pair of node.items as Pair[]) {
      if (!isPair(pair) || isMergeKey(pair.key)) continue;
      const key = pair.key as Node | null;
      const keyText = isScalar(key) ? String(key.value) : undefined;
      if (keyText === undefined) continue;
      if (key && contains(key)) return { path: [...path, keyText], on: 'key', range: rangeOfNode(key) };
      const value = pair.value as Node | null;
      if (value && contains(value)) {
        if (isScalar(value) || isAlias(value)) return { path: [...path, keyText], on: 'value', range: rangeOfNode(value) };
        return walk(value, at, [...path, keyText], depth + 1, atEnd);
      }
    }
    return undefined;
  }
  if (isSeq(node)) {
    for (const [index, item] of (node.items as (Node | null)[]).entries()) {
      if (!item || !contains(item)) continue;
      if (isScalar(item) || isAlias(item)) return { path: [...path, index], on: 'value', range: rangeOfNode(item) };
      return walk(item, at, [...path, index], depth + 1, atEnd);
    }
    return undefined;
  }
  return undefined;
}

/** Whether the node's text holds the offset, or (`atEnd`) ends right at it; empty nodes hold nothing. */
function covers(node: Node, at: number, atEnd: boolean): boolean {
  const range = node.range;
  if (!range || range[1] <= range[0]) return false;
  return range[0] <= at && (at < range[1] || (atEnd && at === range[1]));
}

function rangeOfNode(node: Node): OffsetRange {
  const range = node.range!;
  return { start: range[0], end: range[1] };
}

function topLevelText(tree: Document.Parsed, key: string): string | undefined {
  const root = tree.contents;
  if (!isMap(root)) return undefined;
  for (const pair of root.items) {
    if (isScalar(pair.key) && pair.key.value === key && isScalar(pair.value) && typeof pair.value.value === 'string') return pair.value.value;
  }
  return undefined;
}

/** The two parsers may disagree on empty documents in a chunk; with one document of content, that is the one. */
function decodedAt(parsed: ParsedChunk, treeIndex: number): PlainValue | undefined {
  const documents = parsed.decoded();
  if (documents.length === 1 && treeIndex === 0) return documents[0]!.value;
  if (documents.length === parsed.trees().length) return documents[treeIndex]?.value;
  const withContent = documents.filter((document) => document.value !== undefined && document.value !== null);
  return withContent.length === 1 ? withContent[0]!.value : undefined;
}

function chunkIndexAt(chunks: DocumentChunk[], offset: number): number {
  let low = 0;
  let high = chunks.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (chunks[mid]!.offset <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

// Caches. The split is kept for the last few file texts (hover, completion and definitions ask about the same
// text in turn); trees and decoded values per document text, bounded by the characters they hold.

const SPLIT_CACHE_ENTRIES = 4;
const splitCache = new Map<string, DocumentChunk[]>();

function chunksOf(text: string): DocumentChunk[] {
  const cached = splitCache.get(text);
  if (cached) return cached;
  const chunks = splitDocuments(text);
  splitCache.set(text, chunks);
  for (const oldest of splitCache.keys()) {
    if (splitCache.size <= SPLIT_CACHE_ENTRIES) break;
    splitCache.delete(oldest);
  }
  return chunks;
}

interface ParsedChunk {
  trees(): Document.Parsed[];
  lines(): LineTable;
  decoded(): { value: PlainValue | undefined }[];
}

const TREE_CACHE_CHARACTERS = 16 * 1024 * 1024;
const treeCache = new Map<string, ParsedChunk>();
let cachedCharacters = 0;

function parsedChunk(text: string): ParsedChunk {
  const cached = treeCache.get(text);
  if (cached) {
    treeCache.delete(text);
    treeCache.set(text, cached);
    return cached;
  }
  let trees: Document.Parsed[] | undefined;
  let lines: LineTable | undefined;
  let decoded: { value: PlainValue | undefined }[] | undefined;
  const parsed: ParsedChunk = {
    trees: () => (trees ??= safeTrees(text)),
    lines: () => (lines ??= new LineTable(text)),
    decoded: () => (decoded ??= parseYamlChunk(text)),
  };
  treeCache.set(text, parsed);
  cachedCharacters += text.length;
  for (const oldest of treeCache.keys()) {
    if (cachedCharacters <= TREE_CACHE_CHARACTERS || oldest === text) break;
    treeCache.delete(oldest);
    cachedCharacters -= oldest.length;
  }
  return parsed;
}

function safeTrees(text: string): Document.Parsed[] {
  try {
    return parseTrees(text);
  } catch {
    // Nested beyond the parser's stack: nothing to point at.
    return [];
  }
}
