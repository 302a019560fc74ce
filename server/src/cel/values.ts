/**
 * Kubernetes objects as CEL sees them. The API server hands CEL the unstructured object
 * (runtime.DefaultUnstructuredConverter in staging/src/k8s.io/apiserver/pkg/admission/plugin/cel/filter.go,
 * objectToResolveVal) typed by the OpenAPI schema, where every integer field is int64: so a JSON integer becomes a
 * CEL `int` (bigint) and `object.spec.replicas + 1` adds ints, as upstream does, instead of mixing int and double.
 */
import type { CelInput } from '@bufbuild/cel';
import type { PlainValue } from '../kube/plain-values';
import { celRuntime } from './runtime';

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

const largestOf = new WeakMap<object, number>();

/**
 * The length of the longest list or map in a value: what bounds one comprehension's work. Lists and maps already
 * built as CEL values count as well; the answer is kept per object, which rules over one value ask for again.
 */
export function largestCollection(value: CelInput | undefined): number {
  if (typeof value !== 'object' || value === null) return 0;
  const known = largestOf.get(value);
  if (known !== undefined) return known;
  const { isCelList, isCelMap } = celRuntime();
  let items: unknown[];
  if (isCelList(value)) items = [...value];
  else if (isCelMap(value)) items = [...value].map(([, item]) => item);
  else if (Array.isArray(value)) items = value;
  else if (value.constructor === Object) items = Object.values(value);
  else items = [];
  let largest = items.length;
  for (const item of items) largest = Math.max(largest, largestCollection(item as CelInput));
  largestOf.set(value, largest);
  return largest;
}
