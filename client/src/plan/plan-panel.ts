/**
 * The webview panel beside the editor that shows a plan. It holds the last request, so that the page's buttons
 * (Markdown, version, cluster, Refresh) and changed settings work on the same plan, and it keeps the plan true:
 * when a file the plan read is edited, saved or changed on disk, or a setting the plan depends on changes, it plans
 * again (`ReplanSchedule`), and until then the page says the plan is out of date. The page's messages are read as
 * data and only the commands the page is allowed to ask for are run.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { Range, Uri, ViewColumn, commands, window, workspace, type Disposable, type WebviewPanel } from 'vscode';
import type { PlanParams, PlanResponse } from '../../../server/src/protocol/plan-request';
import { VIEW_COMMANDS, type ViewCommand } from '../../../server/src/plan/html/plan-page';
import { renderPlanWebview } from '../plan-view/webview-page';
import { PlanProblems } from './plan-problems';
import { PlanReads } from './plan-reads';
import { ReplanSchedule, type Freshness } from './replan-schedule';

export const REFRESH_PLAN_COMMAND: ViewCommand = 'kubeplan.refreshPlan';

/** A plan as the user asked for it: what to send the server and how to name it. */
export interface PlanRun {
  params: PlanParams;
  subject: string;
  /**
   * The same request made again from its sources as they are now (a document's current text, a new rendering of
   * a kustomization); undefined when it cannot be made. Absent: `params` are sent again, as the server reads the
   * files they name afresh.
   */
  again?: () => Promise<PlanRun | undefined>;
}

/**
 * Asks the server for a plan. `quiet` for a plan the panel makes again by itself: no notifications (the page says
 * what happened), and a failed request throws, so that the page can say why.
 */
export type PlanRequester = (run: PlanRun, quiet: boolean) => Promise<PlanResponse | undefined>;

/** Settings a plan depends on, and how a change of each is told on the page. */
const PLAN_SETTINGS: [string, string][] = [
  ['kubeplan.kubernetesVersion', 'the Kubernetes version changed'],
  ['kubeplan.plan.cluster', 'the cluster model changed'],
  ['kubeplan.plan.clusterDomain', 'the cluster domain changed'],
  ['kubeplan.rules', 'the rule settings changed'],
];
/** The rule configuration the server reads from each workspace folder. */
const RULES_FILE = '.kubeplan.yaml';

type ViewMessage = { type: 'reveal'; uri: string; line: number; character: number } | { type: 'command'; command: string };

interface Shown {
  run: PlanRun;
  response: PlanResponse;
  reads: PlanReads;
  madeAt: Date;
  /** The object the user asked to see (a CodeLens), kept in focus when the same plan is made again. */
  focus: string | undefined;
}

export class PlanPanel implements Disposable {
  private panel: WebviewPanel | undefined;
  private shown: Shown | undefined;
  /** What the page says above the plan when it is out of date; undefined while it is current. */
  private staleText: string | undefined;
  /** Counts the requests the user made, so that a plan made again for an older one is not shown over a newer. */
  private generation = 0;
  private readonly problems = new PlanProblems();
  private readonly schedule = new ReplanSchedule(
    () => this.replan(),
    (freshness) => this.tell(freshness),
  );
  private readonly subscriptions: Disposable[];

  constructor(private readonly plan: PlanRequester) {
    const watcher = workspace.createFileSystemWatcher('**/*');
    const onDisk = (what: string) => (uri: Uri) => {
      if (!this.shown) return;
      if (path.basename(uri.path) === RULES_FILE) return this.schedule.changedNow(`${RULES_FILE} ${what}`);
      if (!this.shown.reads.includes(uri.toString())) return;
      // An open document that changed on disk is reloaded by the editor, which reports the edit itself.
      if (what === 'changed on disk' && workspace.textDocuments.some((document) => document.uri.toString() === uri.toString())) return;
      this.schedule.changedNow(`${baseName(uri)} ${what}`);
    };
    this.subscriptions = [
      watcher,
      watcher.onDidChange(onDisk('changed on disk')),
      watcher.onDidCreate(onDisk('was created')),
      watcher.onDidDelete(onDisk('was deleted')),
      workspace.onDidChangeTextDocument(({ document, contentChanges }) => {
        const reads = this.shown?.reads;
        if (contentChanges.length > 0 && reads?.readsUnsavedText && reads.includes(document.uri.toString())) this.schedule.edited(`${baseName(document.uri)} was edited`);
      }),
      workspace.onDidSaveTextDocument((document) => {
        if (this.shown?.reads.includes(document.uri.toString())) this.schedule.changedNow(`${baseName(document.uri)} was saved`);
      }),
      workspace.onDidChangeConfiguration((event) => {
        if (!this.shown) return;
        for (const [setting, why] of PLAN_SETTINGS) if (event.affectsConfiguration(setting)) this.schedule.changedNow(why);
      }),
      commands.registerCommand(REFRESH_PLAN_COMMAND, () => {
        if (!this.shown) return void window.showInformationMessage('Kubeplan: no plan is open to refresh. Plan a file or the workspace first.');
        this.refresh('a refresh was asked for');
      }),
      this.problems,
    ];
  }

