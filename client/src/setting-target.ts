/**
 * Writing a setting the user chose through a command: where it is already set, there; otherwise where the user
 * says, asked once per change rather than creating `.vscode/settings.json` unasked.
 */
import * as path from 'node:path';
import { ConfigurationTarget, window, workspace, type QuickPickItem } from 'vscode';
import { scopeInForce, type SettingScope } from './setting-scope';

/**
 * Sets `kubeplan.<key>` to value; false when the user dismissed the question (nothing written). `what` names the
 * setting in the question: "the Kubernetes version".
 */
export async function updateSetting(key: string, value: unknown, what: string): Promise<boolean> {
  const configuration = workspace.getConfiguration('kubeplan');
  const scope = scopeInForce(configuration.inspect(key)) ?? (await askScope(what));
  if (!scope) return false;
  await configuration.update(key, value, scope === 'workspace' ? ConfigurationTarget.Workspace : ConfigurationTarget.Global);
  return true;
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
