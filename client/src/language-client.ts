/** The language client: runs the kubeplan language server as a Node module and hands it YAML and JSON documents. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { workspace, type LogOutputChannel } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SETTINGS_SECTION, type InitializationOptions } from '../../server/src/protocol/initialization';
import { LSP_EXEC_ARGV } from '../../server/src/protocol/lsp-exec-argv';

/**
 * The server module, found from this one: the packaged extension is bundled into dist/ (extension.js beside
 * lsp-entry.js); a development build keeps tsc's layout (out/client/src/ and out/server/src/lsp/).
 */
function serverModule(): string {
  const bundled = path.join(__dirname, 'lsp-entry.js');
  return fs.existsSync(bundled) ? bundled : path.join(__dirname, '..', '..', 'server', 'src', 'lsp', 'lsp-entry.js');
}

export function createLanguageClient(outputChannel: LogOutputChannel): LanguageClient {
  const module = serverModule();
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...LSP_EXEC_ARGV] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...LSP_EXEC_ARGV, '--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: ['yaml', 'json'].flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    synchronize: {
      configurationSection: SETTINGS_SECTION,
      // The server keeps an index of the manifests on disk; it learns of changes made outside the editor here.
      fileEvents: workspace.createFileSystemWatcher('**/*.{yaml,yml,json}'),
    },
    outputChannel,
    // The server validates with these at once, instead of waiting for its first workspace/configuration answer.
    initializationOptions: { settings: JSON.parse(JSON.stringify(workspace.getConfiguration(SETTINGS_SECTION))) as unknown } satisfies InitializationOptions,
  };
  return new LanguageClient('kubeplan', 'Kubeplan', serverOptions, clientOptions);
}
