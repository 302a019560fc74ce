/** The VS Code extension: starts the kubeplan language server and adds the commands and status-bar item around it. */
import { commands, window, type ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './language-client';
import { registerPlanCommands } from './plan/plan-commands';
import { VersionStatus } from './version-status';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const output = window.createOutputChannel('Kubeplan', { log: true });
  const languageClient = createLanguageClient(output);
  client = languageClient;
  context.subscriptions.push(
    output,
    new VersionStatus(),
    commands.registerCommand('kubeplan.showOutput', () => output.show(true)),
    commands.registerCommand('kubeplan.restartServer', async () => {
      output.info('restarting the language server');
      await languageClient.restart();
    }),
    ...registerPlanCommands(languageClient, (context.storageUri ?? context.globalStorageUri).fsPath),
  );
  await languageClient.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
