/**
 * The webview panel beside the editor that shows a plan. It holds the last request, so that the page's buttons
 * (Markdown, version, cluster) and changed settings work on the same plan; the page's messages are read as data and
 * only the commands the page is allowed to ask for are run.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { Range, Uri, ViewColumn, commands, window, workspace, type Disposable, type WebviewPanel } from 'vscode';
import type { PlanParams, PlanResponse } from '../../../server/src/protocol/plan-request';
import { VIEW_COMMANDS, type ViewCommand } from '../../../server/src/plan/html/plan-page';
import { renderPlanWebview } from '../plan-view/webview-page';

/** A plan as the user asked for it: what to send the server and how to name it. */
export interface PlanRun {
  params: PlanParams;
  subject: string;
}

type ViewMessage = { type: 'reveal'; uri: string; line: number; character: number } | { type: 'command'; command: string };

export class PlanPanel implements Disposable {
  private panel: WebviewPanel | undefined;
  private last: PlanRun | undefined;
  private readonly subscriptions: Disposable[];

  constructor(private readonly plan: (run: PlanRun) => Promise<PlanResponse | undefined>) {
    this.subscriptions = [
      workspace.onDidChangeConfiguration((event) => {
        const affectsPlan =
          event.affectsConfiguration('kubeplan.kubernetesVersion') || event.affectsConfiguration('kubeplan.plan.cluster') || event.affectsConfiguration('kubeplan.plan.clusterDomain');
        if (affectsPlan && this.panel && this.last) void this.show(this.last);
      }),
    ];
  }

  /** The request the panel shows, for the commands that work on it. */
  get current(): PlanRun | undefined {
    return this.last;
  }

  async show(run: PlanRun, focus?: string): Promise<void> {
    const response = await this.plan(run);
    if (!response) return;
    this.last = run;
    const panel = this.open();
    panel.title = `Plan: ${run.subject}`;
    panel.webview.html = renderPlanWebview(response, {
      nonce: randomBytes(16).toString('base64'),
      cspSource: panel.webview.cspSource,
      subject: run.subject,
      clusterLabel: clusterLabel(run.params.cluster ?? workspace.getConfiguration('kubeplan').get<string>('plan.cluster') ?? ''),
      ...(focus === undefined ? {} : { focus }),
    });
    panel.reveal(undefined, true);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private open(): WebviewPanel {
    if (this.panel) return this.panel;
    const panel = window.createWebviewPanel('kubeplan.plan', 'Plan', { viewColumn: ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [] });
    panel.onDidDispose(() => {
      this.panel = undefined;
    });
    panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message));
    this.panel = panel;
    return panel;
  }

  private async receive(message: unknown): Promise<void> {
    const received = message as Partial<ViewMessage> | null;
    if (received?.type === 'reveal' && typeof received.uri === 'string') {
      const { line, character } = received as { line: unknown; character: unknown };
      if (typeof line !== 'number' || typeof character !== 'number' || !Number.isInteger(line) || !Number.isInteger(character)) return;
      await reveal(Uri.parse(received.uri, true), line, character);
    } else if (received?.type === 'command' && (VIEW_COMMANDS as readonly string[]).includes(String(received.command))) {
      await commands.executeCommand(received.command as ViewCommand);
    }
  }
}

/** Shows the manifest in the editor column it is already in, else the first, with the cursor at the object. */
async function reveal(uri: Uri, line: number, character: number): Promise<void> {
  const shown = window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri.toString());
  const position = new Range(line, character, line, character);
  await window.showTextDocument(uri, { viewColumn: shown?.viewColumn ?? ViewColumn.One, selection: position, preserveFocus: false });
}

function clusterLabel(cluster: string): string {
  return cluster ? path.basename(cluster.startsWith('file:') ? Uri.parse(cluster).fsPath : cluster) : 'embedded';
}
