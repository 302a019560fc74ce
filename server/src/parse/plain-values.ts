/** Reading decoded values without trusting their shape: a manifest may hold anything anywhere. */
import type { PlainObject, PlainValue } from './decoded';

export function isObject(value: PlainValue | undefined): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The mapping at `keys` below `value` (`value` itself for no keys), or undefined when any step is not one. */
export function objectAt(value: PlainValue | undefined, ...keys: string[]): PlainObject | undefined {
  let current = value;
  for (const key of keys) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return isObject(current) ? current : undefined;
}

/** The mappings in the list at `key`, skipping items of any other shape. */
export function objectsAt(value: PlainValue | undefined, key: string): PlainObject[] {
  const list = isObject(value) ? value[key] : undefined;
  return Array.isArray(list) ? list.filter(isObject) : [];
}

export function listAt(value: PlainValue | undefined, key: string): PlainValue[] {
  const list = isObject(value) ? value[key] : undefined;
  return Array.isArray(list) ? list : [];
}

export function stringAt(value: PlainValue | undefined, key: string): string | undefined {
  const found = isObject(value) ? value[key] : undefined;
  return typeof found === 'string' ? found : undefined;
}

/** The string entries of a mapping (labels, annotations, ConfigMap data); other entries are skipped. */
export function stringEntries(value: PlainValue | undefined): [string, string][] {
  return isObject(value) ? Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string') : [];
}
