/**
 * The language server: keeps open documents in sync, validates them a moment after each edit, publishes the
 * findings as diagnostics, and keeps the workspace index fed. The engine does the work; this file only wires it to
 * LSP.
 */
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  createConnection,
  DiagnosticSeverity,
  FileChangeType,
  MarkupKind,
  MessageType,
  ShowMessageNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeActionParams,
  type CodeLens,
  type Diagnostic,
  type Hover,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isFixable, quickFixes } from '../features/code-actions';
import { hoverAt, warmUpHover } from '../features/hover';
import { EDITOR_FEATURE_CAPABILITIES, registerEditorFeatures } from './editor-features';
import { PlanLensCache } from '../features/plan-lens-cache';
import { planResponseMarkdown } from '../plan/plan-render';
import { PLAN_COMMAND, PLAN_REQUEST, type PlanParams, type PlanResponse } from '../protocol/plan-request';
import { planResponse, planTexts } from '../plan/plan-texts';
import type { Severity } from '../kube/findings';
import { applyRuleConfig, optInRules, type RuleSettings } from '../rules/rule-config';
import { LineIndex } from '../parse/line-index';
import { DEFAULT_VERSION, SUPPORTED_VERSIONS } from '../schema/versions';
import { DEFAULT_MAX_BYTES, validateText, warmUp, type FileFinding, type ManifestObject } from '../check/validate-text';
import { CrossFileChecker } from '../workspace/cross-file-findings';
import { FileFilter } from '../workspace/file-filter';
import { ClusterFiles } from '../files/plan-files';
import { planInputs } from './plan-inputs';
import type { IndexedObject } from '../workspace/indexed-object';
import { WorkerObjectReader } from '../workspace/object-reader';
import { DEFAULT_SETTINGS, readSettings, type ReadSettings, type Settings } from '../workspace/settings';
import { isWorkspaceConfig, readWorkspaceConfig } from '../workspace/workspace-config';
import { WorkspaceIndex } from '../workspace/workspace-index';

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
/** How long a document must go unedited before its lenses are planned. */
const LENS_QUIET_MS = 150;
/** The client's command a lens runs: open the plan of the document at the object. */
const SHOW_PLAN_COMMAND = 'kubeplan.showPlan';
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
  let canInsertSnippets = false;
  let canRefreshCodeLenses = false;
  let settingsLoaded: Promise<void> = Promise.resolve();
  let startedWithSettings = false;
  let workspaceRules: RuleSettings = {};
  const warnedVersions = new Set<string>();
  const warnedConfig = new Set<string>();
  const pending = new Map<string, NodeJS.Timeout>();
  /** When each open document was last edited (performance.now()), so that lenses wait for typing to pause. */
  const lastEdit = new Map<string, number>();
  /** What was last published per open document: its own findings, and those about other files' objects. */
  const published = new Map<string, PublishedDiagnostics>();
  let crossFileTimer: NodeJS.Timeout | undefined;
  const crossFile = new CrossFileChecker();
  const lensCache = new PlanLensCache();

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
    // Lenses come from plans made under the settings (version, cluster, rules); the client asks again for them.
    if (canRefreshCodeLenses) void connection.sendRequest(CodeLensRefreshRequest.type).catch((error: unknown) => logError('refreshing code lenses', error));
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
    canInsertSnippets = Boolean(params.capabilities.textDocument?.completion?.completionItem?.snippetSupport);
    // A client that sends its settings up front (the VS Code extension does) gets diagnostics without waiting for
    // the answer to workspace/configuration, which a busy editor can take seconds to give.
    const initialSettings = (params.initializationOptions as { settings?: unknown } | null | undefined)?.settings;
    if (initialSettings !== undefined) {
      settings = readSettings(initialSettings).settings;
      filter = new FileFilter(settings);
      startedWithSettings = true;
    }
    canRefreshCodeLenses = Boolean(params.capabilities.workspace?.codeLens?.refreshSupport);
    const initialFolders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
    folders = initialFolders.map((folder) => filePath(folder.uri)).filter((folder): folder is string => folder !== undefined);
    loadWorkspaceConfig();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [PLAN_COMMAND] },
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...EDITOR_FEATURE_CAPABILITIES,
      },
      serverInfo: { name: 'kubeplan' },
    };
  });

  connection.onInitialized(
    guard('initialization', () => {
      if (canPullConfiguration) {
        const pulled = pullSettings();
        if (!startedWithSettings) settingsLoaded = pulled;
      }
      void settingsLoaded.then(
        guard('preparing schemas', () => {
          // Loading a version's schemas, and the JavaScript engine compiling the paths a first finding takes, would
          // otherwise slow the first validations of the session. This runs before any document is validated.
          warmUp(settings.kubernetesVersion);
          warmUpHover(settings.kubernetesVersion);
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
      lastEdit.set(uri, performance.now());
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
      lastEdit.delete(uri);
      lensCache.forget(uri);
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

  const planAccess = () => ({ openText: (uri: string) => documents.get(uri)?.getText(), filter, folders });
  const clusterFiles = new ClusterFiles();

  /** A plan for a request; a failure to read the request's files is an answer, not an exception. */
  const plan = async (params: PlanParams | null | undefined): Promise<PlanResponse> => {
    await settingsLoaded;
    const noPlan = (failure: string): PlanResponse => ({ plan: null, sources: {}, problems: [], failure, files: 0, objects: 0 });
    try {
      const inputs = planInputs(params, settings, { ...workspaceRules, ...settings.rules }, planAccess(), clusterFiles, Date.now());
      if (typeof inputs === 'string') return noPlan(inputs);
      const started = performance.now();
      const response = planResponse(planTexts(inputs));
      connection.console.info(`planned ${response.objects} objects in ${response.files} files in ${(performance.now() - started).toFixed(0)} ms`);
      return response;
    } catch (error) {
      logError('planning', error);
      return noPlan('kubeplan could not make the plan because of an internal error; the Kubeplan output has the details');
    }
  };

  connection.onRequest(PLAN_REQUEST, async (params: PlanParams | null | undefined) => plan(params));

  connection.onExecuteCommand(async (params) => {
    if (params.command !== PLAN_COMMAND) return null;
    return planResponseMarkdown(await plan(params.arguments?.[0] as PlanParams | undefined));
  });

  /**
   * Lenses come from a plan made once per text and settings, after the document's diagnostics and once typing
   * pauses: a plan of a large document takes a good part of a second, which an edit must not wait for.
   */
  connection.onCodeLens(async (params, token): Promise<CodeLens[]> => {
    const uri = params.textDocument.uri;
    await settingsLoaded;
    const untilQuiet = () => (lastEdit.get(uri) ?? -Infinity) + LENS_QUIET_MS - performance.now();
    for (let wait = untilQuiet(); wait > 0; wait = untilQuiet()) await delay(wait);
    while (pending.has(uri)) await delay(DEBOUNCE_MS);
    await afterQueuedMessages();
    if (token.isCancellationRequested) return [];
    const document = documents.get(uri);
    if (!document || !settings.enable || !isManifest(document)) return [];
    try {
      const inputs = planInputs({ texts: [{ uri, text: document.getText() }] }, settings, { ...workspaceRules, ...settings.rules }, planAccess(), clusterFiles, Date.now());
      if (typeof inputs === 'string') return [];
      return lensCache.lenses(uri, inputs).map((lens) => {
        const position = document.positionAt(lens.offset);
        return { range: { start: position, end: position }, command: { title: lens.title, command: SHOW_PLAN_COMMAND, arguments: [uri, lens.target] } };
      });
    } catch (error) {
      logError('computing code lenses', error);
      return [];
    }
  });

  connection.onHover((params): Hover | null => {
    try {
      const document = documents.get(params.textDocument.uri);
      if (!document || !settings.enable || !isManifest(document)) return null;
      const found = hoverAt(document.getText(), document.offsetAt(params.position), {
        kubernetesVersion: settings.kubernetesVersion,
        catalog: () => crossFile.catalogOf(index.files()),
        revealSecrets: settings.revealSecrets,
        now: Date.now(),
      });
      if (!found) return null;
      const range = { start: document.positionAt(found.range.start), end: document.positionAt(found.range.end) };
      return { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range };
    } catch (error) {
      logError('computing a hover', error);
      return null;
    }
  });

  registerEditorFeatures(connection, {
    documents,
    snippets: () => canInsertSnippets,
    handles: (document) => settings.enable && isManifest(document),
    kubernetesVersion: () => settings.kubernetesVersion,
    objectsOf: (text) => validateText(text, { kubernetesVersion: settings.kubernetesVersion, rules: { ...workspaceRules, ...settings.rules } }).objects,
    catalog: () => crossFile.catalogOf(index.files()),
    indexedFiles: () => index.files(),
    keyOf: indexKey,
    logError,
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

function delay(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
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
