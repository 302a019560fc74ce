/**
 * Block-style YAML read line by line, by indentation, without a syntax tree: where each line starts, how far its
 * content is indented, and what one line holds (a dash, a key, the start of a value). Reads only what Kubernetes
 * manifests are made of — block mappings and sequences, plain and quoted keys and scalars, block scalars — and marks
 * anything else `odd` (complex keys, nested `- -` items, tabs), so that callers take the syntax tree instead.
 */
import { LineIndex } from './line-index';

export interface Span {
  start: number;
  end: number;
}

export interface LineInfo {
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
      const start = this.lines.lineStart(line);
      let at = start;
      while (text.charCodeAt(at) === 32) at++;
      const first = text.charCodeAt(at);
      // End of text, \n, \r or #: nothing on the line.
      this.indents[line] = Number.isNaN(first) || first === 10 || first === 13 || first === 35 ? -1 : at - start;
    }
  }

  start(line: number): number {
    return this.lines.lineStart(line);
  }
}

export function lineLength(text: string, start: number): number {
  const newline = text.indexOf('\n', start);
  const end = newline === -1 ? text.length : newline;
  return text.charCodeAt(end - 1) === 13 ? end - 1 - start : end - start;
}

/** The structure of one line: indent, dash, key and value spans (offsets into the text). */
export function readLine(text: string, start: number): LineInfo {
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
