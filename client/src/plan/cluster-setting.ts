/**
 * `Kubeplan: Select Cluster Model`: the embedded default cluster, a file of Node manifests or a kubectl snapshot, or
 * a snapshot of the current kubectl context taken now.
 */
import { ProgressLocation, commands, type Uri, window, workspace, type QuickPickItem } from 'vscode';
import { settingScope, updateSetting, writeSetting } from '../setting-target';
import { findKubectl, KUBECTL_ARGS, SnapshotUnavailable, takeSnapshot } from './kubectl-snapshot';

export const SELECT_CLUSTER_COMMAND = 'kubeplan.selectCluster';

/**
 * `storageFolder`: where the extension keeps its state, and the snapshot with it. `replan` plans the plan shown
 * again, for a change the settings do not see.
 */
export async function selectCluster(storageFolder: string, replan: (why: string) => void): Promise<void> {
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
  const snapshot: QuickPickItem = {
    label: 'Snapshot of the current kubectl context',
    detail: `Runs kubectl ${KUBECTL_ARGS.join(' ')} (read-only) and plans on what the cluster holds now`,
  };
  const picked = await window.showQuickPick([embedded, file, snapshot], { title: 'Cluster model to plan on' });
  if (!picked) return;
  let value = '';
  if (picked === snapshot) {
    const taken = await snapshotOfCurrentContext(storageFolder);
    if (!taken) return;
    value = taken;
  } else if (picked === file) {
    const folder = workspace.workspaceFolders?.[0]?.uri;
    const chosen = await window.showOpenDialog({
      canSelectMany: false,
      openLabel: 'Use as cluster',
      filters: { 'Kubernetes manifests': ['yaml', 'yml', 'json'] },
      ...(folder ? { defaultUri: folder } : {}),
    });
    if (!chosen?.[0]) return;
    const scope = await settingScope('plan.cluster', 'this cluster model');
    if (!scope) return;
    // The user's settings hold for every workspace: a path relative to this one would name another file elsewhere.
    const chosenValue = scope === 'workspace' ? relativeToWorkspace(chosen[0]) : chosen[0].fsPath;
    if (chosenValue !== current) await writeSetting('plan.cluster', chosenValue, scope);
    return;
  }
  if (value !== current && !(await updateSetting('plan.cluster', value, 'this cluster model'))) return;
  // A new snapshot at the same path changes no setting: the plan shown is planned again on it.
  if (picked === snapshot && value === current) replan('a new snapshot of the cluster was taken');
}

/**
 * Takes the snapshot, or says why not. Never in Restricted Mode: kubectl reads the kubeconfig, whose exec
 * credential plugins run programs, and an untrusted workspace must not make the extension start any.
 */
async function snapshotOfCurrentContext(storageFolder: string): Promise<string | undefined> {
  if (!workspace.isTrusted) {
    const choice = await window.showWarningMessage('Kubeplan: a snapshot of the kubectl context runs kubectl, which is not done in Restricted Mode.', 'Manage Workspace Trust');
    if (choice) await commands.executeCommand('workbench.trust.manage');
    return undefined;
  }
  try {
    const file = await window.withProgress({ location: ProgressLocation.Notification, title: 'Kubeplan: reading the cluster with kubectl' }, () => takeSnapshot(findKubectl(), storageFolder));
    void window.showInformationMessage(`Kubeplan: plans now run on the snapshot saved in ${file}. Select it again to take a new one.`);
    return file;
  } catch (error) {
    if (!(error instanceof SnapshotUnavailable)) throw error;
    void window.showErrorMessage(`Kubeplan: ${error.message}`);
    return undefined;
  }
}

/** A file inside the first workspace folder is written relative to it in the workspace's settings, so that the setting travels with the repository. */
function relativeToWorkspace(file: Uri): string {
  const folder = workspace.workspaceFolders?.[0];
  const relative = workspace.asRelativePath(file, false);
  return folder && workspace.getWorkspaceFolder(file)?.index === folder.index && relative !== file.fsPath ? relative : file.fsPath;
}
