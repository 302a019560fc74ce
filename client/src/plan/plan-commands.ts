/**
 * The plan commands: plan the current file, a folder or the workspace, or the current file's changes against Git
 * HEAD; plan a file or folder with a node drained, a node failing or a zone failing, or with each node or zone
 * failing in turn (the resilience check); open a plan as Markdown; the
 * CodeLens target. Each asks the language server (`kubeplan/plan`, and `workspace/executeCommand kubeplan.plan` for
 * Markdown) and shows the answer.
 */
import * as path from 'node:path';
import { ProgressLocation, Uri, commands, languages, window, workspace, type Disposable, type TextDocument } from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { PLAN_COMMAND, PLAN_FILE_COMMAND, PLAN_REQUEST, SHOW_PLAN_COMMAND, type PlanParams, type PlanResponse } from '../../../server/src/protocol/plan-request';
import { SELECT_CLUSTER_COMMAND, selectCluster } from './cluster-setting';
import { HeadUnavailable, headVersion } from './git-head';
import { PlanPanel, type PlanRun } from './plan-panel';
import { KUSTOMIZATION_SELECTOR, OverlayLenses, PLAN_OVERLAY_COMMAND, overlayRun } from './overlay-plan';
import { RESILIENCE_COMMAND, resilienceRun } from './resilience-plan';
import { SCENARIO_COMMANDS, scenarioRun } from './scenario-plan';

/** Plans that answer sooner than this show no progress notification. */
const PROGRESS_DELAY_MS = 400;

/** `storageFolder`: where the extension keeps its state (a kubectl snapshot of the cluster). */
export function registerPlanCommands(client: LanguageClient, storageFolder: string): Disposable[] {
  const panel = new PlanPanel((run, quiet) => requestPlan(client, run, quiet));
  const lenses = new OverlayLenses();
  const showForActiveFile = (build: (document: TextDocument) => Promise<PlanRun | undefined>) => async () => {
    const document = window.activeTextEditor?.document;
    if (!document) return void window.showInformationMessage('Kubeplan: open a manifest to plan it.');
    const run = await build(document).catch(reportHeadProblem);
    if (run) await panel.show(run);
  };
  return [
    panel,
    commands.registerCommand(
      PLAN_FILE_COMMAND,
      showForActiveFile(async (document) => fileRun(document)),
    ),
    commands.registerCommand('kubeplan.planChanges', showForActiveFile(changesRun)),
    commands.registerCommand('kubeplan.planWorkspace', async (folder?: Uri) => {
      const run = workspaceRun(folder);
      if (run) await panel.show(run);
    }),
    ...SCENARIO_COMMANDS.map(({ command, scenario }) =>
      commands.registerCommand(command, async (target?: Uri) => {
        const base = scenarioBase(target);
        const run = base && (await scenarioRun(scenario, base, (plain) => requestPlan(client, plain, false)));
        if (run) await panel.show(run);
      }),
    ),
    commands.registerCommand(RESILIENCE_COMMAND, async (target?: Uri) => {
      const base = scenarioBase(target);
      const run = base && (await resilienceRun(base));
      if (run) await panel.show(run);
    }),
    commands.registerCommand(SHOW_PLAN_COMMAND, async (uri: string, target: string) => {
      const document = workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri);
      if (document) await panel.show(fileRun(document), target);
    }),
    commands.registerCommand('kubeplan.openPlanAsMarkdown', async () => {
      const document = window.activeTextEditor?.document;
      const run = panel.current ?? (document ? fileRun(document) : undefined);
      if (!run) return void window.showInformationMessage('Kubeplan: open a manifest to plan it.');
      const markdown = await withProgress(`Planning ${run.subject}`, client.sendRequest(ExecuteCommandRequest.type, { command: PLAN_COMMAND, arguments: [run.params] }));
      if (typeof markdown !== 'string') return;
      await window.showTextDocument(await workspace.openTextDocument({ language: 'markdown', content: markdown }), { preview: false });
    }),
    commands.registerCommand(SELECT_CLUSTER_COMMAND, () => selectCluster(storageFolder, (why) => panel.refresh(why))),
    commands.registerCommand(PLAN_OVERLAY_COMMAND, async (uri?: Uri) => {
      const run = await overlayRun(uri);
      if (run) await panel.show(run);
    }),
    lenses,
    languages.registerCodeLensProvider(KUSTOMIZATION_SELECTOR, lenses),
  ];
}

