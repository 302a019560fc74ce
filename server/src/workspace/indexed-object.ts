/** What the workspace index knows about one object: which it is and where it is written. */
import type { Position } from '../parse/line-index';
import type { ObjectRef } from '../validate-text';

export interface IndexedObject extends ObjectRef {
  /** Zero-based, UTF-16 positions of the object's value, as editors count them. */
  range: { start: Position; end: Position };
}
