/**
 * The language server: keeps open documents in sync, validates them a moment after each edit, publishes the
 * findings as diagnostics, and keeps the workspace index fed. The engine does the work; this file only wires it to
 * LSP.
 */
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isFixable, quickFixes } from './features/code-actions';
import type { Severity } from './findings';
import { applyRuleConfig, optInRules, type RuleSettings } from './rules/rule-config';
import { LineIndex } from './parse/line-index';
import { DEFAULT_VERSION, SUPPORTED_VERSIONS } from './schema/versions';
import { DEFAULT_MAX_BYTES, validateText, warmUp, type FileFinding, type ManifestObject } from './validate-text';
import { CrossFileChecker } from './workspace/cross-file-findings';
import { FileFilter } from './workspace/file-filter';
import type { IndexedObject } from './workspace/indexed-object';
import { WorkerObjectReader } from './workspace/object-reader';
import { DEFAULT_SETTINGS, readSettings, type ReadSettings, type Settings } from './workspace/settings';
import { isWorkspaceConfig, readWorkspaceConfig } from './workspace/workspace-config';
import { WorkspaceIndex } from './workspace/workspace-index';

/** Long enough to coalesce the changes of a burst (typing, a paste, a multi-cursor edit), short enough to go unnoticed. */
const DEBOUNCE_MS = 25;
/** Files on disk are read in bursts (the first scan, a branch switch): their cross-file findings wait for a pause. */
const CROSS_FILE_DEBOUNCE_MS = 150;

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};


/** A client that never answers workspace/configuration must not hold diagnostics back for good. */
const SETTINGS_TIMEOUT_MS = 2000;
const TIMED_OUT = Symbol('timed out');

const MANIFEST_LANGUAGES = new Set(['yaml', 'json']);
const MANIFEST_NAME = /\.(?:ya?ml|json)$/i;

