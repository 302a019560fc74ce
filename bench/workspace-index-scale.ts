/**
 * The language server on big workspaces: generated workspaces of 1,000, 10,000 and 30,000 files, each indexed by a
 * fresh server (time to index as the server reports it, peak RSS), then one file opened and edited (edit→diagnostics
 * p50/p95). With the build of the code before (`--baseline DIR`), each size is measured here and there in turn
 * (A B A B, fresh processes), so the ratio compares runs made under the same load.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateWorkspace } from './corpus';
import { findEditTarget } from './edit-target';
import { timeEdits } from './lsp-latency';
import { LspSession, withTimeout } from './lsp-session';
import { kubeplanServer } from './servers';
import { percentile } from './stats';

export interface IndexScaleOptions {
  sizes: readonly number[];
  /** Objects per generated file. */
  perFile: number;
  /** Runs per build and size. */
  rounds: number;
  edits: number;
  kubernetesVersion: string;
}

/** One fresh server: the workspace indexed, then one file opened and edited. */
export interface IndexRun {
  indexMs: number;
  files: number;
  objects: number;
  /** VmHWM once the index is idle, and at the end (after the edits). */
  peakRssAfterIndexBytes: number | undefined;
  peakRssBytes: number | undefined;
  editP50Ms: number;
  editP95Ms: number;
  stopped?: string;
}

export interface IndexScaleRow {
  files: number;
  objects: number;
  current: IndexRun[];
  /** Absent without a baseline build. */
  before?: IndexRun[];
}

export interface IndexScaleResult {
  perFile: number;
  rounds: number;
  edits: number;
  baseline?: { dir: string; commit: string | undefined };
  rows: IndexScaleRow[];
}

export const DEFAULT_INDEX_SCALE: Omit<IndexScaleOptions, 'kubernetesVersion'> = { sizes: [1000, 10_000, 30_000], perFile: 4, rounds: 2, edits: 20 };

const INDEXED = /indexed (\d+) objects in (\d+) files in (\d+) ms/;

export async function measureIndexScale(
  repoRoot: string,
  baseline: { dir: string; commit: string | undefined } | undefined,
  scratch: string,
  options: IndexScaleOptions,
): Promise<IndexScaleResult> {
  if (baseline && !fs.existsSync(path.join(baseline.dir, 'bin', 'kubeplan.js'))) throw new Error(`${baseline.dir} holds no build of kubeplan (bin/kubeplan.js)`);
  const rows: IndexScaleRow[] = [];
  for (const size of options.sizes) {
    const dir = path.join(scratch, `index-scale-${size}`);
    const generated = generateWorkspace(dir, size, options.perFile, Number.MAX_SAFE_INTEGER);
    const edited = generated.files.find((file) => findEditTarget(fs.readFileSync(file, 'utf8')) !== undefined);
    if (!edited) throw new Error('no generated file with a containerPort to edit');
    const row: IndexScaleRow = { files: size, objects: generated.objects, current: [], ...(baseline ? { before: [] } : {}) };
    for (let round = 0; round < options.rounds; round++) {
      // A B, then B A: neither build always runs first after the other's process exits.
      const order = round % 2 === 0 ? (['current', 'before'] as const) : (['before', 'current'] as const);
      for (const which of order) {
        if (which === 'before' && !baseline) continue;
        const root = which === 'current' ? repoRoot : baseline!.dir;
        process.stderr.write(` ${size}:${which === 'current' ? 'A' : 'B'}`);
        (which === 'current' ? row.current : row.before!).push(await indexAndEdit(root, dir, edited, options));
      }
    }
    rows.push(row);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { perFile: options.perFile, rounds: options.rounds, edits: options.edits, ...(baseline ? { baseline } : {}), rows };
}

async function indexAndEdit(repoRoot: string, dir: string, file: string, options: IndexScaleOptions): Promise<IndexRun> {
  const spec = kubeplanServer(repoRoot, options.kubernetesVersion);
  const { session } = await LspSession.start(spec.session(dir), pathToFileURL(dir).href, 30_000);
  try {
    const indexed = await withTimeout(waitForLog(session, INDEXED), 180_000, 'the workspace index');
    const peakRssAfterIndexBytes = session.peakRssBytes();
    const text = fs.readFileSync(file, 'utf8');
    const target = findEditTarget(text)!;
    const uri = pathToFileURL(file).href;
    const opened = session.waitForDiagnostics(uri, (p) => p.version === undefined || p.version >= 1, 30_000);
    session.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const first = await opened;
    const series = await timeEdits(session, uri, target, { edits: options.edits, editTimeoutMs: 10_000, gapMs: 20 }, first.version !== undefined);
    return {
      indexMs: Number(indexed[3]),
      objects: Number(indexed[1]),
      files: Number(indexed[2]),
      peakRssAfterIndexBytes,
      peakRssBytes: session.peakRssBytes(),
      editP50Ms: percentile(series.editMs, 50),
      editP95Ms: percentile(series.editMs, 95),
      ...(series.stopped ? { stopped: series.stopped } : {}),
    };
  } finally {
    await session.close();
  }
}

/** The first log message matching `pattern`, polled: the session keeps the messages it read. */
async function waitForLog(session: LspSession, pattern: RegExp): Promise<RegExpExecArray> {
  for (;;) {
    for (const { message } of session.logMessages) {
      const match = pattern.exec(message);
      if (match) return match;
    }
    if (!session.alive) throw new Error(`the server stopped before logging ${pattern}: ${session.stderr.slice(-300)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
