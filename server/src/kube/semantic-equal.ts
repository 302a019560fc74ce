/**
 * Go's apiequality.Semantic.DeepEqual (k8s.io/apimachinery/pkg/api/equality, over
 * third_party/forked/golang/reflect/deep_equal.go) on decoded JSON: key order does not matter, and an empty or
 * null map, list or struct equals an absent one, as empty and nil slices and maps are equal there and an omitted
 * field decodes to Go's zero value.
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  const empty = (value: unknown) => value === undefined || value === null || (Array.isArray(value) ? value.length === 0 : typeof value === 'object' && Object.keys(value).length === 0);
  if (empty(a) && empty(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => semanticEqual(item, b[i]));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const objectA = a as Record<string, unknown>;
    const objectB = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(objectA), ...Object.keys(objectB)]);
    return [...keys].every((key) => semanticEqual(objectA[key], objectB[key]));
  }
  return a === b;
}
