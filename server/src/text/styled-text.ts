/**
 * Text for a terminal: words wrapped to a width, tables whose long columns wrap while the others keep their
 * width, and colour by what a piece of text means (a tone), painted only after the layout is measured, so escape
 * codes never count as width. Without a width nothing wraps: scripts that read piped output get whole lines.
 */

/** What a piece of text means, which decides its colour: good (green), bad (red), warn (yellow), dim, strong (bold). */
export type Tone = 'good' | 'bad' | 'warn' | 'dim' | 'strong';

/** A run of text with one tone (or none). */
export interface Span {
  text: string;
  tone?: Tone;
}

/** A line (or a table cell) made of spans. */
export type Styled = readonly Span[];

export interface TerminalStyle {
  /** The columns a line may take; undefined: lines are never wrapped. */
  width?: number;
  /** Whether to write ANSI colour escape codes. */
  color: boolean;
}

/** SGR codes (ECMA-48): 32 green, 31 red, 33 yellow, 2 faint, 1 bold; 0 resets. */
const SGR: Record<Tone, string> = { good: '32', bad: '31', warn: '33', dim: '2', strong: '1' };

/** The narrowest a wrapping column is made, so that a message never becomes a column of single words. */
const MIN_WRAPPED_COLUMN = 16;

export function plain(text: string): Styled {
  return [{ text }];
}

export function toned(text: string, tone: Tone | undefined): Styled {
  return tone ? [{ text, tone }] : [{ text }];
}

export function textOf(styled: Styled): string {
  return styled.map((span) => span.text).join('');
}

export function paint(text: string, tone: Tone | undefined, color: boolean): string {
  return color && tone && text !== '' ? `\u001b[${SGR[tone]}m${text}\u001b[0m` : text;
}

function painted(styled: Styled, color: boolean): string {
  return styled.map((span) => paint(span.text, span.tone, color)).join('');
}

/** A word of a styled text with the tone of each of its pieces (a word may span two spans, as `error:`). */
type Word = Span[];

function wordsOf(styled: Styled): Word[] {
  const words: Word[] = [];
  let current: Word = [];
  for (const span of styled) {
    const parts = span.text.split(' ');
    parts.forEach((part, i) => {
      if (i > 0) {
        if (current.length > 0) words.push(current);
        current = [];
      }
      if (part !== '') current.push(span.tone ? { text: part, tone: span.tone } : { text: part });
    });
  }
  if (current.length > 0) words.push(current);
  return words;
}

const wordLength = (word: Word) => word.reduce((sum, piece) => sum + piece.text.length, 0);

/**
 * The text as lines of at most `width` characters (`restWidth` after the first line), broken between words (runs
 * of spaces become one). A word is never cut: one longer than the line stands alone on it, so a name or an
 * address is always whole. The lines are measured, not painted.
 */
export function wrapStyled(styled: Styled, width: number | undefined, restWidth = width): Styled[] {
  if (width === undefined || textOf(styled).length <= width) return [styled];
  const lines: Span[][] = [];
  let line: Span[] = [];
  let length = 0;
  const limit = () => (lines.length === 0 ? width : (restWidth ?? width));
  for (const word of wordsOf(styled)) {
    if (length > 0 && length + 1 + wordLength(word) > limit()) {
      lines.push(line);
      line = [];
      length = 0;
    }
    if (length > 0) {
      line.push({ text: ' ' });
      length++;
    }
    line.push(...word);
    length += wordLength(word);
  }
  if (line.length > 0 || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * A line with a hanging indent: the first line at `indent`, the lines it wraps onto at `indent` plus
 * `continuation` spaces.
 */
export function wrappedLines(styled: Styled, style: TerminalStyle, indent = 0, continuation = 2): string[] {
  const width = style.width === undefined ? undefined : Math.max(style.width - indent, 1);
  const lines = wrapStyled(styled, width, width === undefined ? undefined : Math.max(width - continuation, 1));
  return lines.map((line, i) => ' '.repeat(indent + (i > 0 ? continuation : 0)) + painted(line, style.color));
}

export interface StyledTable {
  headers: readonly string[];
  rows: readonly (readonly Styled[])[];
  /** The columns that wrap when the table is wider than the terminal (messages, reasons, lists); names never do. */
  wrap: readonly number[];
}

/**
 * Column widths: the natural width of each, narrowed for the wrapping columns when the line would be too long, but
 * never below the column's longest word (nor its header), so that wrapping never cuts a name; a table whose names
 * alone are wider than the terminal stays wider.
 */
function columnWidths(table: StyledTable, width: number | undefined, indent: number): number[] {
  const natural = table.headers.map((header, column) => Math.max(header.length, ...table.rows.map((row) => textOf(row[column] ?? []).length)));
  const gaps = 2 * (natural.length - 1);
  const total = indent + gaps + natural.reduce((sum, w) => sum + w, 0);
  if (width === undefined || total <= width || table.wrap.length === 0) return natural;
  const fixed = indent + gaps + natural.reduce((sum, w, column) => sum + (table.wrap.includes(column) ? 0 : w), 0);
  // Shared out narrowest first: a column that needs less than its share keeps its natural width and leaves the rest.
  const wrapping = [...table.wrap].filter((column) => column < natural.length).sort((a, b) => natural[a]! - natural[b]!);
  const widths = [...natural];
  let remaining = width - fixed;
  wrapping.forEach((column, i) => {
    const longestWord = Math.max(0, ...table.rows.flatMap((row) => wordsOf(row[column] ?? []).map(wordLength)));
    const least = Math.max(table.headers[column]!.length, longestWord, Math.min(natural[column]!, MIN_WRAPPED_COLUMN));
    const share = Math.floor(remaining / (wrapping.length - i));
    widths[column] = Math.min(natural[column]!, Math.max(share, least));
    remaining -= widths[column]!;
  });
  return widths;
}

/** The table as aligned lines, each starting at `indent`; the last column is not padded. */
export function tableLines(table: StyledTable, style: TerminalStyle, indent = 0): string[] {
  const widths = columnWidths(table, style.width, indent);
  const last = table.headers.length - 1;
  const out: string[] = [];
  const emit = (cells: readonly Styled[]) => {
    const wrapped = cells.map((cell, column) => (table.wrap.includes(column) ? wrapStyled(cell, widths[column]) : [cell]));
    const height = Math.max(...wrapped.map((lines) => lines.length));
    for (let i = 0; i < height; i++) {
      const parts = wrapped.map((lines, column) => {
        const line = lines[i] ?? [];
        const text = painted(line, style.color);
        return column === last ? text : text + ' '.repeat(Math.max(widths[column]! - textOf(line).length, 0));
      });
      out.push((' '.repeat(indent) + parts.join('  ')).trimEnd());
    }
  };
  emit(table.headers.map((header) => plain(header)));
  for (const row of table.rows) emit(row);
  return out;
}
