/**
 * The documents of a chunk that could not be read (a YAML syntax error), with what can be read of each: the catalog
 * keeps them so that cross-object rules do not report missing what such a document was meant to hold.
 */
import type { YamlDocument } from '../parse/decoded';
import { partialDocuments } from '../parse/partial-documents';
import { isObject } from '../kube/plain-values';
import { unreadableDocument, type UnreadableDocument } from '../catalog/unreadable-documents';
import { documentFormat } from './file-formats';

/**
 * `documents`: the chunk's documents as parseYamlChunk decoded them; `lineAt`: the 1-based line of the file at an
 * offset into the chunk. Costs nothing for a chunk every document of which was read.
 */
export function unreadableInChunk(text: string, documents: readonly YamlDocument[], lineAt: (offset: number) => number): UnreadableDocument[] {
  if (!documents.some((document) => document.value === undefined && document.problems.some((problem) => problem.rule === 'yaml-syntax' && problem.severity === 'error'))) return [];
  const unreadable: UnreadableDocument[] = [];
  for (const partial of partialDocuments(text)) {
    // Another tool's YAML (a kustomization, a kubeconfig …) holds no object a rule could look for.
    if (isObject(partial.value) && documentFormat(partial.value) !== undefined) continue;
    unreadable.push(unreadableDocument(partial, lineAt(partial.start)));
  }
  return unreadable;
}
