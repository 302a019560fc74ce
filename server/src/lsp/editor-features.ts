/**
 * LSP wiring of completion, go to definition, find references and symbols. The answers come from server/src/features
 * (no LSP types there); this file converts offsets to positions, paths to URIs, and entries to LSP items.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
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
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { completionsAt } from '../features/completion';
import { snippetDefaultText, type CompletionEntryKind } from '../features/completion-entry';
import { definitionTargets, objectAtCursor, referenceTargets, type FieldTarget } from '../features/navigation';
import { documentSymbols, matchingSymbols, symbolName } from '../features/symbols';
import { LineIndex } from '../parse/line-index';
import type { Catalog } from '../catalog/catalog';
import type { KubernetesVersion } from '../schema/versions';
import type { ManifestObject } from '../check/validate-text';
import { placeTarget } from '../workspace/target-places';
import type { IndexedFile } from '../workspace/workspace-index';

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
  /** Whether the client inserts snippets (tab stops, choices); otherwise items carry their default text. */
  snippets(): boolean;
  /** Whether kubeplan handles the document under the current settings. */
  handles(document: TextDocument): boolean;
  kubernetesVersion(): KubernetesVersion;
  /** The document's objects, as its validation found them (validateText with the server's settings, cached). */
  objectsOf(text: string): ManifestObject[];
  /** The workspace's objects, up to date with the index. */
  catalog(): Catalog;
  indexedFiles(): IndexedFile[];
  /** The index key of a document: its path for a file, else its URI. */
  keyOf(uri: string): string;
  logError(what: string, error: unknown): void;
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
  const guarded =
    <P, R>(what: string, fallback: R, handler: (params: P, document: TextDocument) => R) =>
    (params: P & { textDocument: { uri: string } }): R => {
      try {
        const document = host.documents.get(params.textDocument.uri);
        return document && host.handles(document) ? handler(params, document) : fallback;
      } catch (error) {
        host.logError(what, error);
        return fallback;
      }
    };

  const uriOf = (key: string): string => (path.isAbsolute(key) ? pathToFileURL(key).href : key);
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
    return objectAtCursor(text, document.offsetAt(position), host.objectsOf(text), host.keyOf(document.uri));
  };

  connection.onCompletion(
    guarded('computing completions', [] as CompletionItem[], (params, document) => {
      const text = document.getText();
      const entries = completionsAt(text, document.offsetAt(params.position), host.kubernetesVersion(), host.catalog());
      const snippets = host.snippets();
      return entries.map((entry) => ({
        label: entry.label,
        kind: ITEM_KINDS[entry.kind],
        detail: entry.detail,
        documentation: entry.documentation ? { kind: MarkupKind.PlainText, value: entry.documentation } : undefined,
        sortText: entry.sortText,
        insertTextFormat: entry.snippet && snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        insertTextMode: InsertTextMode.adjustIndentation,
        textEdit: {
          range: { start: document.positionAt(entry.replace.start), end: document.positionAt(entry.replace.end) },
          newText: entry.snippet && !snippets ? snippetDefaultText(entry.insertText) : entry.insertText,
        },
      }));
    }),
  );

  connection.onDefinition(
    guarded('finding definitions', [] as Location[], (params, document) => {
      const at = cursorObject(document, params.position);
      return at ? locations(definitionTargets(at, host.catalog())) : [];
    }),
  );

  connection.onReferences(
    guarded('finding references', [] as Location[], (params, document) => {
      const at = cursorObject(document, params.position);
      return at ? locations(referenceTargets(at, host.catalog(), params.context.includeDeclaration)) : [];
    }),
  );

  connection.onDocumentSymbol(
    guarded('listing symbols', [] as DocumentSymbol[], (_params, document) =>
      documentSymbols(host.objectsOf(document.getText())).map((symbol) => ({
        name: symbol.name,
        detail: symbol.detail,
        kind: SymbolKind.Object,
        range: { start: document.positionAt(symbol.range.start), end: document.positionAt(symbol.range.end) },
        selectionRange: { start: document.positionAt(symbol.selectionRange.start), end: document.positionAt(symbol.selectionRange.end) },
      })),
    ),
  );

  connection.onWorkspaceSymbol((params): SymbolInformation[] => {
    try {
      const objects = host.indexedFiles().flatMap((file) => file.objects.map((object) => ({ ...object, file: file.key })));
      return matchingSymbols(objects, params.query, WORKSPACE_SYMBOL_LIMIT).map((object) => ({
        name: symbolName(object),
        kind: SymbolKind.Object,
        containerName: object.namespace || undefined,
        location: { uri: uriOf(object.file), range: object.range },
      }));
    } catch (error) {
      host.logError('listing workspace symbols', error);
      return [];
    }
  });
}
