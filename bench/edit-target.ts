/**
 * The one value the latency measurements edit: the same place, and the same alternation of a valid and an
 * invalid value, for the engine in-process and for each language server.
 */

export interface EditTarget {
  /** 0-based line of the value that is edited. */
  line: number;
  /** 0-based column where the value starts. */
  character: number;
  original: string;
  field: string;
}

/** The first integer `containerPort`: a value both servers type-check, inside a Deployment's pod template. */
export function findEditTarget(text: string): EditTarget | undefined {
  const lines = text.split('\n');
  for (let line = 0; line < lines.length; line++) {
    const match = /^(\s*-?\s*containerPort:\s*)(\d+)\s*$/.exec(lines[line]!);
    if (match) return { line, character: match[1]!.length, original: match[2]!, field: 'containerPort' };
  }
  return undefined;
}

/** The value written by the n-th edit (1-based): odd edits break the field's type, even edits repair it. */
export function editedValue(edit: number): { value: string; invalid: boolean } {
  const invalid = edit % 2 === 1;
  return { value: invalid ? `port${edit}` : String(8000 + edit), invalid };
}

/** `text` with the target's value (currently `current`) replaced by `value`. */
export function applyEdit(text: string, target: EditTarget, current: string, value: string): string {
  let offset = 0;
  for (let line = 0; line < target.line; line++) offset = text.indexOf('\n', offset) + 1;
  const at = offset + target.character;
  return text.slice(0, at) + value + text.slice(at + current.length);
}