export function startServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  const reader = new WorkerObjectReader(DEFAULT_MAX_BYTES);
  const index = new WorkspaceIndex({
    read: reader.read,
    maxBytes: DEFAULT_MAX_BYTES,
    onFileChange: () => scheduleCrossFileRefresh(),
    onReadError: (file, reason) => connection.console.warn(`could not index ${file}: ${reason}`),
    onIdle: (summary) => connection.console.info(`indexed ${summary.objects} objects in ${summary.files} files in ${summary.milliseconds} ms`),
  });

  let settings: Settings = DEFAULT_SETTINGS;
  let filter = new FileFilter(settings);
  let folders: string[] = [];
  let canPullConfiguration = false;
  let canReportFolderChanges = false;
  let settingsLoaded: Promise<void> = Promise.resolve();
  let workspaceRules: RuleSettings = {};
  const warnedVersions = new Set<string>();
  const warnedConfig = new Set<string>();
  const pending = new Map<string, NodeJS.Timeout>();
  /** What was last published per open document: its own findings, and those about other files' objects. */
  const published = new Map<string, PublishedDiagnostics>();
  let crossFileTimer: NodeJS.Timeout | undefined;
  const crossFile = new CrossFileChecker();

  const logError = (what: string, error: unknown): void => connection.console.error(`${what} failed: ${describeError(error)}`);
  const guard =
    <A extends unknown[]>(what: string, handler: (...args: A) => void) =>
    (...args: A): void => {
      try {
        handler(...args);
      } catch (error) {
        logError(what, error);
      }
    };

  const isManifest = (document: TextDocument): boolean => {
    const file = filePath(document.uri);
    if (!MANIFEST_LANGUAGES.has(document.languageId) && !MANIFEST_NAME.test(file ?? document.uri)) return false;
    return file === undefined || filter.matches(file, folders);
  };

  const schedule = (uri: string, delay: number): void => {
    clearTimeout(pending.get(uri));
    pending.set(
      uri,
      setTimeout(() => {
        pending.delete(uri);
        validate(uri).catch((error: unknown) => logError(`validating ${uri}`, error));
      }, delay),
    );
  };

  const validate = async (uri: string): Promise<void> => {
    await settingsLoaded;
    const document = documents.get(uri);
    if (!document || pending.has(uri)) return;
    const version = document.version;
    let diagnostics: Diagnostic[] = [];
    let validated: ValidatedDocument | undefined;
    if (settings.enable && isManifest(document)) {
      try {
        const started = performance.now();
        const text = document.getText();
        const report = validateText(text, { kubernetesVersion: settings.kubernetesVersion, rules: { ...workspaceRules, ...settings.rules } });
        const lines = new LineIndex(text);
        diagnostics = report.findings.map((finding) => toDiagnostic(finding, lines));
        index.setOpenDocument(indexKey(uri), report.objects.map((object) => toIndexed(object, lines)));
        validated = { text, lines, objects: report.objects };
        connection.console.debug(`validated ${uri} (version ${version}): ${diagnostics.length} findings in ${(performance.now() - started).toFixed(1)} ms`);
      } catch (error) {
        logError(`validating ${uri}`, error);
        diagnostics = [internalErrorDiagnostic()];
      }
    } else {
      // Disabled or excluded since it was opened: the index must not keep what this document held.
      index.closeDocument(indexKey(uri));
    }
    // Validation runs on this thread, so edits sent meanwhile are still unread; once they are read, a newer
    // version has scheduled its own validation and this result is stale.
    await afterQueuedMessages();
    if (documents.get(uri)?.version !== version || pending.has(uri)) return;
    if (!validated) {
      published.delete(uri);
      void connection.sendDiagnostics({ uri, version, diagnostics });
      return;
    }
    published.set(uri, { version, own: diagnostics, crossKey: '', ...validated });
    refreshCrossFile(uri);
    // Other open documents may refer to what this one holds; they are refreshed once edits pause.
    if (published.size > 1) scheduleCrossFileRefresh();
  };

  /**
   * Runs the cross-object rules over the index and publishes `only` (the document just validated), or every open
   * document whose cross-file findings changed.
   */
  const refreshCrossFile = (only?: string): void => {
    let byKey = new Map<string, FileFinding[]>();
    let schemaKinds = new Set<string>();
    const targets = only === undefined ? [...published.keys()] : [only];
    const rules = { ...workspaceRules, ...settings.rules };
    try {
      const shown = new Set(targets.map(indexKey));
      ({ byFile: byKey, schemaKinds } = crossFile.run(index.files(), (key) => shown.has(key), optInRules(rules)));
    } catch (error) {
      logError('checking objects across files', error);
    }
    for (const uri of targets) {
      const entry = published.get(uri);
      if (!entry || documents.get(uri)?.version !== entry.version || pending.has(uri)) continue;
      const findings = applyRuleConfig(entry.text, byKey.get(indexKey(uri)) ?? [], entry.objects, rules);
      // A custom resource whose CRD is in the workspace is validated against it: its no-schema hint would be wrong.
      const own = entry.own.filter((diagnostic) => diagnostic.code !== 'no-schema' || !schemaKinds.has(kindOf(diagnostic)));
      const crossKey = `${entry.own.length - own.length} ${JSON.stringify(findings)}`;
      if (uri !== only && crossKey === entry.crossKey) continue;
      entry.crossKey = crossKey;
      void connection.sendDiagnostics({ uri, version: entry.version, diagnostics: [...own, ...findings.map((finding) => toDiagnostic(finding, entry.lines))] });
    }
  };

  const scheduleCrossFileRefresh = (): void => {
    clearTimeout(crossFileTimer);
    crossFileTimer = setTimeout(guard('checking objects across files', () => refreshCrossFile()), CROSS_FILE_DEBOUNCE_MS);
  };

  const revalidateAll = (): void => {
    for (const document of documents.all()) schedule(document.uri, 0);
  };

  /** Each problem with the rule configuration is shown once; the rest of the configuration still applies. */
  const warnAboutConfig = (problems: readonly string[]): void => {
    for (const problem of problems) {
      if (warnedConfig.has(problem)) continue;
      warnedConfig.add(problem);
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Kubeplan: ${problem}` });
    }
  };

  const loadWorkspaceConfig = (): void => {
    const read = readWorkspaceConfig(folders);
    warnAboutConfig(read.problems);
    workspaceRules = read.rules;
  };

  const applySettings = (read: ReadSettings): void => {
    warnAboutConfig(read.ruleProblems.map((problem) => `kubeplan.rules: ${problem}; ignored`));
    const unsupported = read.unsupportedVersion;
    if (unsupported !== undefined && !warnedVersions.has(unsupported)) {
      warnedVersions.add(unsupported);
      // A plain notification: the warning needs no answer, and showWarningMessage would send a request.
      void connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: `Kubeplan has no schemas for Kubernetes ${unsupported}; validating against ${DEFAULT_VERSION}. Supported versions: ${SUPPORTED_VERSIONS.join(', ')}.`,
      });
    }
    const previous = settings;
    settings = read.settings;
    filter = new FileFilter(settings);
    connection.console.info(`settings: Kubernetes ${settings.kubernetesVersion}, ${settings.enable ? 'enabled' : 'disabled'}`);
    if (previous.enable !== settings.enable || !sameList(previous.include, settings.include) || !sameList(previous.exclude, settings.exclude)) reindex();
    revalidateAll();
  };

  const pullSettings = async (): Promise<void> => {
    try {
      const answer = await withTimeout(connection.workspace.getConfiguration('kubeplan'), SETTINGS_TIMEOUT_MS);
      if (answer === TIMED_OUT) {
        connection.console.warn(`the client did not answer workspace/configuration within ${SETTINGS_TIMEOUT_MS} ms; using the current settings`);
        applySettings({ settings, ruleProblems: [] });
        return;
      }
      applySettings(readSettings(answer));
    } catch (error) {
      logError('reading the kubeplan settings', error);
    }
  };

  const reindex = (): void => index.configure(settings.enable ? folders : [], filter);

  connection.onInitialize((params): InitializeResult => {
    canPullConfiguration = Boolean(params.capabilities.workspace?.configuration);
    canReportFolderChanges = Boolean(params.capabilities.workspace?.workspaceFolders);
    const initialFolders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
    folders = initialFolders.map((folder) => filePath(folder.uri)).filter((folder): folder is string => folder !== undefined);
    loadWorkspaceConfig();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'kubeplan' },
    };
  });

  connection.onInitialized(
    guard('initialization', () => {
      if (canPullConfiguration) settingsLoaded = pullSettings();
      void settingsLoaded.then(
        guard('preparing schemas', () => {
          // Loading a version's schemas, and the JavaScript engine compiling the paths a first finding takes, would
          // otherwise slow the first validations of the session. This runs before any document is validated.
          warmUp(settings.kubernetesVersion);
          reindex();
        }),
      );
      if (!canReportFolderChanges) return;
      connection.workspace.onDidChangeWorkspaceFolders(
        guard('changing workspace folders', (event) => {
          const removed = new Set(event.removed.map((folder) => filePath(folder.uri)));
          const added = event.added.map((folder) => filePath(folder.uri)).filter((folder): folder is string => folder !== undefined);
          folders = [...folders.filter((folder) => !removed.has(folder)), ...added];
          loadWorkspaceConfig();
          reindex();
          revalidateAll();
        }),
      );
    }),
  );

  connection.onDidChangeConfiguration(
    guard('changing settings', (change) => {
      if (canPullConfiguration) settingsLoaded = pullSettings();
      else applySettings(readSettings((change.settings as { kubeplan?: unknown } | undefined)?.kubeplan));
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard('handling file events', (params) => {
      for (const change of params.changes) {
        const file = filePath(change.uri);
        if (file === undefined) continue;
        if (isWorkspaceConfig(file)) {
          loadWorkspaceConfig();
          revalidateAll();
          continue;
        }
        if (change.type === FileChangeType.Deleted) index.fileDeleted(file);
        else index.fileChanged(file);
      }
    }),
  );

  documents.onDidChangeContent(
    guard('handling an edit', (event) => {
      const uri = event.document.uri;
      // An edit with nothing pending is validated at once; the rest of a burst waits until it pauses, so a burst
      // costs at most two validations.
      schedule(uri, pending.has(uri) ? DEBOUNCE_MS : 0);
    }),
  );

  documents.onDidClose(
    guard('closing a document', (event) => {
      const uri = event.document.uri;
      clearTimeout(pending.get(uri));
      pending.delete(uri);
      published.delete(uri);
      index.closeDocument(indexKey(uri));
      void connection.sendDiagnostics({ uri, diagnostics: [] });
    }),
  );

  connection.onCodeAction((params): CodeAction[] => {
    try {
      const document = documents.get(params.textDocument.uri);
      return document ? codeActions(document, params) : [];
    } catch (error) {
      logError('computing code actions', error);
      return [];
    }
  });

  connection.onShutdown(() => reader.dispose());
  process.on('unhandledRejection', (reason) => logError('a background task', reason));

  documents.listen(connection);
  connection.listen();
}

/** Quick fixes for the kubeplan diagnostics the client asks about; the edits apply only when the user picks one. */
function codeActions(document: TextDocument, params: CodeActionParams): CodeAction[] {
  if (params.context.only && !params.context.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
  const actions: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== 'kubeplan' || typeof diagnostic.code !== 'string' || !isFixable(diagnostic.code)) continue;
    const path = (diagnostic.data as { path?: unknown } | undefined)?.path;
    if (typeof path !== 'string') continue;
    const text = document.getText();
    const range = { start: document.offsetAt(diagnostic.range.start), end: document.offsetAt(diagnostic.range.end) };
    for (const fix of quickFixes(text, { rule: diagnostic.code, message: diagnostic.message, path, range })) {
      const edits = fix.edits.map((edit) => ({ range: { start: document.positionAt(edit.range.start), end: document.positionAt(edit.range.end) }, newText: edit.newText }));
      actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [document.uri]: edits } } });
    }
  }
  return actions;
}

function toDiagnostic(finding: FileFinding, lines: LineIndex): Diagnostic {
  return {
    range: { start: lines.positionAt(finding.range.start), end: lines.positionAt(finding.range.end) },
    severity: SEVERITIES[finding.severity],
    source: 'kubeplan',
    code: finding.rule,
    message: withPath(finding),
    data: { path: finding.path, object: finding.object },
  };
}

/** API server messages usually name the field; where one does not, the reader still needs to know which. */
function withPath(finding: FileFinding): string {
  const nested = finding.path.includes('.') || finding.path.includes('[');
  return nested && !finding.message.includes(finding.path) ? `${finding.message} (${finding.path})` : finding.message;
}

function internalErrorDiagnostic(): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: 'kubeplan',
    code: 'internal-error',
    message: 'kubeplan could not validate this file because of an internal error; the Kubeplan output has the details',
  };
}

function toIndexed(object: ManifestObject, lines: LineIndex): IndexedObject {
  const { apiVersion, kind, name, namespace, value, locate } = object;
  return { apiVersion, kind, name, namespace, value, locate, range: { start: lines.positionAt(object.range.start), end: lines.positionAt(object.range.end) } };
}

interface ValidatedDocument {
  text: string;
  lines: LineIndex;
  objects: ManifestObject[];
}

interface PublishedDiagnostics extends ValidatedDocument {
  version: number;
  own: Diagnostic[];
  /** What the workspace changed about the document's diagnostics when last published, to publish only on a change. */
  crossKey: string;
}

function kindOf(diagnostic: Diagnostic): string {
  const object = (diagnostic.data as { object?: { apiVersion?: string; kind?: string } } | undefined)?.object;
  return `${object?.apiVersion}/${object?.kind}`;
}

function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Files are indexed by path, so that an open document and its file on disk are one entry. */
function indexKey(uri: string): string {
  return filePath(uri) ?? uri;
}

function afterQueuedMessages(): Promise<void> {
  // Incoming messages are dispatched from an immediate scheduled when their bytes are read; two hops let those
  // that arrived during the last synchronous stretch run first.
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

/**
 * Error messages from parsers can quote the text they failed on, which may hold Secret values; only errors about
 * the program itself (type, reference and range errors) keep their message.
 */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const keepsMessage = error instanceof TypeError || error instanceof ReferenceError || error instanceof RangeError;
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  return [keepsMessage ? `${error.name}: ${error.message}` : error.name, ...frames].join('\n');
}

function withTimeout<T>(promise: Promise<T>, milliseconds: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), milliseconds);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