  /** The request the panel shows, for the commands that work on it. */
  get current(): PlanRun | undefined {
    return this.shown?.run;
  }

  /** A new plan the user asked for, shown and brought into view. */
  async show(run: PlanRun, focus?: string): Promise<void> {
    this.schedule.reset();
    const generation = ++this.generation;
    const response = await this.plan(run, false);
    if (!response || generation !== this.generation) return;
    this.display(run, response, focus);
    this.panel?.reveal(undefined, true);
  }

  /** Plans the plan shown again, for a change the panel cannot see (a new snapshot at the same path). */
  refresh(why: string): void {
    if (this.shown) this.schedule.changedNow(why);
  }

  dispose(): void {
    this.schedule.dispose();
    this.panel?.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  /** The plan again, from the shown request's sources as they are now; why it failed, or undefined. */
  private async replan(): Promise<string | undefined> {
    const shown = this.shown;
    if (!shown || !this.panel) return undefined;
    const generation = this.generation;
    const run = shown.run.again ? await shown.run.again() : shown.run;
    if (!run) return `${shown.run.subject} could not be read again`;
    const response = await this.plan(run, true);
    // The user asked for another plan meanwhile, or closed the panel: this one is no longer wanted.
    if (generation !== this.generation || !this.panel) return undefined;
    if (!response) return 'the language server gave no answer';
    this.display(run, response, shown.focus);
    return undefined;
  }

  private display(run: PlanRun, response: PlanResponse, focus?: string): void {
    this.shown = { run, response, reads: new PlanReads(run.params, clusterUri(run)), madeAt: new Date(), focus };
    this.staleText = undefined;
    this.problems.show(response.problems);
    this.render(focus);
  }

  private render(focus?: string): void {
    const shown = this.shown;
    if (!shown) return;
    const panel = this.open();
    panel.title = `Plan: ${shown.run.subject}`;
    panel.webview.html = renderPlanWebview(shown.response, {
      nonce: randomBytes(16).toString('base64'),
      cspSource: panel.webview.cspSource,
      subject: shown.run.subject,
      clusterLabel: clusterLabel(clusterSetting(shown.run)),
      ...(focus === undefined ? {} : { focus }),
      ...(this.staleText === undefined ? {} : { stale: this.staleText }),
    });
  }

  /** Out of date: said in the page at once; a failure is written into the page, so that it stays when the page reloads. */
  private tell(freshness: Freshness): void {
    const shown = this.shown;
    if (!shown || !this.panel || freshness.state === 'fresh') return;
    const made = `The plan below was made at ${shown.madeAt.toLocaleTimeString()}`;
    if (freshness.state === 'stale') {
      this.staleText = `Out of date: ${freshness.why}. Planning again… ${made}.`;
      void this.panel.webview.postMessage({ type: 'stale', text: this.staleText });
    } else {
      this.staleText = `Out of date: ${freshness.why}, but planning again failed: ${freshness.error}. ${made}.`;
      this.render(shown.focus);
    }
  }

  private open(): WebviewPanel {
    if (this.panel) return this.panel;
    const panel = window.createWebviewPanel('kubeplan.plan', 'Plan', { viewColumn: ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [] });
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.shown = undefined;
      this.staleText = undefined;
      this.generation++;
      this.schedule.reset();
      this.problems.clear();
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

/** Shows the manifest (opened from disk when it is not open) in the editor column it is already in, else the first, with the cursor at the object. */
async function reveal(uri: Uri, line: number, character: number): Promise<void> {
  const shown = window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri.toString());
  const position = new Range(line, character, line, character);
  await window.showTextDocument(uri, { viewColumn: shown?.viewColumn ?? ViewColumn.One, selection: position, preserveFocus: false });
}

function clusterSetting(run: PlanRun): string {
  return run.params.cluster ?? workspace.getConfiguration('kubeplan').get<string>('plan.cluster') ?? '';
}

/** The cluster file as a URI, resolved as the server resolves the setting: relative paths against the first workspace folder. */
function clusterUri(run: PlanRun): string | undefined {
  const cluster = clusterSetting(run);
  if (cluster === '') return undefined;
  if (cluster.startsWith('file:')) return cluster;
  if (path.isAbsolute(cluster)) return Uri.file(cluster).toString();
  const folder = workspace.workspaceFolders?.[0]?.uri;
  return folder ? Uri.joinPath(folder, cluster).toString() : undefined;
}

function clusterLabel(cluster: string): string {
  return cluster ? path.basename(cluster.startsWith('file:') ? Uri.parse(cluster).fsPath : cluster) : 'embedded';
}

function baseName(uri: Uri): string {
  return path.basename(uri.path) || uri.toString();
}
