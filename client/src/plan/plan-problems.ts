/**
 * The errors that keep the panel's plan from being made, in the Problems panel also for files that are not open.
 * The language server publishes diagnostics only for open documents, and a workspace plan reads every manifest on
 * disk; opening each erroneous file in the background would have the server check it, but VS Code closes such
 * documents again on its own and their problems would vanish with them. So the extension publishes the plan's
 * errors itself, as a linter that checks a whole project does: for files that are not open (an open document's
 * problems come from the server, as the user types, and are not shown twice), replaced by every new plan and
 * removed when the panel closes.
 */
import { Diagnostic, DiagnosticSeverity, Range, Uri, languages, workspace, type DiagnosticCollection, type Disposable } from 'vscode';
import type { PlanProblem } from '../../../server/src/protocol/plan-request';

/** The languages whose open documents the language server checks (package.json's activation and the client's selector). */
const CHECKED_LANGUAGES = new Set(['yaml', 'json']);

export class PlanProblems implements Disposable {
  private readonly collection: DiagnosticCollection = languages.createDiagnosticCollection('kubeplan-plan');
  /** The last plan's errors by file URI, kept to publish a file's again once its document closes. */
  private byFile = new Map<string, PlanProblem[]>();
  private readonly subscriptions: Disposable[] = [
    workspace.onDidOpenTextDocument((document) => {
      if (CHECKED_LANGUAGES.has(document.languageId)) this.collection.delete(document.uri);
    }),
    workspace.onDidCloseTextDocument((document) => this.publish(document.uri.toString())),
  ];

  /** Shows the errors of a new plan (none when the plan was made), replacing those of the plan before. */
  show(problems: readonly PlanProblem[]): void {
    this.byFile = new Map();
    for (const problem of problems) {
      const list = this.byFile.get(problem.uri);
      if (list) list.push(problem);
      else this.byFile.set(problem.uri, [problem]);
    }
    this.collection.clear();
    for (const uri of this.byFile.keys()) this.publish(uri);
  }

  clear(): void {
    this.show([]);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.collection.dispose();
  }

  private publish(uri: string): void {
    const problems = this.byFile.get(uri);
    if (!problems) return;
    const open = workspace.textDocuments.some((document) => document.uri.toString() === uri && CHECKED_LANGUAGES.has(document.languageId));
    if (open) return;
    this.collection.set(Uri.parse(uri, true), problems.map(diagnostic));
  }
}

/** As the language server writes a finding (`lsp/conversions.ts`): the message, source kubeplan, the rule as its code. */
function diagnostic(problem: PlanProblem): Diagnostic {
  const { start, end } = problem.range;
  const result = new Diagnostic(new Range(start.line, start.character, end.line, end.character), problem.message, DiagnosticSeverity.Error);
  result.source = 'kubeplan';
  result.code = problem.rule;
  return result;
}
