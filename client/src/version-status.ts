/**
 * The status-bar item naming the Kubernetes version manifests are validated against ("K8s 1.36"), shown while a
 * YAML or JSON editor is active; clicking it picks another version and writes the setting where the user says.
 */
import { StatusBarAlignment, commands, window, workspace, type Disposable, type QuickPickItem, type StatusBarItem } from 'vscode';
import { DEFAULT_VERSION, SUPPORTED_VERSIONS } from '../../server/src/schema/versions';
import { updateSetting } from './setting-target';

export const SELECT_VERSION_COMMAND = 'kubeplan.selectKubernetesVersion';
const MANIFEST_LANGUAGES = new Set(['yaml', 'json']);

export class VersionStatus implements Disposable {
  private readonly item: StatusBarItem;
  private readonly subscriptions: Disposable[];

  constructor() {
    this.item = window.createStatusBarItem('kubeplan.kubernetesVersion', StatusBarAlignment.Right, 100);
    this.item.name = 'Kubeplan Kubernetes Version';
    this.item.command = SELECT_VERSION_COMMAND;
    this.subscriptions = [
      commands.registerCommand(SELECT_VERSION_COMMAND, () => this.select()),
      workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('kubeplan')) this.update();
      }),
      window.onDidChangeActiveTextEditor(() => this.update()),
    ];
    this.update();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }

  private configuredVersion(): string {
    return workspace.getConfiguration('kubeplan').get<string>('kubernetesVersion') ?? DEFAULT_VERSION;
  }

  private update(): void {
    const configuration = workspace.getConfiguration('kubeplan');
    const version = this.configuredVersion();
    const enabled = configuration.get<boolean>('enable') ?? true;
    this.item.text = enabled ? `K8s ${version}` : `$(circle-slash) K8s ${version}`;
    this.item.tooltip = enabled ? `Kubeplan validates against Kubernetes ${version}. Click to choose another version.` : 'Kubeplan is disabled (kubeplan.enable).';
    const language = window.activeTextEditor?.document.languageId;
    if (language !== undefined && MANIFEST_LANGUAGES.has(language)) this.item.show();
    else this.item.hide();
  }

  private async select(): Promise<void> {
    const current = this.configuredVersion();
    const items: QuickPickItem[] = [...SUPPORTED_VERSIONS]
      .reverse()
      .map((version) => ({ label: version, description: [version === DEFAULT_VERSION ? 'default' : '', version === current ? 'current' : ''].filter(Boolean).join(', ') }));
    const picked = await window.showQuickPick(items, { title: 'Kubernetes version to validate against', placeHolder: current });
    if (!picked || picked.label === current) return;
    await updateSetting('kubernetesVersion', picked.label, `Kubernetes ${picked.label}`);
  }
}
