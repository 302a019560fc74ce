/** The language client: runs the kubeplan language server as a Node module and hands it YAML and JSON documents. */
import * as path from 'node:path';
import { workspace, type ExtensionContext, type LogOutputChannel } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { LSP_EXEC_ARGV } from '../../server/src/lsp-exec-argv';

export function createLanguageClient(context: ExtensionContext, outputChannel: LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('out', 'server', 'src', 'lsp-entry.js'));
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
      configurationSection: 'kubeplan',
      // The server keeps an index of the manifests on disk; it learns of changes made outside the editor here.
      fileEvents: workspace.createFileSystemWatcher('**/*.{yaml,yml,json}'),
    },
    outputChannel,
  };
  return new LanguageClient('kubeplan', 'Kubeplan', serverOptions, clientOptions);
}
