/**
 * Splits a YAML stream into the text of its documents at `---` lines, so that each document can be parsed,
 * validated and cached on its own: an edit in one document of a 35,000-line install file re-parses only that
 * document. kubectl's reader (k8s.io/apimachinery/pkg/util/yaml, YAMLReader) cuts the stream at every line that
 * starts with `---`, whatever follows, and go-yaml parses each piece alone; the split is the same, so it never
 * changes what the documents contain. (A piece whose `---` line has content is refused: parseYamlChunk.)
 */
export interface DocumentChunk {
  /** Offset of the chunk's first character in the whole text. */
  offset: number;
  text: string;
}

export function splitDocuments(text: string): DocumentChunk[] {
  const starts = [0];
  // indexOf finds candidates far faster than a multi-line regex over a large file.
  for (let at = text.indexOf('\n---'); at !== -1; at = text.indexOf('\n---', at + 1)) starts.push(at + 1);
  return starts.map((start, i) => ({ offset: start, text: text.slice(start, starts[i + 1] ?? text.length) }));
}
