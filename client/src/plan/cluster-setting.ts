/** `Kubeplan: Select Cluster Model`: the embedded default cluster, or a file of Node manifests or a kubectl snapshot. */
import { ConfigurationTarget, type Uri, window, workspace, type QuickPickItem } from 'vscode';

export const SELECT_CLUSTER_COMMAND = 'kubeplan.selectCluster';

export async function selectCluster(): Promise<void> {
  const configuration = workspace.getConfiguration('kubeplan');
  const current = configuration.get<string>('plan.cluster') ?? '';
  const embedded: QuickPickItem = {
    label: 'Embedded default cluster',
    description: current === '' ? 'current' : '',
    detail: 'A control-plane node and three 4-vCPU / 16 GiB workers in three zones',
  };
  const file: QuickPickItem = {
    label: 'Cluster file…',
    description: current !== '' ? `current: ${current}` : '',
    detail: 'Node manifests, or the output of kubectl get nodes,pods -A -o yaml',
  };
  const picked = await window.showQuickPick([embedded, file], { title: 'Cluster model to plan on' });
  if (!picked) return;
  let value = '';
  if (picked === file) {
    const folder = workspace.workspaceFolders?.[0]?.uri;
    const chosen = await window.showOpenDialog({
      canSelectMany: false,
      openLabel: 'Use as cluster',
      filters: { 'Kubernetes manifests': ['yaml', 'yml', 'json'] },
      ...(folder ? { defaultUri: folder } : {}),
    });
    if (!chosen?.[0]) return;
    value = relativeToWorkspace(chosen[0]);
  }
  if (value === current) return;
  const target = workspace.workspaceFolders?.length ? ConfigurationTarget.Workspace : ConfigurationTarget.Global;
  await configuration.update('plan.cluster', value, target);
}

/** A file inside the first workspace folder is written relative to it, so that the setting travels with the repository. */
function relativeToWorkspace(file: Uri): string {
  const folder = workspace.workspaceFolders?.[0];
  const relative = workspace.asRelativePath(file, false);
  return folder && workspace.getWorkspaceFolder(file)?.index === folder.index && relative !== file.fsPath ? relative : file.fsPath;
}
