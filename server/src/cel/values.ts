/**
 * Kubernetes objects as CEL sees them. The API server hands CEL the unstructured object
 * (runtime.DefaultUnstructuredConverter in staging/src/k8s.io/apiserver/pkg/admission/plugin/cel/filter.go,
 * objectToResolveVal) typed by the OpenAPI schema, where every integer field is int64: so a JSON integer becomes a
 * CEL `int` (bigint) and `object.spec.replicas + 1` adds ints, as upstream does, instead of mixing int and double.
 */
import type { CelInput } from '@bufbuild/cel';
import type { PlainValue } from '../kube/plain-values';

/** A decoded JSON value as a CEL input: integers as `int`, other numbers as `double`; lists and maps as they are. */
export function celInputOf(value: PlainValue | undefined): CelInput {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(celInputOf);
  const result: Record<string, CelInput> = {};
  for (const [key, field] of Object.entries(value)) result[key] = celInputOf(field);
  return result as unknown as CelInput;
}

/** The length of the longest list or map in a value: what bounds one comprehension's work. */
export function largestCollection(value: CelInput | undefined): number {
  let largest = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next !== 'object' || next === null) continue;
    const items = Array.isArray(next) ? next : Object.values(next);
    largest = Math.max(largest, items.length);
    pending.push(...items);
  }
  return largest;
}
