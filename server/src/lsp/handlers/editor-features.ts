/**
 * LSP wiring of completion, go to definition, find references and symbols. The answers come from server/src/features
 * (no LSP types there); this file converts offsets to positions, paths to URIs, and entries to LSP items.
 */
import {
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  SymbolKind,
  type CompletionItem,
  type Connection,
  type DocumentSymbol,
  type Location,
  type ServerCapabilities,
  type SymbolInformation,
  type TextDocuments,
  type WorkspaceSymbolParams,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { completionsAt } from '../../features/completion';
import { snippetDefaultText, type CompletionEntryKind } from '../../features/completion-entry';
import { definitionTargets, objectAtCursor, referenceTargets, type FieldTarget } from '../../features/navigation';
import { documentSymbols, matchingSymbols, symbolName } from '../../features/symbols';
import { LineIndex } from '../../parse/line-index';
import type { Catalog } from '../../catalog/catalog';
import { validateText } from '../../check/validate-text';
import { placeTarget } from '../../workspace/target-places';
import type { IndexedFile } from '../../workspace/workspace-index';
import { indexKey, rangeIn, uriOf } from '../conversions';
import type { Guard } from '../guard';
import type { ServerState } from '../server-state';

export const EDITOR_FEATURE_CAPABILITIES: ServerCapabilities = {
  // `:` and a space start a value; a space on a blank indented line, a key.
  completionProvider: { triggerCharacters: [':', ' '] },
  definitionProvider: true,
  referencesProvider: true,
  documentSymbolProvider: true,
  workspaceSymbolProvider: true,
};

export interface EditorFeatureHost {
  documents: TextDocuments<TextDocument>;
  state: ServerState;
  /** The workspace's objects, up to date with the index. */
  catalog(): Catalog;
  indexedFiles(): IndexedFile[];
  guard: Guard;
}

const WORKSPACE_SYMBOL_LIMIT = 500;

const ITEM_KINDS: Record<CompletionEntryKind, CompletionItemKind> = {
  field: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  kind: CompletionItemKind.Class,
  snippet: CompletionItemKind.Snippet,
  reference: CompletionItemKind.Reference,
};

export function registerEditorFeatures(connection: Connection, host: EditorFeatureHost): void {
  const { state, guard } = host;
  /** A handler of a document kubeplan handles; any other gets `fallback`. */
  const inManifest = <P extends { textDocument: { uri: string } }, R>(what: string, fallback: R, handler: (params: P, document: TextDocument) => R) =>
    guard.wrap(what, fallback as Awaited<R>, (params: P): R => {
      const document = host.documents.get(params.textDocument.uri);
      return document && state.handles(document) ? handler(params, document) : fallback;
    });
  /** The document's objects, as its validation found them (validateText caches them per text). */
  const objectsOf = (text: string, uri: string) => validateText(text, { ...state.validateOptions(), fileName: uri }).objects;

  const openLines = (key: string): LineIndex | undefined => {
    const document = host.documents.get(uriOf(key));
    return document ? new LineIndex(document.getText()) : undefined;
  };
  const locations = (targets: FieldTarget[]): Location[] =>
    targets.flatMap((target) => {
      const place = placeTarget(target, openLines);
      return place ? [{ uri: uriOf(place.file), range: place.range }] : [];
    });
  const cursorObject = (document: TextDocument, position: { line: number; character: number }) => {
    const text = document.getText();
    return objectAtCursor(text, document.offsetAt(position), objectsOf(text, document.uri), indexKey(document.uri));
  };

  connection.onCompletion(
    inManifest('computing completions', [] as CompletionItem[], (params, document) => {
      const text = document.getText();
      const entries = completionsAt(text, document.offsetAt(params.position), state.settings.kubernetesVersion, host.catalog(), indexKey(document.uri));
      const snippets = state.client.insertsSnippets;
      return entries.map((entry) => ({
        label: entry.label,
        kind: ITEM_KINDS[entry.kind],
        detail: entry.detail,
        documentation: entry.documentation ? { kind: MarkupKind.PlainText, value: entry.documentation } : undefined,
        sortText: entry.sortText,
        insertTextFormat: entry.snippet && snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        insertTextMode: InsertTextMode.adjustIndentation,
        textEdit: {
          range: rangeIn(document, entry.replace),
          newText: entry.snippet && !snippets ? snippetDefaultText(entry.insertText) : entry.insertText,
        },
      }));
    }),
  );

  connection.onDefinition(
    inManifest('finding definitions', [] as Location[], (params, document) => {
      const at = cursorObject(document, params.position);
      return at ? locations(definitionTargets(at, host.catalog())) : [];
    }),
  );

  connection.onReferences(
    inManifest('finding references', [] as Location[], (params, document) => {
      const at = cursorObject(document, params.position);
      return at ? locations(referenceTargets(at, host.catalog(), params.context.includeDeclaration)) : [];
    }),
  );

  connection.onDocumentSymbol(
    inManifest('listing symbols', [] as DocumentSymbol[], (_params, document) =>
      documentSymbols(objectsOf(document.getText(), document.uri)).map((symbol) => ({
        name: symbol.name,
        detail: symbol.detail,
        kind: SymbolKind.Object,
        range: rangeIn(document, symbol.range),
        selectionRange: rangeIn(document, symbol.selectionRange),
      })),
    ),
  );

  connection.onWorkspaceSymbol(
    guard.wrap('listing workspace symbols', [] as SymbolInformation[], (params: WorkspaceSymbolParams): SymbolInformation[] => {
      const objects = host.indexedFiles().flatMap((file) => file.objects.map(({ apiVersion, kind, name, namespace, range }) => ({ apiVersion, kind, name, namespace, range, file: file.key })));
      return matchingSymbols(objects, params.query, WORKSPACE_SYMBOL_LIMIT).map((object) => ({
        name: symbolName(object),
        kind: SymbolKind.Object,
        containerName: object.namespace || undefined,
        location: { uri: uriOf(object.file), range: object.range },
      }));
    }),
  );
}
