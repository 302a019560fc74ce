// The oracle is JSON.stringify(value, null, 2) itself (ECMA-262, JSON.stringify with a gap of two spaces):
// the pieces joined must be exactly its output.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { jsonPieces } from '../../../server/src/text/json-pieces';

const joined = (value: unknown) => [...jsonPieces(value)].join('');

test('a long array of objects joins to what JSON.stringify writes', () => {
  const rows = Array.from({ length: 1000 }, (_, i) => ({ from: `ns/w${i}`, to: 'ns/db', port: 5432, allowed: i % 3 === 0, via: i % 2 ? undefined : ['p1'] }));
  const plan = { kubernetesVersion: '1.33', reachability: rows, notes: [] };
  assert.equal(joined(plan), JSON.stringify(plan, null, 2));
});

test('keys whose value JSON cannot write are left out, and such array elements are null', () => {
  const value = { a: undefined, b: () => 1, c: Symbol('s'), d: Array.from({ length: 300 }, (_, i) => (i % 2 ? undefined : i)), e: 1 };
  assert.equal(joined(value), JSON.stringify(value, null, 2));
});

test('strings with line breaks, non-finite numbers, dates and empty containers are written as JSON writes them', () => {
  const value = {
    text: 'a\nb',
    nan: Number.NaN,
    inf: Number.POSITIVE_INFINITY,
    when: new Date(0),
    empty: {},
    none: [],
    nested: { deep: { deeper: { list: Array.from({ length: 260 }, (_, i) => ({ i, s: 'x\ny' })) } } },
  };
  assert.equal(joined(value), JSON.stringify(value, null, 2));
});

test('an object with only unwritable values is written as {}', () => {
  const value = { outer: { gone: undefined }, list: Array.from({ length: 256 }, () => ({ gone: undefined })) };
  assert.equal(joined(value), JSON.stringify(value, null, 2));
});

test('scalars at the top are written whole', () => {
  for (const value of [null, 1, 'x', true, []]) assert.equal(joined(value), JSON.stringify(value, null, 2));
});
