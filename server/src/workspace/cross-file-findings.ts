/**
 * Cross-object findings for the open documents, over every object the index holds. Objects of files on disk take
 * part in lookups only: their findings are not shown until their file is opened.
 */
import type { Keys } from '../parse/yaml-documents';
import { kindsWithSchema, runCrossObjectRules } from '../rules/cross-object/run-cross-object-rules';
import type { CrossFinding, WorkspaceObject } from '../rules/cross-object/workspace-object';
import type { IndexedFile } from './workspace-index';
import type { IndexedObject } from './indexed-object';

/** Conversions are kept per objects array: the index replaces a file's array when the file changes. */
const converted = new WeakMap<IndexedObject[], WorkspaceObject[]>();

export interface CrossFileResult {
  /** Findings per file key, for the files `shown` accepts. */
  byFile: Map<string, CrossFinding[]>;
  /** `apiVersion/Kind` of the custom kinds a CRD in the workspace gives a schema. */
  schemaKinds: Set<string>;
}

export function crossFileFindings(files: readonly IndexedFile[], shown: (key: string) => boolean): CrossFileResult {
  const objects: WorkspaceObject[] = [];
  for (const file of files) objects.push(...workspaceObjects(file));
  const byFile = new Map<string, CrossFinding[]>();
  for (const finding of runCrossObjectRules(objects, { reportFor: shown })) {
    const same = byFile.get(finding.file);
    if (same) same.push(finding);
    else byFile.set(finding.file, [finding]);
  }
  return { byFile, schemaKinds: kindsWithSchema(objects) };
}

function workspaceObjects(file: IndexedFile): WorkspaceObject[] {
  const cached = converted.get(file.objects);
  if (cached) return cached;
  const objects: WorkspaceObject[] = [];
  for (const object of file.objects) {
    const { apiVersion, kind, name, namespace, value, locate } = object;
    if (value) objects.push({ apiVersion, kind, name, namespace, value, file: file.key, locate: locate ?? unplaced });
  }
  converted.set(file.objects, objects);
  return objects;
}

/** Objects of files on disk are never the subject of a shown finding, so they need no places. */
function unplaced(_keys: Keys): { start: number; end: number } {
  return { start: 0, end: 0 };
}
