/**
 * Validates many files on worker threads, one per core: each worker is handed a small batch at a time, so a few
 * large install files do not leave the others idle. Results come back in the order of the files given, so the
 * output does not depend on which worker finished first.
 */
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CheckedFile } from './checked-file';
import type { CheckBatch, CheckBatchResult } from './check-worker';
import type { CheckSettings } from '../check/check-texts';
import { cannotRead } from '../files/read-text';

/**
 * Below this many files, starting workers (each loads the schemas and validators, about half a CPU-second) costs
 * more than it saves: on two cores a 1,000-file tree checks as fast on one thread, with less CPU.
 */
export const PARALLEL_FROM_FILES = 2_000;
const BATCH_FILES = 16;
const MAX_WORKERS = 8;

export function workerCount(files: number): number {
  return Math.max(1, Math.min(availableParallelism(), MAX_WORKERS, Math.ceil(files / (BATCH_FILES * 4))));
}

export async function checkInWorkers(files: readonly string[], settings: CheckSettings, onProgress: (done: number) => void): Promise<CheckedFile[]> {
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += BATCH_FILES) batches.push(files.slice(i, i + BATCH_FILES));
  const results: CheckedFile[][] = new Array<CheckedFile[]>(batches.length);
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let running = 0;
      const feed = (worker: Worker): void => {
        if (next >= batches.length) {
          if (--running === 0) resolve();
          return;
        }
        const batch = next++;
        worker.postMessage({ batch, files: batches[batch]! } satisfies CheckBatch);
      };
      for (let i = 0; i < workerCount(files.length); i++) {
        const worker = new Worker(path.join(__dirname, 'check-worker.js'), { workerData: settings });
        workers.push(worker);
        worker.on('message', (result: CheckBatchResult) => {
          if ('unreadable' in result) {
            reject(cannotRead(result.unreadable.file, result.unreadable.code));
            return;
          }
          results[result.batch] = result.checked;
          done += result.checked.length;
          onProgress(done);
          feed(worker);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (code !== 0) reject(new Error(`a validation worker stopped (exit code ${code})`));
        });
        running++;
        feed(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results.flat();
}
