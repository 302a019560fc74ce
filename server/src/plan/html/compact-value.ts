/**
 * A field's value in one short line, for the field changes of a plan read in a terminal, a pull-request comment or the plan page:
 * `nginx:1.27`, `6`, `{cpu: 500m, memory: 256Mi}`. Long values are shortened so that what tells two values apart
 * usually stays: a long string keeps its start and its end (a registry and a tag), a multi-line string its first
 * line, a large map its keys, a long list its length. The JSON plan has the whole values.
 */

/** Characters a value takes at most before it is shortened. */
export const COMPACT_WIDTH = 60;

/** Unset on that side of the change. */
export const UNSET = '(none)';

export function compactValue(value: unknown, width = COMPACT_WIDTH): string {
  if (value === null || value === undefined) return UNSET;
  if (typeof value === 'string') return compactString(value, width);
  if (typeof value !== 'object') return String(value);
  const full = inline(value);
  if (full.length <= width) return full;
  if (Array.isArray(value)) return `[${value.length} items]`;
  const keys = Object.keys(value);
  const listed = `{${keys.join(', ')}}`;
  return listed.length <= width ? listed : `{${keys.length} keys}`;
}

function inline(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return quotedIfNeeded(value);
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  return `{${Object.entries(value)
    .map(([key, item]) => `${key}: ${inline(item)}`)
    .join(', ')}}`;
}

function compactString(text: string, width: number): string {
  const lines = text.split('\n');
  if (lines.length > 1 && !(lines.length === 2 && lines[1] === '')) {
    const first = shortened(lines[0]!, Math.max(width - 20, 10));
    return `${quotedIfNeeded(first)}… (${lines.length} lines, ${text.length} chars)`;
  }
  const line = lines[0]!;
  if (line.length <= width) return quotedIfNeeded(line);
  return `${shortened(line, width)} (${line.length} chars)`;
}

/** The start and the end of a long text around `…`. */
function shortened(text: string, width: number): string {
  if (text.length <= width) return text;
  const head = Math.ceil((width - 1) / 2);
  const tail = width - 1 - head;
  return `${text.slice(0, head)}…${text.slice(text.length - tail)}`;
}

/** A string in quotes when it would otherwise read as another value: empty, a number, a boolean, null, or padded with spaces. */
function quotedIfNeeded(text: string): string {
  if (text === '' || /^\s|\s$/.test(text) || /^(true|false|null|-?\d+(\.\d+)?([eE][-+]?\d+)?)$/.test(text) || text === UNSET) return JSON.stringify(text);
  return text;
}
