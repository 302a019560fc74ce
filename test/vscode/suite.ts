/**
 * Extension tests, run by VS Code in its extension host (see run.ts) on a workspace holding the examples and a
 * broken manifest. VS Code calls `run`; a rejected promise fails the run. Each check is one behaviour.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const TIMEOUT_MS = 30_000;

interface Check {
  name: string;
  body: () => Promise<void>;
}

const checks: Check[] = [
  {
    name: 'shows the API server errors of a broken manifest as diagnostics',
    body: async () => {
      const uri = fileInWorkspace('broken/typical-mistakes.yaml');
      await vscode.window.showTextDocument(uri);
      const diagnostics = await diagnosticsOf(uri);
      const messages = diagnostics.map((diagnostic) => diagnostic.message);
      assert.ok(
        messages.some((message) => message.startsWith('strict decoding error: unknown field "spec.replica"')),
        `the unknown-field error among ${JSON.stringify(messages)}`,
      );
      const unknownField = diagnostics.find((diagnostic) => diagnostic.message.startsWith('strict decoding error'))!;
      assert.equal(unknownField.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(unknownField.range.start.line, 6, 'on the line of `replica: 2`');
    },
  },
  {
    name: "answers a hover on a field's key with its documentation",
    body: async () => {
      const uri = fileInWorkspace('examples/deployment.yaml');
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const position = document.positionAt(document.getText().indexOf('  replicas:') + 2);
      const text = await withinTimeout(async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
        const joined = hovers.flatMap((hover) => hover.contents.map(hoverText)).join('\n');
        return joined.length > 0 ? joined : undefined;
      }, 'a hover on replicas');
      // DeploymentSpec.replicas as the Kubernetes API documents it.
      assert.match(text, /Number of desired pods\. This is a pointer to distinguish between explicit zero and not specified\. Defaults to 1\./);
    },
  },
  {
    name: 'plans the examples with the kubeplan.plan command',
    body: async () => {
      const available = await vscode.commands.getCommands(true);
      if (!available.includes('kubeplan.plan')) {
        console.log('  (kubeplan.plan is not a command of this build; nothing to check)');
        return;
      }
      const markdown = await vscode.commands.executeCommand<unknown>('kubeplan.plan', { uris: [fileInWorkspace('examples').toString()] });
      assert.equal(typeof markdown, 'string');
      // The examples' Deployment; its pods and rollout are what the plan is about.
      assert.match(markdown as string, /bookshelf-web/);
    },
  },
];

export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const check of checks) {
    try {
      await check.body();
      console.log(`✔ ${check.name}`);
    } catch (error) {
      console.log(`✖ ${check.name}\n  ${error instanceof Error ? error.message : String(error)}`);
      failures.push(check.name);
    }
  }
  if (failures.length > 0) throw new Error(`${failures.length} of ${checks.length} extension tests failed: ${failures.join('; ')}`);
}

function fileInWorkspace(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run on a workspace folder');
  return vscode.Uri.joinPath(folder.uri, relative);
}

/** The document's kubeplan diagnostics, once the language server has published some. */
function diagnosticsOf(uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
  return withinTimeout(async () => {
    const ours = vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'kubeplan');
    return ours.length > 0 ? ours : undefined;
  }, `diagnostics for ${uri.path}`);
}

function hoverText(content: vscode.MarkdownString | vscode.MarkedString): string {
  if (typeof content === 'string') return content;
  return content.value;
}

/** Polls until `probe` gives a value; the server starts and validates asynchronously. */
async function withinTimeout<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`no ${what} within ${TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
