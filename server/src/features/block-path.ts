/**
 * The field path at an offset of block-style YAML, read from the lines above it by their indentation, without a
 * syntax tree. Building the `yaml` tree of a 1.4 MB CustomResourceDefinition takes seconds; this walks the lines
 * above the cursor once. It reads only what Kubernetes manifests are made of — block mappings and sequences
 * (indented or not), plain and quoted keys and scalars, block scalars — and answers `unsure` at anything else
 * (flow collections at the cursor, nested `- -` items, complex keys, tabs), so that the caller takes the tree.
 */
import type { OffsetRange } from '../kube/findings';
import { LineIndex } from '../parse/line-index';

export interface BlockTarget {
  path: (string | number)[];
  on: 'key' | 'value';
  range: OffsetRange;
}

/** The target, `undefined` where there is nothing (blank space, a comment, a `-`), or `unsure`. */
export type BlockAnswer = BlockTarget | undefined | 'unsure';

interface Span {
  start: number;
  end: number;
}

interface LineInfo {
  /** Offset of the line's first character. */
  start: number;
  /** Column of the first non-space character. */
  indent: number;
  /** The line starts with `- `: a sequence item. */
  dash: boolean;
  /** Column where the content after the dash (or the indent) starts. */
  col: number;
  key?: { text: string; span: Span };
  /** The value after `key:` (or after the dash when there is no key), as written. */
  value?: { span: Span; kind: 'scalar' | 'block' | 'flow' | 'open' };
  empty: boolean;
  /** The line holds only a comment (it is `empty` too). */
  comment: boolean;
  /** Something this reader does not follow: complex keys, nested dashes, tabs. */
  odd: boolean;
}

const BLOCK_INDICATOR = /^[|>][-+0-9]*$/;

/**
 * Where each line of a text starts and how far its content is indented (-1 for blank and comment-only lines),
 * so that climbing over thousands of deeper lines costs an array walk. Built once per document text.
 */
export class LineTable {
  readonly lines: LineIndex;
  readonly indents: Int32Array;

  constructor(readonly text: string) {
    this.lines = new LineIndex(text);
    this.indents = new Int32Array(this.lines.lineCount);
    for (let line = 0; line < this.indents.length; line++) {
      const start = this.start(line);
      let indent = 0;
      while (text.charCodeAt(start + indent) === 32) indent++;
      const first = text[start + indent];
      this.indents[line] = first === undefined || first === '\n' || first === '\r' || first === '#' ? -1 : indent;
    }
  }

  start(line: number): number {
    return this.lines.offsetAt({ line, character: 0 });
  }
}

export function blockPathAt(table: LineTable, at: number): BlockAnswer {
  const text = table.text;
  const cursorLineNumber = table.lines.positionAt(at).line;
  const cursorLine = readLine(text, table.start(cursorLineNumber));
  if (cursorLine.odd) return 'unsure';
  let target = onLine(cursorLine, at);
  if (target === 'unsure') return target;
  // Blank space, a dash, a colon or a comment: nothing, unless the line is inside a multi-line scalar.
  if (target === undefined) {
    if (cursorLine.empty && !cursorLine.comment) return undefined;
    target = { kind: 'indentation' };
  } else if ((target.kind === 'value' || target.kind === 'item') && cursorLine.value) {
    target.range = scalarExtent(text, cursorLine);
  }
  let frame: Frame = frameOf(cursorLine, target.kind);
  // A line that is neither a key nor an item may be inside a multi-line scalar; the line holding it must be found.
  let insideScalar = target.kind === 'scalar-line' || target.kind === 'indentation';
  let segments: (string | number)[] = 'segments' in target ? target.segments : [];
  for (let number = cursorLineNumber - 1; number >= 0; number--) {
    // Most lines above are deeper than the collection being climbed out of: they are passed over unread.
    const indent = table.indents[number]!;
    if (indent === -1 || indent > frame.col) continue;
    const start = table.start(number);
    const line = readLine(text, start);
    if (line.odd) return 'unsure';
    if (isDocumentBoundary(text, start)) break;
    const step = climb(frame, line);
    if (step === 'unsure') return 'unsure';
    if (step === 'skip') continue;
    if (step === 'scalar-line') {
      insideScalar = true;
      continue;
    }
    if (step.kind === 'holds-scalar') {
      // The cursor is inside this key's (or item's) scalar value: start again from here.
      target = { kind: 'value-of', segments: step.segments, range: scalarExtent(text, line) };
      segments = step.segments;
      frame = frameOf(line, line.key ? 'key' : 'item');
      insideScalar = false;
      continue;
    }
    if (insideScalar && target.kind !== 'indentation') return 'unsure';
    segments = [...step.prepend, ...segments];
    frame = step.next;
  }
  return finish(frame, segments, target, insideScalar);
}

