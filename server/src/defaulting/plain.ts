/** Small helpers for defaulting decoded objects in place (always on a copy the caller owns). */
import { isObject, type PlainObject, type PlainValue } from '../kube/plain-values';

export function deepCopy<T extends PlainValue>(value: T): T {
  if (Array.isArray(value)) {
    const copy = new Array<PlainValue>(value.length);
    for (let index = 0; index < value.length; index++) copy[index] = deepCopy(value[index]!);
    return copy as T;
  }
  if (isObject(value)) {
    const copy: PlainObject = {};
    // for…in, not Object.entries: no pair arrays (every controller's pod is a copy of its template). Decoded values
    // are plain objects, whose prototype has no enumerable keys.
    for (const key in value) copy[key] = deepCopy(value[key]!);
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
