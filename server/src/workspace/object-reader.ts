/**
 * Reads files on disk into their objects in a worker thread. Parsing one document of a large install file can take
 * hundreds of milliseconds; on the server's own thread that would hold back diagnostics for the files being edited.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DiskObject, SharedStrings } from './disk-object';
import type { IndexedContents, ReadObject } from './indexed-object';
import type { UnreadableDocument } from '../catalog/unreadable-documents';

export type ObjectReader = (file: string) => Promise<IndexedContents>;

export interface ReadRequest {
  id: number;
  file: string;
  maxBytes: number;
}

export type ReadResponse = { id: number; objects: ReadObject[]; unreadable: UnreadableDocument[] } | { id: number; error: string };

interface Pending {
  file: string;
  resolve: (contents: IndexedContents) => void;
  reject: (error: Error) => void;
}

/** Bounds the worker's heap so that a hostile file ends the worker, which is restarted, rather than the server. */
const WORKER_HEAP_MB = 256;

export class WorkerObjectReader {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly strings = new SharedStrings();

  constructor(private readonly maxBytes: number) {}

  readonly read: ObjectReader = (file) =>
    new Promise<IndexedContents>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { file, resolve, reject });
      const request: ReadRequest = { id, file, maxBytes: this.maxBytes };
      const worker = this.ensureWorker();
      worker.ref();
      worker.postMessage(request);
    });

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    this.failAll('the reader was closed');
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(path.join(__dirname, 'object-reader-worker.js'), { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    worker.on('message', (response: ReadResponse) => {
      const pending = this.pending.get(response.id);
      if (!pending) return;
      this.pending.delete(response.id);
      // An idle worker must not keep a process alive that is otherwise done.
      if (this.pending.size === 0) worker.unref();
      if ('error' in response) pending.reject(new Error(response.error));
      else {
        const objects = response.objects.map((object) => new DiskObject(pending.file, object, this.strings));
        pending.resolve(response.unreadable.length > 0 ? { objects, unreadable: response.unreadable } : { objects });
      }
    });
    const lost = (reason: string): void => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll(reason);
    };
    worker.on('error', (error) => lost(`the reader stopped: ${error.name}`));
    worker.on('exit', (code) => lost(`the reader exited with code ${code}`));
    this.worker = worker;
    return worker;
  }

  private failAll(reason: string): void {
    for (const pending of this.pending.values()) pending.reject(new Error(reason));
    this.pending.clear();
  }
}
