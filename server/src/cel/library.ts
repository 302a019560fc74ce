/**
 * The Kubernetes CEL libraries (staging/src/k8s.io/apiserver/pkg/cel/library) that the CEL implementation lets us
 * add as plain functions over its values: lists (lists.go), regex (regex.go), and the sets extension the API
 * server's base environment enables (cel-go ext/sets.go, added in environment/base.go). The libraries that define
 * types of their own (quantity, url, ip, cidr, format, semver) need opaque values the implementation does not
 * offer, and authz needs the authorizer: expressions calling them fail to compile (see compile.ts).
 */
import type { CelFunc, CelList, CelValue, celEnv } from '@bufbuild/cel';
import { goRegexp } from '../kube/go-regexp';
import { celRuntime } from './runtime';

const isCelList = (value: unknown) => celRuntime().isCelList(value);
const isCelMap = (value: unknown) => celRuntime().isCelMap(value);
const isCelUint = (value: unknown) => celRuntime().isCelUint(value);

/**
 * CEL's ordering of two values of one kind (traits.Comparer): ints, uints and doubles compare across kinds, strings
 * by code point, bools false before true. Other kinds (lists, maps) are not ordered: no such overload.
 */
function compare(left: CelValue, right: CelValue): number {
  const a = numericOf(left);
  const b = numericOf(right);
  if (a !== undefined && b !== undefined) return a < b ? -1 : a > b ? 1 : 0;
  if (typeof left === 'string' && typeof right === 'string') return left < right ? -1 : left > right ? 1 : 0;
  if (typeof left === 'boolean' && typeof right === 'boolean') return Number(left) - Number(right);
  throw new Error(`no such overload: ${kindOf(left)} and ${kindOf(right)} are not comparable`);
}

function numericOf(value: CelValue): number | bigint | undefined {
  if (typeof value === 'bigint' || typeof value === 'number') return value;
  if (isCelUint(value)) return value.value;
  return undefined;
}

function kindOf(value: CelValue): string {
  if (isCelList(value)) return 'list';
  if (isCelMap(value)) return 'map';
  if (isCelUint(value)) return 'uint';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return 'double';
  if (value === null) return 'null_type';
  return typeof value;
}

/** CEL's `==` (ref.Val.Equal): numbers across kinds by value, lists by elements in order, maps by keys and values. */
export function celEquals(left: CelValue, right: CelValue): boolean {
  const a = numericOf(left);
  const b = numericOf(right);
  if (a !== undefined || b !== undefined) return a !== undefined && b !== undefined && a <= b && a >= b;
  if (isCelList(left) || isCelList(right)) {
    if (!isCelList(left) || !isCelList(right) || left.size !== right.size) return false;
    for (let index = 0; index < left.size; index++) if (!celEquals(left.get(index) as CelValue, right.get(index) as CelValue)) return false;
    return true;
  }
  if (isCelMap(left) || isCelMap(right)) {
    if (!isCelMap(left) || !isCelMap(right) || left.size !== right.size) return false;
    for (const [key, value] of left) {
      if (!right.has(key) || !celEquals(value, right.get(key) as CelValue)) return false;
    }
    return true;
  }
  return left === right;
}

function includes(list: CelList, item: CelValue): boolean {
  for (const element of list) if (celEquals(element, item)) return true;
  return false;
}

/**
 * The pattern of regex.go find and findAll, compiled as their regexp.Compile does (kube/go-regexp.ts); a pattern Go
 * refuses fails as they fail: "Illegal regex: " and Go's error.
 */
function compileRegex(pattern: string): RegExp {
  const compiled = goRegexp(pattern);
  if (!compiled.ok) throw new Error(`Illegal regex: ${compiled.error}`);
  return compiled.global;
}

/** The regular-expression engine a CEL environment can be given (not exported by name). */
type RegexEngine = NonNullable<NonNullable<Parameters<typeof celEnv>[0]>['re2']>;

/**
 * cel-go's `matches` (common/types/string.go Match) is Go's regexp.MatchString; a pattern Go refuses is the
 * evaluation's error, Go's own text. Given to the implementation in place of its own RE2 engine, which compiles the
 * pattern again on every call.
 */
export const GO_MATCHES: RegexEngine = {
  compile(pattern) {
    const compiled = goRegexp(pattern);
    if (!compiled.ok) throw new Error(compiled.error);
    return compiled.regexp;
  },
};

/**
 * regex.go findAll, which is Go's Regexp.FindAllString: successive non-overlapping leftmost matches, at most `limit`
 * of them (all when negative); an empty match right after the previous match is skipped, and after an empty match
 * the search moves on one character (regexp.go allMatches).
 */
function findAll(text: string, pattern: string, limit: bigint): string[] {
  const regex = compileRegex(pattern);
  const found: string[] = [];
  let position = 0;
  let previousEnd = -1;
  while ((limit < 0n || BigInt(found.length) < limit) && position <= text.length) {
    regex.lastIndex = position;
    const match = regex.exec(text);
    if (!match) break;
    const start = match.index;
    const end = start + match[0].length;
    let accept = true;
    if (end === position) {
      if (start === previousEnd) accept = false;
      position += (text.codePointAt(position) ?? 0) > 0xffff ? 2 : 1;
    } else position = end;
    previousEnd = end;
    if (accept) found.push(match[0]);
  }
  return found;
}

