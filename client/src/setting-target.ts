/**
 * Writing a setting the user chose through a command: where it is already set, there; otherwise where the user
 * says, asked once per change rather than creating `.vscode/settings.json` unasked.
 */
import * as path from 'node:path';
import { ConfigurationTarget, window, workspace, type QuickPickItem } from 'vscode';
import { scopeInForce, type SettingScope } from './setting-scope';

/**
 * Sets `kubeplan.<key>` to value; false when the user dismissed the question (nothing written). `what` names the
 * setting in the question: "Kubernetes 1.33".
 */
export async function updateSetting(key: string, value: unknown, what: string): Promise<boolean> {
  const scope = await settingScope(key, what);
  if (scope) await writeSetting(key, value, scope);
  return scope !== undefined;
}

/** package.json's `restrictedConfigurations`: VS Code ignores the workspace's value of these in Restricted Mode. */
const RESTRICTED_SETTINGS = new Set(['plan.cluster']);

/** Where `kubeplan.<key>` is to be written: where it is in force, else where the user says (undefined: dismissed). */
export async function settingScope(key: string, what: string): Promise<SettingScope | undefined> {
  const workspaceIgnored = RESTRICTED_SETTINGS.has(key) && !workspace.isTrusted;
  return scopeInForce(workspace.getConfiguration('kubeplan').inspect(key), workspaceIgnored) ?? (await askScope(what));
}

export async function writeSetting(key: string, value: unknown, scope: SettingScope): Promise<void> {
  await workspace.getConfiguration('kubeplan').update(key, value, scope === 'workspace' ? ConfigurationTarget.Workspace : ConfigurationTarget.Global);
}

async function askScope(what: string): Promise<SettingScope | undefined> {
  // Without a folder open there is no workspace to write to.
  if (!workspace.workspaceFolders?.length) return 'user';
  const user: QuickPickItem & { scope: SettingScope } = { scope: 'user', label: 'For me', description: 'User settings', detail: `Use ${what} in every workspace` };
  const file = workspace.workspaceFile;
  const where = file && file.scheme === 'file' ? path.basename(file.fsPath) : file ? 'the workspace' : '.vscode/settings.json';
  const shared: QuickPickItem & { scope: SettingScope } = {
    scope: 'workspace',
    label: 'For this workspace',
    description: `Workspace settings (${where})`,
    detail: `Use ${what} here only; shared with the workspace's settings file`,
  };
  const picked = await window.showQuickPick([user, shared], { title: `Save ${what} for…`, ignoreFocusOut: true });
  return picked?.scope;
}
