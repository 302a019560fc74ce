/**
 * Plans over LSP: the `kubeplan/plan` request, the `kubeplan.plan` command (the plan as Markdown), and the CodeLens
 * over each planned object.
 */
import type { CodeLens, Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Catalog } from '../../catalog/catalog';
import type { PlanLensCache } from '../../features/plan-lens-cache';
import { selectedWorkloadFiles } from '../../features/plan-lens-context';
import { indexKey, uriOf } from '../conversions';
import { ClusterFiles } from '../../files/plan-files';
import { planResponseMarkdown } from '../../plan/plan-render';
import { planResponse, planTexts, planTextsAgainstBase } from '../../plan/plan-texts';
import { PLAN_COMMAND, PLAN_FILE_COMMAND, PLAN_REQUEST, SHOW_PLAN_COMMAND, type PlanParams, type PlanResponse } from '../../protocol/plan-request';
import { DEBOUNCE_MS, type DiagnosticsPublisher } from '../diagnostics-publisher';
import type { Guard } from '../guard';
import { planInputs } from '../plan-inputs';
import type { ServerState } from '../server-state';
import { afterQueuedMessages, delay } from '../waits';

/** How long a document must go unedited before its lenses are planned. */
const LENS_QUIET_MS = 150;

export const PLAN_CAPABILITIES: ServerCapabilities = {
  codeLensProvider: { resolveProvider: false },
  executeCommandProvider: { commands: [PLAN_COMMAND] },
};

export interface PlanHandlersHost {
  documents: TextDocuments<TextDocument>;
  state: ServerState;
  publisher: DiagnosticsPublisher;
  lensCache: PlanLensCache;
  guard: Guard;
  catalog(): Catalog;
}

export function registerPlanHandlers(connection: Connection, host: PlanHandlersHost): void {
  const { documents, state, publisher, lensCache, guard, catalog } = host;
  const { logError } = guard;
  const planAccess = () => ({ openText: (uri: string) => documents.get(uri)?.getText(), filter: state.filter, folders: state.folders });
  const clusterFiles = new ClusterFiles();

  /** A plan for a request; a failure to read the request's files is an answer, not an exception. */
  const plan = async (params: PlanParams | null | undefined): Promise<PlanResponse> => {
    await state.settingsLoaded;
    const noPlan = (failure: string): PlanResponse => ({ plan: null, sources: {}, problems: [], failure, files: 0, objects: 0 });
    try {
      const inputs = planInputs(params, state.settings, state.ruleSettings(), planAccess(), clusterFiles, Date.now(), state.referenceCrds.definitions);
      if (typeof inputs === 'string') return noPlan(inputs);
      const started = performance.now();
      const response = planResponse(inputs.base ? planTextsAgainstBase(inputs, inputs.base) : planTexts(inputs), inputs.placer);
      connection.console.info(`planned ${response.objects} objects in ${response.files} files in ${(performance.now() - started).toFixed(0)} ms`);
      return response;
    } catch (error) {
      logError('planning', error);
      return noPlan('kubeplan could not make the plan because of an internal error; the Kubeplan output has the details');
    }
  };

  // `plan` answers a failure with a response that says so, as the request's contract has it.
  connection.onRequest(PLAN_REQUEST, async (params: PlanParams | null | undefined) => plan(params));

  connection.onExecuteCommand(
    guard.wrap('planning', null, async (params) => {
      if (params.command !== PLAN_COMMAND) return null;
      return planResponseMarkdown(await plan(params.arguments?.[0] as PlanParams | undefined));
    }),
  );

  /**
   * Lenses come from a plan made once per text and settings, after the document's diagnostics and once typing
   * pauses: a plan of a large document takes a good part of a second, which an edit must not wait for.
   */
  connection.onCodeLens(
    guard.wrap('computing code lenses', [], async (params, token): Promise<CodeLens[]> => {
      const uri = params.textDocument.uri;
      await state.settingsLoaded;
      const untilQuiet = () => (publisher.lastEdit(uri) ?? -Infinity) + LENS_QUIET_MS - performance.now();
      for (let wait = untilQuiet(); wait > 0; wait = untilQuiet()) await delay(wait);
      while (publisher.isPending(uri)) await delay(DEBOUNCE_MS);
      await afterQueuedMessages();
      if (token.isCancellationRequested) return [];
      const document = documents.get(uri);
      if (!document || !state.handles(document)) return [];
      // The workloads its Services select are planned with the document, wherever they are written.
      const workloadFiles = selectedWorkloadFiles(indexKey(uri), catalog()).map(uriOf);
      const inputs = planInputs(
        { texts: [{ uri, text: document.getText() }], uris: workloadFiles },
        state.settings,
        state.ruleSettings(),
        planAccess(),
        clusterFiles,
        Date.now(),
        state.referenceCrds.definitions,
      );
      if (typeof inputs === 'string') return [];
      return lensCache.lenses(uri, inputs).map((lens) => {
        const position = document.positionAt(lens.offset);
        const command = lens.target === undefined ? { title: lens.title, command: PLAN_FILE_COMMAND } : { title: lens.title, command: SHOW_PLAN_COMMAND, arguments: [uri, lens.target] };
        return { range: { start: position, end: position }, command };
      });
    }),
  );
}
