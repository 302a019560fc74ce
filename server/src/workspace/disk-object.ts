/**
 * An object of a file on disk as the index keeps it, which is also what the catalog holds for it (one object, not
 * two): which object it is, where it is written (its range as four numbers, not three objects) and the projection
 * cross-object rules and hover read (object-projection.ts). Its strings are shared: the same label, namespace or
 * apiVersion read from ten thousand files is held once (see sharedStrings). Fields are placed by reading the file
 * again when asked (disk-locate.ts), so no closure is kept per object.
 */
import type { OffsetRange } from '../kube/findings';
import type { Keys, PlainObject, PlainValue } from '../kube/plain-values';
import type { Position } from '../parse/line-index';
import type { WorkspaceObject } from '../catalog/workspace-object';
import { locateOnDisk } from './disk-locate';
import type { IndexedObject, ReadObject } from './indexed-object';

export class DiskObject implements WorkspaceObject, IndexedObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly value: PlainObject;
  private readonly startLine: number;
  private readonly startCharacter: number;
  private readonly endLine: number;
  private readonly endCharacter: number;

  constructor(
    readonly file: string,
    read: ReadObject,
    strings: SharedStrings,
  ) {
    this.apiVersion = strings.share(read.apiVersion);
    this.kind = strings.share(read.kind);
    this.name = read.name;
    this.namespace = strings.share(read.namespace);
    this.value = strings.shareWithin(read.value);
    this.startLine = read.range.start.line;
    this.startCharacter = read.range.start.character;
    this.endLine = read.range.end.line;
    this.endCharacter = read.range.end.character;
  }

  get range(): { start: Position; end: Position } {
    return { start: { line: this.startLine, character: this.startCharacter }, end: { line: this.endLine, character: this.endCharacter } };
  }

  locate(keys: Keys, prefer: 'key' | 'value'): OffsetRange {
    return locateOnDisk(this.file, { line: this.startLine, character: this.startCharacter }, keys, prefer);
  }
}

/** Strings longer than this are rarely repeated (certificates, scripts, long names) and are kept as read. */
const LONGEST_SHARED = 128;
/** Bounds the table: once it holds this many strings it starts again, so it never grows with the workspace. */
const MOST_SHARED = 100_000;

/**
 * One copy of each short string value: objects that come from the reader's thread arrive with copies of every
 * string of their own, and most of a workspace's strings (apiVersions, kinds, namespaces, label keys and values,
 * port names, protocols) repeat from object to object.
 */
export class SharedStrings {
  private readonly table = new Map<string, string>();

  share(text: string): string {
    if (text.length > LONGEST_SHARED) return text;
    const shared = this.table.get(text);
    if (shared !== undefined) return shared;
    if (this.table.size >= MOST_SHARED) this.table.clear();
    this.table.set(text, text);
    return text;
  }

  /** Replaces, in place, every string value within `value` by its shared copy; returns `value`. */
  shareWithin<T extends PlainValue>(value: T): T {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item = value[i]!;
        if (typeof item === 'string') value[i] = this.share(item);
        else if (typeof item === 'object' && item !== null) this.shareWithin(item);
      }
    } else if (typeof value === 'object' && value !== null) {
      const object = value as PlainObject;
      for (const key of Object.keys(object)) {
        const item = object[key]!;
        // An own `__proto__` key is data: assigning it would be taken for the prototype's setter.
        if (typeof item === 'string') {
          if (key === '__proto__') Object.defineProperty(object, key, { value: this.share(item) });
          else object[key] = this.share(item);
        } else if (typeof item === 'object' && item !== null) this.shareWithin(item);
      }
    }
    return value;
  }
}
