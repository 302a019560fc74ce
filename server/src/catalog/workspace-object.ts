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

/**
 * A CustomResourceDefinition given as reference (`kubeplan check --crds`, the `kubeplan.crds` setting): it gives its
 * custom kind a schema and a scope, as the CRDs the cluster already has do, but it is not an input: nothing is
 * reported about it, and it is not applied.
 */
export interface ReferenceDefinition {
  readonly kind: 'CustomResourceDefinition';
  readonly name: string;
  /** The file it was read from, for messages. */
  readonly file: string;
  readonly value: PlainObject;
}

/** What the schema and scope of a custom kind are read from: a CRD among the objects, or a reference one. */
export type DefinitionSource = Pick<WorkspaceObject, 'kind' | 'value'>;

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
