/**
 * Where a setting the user changes through a command is written. kubeplan's settings are window-scoped (the
 * language server reads one value for the window), so they live in the user's settings or the workspace's: in a
 * single folder its `.vscode/settings.json`, in a multi-root workspace its `.code-workspace` file. VS Code refuses
 * to write a window-scoped setting to a folder's settings ("does not support the folder resource scope"), so a
 * folder of a multi-root workspace is never offered.
 */

export type SettingScope = 'user' | 'workspace';

/** What `WorkspaceConfiguration.inspect` reports of a setting, as far as the choice needs it. */
export interface SettingValues {
  globalValue?: unknown;
  workspaceValue?: unknown;
}

/**
 * The scope whose value is in force, which a change must update: writing the user's value under a workspace value
 * would change nothing the user sees. Undefined when the setting is at its default everywhere. `workspaceIgnored`:
 * the workspace's value does not apply (a restricted setting in Restricted Mode), so only the user's can change.
 */
export function scopeInForce(values: SettingValues | undefined, workspaceIgnored = false): SettingScope | undefined {
  if (workspaceIgnored) return 'user';
  if (values?.workspaceValue !== undefined) return 'workspace';
  if (values?.globalValue !== undefined) return 'user';
  return undefined;
}
