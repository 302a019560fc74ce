/**
 * What cross-object rules see of each object in the workspace, and what they produce: plain data, so that the CLI
 * (all files it checks) and the language server (open documents over files on disk) feed the same rules.
 */
import type { OffsetRange, Severity } from '../kube/findings';
import type { Keys, PlainObject } from '../kube/plain-values';
import type { FileFinding, ObjectRef } from '../kube/findings';

export interface WorkspaceObject extends ObjectRef {
  /** The file (path or URI) the object is written in. */
  file: string;
  /** The decoded object, or a projection of it that keeps what the rules read. */
  value: PlainObject;
  /** Where a field of the object is written, in offsets into its file's text. */
  locate(keys: Keys, prefer: 'key' | 'value'): OffsetRange;
}

export interface CrossFinding extends FileFinding {
  file: string;
}

/** A rule reports about one subject object, at a field of it. */
export interface Report {
  rule: string;
  severity: Severity;
  message: string;
  at: Keys;
  prefer?: 'key' | 'value';
}

/** Renders a field path as apimachinery's field.Path does, for messages. */
export function fieldPath(keys: Keys): string {
  let path = '';
  for (const key of keys) path += typeof key === 'number' ? `[${key}]` : path ? `.${key}` : key;
  return path;
}