/** Planned again, the document's text as it is then: from the editor while it is open, else from disk. */
function fileRun(document: TextDocument): PlanRun {
  const { uri } = document;
  return {
    params: { texts: [{ uri: uri.toString(), text: document.getText() }] },
    subject: baseName(uri),
    again: async () => fileRun(await workspace.openTextDocument(uri)),
  };
}

/** The HEAD version is what runs now; the working copy, saved or not, is applied on top, and the plan lists its changes against Git HEAD. */
async function changesRun(document: TextDocument): Promise<PlanRun> {
  const head = await headVersion(document.uri);
  const uri = document.uri.toString();
  const from = head === undefined ? { texts: [] } : { texts: [{ uri, text: head }] };
  const subject = `${baseName(document.uri)} ${head === undefined ? '(new: not in HEAD)' : '(changes against HEAD)'}`;
  return { params: { texts: [{ uri, text: document.getText() }], from, fromName: 'Git HEAD' }, subject, again: async () => changesRun(await workspace.openTextDocument(document.uri)) };
}

/** A folder from the explorer, else every workspace folder. */
function workspaceRun(folder: Uri | undefined): PlanRun | undefined {
  const folders = folder instanceof Uri ? [folder] : (workspace.workspaceFolders ?? []).map((candidate) => candidate.uri);
  if (folders.length === 0) {
    void window.showInformationMessage('Kubeplan: open a folder to plan its manifests.');
    return undefined;
  }
  return { params: { uris: folders.map((uri) => uri.toString()) }, subject: folders.length === 1 ? baseName(folders[0]!) : 'workspace' };
}

/**
 * What a scenario command or the resilience check plans: the file of the editor title or the folder of the explorer it was run from, else
 * the active manifest, else the workspace.
 */
function scenarioBase(target: Uri | undefined): PlanRun | undefined {
  const isManifest = (document: TextDocument) => document.languageId === 'yaml' || document.languageId === 'json';
  if (target instanceof Uri) {
    const document = workspace.textDocuments.find((candidate) => candidate.uri.toString() === target.toString());
    return document ? fileRun(document) : workspaceRun(target);
  }
  const active = window.activeTextEditor?.document;
  return active && isManifest(active) ? fileRun(active) : workspaceRun(undefined);
}

async function requestPlan(client: LanguageClient, run: PlanRun, quiet: boolean): Promise<PlanResponse | undefined> {
  const params: PlanParams = run.params;
  // The panel planning again by itself says on its page what happened; a notification per pause in typing would nag.
  if (quiet) return client.sendRequest<PlanResponse>(PLAN_REQUEST, params);
  let response: PlanResponse;
  try {
    response = await withProgress(`Planning ${run.subject}`, client.sendRequest<PlanResponse>(PLAN_REQUEST, params));
  } catch (error) {
    void window.showErrorMessage(`Kubeplan could not plan ${run.subject}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  if (response.problems.length > 0) {
    const count = response.problems.length;
    void window.showWarningMessage(`Kubeplan: no plan for ${run.subject}: the manifests have ${count} ${count === 1 ? 'error' : 'errors'}.`, 'Show Problems').then((choice) => {
      if (choice) void commands.executeCommand('workbench.actions.view.problems');
    });
  } else if (response.failure !== null) {
    void window.showErrorMessage(`Kubeplan: no plan for ${run.subject}: ${response.failure}`);
  }
  return response;
}

/** A notification only for plans that take more than a moment. */
async function withProgress<T>(title: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const early = new Promise<'pending'>((resolve) => {
    timer = setTimeout(() => resolve('pending'), PROGRESS_DELAY_MS);
  });
  const first = await Promise.race([
    work.then(
      () => 'done' as const,
      () => 'done' as const,
    ),
    early,
  ]);
  clearTimeout(timer);
  if (first === 'pending')
    await window.withProgress({ location: ProgressLocation.Notification, title }, () =>
      work.then(
        () => undefined,
        () => undefined,
      ),
    );
  return work;
}

function reportHeadProblem(error: unknown): undefined {
  if (!(error instanceof HeadUnavailable)) throw error;
  const trust = workspace.isTrusted ? [] : ['Manage Workspace Trust'];
  void window.showWarningMessage(`Kubeplan: ${error.message}`, ...trust).then((choice) => {
    if (choice) void commands.executeCommand('workbench.trust.manage');
  });
  return undefined;
}

function baseName(uri: Uri): string {
  return path.basename(uri.path) || uri.toString();
}
