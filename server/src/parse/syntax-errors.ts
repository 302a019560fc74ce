/**
 * A YAML syntax error as a person reads it: the parser's message with plain words beside it, placed on the text
 * that is wrong rather than where the parser happened to notice (often the next line, or a newline).
 */
import type { YAMLError } from 'yaml';
import type { OffsetRange } from '../kube/findings';
import { visibleRange } from './yaml-nodes';

export interface PlacedSyntaxError {
  /** The plain words, for a message of the form `<parser's message> (<plain words>)`. */
  plain: string | undefined;
  range: OffsetRange;
}

const TAB_INDENT_WORDS = 'a tab character cannot indent YAML; indent with spaces';

/** `message` followed by the plain words, when there are any. */
export function withPlainWords(message: string, plain: string | undefined): string {
  return plain ? `${message} (${plain})` : message;
}

/** Plain words and a better range for the first syntax error of a document. */
export function placeSyntaxError(text: string, error: YAMLError): PlacedSyntaxError {
  const [start, end] = error.pos;
  const line = lineAt(text, start);
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return { plain: TAB_INDENT_WORDS, range: visibleRange(text, start, end) };
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      if (error.message.startsWith('A block sequence')) return { plain: 'a list item `- ` stands where this block holds `key: value` pairs', range: line.content };
      // `key: value` followed by a line indented deeper: the parser reads the two lines as one key.
      const next = lineAt(text, line.end + 1);
      if (line.text.includes(': ') && next.start > line.end && next.indent > line.indent && next.content.end > next.content.start) {
        return { plain: 'this line is indented more than its block', range: next.content };
      }
      if (error.code === 'BLOCK_AS_IMPLICIT_KEY') return { plain: 'a value holds `: `; quote the value if the `: ` belongs to it', range: visibleRange(text, start, end) };
      return { plain: missingColon(line.text), range: line.content };
    }
    case 'MISSING_CHAR': {
      const quote = /^Missing closing (["'])quote/.exec(error.message)?.[1];
      if (quote) {
        const opening = openingQuote(text, start, quote);
        const from = opening ?? line.content.start;
        return { plain: `this quoted value is never closed; end it with ${quote}`, range: visibleRange(text, from, lineAt(text, from).content.end) };
      }
      if (/followed by map values/.test(error.message)) return { plain: missingColon(line.text), range: line.content };
      break;
    }
    case 'BAD_INDENT': {
      const flow = /^Flow (map|sequence)/.exec(error.message)?.[1];
      if (flow) {
        const [open, close] = flow === 'map' ? ['{', '}'] : ['[', ']'];
        const opener = unclosedOpener(text, start, open, close);
        if (opener !== undefined) return { plain: `this ${open} is never closed with ${close}`, range: visibleRange(text, opener, lineAt(text, opener).content.end) };
      }
      if (/same column/.test(error.message)) return { plain: 'this line does not line up with the keys of its block', range: contentNear(text, start) };
      break;
    }
    case 'BAD_SCALAR_START':
      return { plain: 'a value that starts with this character must be quoted', range: visibleRange(text, start, end) };
  }
  // Whatever else: keep the parser's place, but never underline only blanks or a line end.
  const underlined = text.slice(start, end);
  return { plain: undefined, range: underlined.trim() === '' ? contentNear(text, start) : visibleRange(text, start, end) };
}

function missingColon(lineText: string): string {
  return /^\s*(?:-\s+)?[^\s:#]+:\S/.test(lineText) ? 'a `:` after a key must be followed by a space' : 'a key is missing its `:`, or a value is missing its key';
}

interface Line {
  start: number;
  end: number;
  text: string;
  indent: number;
  /** The line without its indentation and trailing blanks. */
  content: OffsetRange;
}

function lineAt(text: string, offset: number): Line {
  const at = Math.min(offset, text.length);
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const newline = text.indexOf('\n', at);
  const end = newline === -1 ? text.length : newline;
  const lineText = text.slice(start, end).replace(/\r$/, '');
  const indent = /^[ \t]*/.exec(lineText)![0].length;
  return { start, end, text: lineText, indent, content: { start: start + indent, end: start + Math.max(indent, lineText.trimEnd().length) } };
}

/** The content of the line at `offset`, or of the nearest line above it with content. */
function contentNear(text: string, offset: number): OffsetRange {
  for (let line = lineAt(text, offset); ; line = lineAt(text, line.start - 1)) {
    if (line.content.end > line.content.start) return line.content;
    if (line.start === 0) return visibleRange(text, offset, offset + 1);
  }
}

/** The quote that opens a value: the last one before `before` that stands where a value may start. */
function openingQuote(text: string, before: number, quote: string): number | undefined {
  for (let at = text.lastIndexOf(quote, before - 1); at >= 0; at = text.lastIndexOf(quote, at - 1)) {
    if (at === 0 || /[\s[{,]/.test(text[at - 1]!)) return at;
  }
  return undefined;
}

/** The last `open` before `before` that no `close` after it matches. */
function unclosedOpener(text: string, before: number, open: string, close: string): number | undefined {
  let depth = 0;
  for (let at = Math.min(before, text.length) - 1; at >= 0; at--) {
    if (text[at] === close) depth++;
    else if (text[at] === open) {
      if (depth === 0) return at;
      depth--;
    }
  }
  return undefined;
}
