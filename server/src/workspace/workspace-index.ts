/**
 * The objects of every manifest in the workspace: the files on disk under the workspace folders, read in the
 * background, and the open documents, whose current text replaces what is on disk. Cross-file rules and navigation
 * look objects up here. Knows nothing of LSP; the server feeds it folders, open documents and file events.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { FileFilter } from './file-filter';
import type { IndexedContents, IndexedObject } from './indexed-object';
import type { UnreadableDocument } from '../catalog/unreadable-documents';
import type { ObjectReader } from './object-reader';

export interface WorkspaceIndexOptions {
  read: ObjectReader;
  /** Files larger than this are not read. */
  maxBytes: number;
  /** A file could not be read; `reason` never quotes the file's text. */
  onReadError?: (file: string, reason: string) => void;
  /** What the index holds for a file on disk changed (read, re-read or gone); cross-file findings depend on it. */
  onFileChange?: (file: string) => void;
  /** The index has read the workspace after `configure`; called once per configure. */
  onIdle?: (summary: IndexSummary) => void;
}

export interface IndexSummary {
  files: number;
  objects: number;
  milliseconds: number;
}

export interface IndexedFile {
  /** An absolute path, or the URI of a document that is not a file. */
  key: string;
  objects: IndexedObject[];
  /** Its documents that could not be read; absent when none. */
  unreadable?: readonly UnreadableDocument[];
}

/** A file whose objects changed: what the index holds for it now, or `undefined` when it holds it no more. */
export interface IndexChange {
  key: string;
  contents: IndexedContents | undefined;
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
/** Directory entries handled before yielding to the event loop. */
const BATCH_SIZE = 64;

export class WorkspaceIndex {
  private folders: string[] = [];
  private filter = new FileFilter();
  private readonly disk = new Map<string, IndexedContents>();
  private readonly open = new Map<string, IndexedContents>();
  private readonly queue = new Set<string>();
  /** The files whose objects (open over disk) changed since `takeChanges` was last called. */
  private readonly changed = new Set<string>();
  /** Bumped when folders or globs change, so that work started for the old ones is dropped. */
  private generation = 0;
  private scans = 0;
  private pumping = false;
  private startedAt = Date.now();
  /** Whether onIdle has reported the scan started by the last configure. */
  private announced = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: WorkspaceIndexOptions) {}

  /** Replaces the folders and globs and re-reads the workspace from scratch. */
  configure(folders: readonly string[], filter: FileFilter): void {
    this.generation++;
    this.folders = [...folders];
    this.filter = filter;
    for (const key of this.disk.keys()) this.changed.add(key);
    this.disk.clear();
    this.queue.clear();
    this.startedAt = Date.now();
    this.announced = false;
    const generation = this.generation;
    for (const folder of this.folders) {
      this.scans++;
      void this.scan(folder, generation).finally(() => {
        if (generation !== this.generation) return;
        this.scans--;
        this.pump();
      });
    }
    this.pump();
  }

  /** An open document's objects (and documents that could not be read), which stand for the file until it is closed. */
  setOpenDocument(key: string, objects: IndexedObject[], unreadable?: readonly UnreadableDocument[]): void {
    this.open.set(key, unreadable?.length ? { objects, unreadable } : { objects });
    this.changed.add(key);
  }

  closeDocument(key: string): void {
    if (this.open.delete(key)) this.changed.add(key);
    if (path.isAbsolute(key)) this.fileChanged(key);
  }

  fileChanged(file: string): void {
    if (!this.covers(file)) {
      if (this.disk.delete(file)) this.changed.add(file);
      return;
    }
    this.queue.add(file);
    this.pump();
  }

  fileDeleted(file: string): void {
    this.queue.delete(file);
    if (!this.disk.delete(file)) return;
    this.changed.add(file);
    this.options.onFileChange?.(file);
  }

