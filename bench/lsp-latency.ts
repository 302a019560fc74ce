/**
 * Editor-shaped latency of a language server on one large file: didOpen → first diagnostics, then a series of
 * small incremental edits that alternately break and repair one value, each timed from sending didChange to
 * the publication that reflects that edit.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { LspSession, type Publication } from './lsp-session';
import { editedValue, findEditTarget, type EditTarget } from './edit-target';
import type { ServerSpec } from './servers';
import { percentile } from './stats';

export interface LatencyOptions {
  edits: number;
  startTimeoutMs: number;
  openTimeoutMs: number;
  editTimeoutMs: number;
  /** Pause between edits, so that each edit is timed on its own rather than queued behind the last. */
  gapMs: number;
}

export interface LatencyResult {
  server: string;
  /** Whether the file was inside the server's workspace folder. */
  inWorkspaceFolder: boolean;
  file: string;
  lines: number;
  bytes: number;
  initializeMs: number;
  openMs: number;
  openDiagnostics: number;
  openErrors: number;
  edit: { line: number; field: string };
  editMs: number[];
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Whether the server tags its publications with the document version. */
  versioned: boolean;
  /** Edits whose versioned publication did not show (invalid) or clear (valid) a diagnostic on the edited line. */
  wrongContent: number;
  /**
   * The server's own timing of each edit's validation, where its log says it (kubeplan logs
   * "validated <uri> (version N): … in X ms"); the rest of edit→diagnostics is transport, scheduling and waiting.
   */
  serverValidateMs?: { p50: number; p95: number; samples: number };
  /** Why the edit series stopped early, if it did. */
  stopped?: string;
  peakRssBytes: number | undefined;
}

/**
 * Copies `file` into `workspace` and measures it there. The server's workspace folder is `root`: by default the
 * same folder, so the server sees a workspace holding just this file (and may index it from disk as well).
 */
export async function measureLatency(spec: ServerSpec, file: string, workspace: string, options: LatencyOptions, root = workspace): Promise<LatencyResult> {
  fs.mkdirSync(workspace, { recursive: true });
  const local = path.join(workspace, path.basename(file));
  fs.copyFileSync(file, local);
  const text = fs.readFileSync(local, 'utf8');
  const target = findEditTarget(text);
  if (!target) throw new Error(`no integer containerPort line to edit in ${file}`);
  const uri = pathToFileURL(local).href;

  const { session, initializeMs } = await LspSession.start(spec.session(root), pathToFileURL(root).href, options.startTimeoutMs);
  try {
    const opened = session.waitForDiagnostics(uri, (p) => p.version === undefined || p.version >= 1, options.openTimeoutMs);
    const openSent = performance.now();
    session.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const first = await opened;
    const openMs = first.at - openSent;

    const { editMs, versioned, wrongContent, stopped } = await timeEdits(session, uri, target, options, first.version !== undefined);

    const peakRssBytes = session.peakRssBytes();
    const serverValidateMs = serverTimings(
      session.logMessages.map((m) => m.message),
      2,
      options.edits + 1,
    );
    return {
      server: spec.name,
      inWorkspaceFolder: root === workspace,
      file,
      lines: text.split('\n').length,
      bytes: Buffer.byteLength(text),
      initializeMs,
      openMs,
      openDiagnostics: first.diagnostics.length,
      openErrors: first.diagnostics.filter((d) => d.severity === 1).length,
      edit: { line: target.line + 1, field: target.field },
      editMs,
      p50Ms: percentile(editMs, 50),
      p95Ms: percentile(editMs, 95),
      maxMs: Math.max(...editMs),
      versioned,
      wrongContent,
      ...(serverValidateMs ? { serverValidateMs } : {}),
      ...(stopped ? { stopped } : {}),
      peakRssBytes,
    };
  } finally {
    await session.close();
  }
}

/** Validation times the server logged for document versions `from`..`to`; undefined when it logs none. */
function serverTimings(messages: readonly string[], from: number, to: number): { p50: number; p95: number; samples: number } | undefined {
  const samples: number[] = [];
  for (const message of messages) {
    const match = /\(version (\d+)\).* in (\d+(?:\.\d+)?) ms/.exec(message);
    if (match && Number(match[1]) >= from && Number(match[1]) <= to) samples.push(Number(match[2]));
  }
  return samples.length ? { p50: percentile(samples, 50), p95: percentile(samples, 95), samples: samples.length } : undefined;
}

export interface EditSeries {
  editMs: number[];
  versioned: boolean;
  wrongContent: number;
  stopped?: string;
}

/**
 * `options.edits` one-value edits of `target` in the open document `uri` (version 1 when opened), each timed from
 * sending didChange to the publication that reflects it.
 */
export async function timeEdits(
  session: LspSession,
  uri: string,
  target: EditTarget,
  options: Pick<LatencyOptions, 'edits' | 'editTimeoutMs' | 'gapMs'>,
  versionedOpen: boolean,
): Promise<EditSeries> {
  const editMs: number[] = [];
  let versioned = versionedOpen;
  let wrongContent = 0;
  let stopped: string | undefined;
  let current = target.original;
  for (let edit = 1; edit <= options.edits; edit++) {
    const version = edit + 1;
    const { value: next, invalid } = editedValue(edit);
    const showsEdit = (p: Publication) => p.diagnostics.some((d) => d.range.start.line <= target.line && d.range.end.line >= target.line);
    const reflects = (p: Publication) => (invalid ? showsEdit(p) : !showsEdit(p));
    // Versioned publications are matched on version (and checked for content); unversioned ones on content.
    const accept = (p: Publication) => (p.version === undefined ? reflects(p) : p.version >= version);
    const published = session.waitForDiagnostics(uri, accept, options.editTimeoutMs);
    const sent = performance.now();
    session.notify('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [
        {
          range: { start: { line: target.line, character: target.character }, end: { line: target.line, character: target.character + current.length } },
          text: next,
        },
      ],
    });
    current = next;
    try {
      const publication = await published;
      editMs.push(publication.at - sent);
      if (publication.version !== undefined) {
        versioned = true;
        if (!reflects(publication)) wrongContent++;
      }
    } catch (error) {
      stopped = `edit ${edit}: ${(error as Error).message}`;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, options.gapMs));
  }
  return { editMs, versioned, wrongContent, ...(stopped ? { stopped } : {}) };
}
