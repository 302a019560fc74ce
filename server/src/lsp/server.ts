/**
 * The language server: keeps open documents in sync, validates them a moment after each edit, publishes the
 * findings as diagnostics, and keeps the workspace index fed. The engine does the work; the rooms of this folder
 * wire it to LSP, and this file wires the rooms.
 */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_MAX_BYTES } from '../check/validate-text';
import { PlanLensCache } from '../features/plan-lens-cache';
import { CrossFileChecker } from '../workspace/cross-file-findings';
import { WorkerObjectReader } from '../workspace/object-reader';
import { WorkspaceIndex } from '../workspace/workspace-index';
import { DiagnosticsPublisher } from './diagnostics-publisher';
import { Guard } from './guard';
import { CODE_ACTION_CAPABILITIES, registerCodeActions } from './handlers/code-actions';
import { registerDocumentHandlers } from './handlers/documents';
import { EDITOR_FEATURE_CAPABILITIES, registerEditorFeatures } from './handlers/editor-features';
import { HOVER_CAPABILITIES, registerHover } from './handlers/hover';
import { PLAN_CAPABILITIES, registerPlanHandlers } from './handlers/plan';
import { ServerState } from './server-state';
import { SettingsSync } from './settings-sync';
import { WorkspaceDiagnostics } from './workspace-diagnostics';
import { counted } from '../text/counted';

export function startServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  const guard = new Guard(connection.console);
  const state = new ServerState();
  const reader = new WorkerObjectReader(DEFAULT_MAX_BYTES);
  const index = new WorkspaceIndex({
    read: reader.read,
    maxBytes: DEFAULT_MAX_BYTES,
    onFileChange: (file) => {
      publisher.scheduleCrossFileRefresh();
      workspaceDiagnostics.fileChanged(file);
    },
    onReadError: (file, reason) => connection.console.warn(`could not index ${file}: ${reason}`),
    onIdle: (summary) => connection.console.info(`indexed ${counted(summary.objects, 'object')} in ${counted(summary.files, 'file')} in ${summary.milliseconds} ms`),
  });
  const crossFile = new CrossFileChecker();
  const catalog = () => crossFile.useDefinitions(state.referenceCrds.definitions).catalogOf(index);
  const publisher = new DiagnosticsPublisher({ connection, documents, state, index, crossFile, guard });
  const workspaceDiagnostics = new WorkspaceDiagnostics({ connection, documents, state, index, publisher, guard });
  const settingsSync = new SettingsSync({ connection, state, index, publisher, workspaceDiagnostics, guard });
  const lensCache = new PlanLensCache();

  connection.onInitialize((params): InitializeResult => {
    settingsSync.initialize(params);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        ...CODE_ACTION_CAPABILITIES,
        ...PLAN_CAPABILITIES,
        ...HOVER_CAPABILITIES,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...EDITOR_FEATURE_CAPABILITIES,
      },
      serverInfo: { name: 'kubeplan' },
    };
  });
  connection.onInitialized(guard.wrap('initialization', () => settingsSync.initialized()));
  connection.onDidChangeConfiguration(guard.wrap('changing settings', (change) => settingsSync.configurationChanged(change)));

  registerDocumentHandlers(connection, { documents, index, publisher, settingsSync, lensCache, guard });
  registerCodeActions(connection, documents, guard);
  registerPlanHandlers(connection, { documents, state, publisher, lensCache, guard, catalog });
  registerHover(connection, { documents, state, catalog, guard });
  registerEditorFeatures(connection, { documents, state, catalog, indexedFiles: () => index.files(), guard });

  connection.onShutdown(() => reader.dispose());
  process.on('unhandledRejection', (reason) => guard.logError('a background task', reason));

  documents.listen(connection);
  connection.listen();
}
