/**
 * Fixes of a scalar value the API server rejects only for its spelling: a number written as a string where an
 * integer is expected (`replicas: "3"`), an enum value in the wrong case (`imagePullPolicy: always`), and a
 * quantity written with a unit apimachinery does not know (`memory: 1GB`).
 */
import { isScalar, visit, type Scalar, type YAMLMap } from 'yaml';
import { inStyleOf, type QuickFix } from './yaml-edits';

/**
 * `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32` (Go's
 * encoding/json UnmarshalTypeError, as the API server's decoder reports it): a quoted integer that fits the type
 * loses its quotes. A leading zero is left alone: YAML 1.1 would read `010` unquoted as octal 8.
 */
export function unquoteInteger(root: YAMLMap, at: number, message: string): QuickFix[] {
  const goType = /^json: cannot unmarshal string into Go struct field \S+ of type (u?int(?:8|16|32|64)?)$/.exec(message)?.[1];
  const value = scalarAt(root, at);
  if (!goType || !value?.range || (value.type !== 'QUOTE_DOUBLE' && value.type !== 'QUOTE_SINGLE')) return [];
  if (typeof value.value !== 'string' || !/^-?(0|[1-9][0-9]*)$/.test(value.value) || !fits(BigInt(value.value), goType)) return [];
  return [{ title: `Remove the quotes from ${value.value}`, edits: [{ range: { start: value.range[0], end: value.range[1] }, newText: value.value }] }];
}

/** Go's integer types' ranges; `int` and `uint` are 64 bits on the platforms the API server runs on. */
function fits(value: bigint, goType: string): boolean {
  const bits = BigInt(/\d+$/.exec(goType)?.[0] ?? '64');
  if (goType.startsWith('u')) return value >= 0n && value < 1n << bits;
  return value >= -(1n << (bits - 1n)) && value < 1n << (bits - 1n);
}

/**
 * `Unsupported value: "always": supported values: "Always", "IfNotPresent", "Never"` (apimachinery's
 * field.NotSupported): when exactly one supported value matches ignoring case, the value is changed to it.
 */
export function fixEnumCase(root: YAMLMap, at: number, message: string): QuickFix[] {
  const match = /Unsupported value: ("(?:[^"\\]|\\.)*"): supported values: (.*)$/.exec(message);
  const value = scalarAt(root, at);
  if (!match || !value?.range || typeof value.value !== 'string') return [];
  const given = JSON.parse(match[1]!) as string;
  if (given !== value.value) return [];
  const supported = [...match[2]!.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
  const same = supported.filter((candidate) => candidate.toLowerCase() === given.toLowerCase());
  if (same.length !== 1) return [];
  const wanted = same[0]!;
  const newText = inStyleOf(value, wanted);
  if (newText === undefined) return [];
  return [{ title: `Change to "${wanted}"`, edits: [{ range: { start: value.range[0], end: value.range[1] }, newText }] }];
}

/** `…: quantities must match …; did you mean "1G" or "1Gi"?` → one fix per suggested quantity. */
export function fixQuantity(root: YAMLMap, at: number, message: string): QuickFix[] {
  const list = /; did you mean ((?:"[^"]+"(?:, | or )?)+)\?$/.exec(message)?.[1];
  const value = scalarAt(root, at);
  if (!list || !value?.range || (value.type !== 'PLAIN' && value.type !== 'QUOTE_DOUBLE' && value.type !== 'QUOTE_SINGLE')) return [];
  const quote = value.type === 'QUOTE_DOUBLE' ? '"' : value.type === 'QUOTE_SINGLE' ? "'" : '';
  // A suggested quantity ends in a unit letter, so YAML reads it as a string even unquoted.
  return [...list.matchAll(/"([^"]+)"/g)].map(([, quantity]) => ({
    title: `Change to ${quantity}`,
    edits: [{ range: { start: value.range![0], end: value.range![1] }, newText: `${quote}${quantity}${quote}` }],
  }));
}

/** `Service "wbe" not found in namespace "shop"; did you mean "web"?` → the reference changed to the near name. */
export function fixReferenceName(root: YAMLMap, at: number, message: string): QuickFix[] {
  const near = /; did you mean "([^"]+)"\?$/.exec(message)?.[1];
  const value = scalarAt(root, at);
  if (!near || !value?.range) return [];
  const newText = inStyleOf(value, near);
  return newText === undefined ? [] : [{ title: `Change to "${near}"`, edits: [{ range: { start: value.range[0], end: value.range[1] }, newText }] }];
}

/** The scalar value that starts at the offset. */
function scalarAt(root: YAMLMap, at: number): Scalar | undefined {
  let found: Scalar | undefined;
  visit(root, {
    Pair(_, pair) {
      if (isScalar(pair.value) && pair.value.range?.[0] === at) {
        found = pair.value;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}
