/**
 * A minimal LSP client for protocol tests: starts the real `kubeplan lsp --stdio` process and speaks JSON-RPC with
 * Content-Length framing over its standard input and output.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export const REPOSITORY = path.resolve(__dirname, '..', '..', '..');

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Diagnostic {
  range: Range;
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
  data?: unknown;
}

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

export interface ShownMessage {
  type: number;
  message: string;
}

export const Severity = { Error: 1, Warning: 2, Information: 3, Hint: 4 } as const;

interface Message {
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

interface Waiter<T> {
  accept: (value: T) => boolean;
  resolve: (value: T) => void;
}

export interface StartOptions {
  /** The `kubeplan` configuration section the client answers workspace/configuration with. */
  settings?: Record<string, unknown>;
  workspaceFolders?: string[];
  /** Whether the client inserts completion snippets (tab stops and choices). */
  snippetSupport?: boolean;
  /** false: leave workspace/configuration requests unanswered, like a client that never replies. */
  answersConfiguration?: boolean;
  /** Sent as initializationOptions, as the VS Code extension sends its `kubeplan` settings. */
  initializationOptions?: unknown;
}

export class LspClient {
  settings: Record<string, unknown>;
  readonly published: PublishedDiagnostics[] = [];
  readonly shownMessages: ShownMessage[] = [];
  readonly logMessages: ShownMessage[] = [];
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly responses = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private diagnosticWaiters: Waiter<PublishedDiagnostics>[] = [];
  private messageWaiters: Waiter<ShownMessage>[] = [];
  private logWaiters: Waiter<ShownMessage>[] = [];
  private exited = false;

  private constructor(
    settings: Record<string, unknown>,
    private readonly answersConfiguration: boolean,
  ) {
    this.settings = settings;
    this.child = spawn(process.execPath, [path.join(REPOSITORY, 'bin', 'kubeplan.js'), 'lsp', '--stdio'], { cwd: REPOSITORY, stdio: 'pipe' });
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.resume();
    this.child.on('exit', () => {
      this.exited = true;
      for (const pending of this.responses.values()) pending.reject(new Error('the server exited'));
      this.responses.clear();
    });
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    const client = new LspClient(options.settings ?? {}, options.answersConfiguration ?? true);
    const folders = (options.workspaceFolders ?? []).map((folder) => ({ uri: pathToFileURL(folder).href, name: path.basename(folder) }));
    await client.request('initialize', {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders.length > 0 ? folders : null,
      initializationOptions: options.initializationOptions,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { versionSupport: true },
          completion: { completionItem: { snippetSupport: options.snippetSupport ?? false } },
        },
      },
    });
    client.notify('initialized', {});
    return client;
  }

  get running(): boolean {
    return !this.exited;
  }

  request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.responses.set(id, { resolve, reject });
      this.send({ id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  open(uri: string, text: string, languageId = 'yaml', version = 1): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Replaces `range` with `text`, as an editor sends a keystroke or a paste. */
  change(uri: string, version: number, range: Range, text: string): void {
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  close(uri: string): void {
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  changeSettings(settings: Record<string, unknown>): void {
    this.settings = settings;
    this.notify('workspace/didChangeConfiguration', { settings: { kubeplan: settings } });
  }

  /** The next diagnostics published for `uri` (optionally for a given document version) after this call. */
  nextDiagnostics(uri: string, options: { version?: number; timeoutMs?: number } = {}): Promise<PublishedDiagnostics> {
    return this.wait(
      this.diagnosticWaiters,
      (published) => published.uri === uri && (options.version === undefined || published.version === options.version),
      options.timeoutMs ?? 10_000,
      `diagnostics for ${uri}`,
    );
  }

  nextShownMessage(timeoutMs = 10_000): Promise<ShownMessage> {
    return this.wait(this.messageWaiters, () => true, timeoutMs, 'window/showMessage');
  }

  /** The first message the server logged (window/logMessage) that matches `pattern`, already logged or yet to come. */
  logged(pattern: RegExp, timeoutMs = 10_000): Promise<ShownMessage> {
    const earlier = this.logMessages.find((logged) => pattern.test(logged.message));
    if (earlier) return Promise.resolve(earlier);
    return this.wait(this.logWaiters, (logged) => pattern.test(logged.message), timeoutMs, `a log message matching ${pattern}`);
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await withTimeout(this.request('shutdown', null), 2000);
      this.notify('exit', null);
    } catch {
      // The server is already gone or stuck; killing it below is all that is left.
    }
    await withTimeout(exited, 2000).catch(() => undefined);
    if (!this.exited) this.child.kill('SIGKILL');
  }

  private wait<T>(waiters: Waiter<T>[], accept: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const waiter: Waiter<T> = {
        accept,
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
      };
      waiters.push(waiter);
    });
  }

  private send(message: Message): void {
    if (this.exited) throw new Error('the server exited');
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd === -1) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body) as Message);
    }
  }

  private dispatch(message: Message): void {
    if (message.method === undefined) {
      const pending = this.responses.get(Number(message.id));
      this.responses.delete(Number(message.id));
      if (message.error) pending?.reject(new Error(message.error.message));
      else pending?.resolve(message.result);
      return;
    }
    if (message.id !== undefined) {
      if (message.method === 'workspace/configuration' && !this.answersConfiguration) return;
      this.send({ id: message.id, result: this.answer(message.method, message.params) });
      return;
    }
    if (message.method === 'textDocument/publishDiagnostics') this.deliver(this.diagnosticWaiters, message.params as PublishedDiagnostics, this.published);
    else if (message.method === 'window/showMessage') this.deliver(this.messageWaiters, message.params as ShownMessage, this.shownMessages);
    else if (message.method === 'window/logMessage') this.deliver(this.logWaiters, message.params as ShownMessage, this.logMessages);
  }

  private answer(method: string, params: unknown): unknown {
    if (method === 'workspace/configuration') {
      const items = (params as { items: { section?: string }[] }).items;
      return items.map((item) => (item.section === 'kubeplan' ? this.settings : null));
    }
    return null;
  }

  private deliver<T>(waiters: Waiter<T>[], value: T, log: T[]): void {
    log.push(value);
    const index = waiters.findIndex((waiter) => waiter.accept(value));
    if (index === -1) return;
    const [waiter] = waiters.splice(index, 1);
    waiter!.resolve(value);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}