  /**
   * The files whose objects changed since the last call, with what the index holds for them now: the one reader of
   * changes (the cross-object catalog) follows the workspace at the cost of what changed, not of its size.
   */
  takeChanges(): IndexChange[] {
    const changes: IndexChange[] = [];
    for (const key of this.changed) changes.push({ key, contents: this.open.get(key) ?? this.disk.get(key) });
    this.changed.clear();
    return changes;
  }

  files(): IndexedFile[] {
    const files: IndexedFile[] = [];
    for (const [key, contents] of this.disk) if (!this.open.has(key)) files.push({ key, ...contents });
    for (const [key, contents] of this.open) files.push({ key, ...contents });
    return files;
  }

  /** The files on disk the index holds, open or not. */
  diskFiles(): string[] {
    return [...this.disk.keys()];
  }

  holdsOnDisk(file: string): boolean {
    return this.disk.has(file);
  }

  get busy(): boolean {
    return this.scans > 0 || this.queue.size > 0 || this.pumping;
  }

  /** Resolves once the index has caught up. */
  whenIdle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private covers(file: string): boolean {
    return this.folders.some((folder) => isInside(file, folder)) && this.filter.matches(file, this.folders) && !hasSkippedDirectory(file, this.folders);
  }

  private async scan(root: string, generation: number): Promise<void> {
    const visited = new Set<string>();
    const directories = [root];
    let handled = 0;
    while (directories.length > 0 && generation === this.generation) {
      const directory = directories.pop()!;
      const real = await fs.realpath(directory).catch(() => undefined);
      // A symlink loop, or a folder reached twice through links.
      if (real === undefined || visited.has(real)) continue;
      visited.add(real);
      const entries = await fs.readdir(directory, { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        if (++handled % BATCH_SIZE === 0) await new Promise((resolve) => setImmediate(resolve));
        if (generation !== this.generation) return;
        const full = path.join(directory, entry.name);
        const stat = entry.isSymbolicLink() ? await fs.stat(full).catch(() => undefined) : entry;
        if (!stat) continue;
        if (stat.isDirectory()) {
          if (!SKIPPED_DIRECTORIES.has(entry.name)) directories.push(full);
        } else if (stat.isFile() && this.filter.matches(full, this.folders)) {
          const size = (await fs.stat(full).catch(() => undefined))?.size;
          if (size !== undefined && size <= this.options.maxBytes) this.queue.add(full);
          this.pump();
        }
      }
    }
  }

  /** Reads queued files one at a time: the reader works off this thread, and one at a time keeps it gentle. */
  private pump(): void {
    if (this.pumping) return;
    const next = this.queue.values().next();
    if (next.done) {
      if (this.scans === 0) this.settle();
      return;
    }
    const file = next.value;
    this.queue.delete(file);
    // An open document stands for its file (closing it queues the file again): reading it would be wasted work,
    // and the largest files are the ones people open.
    if (this.open.has(file)) {
      this.pump();
      return;
    }
    this.pumping = true;
    const generation = this.generation;
    this.options
      .read(file)
      .then(
        (contents) => {
          if (generation !== this.generation) return;
          this.disk.set(file, contents);
          this.changed.add(file);
          this.options.onFileChange?.(file);
        },
        (error: Error) => {
          if (generation === this.generation && this.disk.delete(file)) {
            this.changed.add(file);
            this.options.onFileChange?.(file);
          }
          this.options.onReadError?.(file, error.message);
        },
      )
      .finally(() => {
        this.pumping = false;
        this.pump();
      });
  }

  private settle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    if (!this.announced) {
      this.announced = true;
      let objects = 0;
      for (const contents of this.disk.values()) objects += contents.objects.length;
      this.options.onIdle?.({ files: this.disk.size, objects, milliseconds: Date.now() - this.startedAt });
    }
    for (const resolve of waiters) resolve();
  }
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function hasSkippedDirectory(file: string, folders: readonly string[]): boolean {
  const folder = folders.find((candidate) => isInside(file, candidate));
  if (!folder) return false;
  return path
    .relative(folder, file)
    .split(path.sep)
    .slice(0, -1)
    .some((segment) => SKIPPED_DIRECTORIES.has(segment));
}
