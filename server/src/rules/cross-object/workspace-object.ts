/**
 * What cross-object rules see of each object in the workspace, and what they produce: plain data, so that the CLI
 * (all files it checks) and the language server (open documents over files on disk) feed the same rules.
 */
import type { OffsetRange, Severity } from '../../findings';
import type { Keys, PlainObject, PlainValue } from '../../parse/yaml-documents';
import type { FileFinding, ObjectRef } from '../../validate-text';

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

export function isObject(value: PlainValue | undefined): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(value: PlainValue | undefined, ...keys: string[]): PlainObject | undefined {
  let current = value;
  for (const key of keys) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return isObject(current) ? current : undefined;
}

export function listAt(value: PlainValue | undefined, key: string): PlainValue[] {
  const list = isObject(value) ? value[key] : undefined;
  return Array.isArray(list) ? list : [];
}

export function stringAt(value: PlainValue | undefined, key: string): string | undefined {
  const found = isObject(value) ? value[key] : undefined;
  return typeof found === 'string' ? found : undefined;
}

/** The API group of an apiVersion: "" for the core group (`v1`). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** Renders a field path as apimachinery's field.Path does, for messages. */
export function fieldPath(keys: Keys): string {
  let path = '';
  for (const key of keys) path += typeof key === 'number' ? `[${key}]` : path ? `.${key}` : key;
  return path;
}
