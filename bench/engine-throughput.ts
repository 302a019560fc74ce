/**
 * Engine throughput on single large files: each file is measured in its own fresh Node process (see
 * engine-worker.ts for what "cold" and "warm" time), so one file's loaded schemas never help another's cold figure.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import type { CorpusFile } from './corpus';
import type { EngineWorkerResult } from './engine-worker';
import { median, percentile } from './stats';

export interface EngineThroughput extends EngineWorkerResult {
  label: string;
  file: string;
  warmMedianMs: number;
  editP50Ms: number;
  editP95Ms: number;
}

export async function measureEngine(file: CorpusFile, kubernetesVersion: string, warmPasses: number, edits: number, timeoutMs: number): Promise<EngineThroughput> {
  const worker = path.join(__dirname, 'engine-worker.js');
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, [worker, file.path, kubernetesVersion, String(warmPasses), String(edits)], { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1 << 20 }, (error, out, err) => {
      if (error) reject(new Error(`${file.label}: ${error.killed ? `killed after ${timeoutMs} ms` : error.message}${err ? `\n${err.slice(-1000)}` : ''}`));
      else resolve(out);
    });
  });
  const result = JSON.parse(stdout.trim().split('\n').pop()!) as EngineWorkerResult;
  return { ...result, label: file.label, file: file.path, warmMedianMs: median(result.warmMs), editP50Ms: percentile(result.editMs, 50), editP95Ms: percentile(result.editMs, 95) };
}
