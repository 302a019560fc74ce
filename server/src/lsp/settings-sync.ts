/**
 * The settings in force: sent at start, pulled with workspace/configuration (or pushed by a client that cannot be
 * asked), the workspace folders' .kubeplan.yaml, and the workspace folders themselves. A change re-reads what it
 * affects; each problem with the configuration is shown once.
 */
import {
  CodeLensRefreshRequest,
  MessageType,
  ShowMessageNotification,
  type Connection,
  type DidChangeConfigurationParams,
  type InitializeParams,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver/node';
import { warmUp } from '../check/validate-text';
import { warmUpHover } from '../features/hover';
import { SETTINGS_SECTION, type InitializationOptions } from '../protocol/initialization';
import { DEFAULT_VERSION, SUPPORTED_VERSIONS } from '../schema/versions';
import { readSettings, type ReadSettings } from '../workspace/settings';
import { readWorkspaceConfig } from '../workspace/workspace-config';
import { affectsReferenceCrds, readReferenceCrds } from '../workspace/reference-crds';
import type { WorkspaceIndex } from '../workspace/workspace-index';
import { filePath } from './conversions';
import type { DiagnosticsPublisher } from './diagnostics-publisher';
import type { Guard } from './guard';
import type { ServerState } from './server-state';
import type { WorkspaceDiagnostics } from './workspace-diagnostics';
import { TIMED_OUT, withTimeout } from './waits';

/** A client that never answers workspace/configuration must not hold diagnostics back for good. */
const SETTINGS_TIMEOUT_MS = 2000;

export interface SettingsSyncHost {
  connection: Connection;
  state: ServerState;
  index: WorkspaceIndex;
  publisher: DiagnosticsPublisher;
  workspaceDiagnostics: WorkspaceDiagnostics;
  guard: Guard;
}

export class SettingsSync {
  private readonly warnedVersions = new Set<string>();
  private readonly warnedConfig = new Set<string>();
  private startedWithSettings = false;

  constructor(private readonly host: SettingsSyncHost) {}

  /** Reads what the client can do, the settings it sent up front, and its workspace folders. */
  initialize(params: InitializeParams): void {
    const { state } = this.host;
    state.client = {
      pullsConfiguration: Boolean(params.capabilities.workspace?.configuration),
      reportsFolderChanges: Boolean(params.capabilities.workspace?.workspaceFolders),
      insertsSnippets: Boolean(params.capabilities.textDocument?.completion?.completionItem?.snippetSupport),
      refreshesCodeLenses: Boolean(params.capabilities.workspace?.codeLens?.refreshSupport),
    };
    // A client that sends its settings up front (the VS Code extension does) gets diagnostics without waiting for
    // the answer to workspace/configuration, which a busy editor can take seconds to give.
    const initialSettings = (params.initializationOptions as InitializationOptions | null | undefined)?.settings;
    if (initialSettings !== undefined) {
      state.settings = readSettings(initialSettings).settings;
      this.startedWithSettings = true;
    }
    const initialFolders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
    state.folders = initialFolders.map((folder) => filePath(folder.uri)).filter((folder): folder is string => folder !== undefined);
    this.loadWorkspaceConfig();
  }

  /** Asks for the settings, prepares for the first validations, and follows the workspace folders. */
  initialized(): void {
    const { connection, state, guard } = this.host;
    if (state.client.pullsConfiguration) {
      const pulled = this.pullSettings();
      if (!this.startedWithSettings) state.settingsLoaded = pulled;
    }
    void state.settingsLoaded.then(
      guard.wrap('preparing schemas', () => {
        // Loading a version's schemas, and the JavaScript engine compiling the paths a first finding takes, would
        // otherwise slow the first validations of the session. This runs before any document is validated.
        warmUp(state.settings.kubernetesVersion);
        warmUpHover(state.settings.kubernetesVersion);
        this.loadReferenceCrds();
        this.reindex();
      }),
    );
    if (!state.client.reportsFolderChanges) return;
    connection.workspace.onDidChangeWorkspaceFolders(guard.wrap('changing workspace folders', (event: WorkspaceFoldersChangeEvent) => this.foldersChanged(event)));
  }

  configurationChanged(change: DidChangeConfigurationParams): void {
    const { state } = this.host;
    if (state.client.pullsConfiguration) state.settingsLoaded = this.pullSettings();
    else this.applySettings(readSettings((change.settings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION]));
  }

  /** A file changed on disk: when it is (or may now be) one of the `kubeplan.crds` files, they are read again. */
  fileChanged(file: string): void {
    const { state } = this.host;
    if (!affectsReferenceCrds(file, state.referenceCrds, state.settings.crds, state.folders)) return;
    this.loadReferenceCrds();
    this.revalidate();
  }

  /** A .kubeplan.yaml changed on disk. */
  workspaceConfigChanged(): void {
    this.loadWorkspaceConfig();
    this.revalidate();
  }

  private foldersChanged(event: WorkspaceFoldersChangeEvent): void {
    const { state } = this.host;
    const removed = new Set(event.removed.map((folder) => filePath(folder.uri)));
    const added = event.added.map((folder) => filePath(folder.uri)).filter((folder): folder is string => folder !== undefined);
    state.folders = [...state.folders.filter((folder) => !removed.has(folder)), ...added];
    this.loadWorkspaceConfig();
    this.loadReferenceCrds();
    this.reindex();
    this.revalidate();
  }

  /** Settings that findings depend on changed: the open documents are validated again, and the files on disk. */
  private revalidate(): void {
    this.host.publisher.revalidateAll();
    this.host.workspaceDiagnostics.revalidate();
  }

  private reindex(): void {
    this.host.index.configure(this.host.state.indexedFolders(), this.host.state.filter);
  }

  /** Each problem with the rule configuration is shown once; the rest of the configuration still applies. */
  private warnAboutConfig(problems: readonly string[]): void {
    for (const problem of problems) {
      if (this.warnedConfig.has(problem)) continue;
      this.warnedConfig.add(problem);
      void this.host.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Kubeplan: ${problem}` });
    }
  }

  private loadWorkspaceConfig(): void {
    const read = readWorkspaceConfig(this.host.state.folders);
    this.warnAboutConfig(read.problems);
    this.host.state.workspaceRules = read.rules;
  }

  /**
   * Reads the CRDs of `kubeplan.crds`; each entry or CRD that gives nothing is shown once. Reading them again on
   * each change is simple and cheap next to validation: they are a handful of files.
   */
  private loadReferenceCrds(): void {
    const { state, connection } = this.host;
    state.referenceCrds = readReferenceCrds(state.settings.crds, state.folders);
    this.warnAboutConfig(state.referenceCrds.problems);
    if (state.settings.crds.length > 0) connection.console.info(`kubeplan.crds: ${state.referenceCrds.definitions.length} CustomResourceDefinitions read`);
  }

  private applySettings(read: ReadSettings): void {
    const { connection, state, guard } = this.host;
    this.warnAboutConfig(read.ruleProblems.map((problem) => `kubeplan.rules: ${problem}; ignored`));
    const unsupported = read.unsupportedVersion;
    if (unsupported !== undefined && !this.warnedVersions.has(unsupported)) {
      this.warnedVersions.add(unsupported);
      // A plain notification: the warning needs no answer, and showWarningMessage would send a request.
      void connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: `Kubeplan has no schemas for Kubernetes ${unsupported}; validating against ${DEFAULT_VERSION}. Supported versions: ${SUPPORTED_VERSIONS.join(', ')}.`,
      });
    }
    const previous = state.settings;
    state.settings = read.settings;
    const settings = state.settings;
    connection.console.info(`settings: Kubernetes ${settings.kubernetesVersion}, ${settings.enable ? 'enabled' : 'disabled'}`);
    if (previous.enable !== settings.enable || !sameList(previous.include, settings.include) || !sameList(previous.exclude, settings.exclude)) this.reindex();
    if (!sameList(previous.crds, settings.crds) || settings.crds.length > 0) this.loadReferenceCrds();
    this.revalidate();
    // Lenses come from plans made under the settings (version, cluster, rules); the client asks again for them.
    if (state.client.refreshesCodeLenses) void connection.sendRequest(CodeLensRefreshRequest.type).catch((error: unknown) => guard.logError('refreshing code lenses', error));
  }

  private async pullSettings(): Promise<void> {
    const { connection, state, guard } = this.host;
    try {
      const answer = await withTimeout(connection.workspace.getConfiguration(SETTINGS_SECTION), SETTINGS_TIMEOUT_MS);
      if (answer === TIMED_OUT) {
        connection.console.warn(`the client did not answer workspace/configuration within ${SETTINGS_TIMEOUT_MS} ms; using the current settings`);
        this.applySettings({ settings: state.settings, ruleProblems: [] });
        return;
      }
      this.applySettings(readSettings(answer));
    } catch (error) {
      guard.logError('reading the kubeplan settings', error);
    }
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
