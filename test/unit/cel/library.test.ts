/**
 * The Kubernetes CEL libraries and the compile and cost guards of server/src/cel. Expected values are worked by
 * hand from staging/src/k8s.io/apiserver/pkg/cel/library (lists.go, regex.go), cel-go ext/sets.go and
 * common/types/string.go, and Go's regexp.FindAllString; the function cited beside each test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCelList } from '@bufbuild/cel';
import { COST_LIMIT_EXCEEDED, compileCel, EXPRESSION_SIZE_CODE_POINT_LIMIT } from '../../../server/src/cel/compile';
import { celInputOf } from '../../../server/src/cel/values';

function evaluate(expression: string, object: unknown = {}): unknown {
  const compiled = compileCel(expression, ['object']);
  if (!compiled.ok) return { compileError: compiled.error };
  const outcome = compiled.program.evaluate({ object: celInputOf(object as never) });
  if (!outcome.ok) return { error: outcome.error };
  return isCelList(outcome.value) ? [...outcome.value] : outcome.value;
}

// lists.go isSorted: false as soon as an element is greater than the next.
test('isSorted is true for an ascending list and false when an element is greater than the next', () => {
  assert.equal(evaluate('[1, 2, 2, 3].isSorted()'), true);
  assert.equal(evaluate("['b', 'a'].isSorted()"), false);
});

// lists.go sum: starts from the element kind's zero; an empty list sums to the int 0.
test('sum adds ints as ints and doubles as doubles, and an empty list sums to 0', () => {
  assert.equal(evaluate('[1, 2, 3].sum()'), 6n);
  assert.equal(evaluate('[1.5, 2.0].sum()'), 3.5);
  assert.equal(evaluate('[].sum()'), 0n);
});

// lists.go cmp: the least (greatest) element; "min called on empty list" for an empty list.
test('min and max give the least and greatest element, and fail on an empty list', () => {
  assert.equal(evaluate('[3, 1, 2].min()'), 1n);
  assert.equal(evaluate('[3, 1, 2].max()'), 3n);
  assert.deepEqual(evaluate('[].max()'), { error: 'max called on empty list' });
});

// lists.go indexOf and lastIndexOf: the first (last) equal element's position, -1 when absent.
test('indexOf and lastIndexOf find the first and last equal element, or -1', () => {
  assert.equal(evaluate('[1, 2, 2, 3].indexOf(2)'), 1n);
  assert.equal(evaluate('[1, 2, 2, 3].lastIndexOf(2)'), 2n);
  assert.equal(evaluate("['a'].indexOf('z')"), -1n);
});

// cel-go ext/sets.go: contains, equivalent (duplicates ignored) and intersects.
test('sets.contains, sets.equivalent and sets.intersects compare lists as sets', () => {
  assert.equal(evaluate('sets.contains([1, 2, 3], [3, 1])'), true);
  assert.equal(evaluate('sets.equivalent([1, 2], [2, 1, 1])'), true);
  assert.equal(evaluate('sets.intersects([1], [2])'), false);
});

// regex.go find is Go's FindString: the leftmost match, which for `[0-9]*` on "abc 123" is the empty match at 0.
test('find gives the leftmost match, or the empty string', () => {
  assert.equal(evaluate("'abc 123'.find('[0-9]+')"), '123');
  assert.equal(evaluate("'abc 123'.find('xyz')"), '');
  assert.equal(evaluate("'abc 123'.find('[0-9]*')"), '');
});

// regex.go findAll is Go's FindAllString: a limit, and no empty match right after a match (regexp.go allMatches).
test('findAll gives the non-overlapping matches, at most the limit, skipping empty matches that abut a match', () => {
  assert.deepEqual(evaluate("'123 abc 456'.findAll('[0-9]+')"), ['123', '456']);
  assert.deepEqual(evaluate("'123 abc 456'.findAll('[0-9]+', 1)"), ['123']);
  assert.deepEqual(evaluate("'123 abc 456'.findAll('xyz')"), []);
  assert.deepEqual(evaluate("'123 abc 456'.findAll('[0-9]*')"), ['123', '', '', '', '', '456']);
});

// regex.go find: a pattern regexp.Compile refuses is "Illegal regex: " and Go's error (regexp/syntax parse.go).
test('find with a pattern Go refuses fails with Illegal regex and the Go error', () => {
  assert.deepEqual(evaluate("'abc'.find('a(?=b)')"), { error: 'Illegal regex: error parsing regexp: invalid or unsupported Perl syntax: `(?=`' });
});

// cel-go common/types/string.go Match is regexp.MatchString: Go's syntax, such as a leading (?i) or \z.
test('matches reads the pattern as Go does', () => {
  assert.equal(evaluate("'Kube'.matches('^(?i)kube\\\\z')"), true);
  assert.equal(evaluate("'a\\nb'.matches('^a.b$')"), false);
});

// cel-go String.Match returns regexp.MatchString's error itself.
test('matches with a pattern Go refuses fails with the Go error', () => {
  assert.deepEqual(evaluate("'aa'.matches('(a)\\\\1')"), { error: 'error parsing regexp: invalid escape sequence: `\\1`' });
});

// The API server types integer fields int64: int arithmetic on a field works (filter.go objectToResolveVal).
test("an object's integer field is a CEL int", () => {
  assert.equal(evaluate('object.spec.replicas + 1', { spec: { replicas: 5 } }), 6n);
});

// cel-go checker: an identifier that is not declared does not compile.
test('an undeclared identifier is a compile error with its position', () => {
  assert.deepEqual(evaluate('object.a == other'), { compileError: "ERROR: <input>:1:13: undeclared reference to 'other' (in container '')" });
});

test('a function of a library that is not available is a compile error naming the library', () => {
  assert.deepEqual(evaluate("quantity('1Gi').isInteger()"), {
    compileError: "ERROR: <input>:1:1: undeclared reference to 'quantity' (in container ''): the quantity library is not available in kubeplan's CEL",
  });
});

// cel-go parser.ExpressionSizeCodePointLimit.
test('an expression over 100,000 code points does not compile', () => {
  const expression = `'${'a'.repeat(EXPRESSION_SIZE_CODE_POINT_LIMIT)}'`;
  assert.deepEqual(evaluate(expression), { compileError: `expression code point size exceeds limit: size: ${EXPRESSION_SIZE_CODE_POINT_LIMIT + 2}, limit ${EXPRESSION_SIZE_CODE_POINT_LIMIT}` });
});

// celconfig.PerCallLimit: three nested comprehensions over 200 items cost over 8,000,000 > 1,000,000.
test('nested comprehensions whose cost passes the per-call limit are stopped with the cost error', () => {
  const object = { items: Array.from({ length: 200 }, (_, index) => index) };
  assert.deepEqual(evaluate('object.items.all(a, object.items.all(b, object.items.all(c, a + b + c >= 0)))', object), { error: COST_LIMIT_EXCEEDED });
});