type Frame = { kind: 'map'; col: number; index: 0 } | { kind: 'seq'; col: number; index: number };

type OnLine =
  | { kind: 'key' | 'value'; segments: (string | number)[]; range: Span }
  | { kind: 'item'; segments: (string | number)[]; range: Span }
  | { kind: 'scalar-line' }
  | { kind: 'indentation' }
  | { kind: 'value-of'; segments: (string | number)[]; range: Span };

/** What the cursor is on within its own line. */
function onLine(line: LineInfo, at: number): OnLine | undefined | 'unsure' {
  const { key, value } = line;
  if (key && at >= key.span.start && at <= key.span.end) return { kind: 'key', segments: [key.text], range: key.span };
  if (!value || at < value.span.start || at > value.span.end) return undefined;
  if (value.kind === 'flow') return 'unsure';
  if (key) return { kind: 'value', segments: [key.text], range: value.span };
  return line.dash ? { kind: 'item', segments: [], range: value.span } : { kind: 'scalar-line' };
}

/** The collection the line's entry belongs to: a mapping at the key's column, or the sequence of its dash. */
function frameOf(line: LineInfo, entry: OnLine['kind']): Frame {
  // Blank space is inside whatever holds the line's first character.
  if (entry === 'indentation') return { kind: 'map', col: line.indent, index: 0 };
  if (line.dash && (entry === 'item' || line.key)) return { kind: 'seq', col: line.indent, index: 0 };
  return { kind: 'map', col: line.col, index: 0 };
}

type Climb = 'skip' | 'unsure' | 'scalar-line' | { kind: 'parent'; prepend: (string | number)[]; next: Frame } | { kind: 'holds-scalar'; segments: (string | number)[] };

/** One line up: a sibling (skip), deeper content (skip), or the line that holds the current collection. */
function climb(frame: Frame, line: LineInfo): Climb {
  if (line.indent > frame.col) return 'skip';
  if (frame.kind === 'seq') {
    if (line.dash && line.indent === frame.col) {
      frame.index++;
      return 'skip';
    }
    return owner(line, frame, [frame.index]);
  }
  if (line.indent === frame.col) {
    if (line.dash || line.key) return 'skip';
    return 'scalar-line';
  }
  if (line.dash && line.key && line.col === frame.col) return { kind: 'parent', prepend: [], next: { kind: 'seq', col: line.indent, index: 0 } };
  return owner(line, frame, []);
}

/** A line above that should hold the collection: a key with no value on its line. */
function owner(line: LineInfo, frame: Frame, prepend: (string | number)[]): Climb {
  const value = line.value;
  if (line.key && !value) {
    const next: Frame = line.dash ? { kind: 'seq', col: line.indent, index: 0 } : { kind: 'map', col: line.col, index: 0 };
    return { kind: 'parent', prepend: [line.key.text, ...prepend], next };
  }
  const holderColumn = line.key ? line.col : line.dash ? line.indent : undefined;
  if (value && value.kind !== 'flow' && holderColumn !== undefined && holderColumn < frame.col) {
    // Content deeper than a key with a scalar is that scalar's continuation (or a block scalar's text).
    return { kind: 'holds-scalar', segments: line.key ? [line.key.text] : [] };
  }
  return 'unsure';
}

function finish(frame: Frame, segments: (string | number)[], target: OnLine, insideScalar: boolean): BlockAnswer {
  if (target.kind === 'indentation') return undefined;
  if (insideScalar || target.kind === 'scalar-line') return 'unsure';
  if (frame.col !== 0) return 'unsure';
  const path = frame.kind === 'seq' ? [frame.index, ...segments] : segments;
  return { path, on: target.kind === 'key' ? 'key' : 'value', range: target.range };
}

function isDocumentBoundary(text: string, start: number): boolean {
  return text.startsWith('---', start) || text.startsWith('...', start) || text.startsWith('%', start);
}

/** From a key's (or item's) scalar to the end of the last line indented deeper than the key (or the dash). */
function scalarExtent(text: string, line: LineInfo): Span {
  const deeperThan = line.key ? line.col : line.indent;
  const start = line.value!.span.start;
  let end = line.value!.span.end;
  for (let next = text.indexOf('\n', line.start) + 1; next > 0 && next < text.length; next = text.indexOf('\n', next) + 1) {
    const following = readLine(text, next);
    if (following.empty) continue;
    if (following.indent <= deeperThan) break;
    end = next + lineLength(text, next);
  }
  // A block scalar's text ends with its line break.
  if (line.value!.kind === 'block' && end < text.length) end = text.indexOf('\n', end) + 1 || text.length;
  return { start, end };
}

