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

const MARKER = /^---(?:[ \t]|\r?$)/;
const NOT_CONTENT = /^(?:\s*(?:#.*)?|%.*)$/;

export function splitDocuments(text: string): DocumentChunk[] {
  const chunks: DocumentChunk[] = [];
  let chunkStart = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    if (lineStart > chunkStart && text.startsWith('---', lineStart) && MARKER.test(text.slice(lineStart, lineEnd))) {
      chunks.push({ offset: chunkStart, text: text.slice(chunkStart, lineStart) });
      chunkStart = lineStart;
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  chunks.push({ offset: chunkStart, text: text.slice(chunkStart) });
  return mergeContentless(chunks);
}

/** Comments and directives before a marker belong to the document that follows. */
function mergeContentless(chunks: DocumentChunk[]): DocumentChunk[] {
  const merged: DocumentChunk[] = [];
  let pending: DocumentChunk | undefined;
  for (const chunk of chunks) {
    const joined: DocumentChunk = pending ? { offset: pending.offset, text: pending.text + chunk.text } : chunk;
    const hasContent = joined.text.split('\n').some((line) => !NOT_CONTENT.test(line) && !MARKER.test(line));
    if (!hasContent && joined.text.split('\n').some((line) => line.startsWith('%'))) {
      pending = joined;
      continue;
    }
    pending = undefined;
    merged.push(joined);
  }
  if (pending) merged.push(pending);
  return merged;
}
