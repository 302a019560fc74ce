/**
 * The chart templates that produced the documents of Helm's rendered output (`helm template`, `helm install
 * --dry-run`, the files of `helm template --output-dir`). Helm writes every document as
 * `---\n# Source: <chart>/templates/<file>\n<document>\n` (pkg/action/action.go, renderResources; hooks in
 * pkg/cmd/template.go; a subchart's templates as `<chart>/charts/<sub>/templates/<file>`, `--include-crds` CRDs as
 * `<chart>/crds/<file>`), one `# Source:` per document even when one template yields several
 * (pkg/release/v1/util/manifest_sorter.go, SortManifests, splits each template at its `---` lines first). A finding
 * in such a document names the template and the line within the document as rendered: the line after the comment is
 * line 1. Documents without the comment (YAML written by hand, or what follows a `---` inside a template Helm could
 * not sort and wrote whole) keep only their place in the file.
 */
import { lastAtOrBefore, type LineIndex } from '../parse/line-index';
import { splitDocuments } from '../parse/split-documents';
import type { RenderedFrom } from '../protocol/plan-request';

export type { RenderedFrom };

/** Helm's comment, on the first line of a document or on the line after its `---`. */
const SOURCE_LINE = /^# Source: (.+?)[ \t]*\r?$/;
const SEPARATOR = /^---[ \t]*\r?$/;

interface SourcedDocument {
  /** Where the document starts in the text (its `---` line, or the text's start). */
  start: number;
  template: string;
  /** The zero-based line of the `# Source:` comment in the whole text. */
  commentLine: number;
}

/** The Helm templates of a text's documents; absent when no document carries a `# Source:` comment. */
export class HelmSources {
  private readonly starts: number[];

  private constructor(
    private readonly documents: SourcedDocument[],
    private readonly lines: LineIndex,
  ) {
    this.starts = documents.map((d) => d.start);
  }

  static of(text: string, lines: LineIndex): HelmSources | undefined {
    if (!text.includes('# Source: ')) return undefined;
    const documents: SourcedDocument[] = [];
    let sourced = false;
    for (const chunk of splitDocuments(text)) {
      const source = sourceComment(chunk.text);
      // A document without the comment starts a stretch that no template is named for.
      documents.push(
        source ? { start: chunk.offset, template: source.template, commentLine: lines.positionAt(chunk.offset + source.at).line } : { start: chunk.offset, template: '', commentLine: -1 },
      );
      sourced ||= source !== undefined;
    }
    return sourced ? new HelmSources(documents, lines) : undefined;
  }

  /** The template of the document holding `offset`, and the offset's line within that document as Helm rendered it. */
  at(offset: number): RenderedFrom | undefined {
    const document = this.documents[lastAtOrBefore(this.starts, offset)];
    if (!document || document.commentLine < 0) return undefined;
    const line = this.lines.positionAt(offset).line - document.commentLine;
    // A finding on the `---` or on the comment itself (a whole-document finding) is placed at the document's first line.
    return { template: document.template, line: Math.max(1, line) };
  }
}

/** The `# Source:` comment at the head of a document (after its `---` line, if any), with its offset in the chunk. */
function sourceComment(chunk: string): { template: string; at: number } | undefined {
  let at = 0;
  const firstEnd = lineEnd(chunk, 0);
  if (SEPARATOR.test(chunk.slice(0, firstEnd))) at = Math.min(chunk.length, firstEnd + 1);
  const match = SOURCE_LINE.exec(chunk.slice(at, lineEnd(chunk, at)));
  return match ? { template: match[1]!, at } : undefined;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}
