/** Namespaces and `namespace/name` keys of objects, and the order the model lists them in. */

interface Named {
  metadata?: { name?: string; namespace?: string };
}

/** The object's namespace; an object written without one lands in `default`. */
export function namespaceOf(object: Named): string {
  return object.metadata?.namespace || 'default';
}

export function objectKey(object: Named): string {
  return `${namespaceOf(object)}/${object.metadata?.name ?? ''}`;
}

export function byNamespaceAndName<T extends Named>(objects: readonly T[]): T[] {
  return [...objects].sort((a, b) => (objectKey(a) < objectKey(b) ? -1 : objectKey(a) > objectKey(b) ? 1 : 0));
}
