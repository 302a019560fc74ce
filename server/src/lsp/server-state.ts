/**
 * What the language server knows of its client and workspace: the settings in force, the rules the workspace's
 * .kubeplan.yaml sets, the workspace folders, what the client can do, and which documents are kubeplan's to handle.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ValidateOptions } from '../check/validate-text';
import type { RuleSettings } from '../rules/rule-config';
import { FileFilter } from '../workspace/file-filter';
import { DEFAULT_SETTINGS, type Settings } from '../workspace/settings';
import { filePath } from './conversions';
import type { ReferenceCrdsRead } from '../workspace/reference-crds';

const MANIFEST_LANGUAGES = new Set(['yaml', 'json']);
const MANIFEST_NAME = /\.(?:ya?ml|json)$/i;

/** What the client said it can do when it initialized the server. */
export interface ClientCapabilities {
  pullsConfiguration: boolean;
  reportsFolderChanges: boolean;
  /** Whether the client inserts snippets (tab stops, choices); otherwise items carry their default text. */
  insertsSnippets: boolean;
  refreshesCodeLenses: boolean;
}

export class ServerState {
  private current: Settings = DEFAULT_SETTINGS;
  private fileFilter = new FileFilter(DEFAULT_SETTINGS);
  folders: string[] = [];
  /** The rules of the workspace folders' .kubeplan.yaml; the user's settings take precedence over them. */
  workspaceRules: RuleSettings = {};
  client: ClientCapabilities = { pullsConfiguration: false, reportsFolderChanges: false, insertsSnippets: false, refreshesCodeLenses: false };
  /** The CRDs of `kubeplan.crds`, as last read: schemas for custom resources, over the workspace's own CRDs' absence. */
  referenceCrds: ReferenceCrdsRead = { definitions: [], problems: [], files: new Set() };
  /** Settles once the settings the client is asked for have arrived (or could not); work under settings awaits it. */
  settingsLoaded: Promise<void> = Promise.resolve();

  get settings(): Settings {
    return this.current;
  }

  /** Settings take effect; the file filter follows them. */
  set settings(settings: Settings) {
    this.current = settings;
    this.fileFilter = new FileFilter(settings);
  }

  /** The files the settings include. */
  get filter(): FileFilter {
    return this.fileFilter;
  }

  /** The severity of each rule: the user's settings over the workspace's .kubeplan.yaml. */
  ruleSettings(): RuleSettings {
    return { ...this.workspaceRules, ...this.current.rules };
  }

  /** How a text is validated under the settings. */
  validateOptions(): ValidateOptions {
    return { kubernetesVersion: this.current.kubernetesVersion, rules: this.ruleSettings() };
  }

  /** The folders the workspace index reads: none while kubeplan is disabled. */
  indexedFolders(): string[] {
    return this.current.enable ? this.folders : [];
  }

  isManifest(document: TextDocument): boolean {
    const file = filePath(document.uri);
    if (!MANIFEST_LANGUAGES.has(document.languageId) && !MANIFEST_NAME.test(file ?? document.uri)) return false;
    return file === undefined || this.fileFilter.matches(file, this.folders);
  }

  /** Whether kubeplan handles the document under the current settings. */
  handles(document: TextDocument): boolean {
    return this.current.enable && this.isManifest(document);
  }
}
