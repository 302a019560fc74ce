/**
 * Bulk throughput of a language server: open many files, wait for each one's first diagnostics, close it.
 * A fixed number of files are in flight at once, so a server's own per-document validation delay overlaps
 * across files instead of adding up.
 */
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { processCpuMs } from './cpu-time';
import { LspSession } from './lsp-session';
import type { ServerSpec } from './servers';

export interface ThroughputOptions {
  inFlight: number;
  startTimeoutMs: number;
  perFileTimeoutMs: number;
  /** Stop opening files after this long; the result then covers the files done so far. */
  budgetMs: number;
}

export interface ThroughputResult {
  server: string;
  files: number;
  filesPlanned: number;
  objects: number;
  bytes: number;
  wallMs: number;
  /** CPU time (user + system, all threads) the server used between the first didOpen and the last diagnostics. */
  cpuMs: number | undefined;
  objectsPerSecond: number;
  megabytesPerSecond: number;
  filesWithErrors: number;
  errorDiagnostics: number;
  inFlight: number;
  stopped?: string;
  peakRssBytes: number | undefined;
}

export async function measureOpenThroughput(spec: ServerSpec, workspace: string, files: readonly string[], objectsPerFile: number, options: ThroughputOptions): Promise<ThroughputResult> {
  const { session } = await LspSession.start(spec.session(workspace), pathToFileURL(workspace).href, options.startTimeoutMs);
  try {
    const texts = files.map((file) => fs.readFileSync(file, 'utf8'));
    let done = 0;
    let bytes = 0;
    let filesWithErrors = 0;
    let errorDiagnostics = 0;
    let stopped: string | undefined;
    let next = 0;
    const pid = session.child.pid;
    const cpuBefore = pid === undefined ? undefined : processCpuMs(pid);
    const started = performance.now();

    const openOne = async (index: number): Promise<void> => {
      const uri = pathToFileURL(files[index]!).href;
      const published = session.waitForDiagnostics(uri, (p) => p.version === undefined || p.version >= 1, options.perFileTimeoutMs);
      session.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: texts[index] } });
      const publication = await published;
      session.notify('textDocument/didClose', { textDocument: { uri } });
      const errors = publication.diagnostics.filter((d) => d.severity === 1).length;
      errorDiagnostics += errors;
      if (errors > 0) filesWithErrors++;
      bytes += Buffer.byteLength(texts[index]!);
      done++;
    };
    const lane = async (): Promise<void> => {
      while (next < files.length && stopped === undefined) {
        if (performance.now() - started > options.budgetMs) {
          stopped = `time budget of ${Math.round(options.budgetMs / 1000)} s reached`;
          return;
        }
        const index = next++;
        try {
          await openOne(index);
        } catch (error) {
          stopped = (error as Error).message;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.inFlight) }, lane));
    const wallMs = performance.now() - started;
    const cpuAfter = pid === undefined ? undefined : processCpuMs(pid);
    const objects = done * objectsPerFile;
    return {
      server: spec.name,
      files: done,
      filesPlanned: files.length,
      objects,
      bytes,
      wallMs,
      cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
      objectsPerSecond: objects / (wallMs / 1000),
      megabytesPerSecond: bytes / 1024 / 1024 / (wallMs / 1000),
      filesWithErrors,
      errorDiagnostics,
      inFlight: options.inFlight,
      ...(stopped ? { stopped } : {}),
      peakRssBytes: session.peakRssBytes(),
    };
  } finally {
    await session.close();
  }
}
