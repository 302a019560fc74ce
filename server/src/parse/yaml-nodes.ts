/** Small facts about nodes of the `yaml` syntax tree, shared by the decoder and the source map. */
import { isScalar, type Node } from 'yaml';
import type { OffsetRange } from '../kube/findings';

export function rangeOf(node: Node | null | undefined): OffsetRange {
  const range = node?.range;
  if (!range) return { start: 0, end: 1 };
  return { start: range[0], end: Math.max(range[1], range[0] + 1) };
}

/** A plain `<<` key; the parser represents it as a symbol when merges are on. */
export function isMergeKey(key: unknown): boolean {
  if (!isScalar(key) || key.type !== 'PLAIN') return false;
  return key.value === '<<' || (typeof key.value === 'symbol' && key.value.description === '<<');
}

/** At least one character to underline where there is one, never past the end of the text. */
export function visibleRange(text: string, start: number, end: number): OffsetRange {
  const from = Math.min(start, text.length);
  return { start: from, end: Math.min(Math.max(end, from + 1), text.length) };
}
