/** What checking a file gives: the Kubernetes objects it holds, each with its place, and the findings about it. */
import type { FileFinding, ObjectRef, OffsetRange } from '../kube/findings';
import type { Keys, PlainObject } from '../kube/plain-values';
import type { UnreadableDocument } from '../catalog/unreadable-documents';

export interface ManifestObject extends ObjectRef {
  /** The object as the API server would decode it. */
  value: PlainObject;
  /** Where the object is written. */
  range: OffsetRange;
  /** Where a field of the object is written; cross-object rules place their findings with it. */
  locate(keys: Keys, prefer: 'key' | 'value'): OffsetRange;
  /** Its index in `items`, for an item of a List; absent for an object that is a document of its own. */
  listItem?: number;
}

export interface FileReport {
  objects: ManifestObject[];
  findings: FileFinding[];
  /** Why the file was not validated: over the size limit, not text, or a template; absent when it was. */
  skipped?: SkippedReason;
  /** Its documents that could not be read (YAML syntax errors), with what could be read of each; absent when none. */
  unreadable?: UnreadableDocument[];
  /** What the file is when it (or a document of it) is some other tool's YAML, not a Kubernetes manifest. */
  notManifest?: string;
}

export type SkippedReason = 'too large' | 'not text' | 'template';
