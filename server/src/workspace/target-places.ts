/** Where a navigation target is written: in an open document's current text, or in its file on disk. */
import type { LineIndex, Position } from '../parse/line-index';
import { isObject, type PlainValue } from '../kube/plain-values';
import type { FieldTarget } from '../features/navigation';
import { diskText } from './disk-locate';

export interface TargetPlace {
  /** The file key (a path, or the URI of a document that is not a file). */
  file: string;
  range: { start: Position; end: Position };
}

const DATA_FIELDS = new Set(['data', 'binaryData', 'stringData']);

/** `openLines` gives the line index of an open document's text; files that are not open are read from disk. */
export function placeTarget(target: FieldTarget, openLines: (file: string) => LineIndex | undefined): TargetPlace | undefined {
  const { object, keys } = target;
  const lines = openLines(object.file) ?? diskText(object.file)?.lines;
  if (!lines) return undefined;
  // A key of a ConfigMap's data, a selector or any other collection is shown at its key; a name at its value.
  const prefer = DATA_FIELDS.has(String(keys[0])) || isCollection(valueAt(object.value, keys)) ? 'key' : 'value';
  const range = object.locate(keys, prefer);
  return { file: object.file, range: { start: lines.positionAt(range.start), end: lines.positionAt(range.end) } };
}

function valueAt(value: PlainValue | undefined, keys: readonly (string | number)[]): PlainValue | undefined {
  let current = value;
  for (const key of keys) {
    if (typeof key === 'number') current = Array.isArray(current) ? current[key] : undefined;
    else current = isObject(current) ? current[key] : undefined;
  }
  return current;
}

function isCollection(value: PlainValue | undefined): boolean {
  return typeof value === 'object' && value !== null;
}
