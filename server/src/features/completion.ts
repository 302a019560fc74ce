/**
 * Completion at an offset of a manifest: object snippets in an empty document, keys and values from the schema of
 * the document's kind (a custom resource's from its CRD), and names, keys, labels and ports from the workspace's other objects.
 */
import type { Catalog } from '../catalog/catalog';
import type { KubernetesVersion } from '../schema/versions';
import { completionContext } from './completion-context';
import type { CompletionEntry } from './completion-entry';
import { resourceNameCompletions } from './resource-completion';
import { keyCompletions, valueCompletions } from './schema-completion';
import { objectSnippets } from './snippets';
import { workspaceCompletions } from './workspace-completion';

/** `file` is the text's key in the catalog: names written in it are offered before the other files' names. */
export function completionsAt(text: string, offset: number, version: KubernetesVersion, catalog?: Catalog, file?: string): CompletionEntry[] {
  const context = completionContext(text, offset);
  if (!context) return [];
  const fromWorkspace = catalog ? workspaceCompletions(context, catalog, file) : [];
  if (context.position === 'value') {
    const fromSchema = valueCompletions(context, version, catalog);
    const offered = new Set(fromSchema.map((entry) => entry.label));
    return [...fromSchema, ...fromWorkspace.filter((entry) => !offered.has(entry.label))];
  }
  const entries = [...fromWorkspace, ...resourceNameCompletions(context, catalog), ...keyCompletions(context, version, catalog)].map((entry) => shiftedRight(entry, context.indent));
  if (context.emptyDocument && context.column === 0) {
    const beside = file === undefined ? undefined : catalog?.file(file)?.objects;
    for (const snippet of objectSnippets(beside ?? [])) {
      entries.push({
        label: snippet.kind,
        kind: 'snippet',
        detail: `${snippet.apiVersion} ${snippet.kind}`,
        documentation: snippet.description,
        insertText: snippet.body,
        snippet: true,
        replace: context.replace,
        sortText: `2${snippet.kind}`,
      });
    }
  }
  return entries.sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));
}

/**
 * The entry inserted `columns` right of the cursor. Clients indent an inserted text's later lines as the cursor's
 * line is indented, so they move right by as much as the first.
 */
function shiftedRight(entry: CompletionEntry, columns: number): CompletionEntry {
  if (columns === 0) return entry;
  const pad = ' '.repeat(columns);
  return { ...entry, insertText: pad + entry.insertText.replace(/\n/g, `\n${pad}`) };
}
