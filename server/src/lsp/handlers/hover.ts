/** Hover: what a field means, and what the workspace knows of the objects a value names. */
import { MarkupKind, type Connection, type Hover, type HoverParams, type ServerCapabilities, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Catalog } from '../../catalog/catalog';
import { hoverAt } from '../../features/hover';
import { rangeIn } from '../conversions';
import type { Guard } from '../guard';
import type { ServerState } from '../server-state';

export const HOVER_CAPABILITIES: ServerCapabilities = { hoverProvider: true };

export interface HoverHost {
  documents: TextDocuments<TextDocument>;
  state: ServerState;
  /** The workspace's objects, up to date with the index. */
  catalog(): Catalog;
  guard: Guard;
}

export function registerHover(connection: Connection, host: HoverHost): void {
  const { documents, state, guard } = host;
  connection.onHover(
    guard.wrap('computing a hover', null, (params: HoverParams): Hover | null => {
      const document = documents.get(params.textDocument.uri);
      if (!document || !state.handles(document)) return null;
      const found = hoverAt(document.getText(), document.offsetAt(params.position), {
        kubernetesVersion: state.settings.kubernetesVersion,
        catalog: host.catalog,
        revealSecrets: state.settings.revealSecrets,
        now: Date.now(),
        clusterDomain: state.settings.planClusterDomain,
      });
      if (!found) return null;
      return { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: rangeIn(document, found.range) };
    }),
  );
}
