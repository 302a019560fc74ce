/** Open documents and files on disk: edits and closes of open documents, and changes to files the client watches. */
import { FileChangeType, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PlanLensCache } from '../../features/plan-lens-cache';
import { isWorkspaceConfig } from '../../workspace/workspace-config';
import type { WorkspaceIndex } from '../../workspace/workspace-index';
import { filePath } from '../conversions';
import type { DiagnosticsPublisher } from '../diagnostics-publisher';
import type { Guard } from '../guard';
import type { SettingsSync } from '../settings-sync';

export interface DocumentHandlersHost {
  documents: TextDocuments<TextDocument>;
  index: WorkspaceIndex;
  publisher: DiagnosticsPublisher;
  settingsSync: SettingsSync;
  lensCache: PlanLensCache;
  guard: Guard;
}

export function registerDocumentHandlers(connection: Connection, host: DocumentHandlersHost): void {
  const { documents, index, publisher, settingsSync, lensCache, guard } = host;

  connection.onDidChangeWatchedFiles(
    guard.wrap('handling file events', (params) => {
      for (const change of params.changes) {
        const file = filePath(change.uri);
        if (file === undefined) continue;
        if (isWorkspaceConfig(file)) {
          settingsSync.workspaceConfigChanged();
          continue;
        }
        if (change.type === FileChangeType.Deleted) index.fileDeleted(file);
        else index.fileChanged(file);
        settingsSync.fileChanged(file);
      }
    }),
  );

  documents.onDidChangeContent(guard.wrap('handling an edit', (event) => publisher.edited(event.document.uri)));

  documents.onDidClose(
    guard.wrap('closing a document', (event) => {
      const uri = event.document.uri;
      lensCache.forget(uri);
      publisher.closed(uri);
    }),
  );
}
