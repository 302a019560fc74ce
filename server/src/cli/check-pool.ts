/**
 * Validates many files on worker threads, one per core: each worker is handed a small batch at a time, so a few
 * large install files do not leave the others idle. Batches are handed out a few ahead of the one being reported
 * and come back in the order of the files given, so the output does not depend on which worker finished first
 * and only the batches in flight are held.
 */
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CheckedFile, PlacementRequest } from './checked-file';
import type { WorkerAnswer, WorkerJob, WorkerTask } from './check-worker';
import type { CheckDiagnostic } from './output-formats';
import type { CheckSettings } from '../check/check-texts';
import { cannotRead } from '../files/read-text';

/**
 * Below this many files, starting workers (each loads the schemas and validators, about half a CPU-second) costs
 * more than it saves: on two cores a 1,000-file tree checks as fast on one thread, with less CPU.
 */
export const PARALLEL_FROM_FILES = 2_000;
const BATCH_FILES = 16;
const MAX_WORKERS = 16;
/** Batches handed out per worker beyond the one being reported, so that no worker waits for the next. */
const AHEAD_PER_WORKER = 2;

/**
 * The worker threads a check of `files` files starts unless `--jobs` says: one fewer than the cores, since the main
 * thread has work of its own (the catalog, the cross-object rules, the report), and none below two of them. Measured
 * on two cores with 10,000 files: one thread took 6.0 s and 8.2 CPU-seconds, one worker beside it 7.0 s and 9.4,
 * two workers 7.6 s and 13.4 — threads that share the cores slow each other down more than they share the work.
 */
export function defaultWorkerCount(files: number, cores = availableParallelism()): number {
  if (files < PARALLEL_FROM_FILES) return 0;
  const workers = Math.min(cores - 1, MAX_WORKERS);
  return workers >= 2 ? workers : 0;
}

/** `--jobs N` for `files` files: no more workers than there are batches to hand out. */
export function requestedWorkerCount(jobs: number, files: number): number {
  return Math.min(jobs, Math.ceil(files / BATCH_FILES));
}

interface Pending {
  message: WorkerJob;
  resolve: (answer: WorkerAnswer) => void;
  reject: (error: Error) => void;
}

export class CheckPool {
  private readonly idle: Worker[] = [];
  private readonly waiting: Pending[] = [];
  private readonly running = new Map<Worker, Pending>();
  private readonly workers: Worker[] = [];
  private failure: Error | undefined;
  private jobs = 0;

  constructor(size: number, settings: CheckSettings) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(path.join(__dirname, 'check-worker.js'), { workerData: settings });
      this.workers.push(worker);
      this.idle.push(worker);
      worker.on('message', (answer: WorkerAnswer) => {
        const pending = this.running.get(worker);
        this.running.delete(worker);
        this.idle.push(worker);
        if ('unreadable' in answer) pending?.reject(cannotRead(answer.unreadable.file, answer.unreadable.code));
        else pending?.resolve(answer);
        this.dispatch();
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a validation worker stopped (exit code ${code})`));
      });
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** The files checked, a batch at a time in the order given. */
  async *checkInOrder(files: readonly string[]): AsyncGenerator<CheckedFile[]> {
    const batches: string[][] = [];
    for (let i = 0; i < files.length; i += BATCH_FILES) batches.push(files.slice(i, i + BATCH_FILES));
    const handedOut: (Promise<CheckedFile[]> | undefined)[] = [];
    for (let i = 0; i < batches.length; i++) {
      while (handedOut.length < batches.length && handedOut.length <= i + this.size * AHEAD_PER_WORKER) {
        const answer = this.run({ check: batches[handedOut.length]! }).then((done) => ('checked' in done ? done.checked : []));
        // Rejections of batches handed out ahead are seen when their turn comes.
        answer.catch(() => {});
        handedOut.push(answer);
      }
      const checked = await handedOut[i]!;
      handedOut[i] = undefined;
      yield checked;
    }
  }

  /** Each file's cross-object findings placed on its lines, in the order given. */
  async place(requests: readonly PlacementRequest[]): Promise<CheckDiagnostic[][]> {
    const batches: Promise<CheckDiagnostic[][]>[] = [];
    for (let i = 0; i < requests.length; i += BATCH_FILES) {
      batches.push(this.run({ place: requests.slice(i, i + BATCH_FILES) }).then((done) => ('placed' in done ? done.placed : [])));
    }
    return (await Promise.all(batches)).flat();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  /** Queues a job for the first idle worker. */
  private run(task: WorkerTask): Promise<WorkerAnswer> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ message: { ...task, job: this.jobs++ }, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (let i = this.idle.length - 1; i >= 0; i--) {
      const worker = this.idle[i]!;
      const pending = this.waiting.shift();
      if (!pending) return;
      this.idle.splice(i, 1);
      this.running.set(worker, pending);
      worker.postMessage(pending.message);
    }
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const pending of [...this.running.values(), ...this.waiting.splice(0)]) pending.reject(error);
    this.running.clear();
  }
}
