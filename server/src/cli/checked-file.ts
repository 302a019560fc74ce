/**
 * One file as `kubeplan check` validated it, in a form that crosses a worker-thread boundary: the objects' values
 * and places, and the file's own findings already positioned. Where a file's text or syntax tree is needed again
 * (placing a cross-object finding, applying suppressions), it is read again: that is rare, and cheaper than
 * sending every text back.
 */
import { LineIndex } from '../parse/line-index';
import type { ManifestText } from '../parse/utf8';
import { validateText } from '../check/validate-text';
import type { FileReport, SkippedReason } from '../check/report';
import type { FileFinding } from '../kube/findings';
import { isPatchFile, type CheckSettings, type ValidatedObject } from '../check/check-texts';
import type { CheckDiagnostic } from './output-formats';
import { HelmSources } from '../check/helm-sources';

export interface CheckedFile {
  /** The path as given (`-` for standard input). */
  file: string;
  /** The name diagnostics carry: the path, or `<stdin>`. */
  displayName: string;
  objects: ValidatedObject[];
  diagnostics: CheckDiagnostic[];
  /** Why the file was not validated (too large, not text, a template); absent when it was. */
  skipped?: SkippedReason;
}

/** The name findings in standard input carry. */
export const STDIN_NAME = '<stdin>';

/** The name a file's diagnostics carry: the path as given, or `<stdin>` for `-`. */
export function displayNameOf(file: string): string {
  return file === '-' ? STDIN_NAME : file;
}

/** Validates one file's text: its objects and its own findings, positioned. */
export function checkText(file: string, { text, invalidUtf8 }: ManifestText, settings: CheckSettings): CheckedFile {
  return checkedFile(
    file,
    text,
    validateText(text, {
      kubernetesVersion: settings.kubernetesVersion,
      rules: settings.rules,
      maxBytes: settings.maxBytes,
      fileName: file,
      patch: isPatchFile(settings, file),
      ...(invalidUtf8 ? { invalidUtf8 } : {}),
    }),
  );
}

/** A file's validation report in the form that crosses threads. */
export function checkedFile(file: string, text: string, report: FileReport): CheckedFile {
  const displayName = displayNameOf(file);
  const lines = new LineIndex(text);
  const rendered = HelmSources.of(text, lines);
  return {
    file,
    displayName,
    objects: report.objects.map(({ apiVersion, kind, name, namespace, value, range }) => ({ apiVersion, kind, name, namespace, value, range })),
    diagnostics: report.findings.map((finding) => toDiagnostic(displayName, finding, lines, rendered)),
    ...(report.skipped ? { skipped: report.skipped } : {}),
  };
}

/** A finding on lines and columns; in Helm's rendered output, also the chart template of its document. */
export function toDiagnostic(file: string, finding: FileFinding, lines: LineIndex, rendered?: HelmSources): CheckDiagnostic {
  const start = lines.positionAt(finding.range.start);
  const end = lines.positionAt(finding.range.end);
  const renderedFrom = rendered?.at(finding.range.start);
  return {
    file,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    severity: finding.severity,
    rule: finding.rule,
    message: finding.message,
    path: finding.path,
    apiVersion: finding.object?.apiVersion ?? '',
    kind: finding.object?.kind ?? '',
    name: finding.object?.name ?? '',
    namespace: finding.object?.namespace ?? '',
    ...(renderedFrom ? { renderedFrom } : {}),
  };
}
