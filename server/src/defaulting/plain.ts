/** Small helpers for defaulting decoded objects in place (always on a copy the caller owns). */
import { isObject, type PlainObject, type PlainValue } from '../kube/plain-values';

export function deepCopy<T extends PlainValue>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => deepCopy(item)) as T;
  if (isObject(value)) {
    const copy: PlainObject = {};
    for (const [key, item] of Object.entries(value)) copy[key] = deepCopy(item);
    return copy as T;
  }
  return value;
}

/**
 * Go's defaulters test for the zero value of the field: nil pointers, empty strings, and 0 for the plain int32
 * fields such as probe thresholds. `null` decodes to unset, so it is unset here too.
 */
export function isUnset(value: PlainValue | undefined): boolean {
  return value === undefined || value === null || value === '';
}

export function setDefault(object: PlainObject, field: string, value: PlainValue): void {
  if (isUnset(object[field])) object[field] = value;
}

/** The object at `field`, created empty when unset (a nil struct pointer the defaulter allocates). */
export function ensureObject(object: PlainObject, field: string): PlainObject {
  const value = object[field];
  if (isObject(value)) return value;
  const created: PlainObject = {};
  object[field] = created;
  return created;
}
