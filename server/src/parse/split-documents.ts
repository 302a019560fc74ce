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

const MARKER = /^---(?=[ \t\r\n]|$)/gm;
const DIRECTIVE = /^%/m;
const CONTENT_LINE = /^(?!---(?:[ \t]|\r?$))(?!%)(?![ \t]*(?:#.*)?\r?$).+/m;

export function splitDocuments(text: string): DocumentChunk[] {
  const starts = [0];
  for (const match of text.matchAll(MARKER)) if (match.index > 0) starts.push(match.index);
  const chunks = starts.map((start, i) => ({ offset: start, text: text.slice(start, starts[i + 1] ?? text.length) }));
  return mergeDirectivesIntoNext(chunks);
}

/** Directives (`%YAML 1.1`) before a marker belong to the document that follows it. */
function mergeDirectivesIntoNext(chunks: DocumentChunk[]): DocumentChunk[] {
  if (!chunks.some((chunk) => DIRECTIVE.test(chunk.text))) return chunks;
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
