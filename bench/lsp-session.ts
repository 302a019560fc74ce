/**
 * A minimal LSP client over a child process's stdio (Content-Length framed JSON-RPC 2.0), just enough to open
 * and edit documents and time the diagnostics a server publishes. Every wait is bounded, and `dispose` always
 * leaves no child process behind.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';

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
  message: string;
  severity?: number;
  source?: string;
}

export interface Publication {
  uri: string;
  version: number | undefined;
  diagnostics: Diagnostic[];
  /** performance.now() when the message was read. */
  at: number;
}

export interface SessionOptions {
  command: string;
  args: string[];
  cwd: string;
  /** Answers workspace/configuration items; `undefined` section means "everything". */
  configuration: (section: string | undefined) => unknown;
  /** Sent with workspace/didChangeConfiguration right after `initialized`, for servers that read it there. */
  settings?: unknown;
}

interface PendingRequest {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  method: string;
}

interface DiagnosticsWaiter {
  uri: string;
  accept: (publication: Publication) => boolean;
  resolve: (publication: Publication) => void;
  reject: (error: Error) => void;
}

export class TimeoutError extends Error {}

export class LspSession {
  /** Sessions whose server may still be running, so an interrupted bench can kill them on its way out. */
  private static readonly live = new Set<LspSession>();

  static killAll(): void {
    for (const session of [...LspSession.live]) session.dispose();
  }

  readonly child: ChildProcessWithoutNullStreams;
  private buffer: Buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, PendingRequest>();
  private waiters: DiagnosticsWaiter[] = [];
  private exitReason: string | undefined;
  private readonly stderrTail: string[] = [];
  /** window/logMessage texts with when they arrived; servers report their own timings there. */
  readonly logMessages: { at: number; message: string }[] = [];

