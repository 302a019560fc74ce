/** What every section of the plan page is built from: links to where objects are written, tables and counts. */
import type { RenderedFrom, SourceLocation } from '../../protocol/plan-request';
import { escapeHtml } from './escape';

/** Where each object is written: a link the webview's script opens, or the file and line in a tooltip on a page saved as a file. */
export class SourceLinks {
  constructor(
    private readonly sources: Record<string, SourceLocation>,
    /** Links the webview's script opens; false on a page saved as a file. */
    readonly interactive: boolean,
  ) {}

  /** `text` naming the object `Kind/namespace/name`; its plain name when no manifest of the plan holds it. */
  to(text: string, key: string): string {
    return this.at(text, this.sources[key]);
  }

  at(text: string, location: SourceLocation | undefined): string {
    if (!location) return escapeHtml(text);
    const { uri, range } = location;
    const rendered = location.renderedFrom ? `${renderedName(location.renderedFrom)}, ` : '';
    if (!this.interactive) return `<span class="source" title="${escapeHtml(`${rendered}${uri}:${range.start.line + 1}`)}">${escapeHtml(text)}</span>`;
    return `<a href="#" data-uri="${escapeHtml(uri)}" data-line="${range.start.line}" data-character="${range.start.character}">${escapeHtml(text)}</a>`;
  }

  /**
   * The file a problem is in, as a reader knows it: in the editor the last part of its URI (decoded; the link opens
   * it), in a file the path `kubeplan plan` was given, as it is.
   */
  fileName(location: SourceLocation): string {
    if (!this.interactive) return location.uri;
    const last = location.uri.slice(location.uri.lastIndexOf('/') + 1);
    try {
      return decodeURIComponent(last);
    } catch {
      return last;
    }
  }
}

/** A table of cells already escaped; the headers are escaped here. */
export function table(headers: readonly string[], rows: readonly string[]): string {
  return `<table><thead><tr>${headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** `1 pod`, `3 pods`. */
export function count(n: number, word: string, plural = `${word}s`): string {
  return `${n} ${n === 1 ? word : plural}`;
}

/** A chart template as Helm's rendered output names it: `mychart/templates/web.yaml (rendered, line 12)`. */
export function renderedName({ template, line }: RenderedFrom): string {
  return `${template} (rendered, line ${line})`;
}
