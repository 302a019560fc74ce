/**
 * A large block-style document decoded piece by piece, so that an edit decodes again only the pieces it changed:
 * the document is followed down its lines by indentation (block-lines.ts), every entry of a mapping and item of a
 * sequence larger than a few kilobytes is taken apart the same way, and each smaller one is decoded alone
 * (`fastDecodePiece`) and kept by its text. A piece decodes alone as it does inside the whole document when the fast
 * path reads it cleanly, so anything that could tie pieces together or that the lines do not follow — an alias whose
 * anchor is in another piece, a repeated key, a merge, a key that is not a plain string, tabs, flow collections
 * across lines — answers `undefined`, and the caller decodes the whole document.
 */
import type { PlainObject, PlainValue } from '../kube/plain-values';
import { emptyPlainObject } from '../kube/plain-values';
import { type LineTable, readLine } from './block-lines';
import { MAX_EXPANDED_NODES } from './decoded';
import { SizeBoundedCache } from './size-bounded-cache';

/** Entries and items at least this long are taken apart; shorter ones are decoded whole and kept. */
const SPLIT_CHARACTERS = 8 * 1024;

interface KeptPiece {
  value: PlainValue;
  produced: number;
}

/**
 * Pieces by their depth and text, bounded by the total length of their keys in characters (each entry's estimate),
 * oldest first. A decoded value is shared by every version of the document that holds the piece: nothing downstream
 * changes a decoded value.
 */
