/**
 * "Plan this overlay": a kustomization rendered with the user's kustomize (`kustomize build`, else `kubectl
 * kustomize`) and planned by the language server, which places errors and objects in the files they came from.
 * kustomize runs here, in the extension, and only in a trusted workspace: a kustomization can name files anywhere
 * and kubectl reads its configuration, so Restricted Mode runs nothing, as for the kubectl snapshot. The server
 * is sent the rendered texts and runs no program. Remote bases are refused (kubeplan works offline); files are
 * rendered as saved on disk.
 */
import * as path from 'node:path';
import { CodeLens, EventEmitter, ProgressLocation, Range, Uri, commands, window, workspace, type CodeLensProvider, type Disposable, type TextDocument } from 'vscode';
import { renderKustomization } from '../../../server/src/files/kustomize-build';
import type { PlanRun } from './plan-panel';

export const PLAN_OVERLAY_COMMAND = 'kubeplan.planOverlay';

/** The files kustomize reads as a folder's kustomization (api/konfig/general.go, RecognizedKustomizationFileNames). */
export const KUSTOMIZATION_SELECTOR = { scheme: 'file', pattern: '**/{kustomization.yaml,kustomization.yml,Kustomization}' };

/** The lens above a kustomization: the command, or why it is off. */
export class OverlayLenses implements CodeLensProvider, Disposable {
  private readonly changed = new EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly trust = workspace.onDidGrantWorkspaceTrust(() => this.changed.fire());

  provideCodeLenses(document: TextDocument): CodeLens[] {
    const title = workspace.isTrusted ? 'Plan this overlay' : 'Plan this overlay: off in Restricted Mode (it runs kustomize)';
    return [new CodeLens(new Range(0, 0, 0, 0), { title, command: PLAN_OVERLAY_COMMAND, arguments: [document.uri] })];
  }

  dispose(): void {
    this.trust.dispose();
    this.changed.dispose();
  }
}

/** The plan request for the kustomization file `uri` (the active editor's when absent), or undefined when it cannot be rendered. */
export async function overlayRun(uri: Uri | undefined): Promise<PlanRun | undefined> {
  const file = uri instanceof Uri ? uri : window.activeTextEditor?.document.uri;
  if (file?.scheme !== 'file') return void window.showInformationMessage('Kubeplan: open a kustomization.yaml to plan its overlay.');
  if (!workspace.isTrusted) {
    const choice = await window.showWarningMessage('Kubeplan: planning an overlay runs kustomize (or kubectl kustomize), which is not done in Restricted Mode.', 'Manage Workspace Trust');
    if (choice) await commands.executeCommand('workbench.trust.manage');
    return undefined;
  }
  const folder = path.dirname(file.fsPath);
  try {
    const kustomization = await window.withProgress({ location: ProgressLocation.Notification, title: `Kubeplan: rendering ${path.basename(folder)} with kustomize` }, () =>
      renderKustomization(folder, { allowRemote: false }),
    );
    // Planned again, rendered again: kustomize reads the files as they are saved then.
    return { params: { kustomization }, subject: `${path.basename(folder)} (kustomize)`, again: () => overlayRun(file) };
  } catch (error) {
    void window.showErrorMessage(`Kubeplan: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
