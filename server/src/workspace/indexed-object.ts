/** What the workspace index knows about one object: which it is, where it is written, and what rules read of it. */
import type { OffsetRange } from '../kube/findings';
import type { Position } from '../parse/line-index';
import type { Keys, PlainObject } from '../kube/plain-values';
import type { ObjectRef } from '../kube/findings';
import type { UnreadableDocument } from '../catalog/unreadable-documents';

export interface IndexedObject extends ObjectRef {
  /** Zero-based, UTF-16 positions of the object's value, as editors count them. */
  range: { start: Position; end: Position };
  /** The decoded object (open documents) or its projection (files on disk, see object-projection.ts). */
  value?: PlainObject;
  /** Where a field is written, in offsets into the document's text; open documents only. */
  locate?: (keys: Keys, prefer: 'key' | 'value') => OffsetRange;
}

/** What the index holds for a file: its objects, and its documents that could not be read (absent when none). */
export interface IndexedContents {
  objects: IndexedObject[];
  unreadable?: readonly UnreadableDocument[];
}

/** An object as objectRefs reads it from a file on disk, with the projection of its value; the reader's thread sends these. */
export type ReadObject = IndexedObject & { value: PlainObject };