const keptPieces = new SizeBoundedCache<string, KeptPiece>(2 * 1024 * 1024);

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
const DOCUMENT_START = /^---[ \t]*(?:#.*)?\r?$/;
/** A document end, another document, or a directive: the pieces would no longer decode as the whole does. */
const STREAM_MARKER = /\n(?:\.\.\.|---|%)/;

/** A block scalar with an explicit indentation: its meaning depends on the indentation of what holds it. */
const EXPLICIT_INDENTATION = /[|>][+-]?[1-9]/;

class NotByPieces extends Error {}

/**
 * A copy of a piece of a larger text that refers to nothing of it. A slice of a string, and every string decoded from
 * that slice, keeps the whole string it was cut from alive; a piece kept across edits must not keep every version of
 * the document it was cut from.
 */
export function detachedCopy(piece: string): string {
  return Buffer.from(piece, 'utf8').toString('utf8');
}

/** A piece's value at a depth, as `fastDecodePiece` (yaml-documents.ts) decodes it. */
export type DecodePiece = (text: string, depth: number) => { value: PlainValue; produced: number } | undefined;

/** The document's value, decoded piece by piece, or `undefined` when it must be decoded whole. */
export function decodeByPieces(table: LineTable, decodePiece: DecodePiece): PlainValue | undefined {
  const text = table.text;
  if (STREAM_MARKER.test(text) || text.startsWith('%') || EXPLICIT_INDENTATION.test(text)) return undefined;
  let first = 0;
  while (first < table.indents.length && table.indents[first] === -1) first++;
  if (first < table.indents.length && table.indents[first] === 0 && DOCUMENT_START.test(lineText(table, first))) first++;
  while (first < table.indents.length && table.indents[first] === -1) first++;
  if (first >= table.indents.length || table.indents[first] !== 0) return undefined;
  const decoder = new PieceDecoder(table, decodePiece);
  try {
    const value = decoder.mapping(first, table.indents.length, 0, 0, false);
    return decoder.produced > MAX_EXPANDED_NODES ? undefined : value;
  } catch (error) {
    if (error instanceof NotByPieces) return undefined;
    throw error;
  }
}

function lineText(table: LineTable, line: number): string {
  const start = table.start(line);
  const end = line + 1 < table.indents.length ? table.start(line + 1) - 1 : table.text.length;
  return table.text.slice(start, end);
}

class PieceDecoder {
  produced = 0;
  constructor(
    private readonly table: LineTable,
    private readonly decodePiece: DecodePiece,
  ) {}

  private start(line: number): number {
    return line < this.table.indents.length ? this.table.start(line) : this.table.text.length;
  }

  /** The line after the entry or item starting at `line`: the next one indented as far or less. */
  private end(line: number, column: number, end: number, item: boolean): number {
    const { text, indents } = this.table;
    for (let next = line + 1; next < end; next++) {
      const indent = indents[next]!;
      if (indent === -1 || indent > column) continue;
      if (indent < column || item) return next;
      // A key's unindented sequence: its dashes are at the key's column.
      const at = this.table.start(next) + indent;
      if (!(text[at] === '-' && (text[at + 1] === ' ' || text[at + 1] === '\n' || text[at + 1] === '\r'))) return next;
    }
    return end;
  }

  /**
   * The block mapping whose keys are at `column` on lines `[first, end)`; `onDash`: its first key follows the dash
   * of the item it is.
   */
  mapping(first: number, end: number, column: number, depth: number, onDash: boolean): PlainObject {
    const { text, indents } = this.table;
    const object = emptyPlainObject();
    const written = new Set<string>();
    for (let line = first; line < end; line++) {
      const indent = indents[line]!;
      if (indent === -1) continue;
      const dashLine = onDash && line === first;
      if (!dashLine && indent > column) continue;
      if (!dashLine && indent < column) throw new NotByPieces();
      const info = readLine(text, this.table.start(line));
      if (info.odd || !info.key || info.col !== column || (info.dash && !dashLine)) throw new NotByPieces();
      const key = info.key.text;
      if (!SIMPLE_KEY.test(key) || text[info.key.span.start] !== key[0] || written.has(key)) throw new NotByPieces();
      written.add(key);
      const entryEnd = this.end(line, column, end, false);
      const from = this.start(line);
      const length = this.start(entryEnd) - from;
      if (length >= SPLIT_CHARACTERS && !info.value) {
        object[key] = this.child(line, entryEnd, column, depth + 1);
      } else {
        let piece = text.slice(from, from + length);
        // The dash belongs to the item around the mapping, not to this entry.
        if (dashLine) piece = ' '.repeat(column) + piece.slice(column);
        const value = this.piece(piece, depth);
        if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length !== 1 || !(key in value)) throw new NotByPieces();
        object[key] = value[key]!;
      }
      line = entryEnd - 1;
    }
    return object;
  }

  /** What a key with nothing after it on its line holds: a block mapping or sequence on the lines below. */
  private child(line: number, end: number, column: number, depth: number): PlainValue {
    const { text, indents } = this.table;
    for (let next = line + 1; next < end; next++) {
      const indent = indents[next]!;
      if (indent === -1) continue;
      if (indent < column) break;
      const info = readLine(text, this.table.start(next));
      if (info.odd) break;
      if (info.dash) return this.sequence(next, end, indent, depth);
      if (indent > column && info.key) return this.mapping(next, end, indent, depth, false);
      break;
    }
    throw new NotByPieces();
  }

  /** The block sequence whose dashes are at `column` on lines `[first, end)`. */
  private sequence(first: number, end: number, column: number, depth: number): PlainValue[] {
    const { text, indents } = this.table;
    const items: PlainValue[] = [];
    for (let line = first; line < end; line++) {
      const indent = indents[line]!;
      if (indent === -1 || indent > column) continue;
      if (indent < column) throw new NotByPieces();
      const info = readLine(text, this.table.start(line));
      if (info.odd || !info.dash) throw new NotByPieces();
      const itemEnd = this.end(line, column, end, true);
      const from = this.start(line);
      const length = this.start(itemEnd) - from;
      if (length >= SPLIT_CHARACTERS && info.key) items.push(this.mapping(line, itemEnd, info.col, depth + 1, true));
      else {
        const value = this.piece(text.slice(from, from + length), depth);
        if (!Array.isArray(value) || value.length !== 1) throw new NotByPieces();
        items.push(value[0]!);
      }
      line = itemEnd - 1;
    }
    return items;
  }

  /** A piece's value at `depth` (that of the mapping or sequence it is alone), from what was kept or decoded now. */
  private piece(text: string, depth: number): PlainValue {
    let key = `${depth}\u0000${text}`;
    let kept = keptPieces.get(key);
    if (kept) keptPieces.touch(key);
    else {
      const own = detachedCopy(text);
      kept = this.decodePiece(own, depth);
      if (!kept) throw new NotByPieces();
      key = `${depth}\u0000${own}`;
      keptPieces.set(key, kept, key.length);
      keptPieces.evictOldest();
    }
    this.produced += kept.produced;
    return kept.value;
  }
}
