/**
 * The field path at an offset of block-style YAML, read from the lines above it by their indentation, without a
 * syntax tree. Building the `yaml` tree of a 1.4 MB CustomResourceDefinition takes seconds; this walks the lines
 * above the cursor once. It reads only what Kubernetes manifests are made of — block mappings and sequences
 * (indented or not), plain and quoted keys and scalars, block scalars — and answers `unsure` at anything else
 * (flow collections at the cursor, nested `- -` items, complex keys, tabs), so that the caller takes the tree.
 */
import type { OffsetRange } from '../kube/findings';
import { lineLength, readLine, type LineInfo, type LineTable, type Span } from '../parse/block-lines';

export interface BlockTarget {
  path: (string | number)[];
  on: 'key' | 'value';
  range: OffsetRange;
}

/** The target, `undefined` where there is nothing (blank space, a comment, a `-`), or `unsure`. */
export type BlockAnswer = BlockTarget | undefined | 'unsure';

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
