/** A completion proposal, without LSP types: the server turns it into a CompletionItem. */
import type { OffsetRange } from '../kube/findings';

export type CompletionEntryKind = 'field' | 'value' | 'enum' | 'kind' | 'snippet' | 'reference';

export interface CompletionEntry {
  label: string;
  kind: CompletionEntryKind;
  /** A short line beside the label: a field's type, the object a name refers to. */
  detail?: string;
  /** Plain text. */
  documentation?: string;
  /** Replaces `replace`; `$1`, `${1:default}` and `$0` are tab stops when `snippet` is set. Indentation is relative to the line. */
  insertText: string;
  snippet: boolean;
  replace: OffsetRange;
  /** Orders the list: required fields before optional ones. */
  sortText: string;
}

/** The text a snippet inserts when every placeholder keeps its default. */
export function snippetDefaultText(snippet: string): string {
  let text = snippet;
  // Innermost first: a default may hold another placeholder.
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(/\$\{\d+:([^${}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1');
  }
  return text.replace(/\$\d+/g, '').replace(/\\([$}\\])/g, '$1');
}

/** Text a snippet inserts as written: `$`, `}` and `\\` escaped. */
export function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}