function lineLength(text: string, start: number): number {
  const newline = text.indexOf('\n', start);
  const end = newline === -1 ? text.length : newline;
  return text.charCodeAt(end - 1) === 13 ? end - 1 - start : end - start;
}

/** The structure of one line: indent, dash, key and value spans (offsets into the text). */
function readLine(text: string, start: number): LineInfo {
  const length = lineLength(text, start);
  const line = text.slice(start, start + length);
  let pos = 0;
  while (line.charCodeAt(pos) === 32) pos++;
  const info: LineInfo = { start, indent: pos, dash: false, col: pos, empty: false, comment: false, odd: false };
  if (line[pos] === '\t') return { ...info, odd: true };
  if (pos === line.length || line[pos] === '#') return { ...info, empty: true, comment: pos < line.length };
  if (line[pos] === '-' && (pos + 1 === line.length || line[pos + 1] === ' ')) {
    info.dash = true;
    pos++;
    while (line.charCodeAt(pos) === 32) pos++;
    info.col = pos;
    if (pos === line.length || line[pos] === '#') return info;
    if (line[pos] === '-' && (pos + 1 === line.length || line[pos + 1] === ' ')) return { ...info, odd: true };
  }
  if ((line[pos] === '?' && (pos + 1 === line.length || line[pos + 1] === ' ')) || line[pos] === '\t') return { ...info, odd: true };
  const keyEnd = keyLength(line, pos);
  if (keyEnd !== undefined) {
    let rawEnd = keyEnd;
    while (rawEnd > pos && line[rawEnd - 1] === ' ') rawEnd--;
    const key = unquote(line.slice(pos, rawEnd));
    if (key === undefined) return { ...info, odd: true };
    info.key = { text: key, span: { start: start + pos, end: start + rawEnd } };
    pos = keyEnd + 1;
    while (line.charCodeAt(pos) === 32) pos++;
  }
  const value = readValue(line, pos);
  if (value) info.value = { kind: value.kind, span: { start: start + value.start, end: start + value.end } };
  return info;
}

/** Where `key:` ends (the colon's index), when the content at `pos` is a mapping entry. */
function keyLength(line: string, pos: number): number | undefined {
  const first = line[pos];
  if (first === '"' || first === "'") {
    const close = closingQuote(line, pos);
    if (close === undefined) return undefined;
    return line[close + 1] === ':' && (close + 2 === line.length || line[close + 2] === ' ') ? close + 1 : undefined;
  }
  if (first === '{' || first === '[' || first === '|' || first === '>' || first === '&' || first === '*' || first === '!') return undefined;
  for (let i = pos; i < line.length; i++) {
    if (line[i] === ':' && (i + 1 === line.length || line[i + 1] === ' ')) return i;
    if (line[i] === '#' && line[i - 1] === ' ') return undefined;
  }
  return undefined;
}

function readValue(line: string, pos: number): { start: number; end: number; kind: 'scalar' | 'block' | 'flow' | 'open' } | undefined {
  // Anchors and tags before a value say nothing about the path.
  while (line[pos] === '&' || line[pos] === '!') {
    while (pos < line.length && line[pos] !== ' ') pos++;
    while (line.charCodeAt(pos) === 32) pos++;
  }
  if (pos >= line.length || line[pos] === '#') return undefined;
  const first = line[pos];
  if (first === '{' || first === '[') return { start: pos, end: line.length, kind: 'flow' };
  if (first === '"' || first === "'") {
    const close = closingQuote(line, pos);
    return close === undefined ? { start: pos, end: line.length, kind: 'open' } : { start: pos, end: close + 1, kind: 'scalar' };
  }
  let end = line.length;
  const comment = line.indexOf(' #', pos);
  if (comment !== -1) end = comment;
  while (end > pos && line[end - 1] === ' ') end--;
  const text = line.slice(pos, end);
  return { start: pos, end, kind: BLOCK_INDICATOR.test(text) ? 'block' : 'scalar' };
}

function closingQuote(line: string, pos: number): number | undefined {
  const quote = line[pos];
  for (let i = pos + 1; i < line.length; i++) {
    if (quote === '"' && line[i] === '\\') {
      i++;
      continue;
    }
    if (line[i] === quote) {
      if (quote === "'" && line[i + 1] === "'") {
        i++;
        continue;
      }
      return i;
    }
  }
  return undefined;
}

function unquote(raw: string): string | undefined {
  if (raw.startsWith("'")) return raw.slice(1, -1).replace(/''/g, "'");
  if (raw.startsWith('"')) {
    try {
      return JSON.parse(raw) as string;
    } catch {
      return undefined;
    }
  }
  return raw;
}
