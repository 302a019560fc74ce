/** Quick fixes (and ways to ignore) for the kubeplan diagnostics the client asks about; the edits apply only when the user picks one. */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Connection, type ServerCapabilities, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { quickFixes } from '../../features/code-actions';
import { findingMessage, rangeIn } from '../conversions';
import type { Guard } from '../guard';

export const CODE_ACTION_CAPABILITIES: ServerCapabilities = {
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
};

export function registerCodeActions(connection: Connection, documents: TextDocuments<TextDocument>, guard: Guard): void {
  connection.onCodeAction(
    guard.wrap('computing code actions', [] as CodeAction[], (params: CodeActionParams): CodeAction[] => {
      const document = documents.get(params.textDocument.uri);
      return document ? codeActions(document, params) : [];
    }),
  );
}

function codeActions(document: TextDocument, params: CodeActionParams): CodeAction[] {
  if (params.context.only && !params.context.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
  const actions: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== 'kubeplan' || typeof diagnostic.code !== 'string') continue;
    // Findings outside an object's fields have no path; they can still be ignored.
    const written = (diagnostic.data as { path?: unknown } | undefined)?.path;
    const path = typeof written === 'string' ? written : '';
    const text = document.getText();
    const range = { start: document.offsetAt(diagnostic.range.start), end: document.offsetAt(diagnostic.range.end) };
    for (const fix of quickFixes(text, { rule: diagnostic.code, message: findingMessage(diagnostic, path), path, range })) {
      const edits = fix.edits.map((edit) => ({ range: rangeIn(document, edit.range), newText: edit.newText }));
      actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [document.uri]: edits } } });
    }
  }
  return actions;
}
