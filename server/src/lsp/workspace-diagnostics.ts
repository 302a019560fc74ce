/**
 * Diagnostics for the files on disk that are not open, under `kubeplan.diagnostics.scope: workspace`. The workspace
 * index reads every manifest but keeps only its objects, not its findings: each file it reads (or reads again after
 * a change on disk) is validated here, one file per turn of the event loop and only while no open document waits
 * for its validation, and its findings are published. Nothing of a file is kept but whether it has diagnostics
 * shown, so memory does not grow with the workspace beyond the list of its paths.
 */
import * as fs from 'node:fs/promises';
import { DiagnosticSeverity, type Connection, type Diagnostic, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { validateText } from '../check/validate-text';
import { LineIndex } from '../parse/line-index';
import { decodeManifest } from '../parse/utf8';
import type { WorkspaceIndex } from '../workspace/workspace-index';
import { toDiagnostic, uriOf } from './conversions';
import type { DiagnosticsPublisher } from './diagnostics-publisher';
import type { Guard } from './guard';
import type { ServerState } from './server-state';
import { delay } from './waits';

/**
 * Validating a file holds the server's thread; a file this large could hold an edit's diagnostics back for a good
 * part of a second, so it is checked once it is opened, and a diagnostic says so meanwhile.
 */
export const MAX_BACKGROUND_BYTES = 1024 * 1024;
/** How often the background checks look again whether the open documents' validations are done. */
const YIELD_MS = 25;

export interface WorkspaceDiagnosticsHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  state: ServerState;
  index: WorkspaceIndex;
  publisher: DiagnosticsPublisher;
  guard: Guard;
}

export class WorkspaceDiagnostics {
  private readonly queue = new Set<string>();
  /** Files not open whose diagnostics are shown, so that they are cleared when the file goes or the scope changes. */
  private readonly shown = new Set<string>();
  private running = false;
  /** Bumped by each revalidation, so that a wait for the index started for older settings is dropped. */
  private generation = 0;

  constructor(private readonly host: WorkspaceDiagnosticsHost) {}

  /** What the index holds for a file on disk changed: it was read, read again, or is gone. */
  fileChanged(file: string): void {
    if (!this.active()) return;
    if (this.host.index.holdsOnDisk(file)) this.queue.add(file);
    else this.clear(file);
    this.run();
  }

  /**
   * The settings changed (the scope, rules, version, files): every file is checked again, and once the index has
   * read the workspace again, the diagnostics of files it no longer holds are cleared.
   */
  revalidate(): void {
    const generation = ++this.generation;
    this.queue.clear();
    if (!this.active()) {
      for (const file of this.shown) this.clear(file);
      return;
    }
    for (const file of this.host.index.diskFiles()) this.queue.add(file);
    this.run();
    void this.host.index.whenIdle().then(() => {
      if (generation !== this.generation) return;
      for (const file of this.shown) if (!this.host.index.holdsOnDisk(file)) this.clear(file);
    });
  }

  private active(): boolean {
    return this.host.state.settings.enable && this.host.state.settings.diagnosticsScope === 'workspace';
  }

  private clear(file: string): void {
    this.queue.delete(file);
    if (!this.shown.delete(file)) return;
    const uri = uriOf(file);
    // An open document's diagnostics are the publisher's.
    if (!this.host.documents.get(uri)) void this.host.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private run(): void {
    if (this.running || this.queue.size === 0) return;
    this.running = true;
    this.drain()
      .catch((error: unknown) => this.host.guard.logError('checking the workspace', error))
      .finally(() => {
        this.running = false;
        this.run();
      });
  }

  private async drain(): Promise<void> {
    const { state, publisher } = this.host;
    await state.settingsLoaded;
    while (this.queue.size > 0) {
      // One file per turn of the event loop, and none while an open document waits: edits come first.
      await delay(0);
      while (publisher.hasPending()) await delay(YIELD_MS);
      const file = this.queue.values().next().value as string | undefined;
      if (file === undefined) return;
      this.queue.delete(file);
      if (!this.active()) return;
      await this.check(file);
    }
  }

  private async check(file: string): Promise<void> {
    const { connection, documents, state, index, guard } = this.host;
    const uri = uriOf(file);
    if (documents.get(uri)) return;
    const bytes = await fs.readFile(file).catch(() => undefined);
    // Opened, gone or out of scope meanwhile: the document, the deletion or the revalidation takes over.
    if (documents.get(uri) || !this.active() || !index.holdsOnDisk(file)) return;
    let diagnostics: Diagnostic[];
    if (bytes === undefined) diagnostics = [];
    else if (bytes.length > MAX_BACKGROUND_BYTES) diagnostics = [notCheckedDiagnostic()];
    else {
      try {
        const { text, invalidUtf8 } = decodeManifest(bytes);
        const report = validateText(text, { ...state.validateOptions(), fileName: uri, ...(invalidUtf8 ? { invalidUtf8 } : {}) });
        const lines = new LineIndex(text);
        diagnostics = report.findings.map((finding) => toDiagnostic(finding, lines));
      } catch (error) {
        guard.logError(`validating ${file}`, error);
        return;
      }
    }
    if (diagnostics.length === 0 && !this.shown.has(file)) return;
    if (diagnostics.length === 0) this.shown.delete(file);
    else this.shown.add(file);
    void connection.sendDiagnostics({ uri, diagnostics });
  }
}

function notCheckedDiagnostic(): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: 'kubeplan',
    code: 'not-checked-until-open',
    message: `kubeplan checks files over ${MAX_BACKGROUND_BYTES / 1024 / 1024} MB when they are opened, not in the background`,
  };
}
