/**
 * Splits a YAML stream into the text of its documents at `---` lines, so that each document can be parsed,
 * validated and cached on its own: an edit in one document of a 35,000-line install file re-parses only that
 * document. A line starting with `---` followed by a space or the end of line is a document marker wherever it
 * appears (YAML forbids it inside content), so the split never changes what the documents contain.
 */
export interface DocumentChunk {
  /** Offset of the chunk's first character in the whole text. */
  offset: number;
  text: string;
}

const MARKER_AFTER_NEWLINE = /^---(?:[ \t\r\n]|$)/;
const DIRECTIVE = /^%/m;
const CONTENT_LINE = /^(?!---(?:[ \t]|\r?$))(?!%)(?![ \t]*(?:#.*)?\r?$).+/m;

export function splitDocuments(text: string): DocumentChunk[] {
  const starts = [0];
  // indexOf finds candidates far faster than a multi-line regex over a large file.
  for (let at = text.indexOf('\n---'); at !== -1; at = text.indexOf('\n---', at + 1)) {
    if (MARKER_AFTER_NEWLINE.test(text.slice(at + 1, at + 5))) starts.push(at + 1);
  }
  const chunks = starts.map((start, i) => ({ offset: start, text: text.slice(start, starts[i + 1] ?? text.length) }));
  const hasDirective = text.startsWith('%') || text.includes('\n%');
  return hasDirective ? mergeDirectivesIntoNext(chunks) : chunks;
}

/** Directives (`%YAML 1.1`) before a marker belong to the document that follows it. */
function mergeDirectivesIntoNext(chunks: DocumentChunk[]): DocumentChunk[] {
  const merged: DocumentChunk[] = [];
  let pending: DocumentChunk | undefined;
  for (const chunk of chunks) {
    const joined: DocumentChunk = pending ? { offset: pending.offset, text: pending.text + chunk.text } : chunk;
    pending = undefined;
    if (DIRECTIVE.test(joined.text) && !CONTENT_LINE.test(joined.text)) pending = joined;
    else merged.push(joined);
  }
  if (pending) merged.push(pending);
  return merged;
}
