/**
 * Between the engine's terms and LSP's: findings to diagnostics, offsets to positions, URIs to the paths the
 * workspace index keys files by, and back.
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileFinding, ObjectRef, Severity } from '../kube/findings';
import type { LineIndex } from '../parse/line-index';
import type { ManifestObject } from '../check/report';
import type { IndexedObject } from '../workspace/indexed-object';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: FileFinding, lines: LineIndex): Diagnostic {
  return {
    range: { start: lines.positionAt(finding.range.start), end: lines.positionAt(finding.range.end) },
    severity: SEVERITIES[finding.severity],
    source: 'kubeplan',
    code: finding.rule,
    message: withPath(finding),
    data: { path: finding.path, object: finding.object },
  };
}

/** API server messages usually name the field; where one does not, the reader still needs to know which. */
function withPath(finding: FileFinding): string {
  const nested = finding.path.includes('.') || finding.path.includes('[');
  return nested && !finding.message.includes(finding.path) ? `${finding.message}${pathSuffix(finding.path)}` : finding.message;
}

function pathSuffix(path: string): string {
  return ` (${path})`;
}

/** The finding's own message of a diagnostic: without the field path `toDiagnostic` added, for fixes that read it. */
export function findingMessage(diagnostic: Diagnostic, path: string): string {
  const suffix = pathSuffix(path);
  return path !== '' && diagnostic.message.endsWith(suffix) ? diagnostic.message.slice(0, -suffix.length) : diagnostic.message;
}

export function internalErrorDiagnostic(): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: 'kubeplan',
    code: 'internal-error',
    message: 'kubeplan could not validate this file because of an internal error; the Kubeplan output has the details',
  };
}

/** The object a diagnostic is about, as toDiagnostic recorded it. */
export function objectOf(diagnostic: Diagnostic): ObjectRef | undefined {
  return (diagnostic.data as { object?: ObjectRef } | undefined)?.object;
}

export function toIndexed(object: ManifestObject, lines: LineIndex): IndexedObject {
  const { apiVersion, kind, name, namespace, value, locate } = object;
  return { apiVersion, kind, name, namespace, value, locate, range: { start: lines.positionAt(object.range.start), end: lines.positionAt(object.range.end) } };
}

/** The document's range of a span of offsets into its text. */
export function rangeIn(document: TextDocument, span: { start: number; end: number }): Range {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

export function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Files are indexed by path, so that an open document and its file on disk are one entry. */
export function indexKey(uri: string): string {
  return filePath(uri) ?? uri;
}

/** The URI of an index key: a file's path, or the URI of a document that is no file. */
export function uriOf(key: string): string {
  return path.isAbsolute(key) ? pathToFileURL(key).href : key;
}