let library: readonly CelFunc[] | undefined;

/** The library functions, built once, when the first expression is compiled (see runtime.ts). */
export function kubernetesLibrary(): readonly CelFunc[] {
  library ??= buildLibrary();
  return library;
}

function buildLibrary(): CelFunc[] {
  const { CelScalar, celFunc, celMethod, listType } = celRuntime();
  const LIST = listType(CelScalar.DYN);

  // lists.go: isSorted — each element not greater than the next.
  const isSorted = celMethod('isSorted', LIST, [], CelScalar.BOOL, function () {
    let previous: CelValue | undefined;
    for (const element of this) {
      if (previous !== undefined && compare(previous, element) > 0) return false;
      previous = element;
    }
    return true;
  });

  // lists.go: sum — starts from the element kind's zero (0 for an empty list, whose type-checked kind is int).
  const sum = celMethod('sum', LIST, [], CelScalar.DYN, function () {
    let total: bigint | number | undefined;
    for (const element of this) {
      if (typeof element === 'bigint' && (total === undefined || typeof total === 'bigint')) total = (total ?? 0n) + element;
      else if (typeof element === 'number' && (total === undefined || typeof total === 'number')) total = (total ?? 0) + element;
      else throw new Error(`no such overload: sum of ${kindOf(element)}`);
    }
    return total ?? 0n;
  });

  // lists.go: cmp — the first element no other beats; an empty list is an error.
  function extremum(name: 'min' | 'max', prefer: 1 | -1): CelFunc {
    return celMethod(name, LIST, [], CelScalar.DYN, function () {
      let result: CelValue | undefined;
      for (const element of this) if (result === undefined || compare(result, element) === prefer) result = element;
      if (result === undefined) throw new Error(`${name} called on empty list`);
      return result;
    });
  }

  // lists.go: indexOf and lastIndexOf — the position of the first (last) equal element, or -1.
  const indexOf = celMethod('indexOf', LIST, [CelScalar.DYN], CelScalar.INT, function (item) {
    for (let index = 0; index < this.size; index++) if (celEquals(this.get(index) as CelValue, item)) return BigInt(index);
    return -1n;
  });
  const lastIndexOf = celMethod('lastIndexOf', LIST, [CelScalar.DYN], CelScalar.INT, function (item) {
    for (let index = this.size - 1; index >= 0; index--) if (celEquals(this.get(index) as CelValue, item)) return BigInt(index);
    return -1n;
  });

  // cel-go ext/sets.go: contains (every element of the second list is in the first), equivalent (each contains the
  // other), intersects (some element in both).
  const setsContains = celFunc('sets.contains', [LIST, LIST], CelScalar.BOOL, (list, sublist) => [...sublist].every((item) => includes(list, item)));
  const setsEquivalent = celFunc(
    'sets.equivalent',
    [LIST, LIST],
    CelScalar.BOOL,
    (left, right) => [...right].every((item) => includes(left, item)) && [...left].every((item) => includes(right, item)),
  );
  const setsIntersects = celFunc('sets.intersects', [LIST, LIST], CelScalar.BOOL, (left, right) => [...right].some((item) => includes(left, item)));

  // regex.go: find — the first match, or the empty string.
  const find = celMethod('find', CelScalar.STRING, [CelScalar.STRING], CelScalar.STRING, function (pattern) {
    return findAll(this, pattern, 1n)[0] ?? '';
  });
  const findAllMatches = celMethod('findAll', CelScalar.STRING, [CelScalar.STRING], listType(CelScalar.STRING), function (pattern) {
    return findAll(this, pattern, -1n);
  });
  const findAllLimited = celMethod('findAll', CelScalar.STRING, [CelScalar.STRING, CelScalar.INT], listType(CelScalar.STRING), function (pattern, limit) {
    return findAll(this, pattern, limit);
  });

  return ([] = [isSorted, sum, extremum('min', 1), extremum('max', -1), indexOf, lastIndexOf, setsContains, setsEquivalent, setsIntersects, find, findAllMatches, findAllLimited]);
}

/** Functions of the upstream libraries this module cannot offer, named in compile errors so the user knows why. */
export const UNSUPPORTED_LIBRARY_FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ...['quantity', 'isQuantity'].map((name) => [name, 'the quantity library'] as const),
  ...['url', 'isURL'].map((name) => [name, 'the URL library'] as const),
  ...['ip', 'isIP'].map((name) => [name, 'the IP address library'] as const),
  ...['cidr', 'isCIDR'].map((name) => [name, 'the CIDR library'] as const),
  ...['semver', 'isSemver'].map((name) => [name, 'the semver library'] as const),
  ['format.named', 'the format library'],
]);
