/**
 * Finds the Kubernetes objects a file holds without validating them: the index needs to know which objects exist,
 * where, and what cross-object rules read of them; schema validation would cost most of the time. An object is what validation would accept
 * as one: a mapping with non-empty string `apiVersion` and `kind`, or an item of a `*List`.
 */
import { LineIndex } from '../parse/line-index';
import { splitDocuments } from '../parse/split-documents';
import { findTemplateSyntax } from '../parse/templates';
import { parseYamlChunk } from '../parse/yaml-documents';
import { isObject, type PlainObject } from '../kube/plain-values';
import type { ReadObject } from './indexed-object';
import { projectObject } from './object-projection';
import { documentFormat, fileFormatByName } from '../check/file-formats';
import { hasPatchMarker } from '../check/patch-directives';
import { isListedPatch } from './kustomize-patches';
import { unreadableInChunk } from '../check/unreadable-chunk';
import type { UnreadableDocument } from '../catalog/unreadable-documents';

/** What the index reads of a file: its objects, and its documents that could not be read. */
export interface ReadFile {
  objects: ReadObject[];
  unreadable: UnreadableDocument[];
}

/** `file` is the path the text was read from: some files are known by name to be no manifests (`fileFormatByName`). */
export function objectRefs(text: string, file?: string): ReadFile {
  const nothing: ReadFile = { objects: [], unreadable: [] };
  if (text.includes('\u0000') || findTemplateSyntax(text) !== undefined) return nothing;
  const format = fileFormatByName(file);
  if (format?.kind === 'not-a-manifest' || format?.kind === 'kustomization' || (format?.kind === 'template' && text.includes('{{'))) return nothing;
  // A kustomize patch is part of an object, not one.
  if (hasPatchMarker(text) || (file !== undefined && isListedPatch(file))) return nothing;
  const lines = new LineIndex(text);
  const objects: ReadObject[] = [];
  const unreadable: UnreadableDocument[] = [];
  for (const chunk of splitDocuments(text)) {
    const documents = parseYamlChunk(chunk.text);
    unreadable.push(...unreadableInChunk(chunk.text, documents, (offset) => lines.positionAt(chunk.offset + offset).line + 1));
    for (const document of documents) {
      const value = document.value;
      if (!isObject(value) || documentFormat(value) !== undefined) continue;
      const add = (object: PlainObject, keys: (string | number)[]): void => {
        const apiVersion = object['apiVersion'];
        const kind = object['kind'];
        if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !apiVersion || !kind) return;
        const metadata = isObject(object['metadata']) ? object['metadata'] : {};
        const range = document.locate(keys, 'value');
        objects.push({
          apiVersion,
          kind,
          name: typeof metadata['name'] === 'string' ? metadata['name'] : '',
          namespace: typeof metadata['namespace'] === 'string' ? metadata['namespace'] : '',
          range: { start: lines.positionAt(chunk.offset + range.start), end: lines.positionAt(chunk.offset + range.end) },
          value: projectObject(object),
        });
      };
      const kind = value['kind'];
      const items = value['items'];
      if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(items)) {
        items.forEach((item, index) => {
          if (isObject(item)) add(item, ['items', index]);
        });
      } else add(value, []);
    }
  }
  return { objects, unreadable };
}
