/** Converts between offsets in a text and zero-based line/character positions (UTF-16, as LSP counts). */
export interface Position {
  line: number;
  character: number;
}

export class LineIndex {
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = lastAtOrBefore(this.lineStarts, clamped);
    return { line, character: clamped - this.lineStarts[line]! };
  }

  /** Offset of the first character of `line` (0-based, within the text's lines). */
  lineStart(line: number): number {
    return this.lineStarts[line]!;
  }

  offsetAt(position: Position): number {
    const lineStart = this.lineStarts[Math.max(0, Math.min(position.line, this.lineStarts.length - 1))]!;
    return Math.min(lineStart + position.character, this.text.length);
  }
}

/** The index of the last of the ascending `starts` that is at or before `offset` (0 when none is). */
export function lastAtOrBefore(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