  private constructor(
    private readonly options: SessionOptions,
    private readonly rootUri: string,
  ) {
    this.child = spawn(options.command, options.args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    LspSession.live.add(this);
    this.child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderrTail.push(chunk.toString('utf8'));
      if (this.stderrTail.length > 40) this.stderrTail.shift();
    });
    // A server that dies mid-write must not crash the bench with EPIPE.
    this.child.stdin.on('error', () => undefined);
    this.child.on('error', (error) => this.onExit(`could not start: ${error.message}`));
    this.child.on('exit', (code, signal) => this.onExit(`exited (code ${code}, signal ${signal})`));
  }

  /** Starts the server and completes the initialize handshake within `timeoutMs`. */
  static async start(options: SessionOptions, rootUri: string, timeoutMs: number): Promise<{ session: LspSession; initializeMs: number }> {
    const session = new LspSession(options, rootUri);
    const started = performance.now();
    try {
      await withTimeout(
        session.request('initialize', {
          processId: process.pid,
          clientInfo: { name: 'kubeplan-bench', version: '1' },
          rootUri,
          workspaceFolders: [{ uri: rootUri, name: 'bench' }],
          initializationOptions: {},
          capabilities: {
            workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
            textDocument: {
              synchronization: { dynamicRegistration: true, didSave: true },
              publishDiagnostics: { relatedInformation: true, versionSupport: true },
            },
            window: { workDoneProgress: false },
          },
        }),
        timeoutMs,
        'initialize',
      );
    } catch (error) {
      // Give the child a moment to flush the stderr that says why it died.
      await new Promise((resolve) => setTimeout(resolve, 100));
      session.dispose();
      const said =
        session.stderr
          .split('\n')
          .map((line) => line.trim())
          .find((line) => /^\w*Error\b/.test(line)) ?? session.stderr.trim().split('\n')[0];
      throw new Error(`${(error as Error).message}${said ? `; stderr: ${said}` : ''}`);
    }
    const initializeMs = performance.now() - started;
    session.notify('initialized', {});
    if (options.settings !== undefined) session.notify('workspace/didChangeConfiguration', { settings: options.settings });
    return { session, initializeMs };
  }

  get alive(): boolean {
    return this.exitReason === undefined;
  }

  /** The server's stderr, last few chunks, for explaining a failure. */
  get stderr(): string {
    return this.stderrTail.join('').slice(-2000);
  }

  request(method: string, params: unknown): Promise<unknown> {
    if (this.exitReason) return Promise.reject(new Error(`server ${this.exitReason}`));
    const id = this.nextId++;
    this.send({ id, method, params });
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject, method }));
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  /**
   * Resolves with the first publication for `uri` that `accept` takes, read after this call. Register before
   * sending the message that triggers it, so a fast server cannot answer before the wait begins.
   */
  waitForDiagnostics(uri: string, accept: (publication: Publication) => boolean, timeoutMs: number): Promise<Publication> {
    if (this.exitReason) return Promise.reject(new Error(`server ${this.exitReason}`));
    let waiter: DiagnosticsWaiter | undefined;
    const published = new Promise<Publication>((resolve, reject) => {
      waiter = { uri, accept, resolve, reject };
      this.waiters.push(waiter);
    });
    return withTimeout(published, timeoutMs, `diagnostics for ${uri}`).finally(() => {
      this.waiters = this.waiters.filter((w) => w !== waiter);
    });
  }

  /** VmHWM (peak resident set) of the server process in bytes; undefined where /proc is not available. */
  peakRssBytes(): number | undefined {
    const pid = this.child.pid;
    if (pid === undefined || !this.alive) return undefined;
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
      return match ? Number(match[1]) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  /** Polite shutdown with a short grace period, then SIGKILL whatever is left. */
  async close(graceMs = 2000): Promise<void> {
    if (this.alive) {
      try {
        await withTimeout(this.request('shutdown', null), graceMs, 'shutdown');
        this.notify('exit', null);
        await withTimeout(new Promise<void>((resolve) => this.child.once('exit', () => resolve())), graceMs, 'exit');
      } catch {
        // Falls through to the kill below.
      }
    }
    this.dispose();
  }

  dispose(): void {
    LspSession.live.delete(this);
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    for (const pending of this.pending.values()) pending.reject(new Error('session closed'));
    this.pending.clear();
  }

  private send(message: Record<string, unknown>): void {
    if (this.exitReason) return;
    const body = JSON.stringify({ jsonrpc: '2.0', ...message });
    this.child.stdin.write(`Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`);
  }

  private onExit(reason: string): void {
    if (this.exitReason) return;
    this.exitReason = reason;
    for (const pending of this.pending.values()) pending.reject(new Error(`server ${reason} during ${pending.method}`));
    this.pending.clear();
    // Nothing more will be published: fail the waits now rather than at their timeouts.
    for (const waiter of this.waiters) waiter.reject(new Error(`server ${reason} before publishing diagnostics for ${waiter.uri}`));
    this.waiters = [];
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = /Content-Length:\s*(\d+)/i.exec(header);
      if (!length) {
        this.onExit(`sent a frame without Content-Length: ${header.slice(0, 100)}`);
        return;
      }
      const end = headerEnd + 4 + Number(length[1]);
      if (this.buffer.length < end) return;
      const body = this.buffer.subarray(headerEnd + 4, end).toString('utf8');
      this.buffer = this.buffer.subarray(end);
      this.onMessage(JSON.parse(body) as JsonRpcMessage, performance.now());
    }
  }

  private onMessage(message: JsonRpcMessage, at: number): void {
    if (message.id !== undefined && message.method === undefined) {
      const pending = this.pending.get(Number(message.id));
      if (!pending) return;
      this.pending.delete(Number(message.id));
      if (message.error) pending.reject(new Error(`${pending.method}: ${message.error.message}`));
      else pending.resolve(message.result);
      return;
    }
    if (message.id !== undefined) {
      this.send({ id: message.id, result: this.answer(message.method!, message.params) });
      return;
    }
    if (message.method === 'window/logMessage') {
      this.logMessages.push({ at, message: (message.params as { message: string }).message });
      if (this.logMessages.length > 500) this.logMessages.shift();
      return;
    }
    if (message.method === 'textDocument/publishDiagnostics') {
      const params = message.params as { uri: string; version?: number; diagnostics: Diagnostic[] };
      const publication: Publication = { uri: params.uri, version: params.version, diagnostics: params.diagnostics, at };
      const waiter = this.waiters.find((w) => w.uri === params.uri && w.accept(publication));
      if (waiter) {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        waiter.resolve(publication);
      }
    }
  }

  /** Server-to-client requests: configuration gets real answers, everything else a harmless null. */
  private answer(method: string, params: unknown): unknown {
    if (method === 'workspace/configuration') {
      const items = (params as { items?: { section?: string }[] }).items ?? [];
      return items.map((item) => this.options.configuration(item.section) ?? null);
    }
    if (method === 'workspace/workspaceFolders') return [{ uri: this.rootUri, name: 'bench' }];
    return null;
  }
}

interface JsonRpcMessage {
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { message: string };
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
