import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolvePlainScalar } from '../../server/src/parse/go-yaml-scalars';

const cases: readonly [string, ReturnType<typeof resolvePlainScalar>][] = [
  ['~', null],
  ['', null],
  ['Null', null],
  ['y', true],
  ['Yes', true],
  ['on', true],
  ['OFF', false],
  ['n', false],
  ['010', 8],
  ['0o10', 8],
  ['0x1F', 31],
  ['0b101', 5],
  ['1_000', 1000],
  ['-42', -42],
  ['08', 8],
  ['1.5', 1.5],
  ['.5', 0.5],
  ['1e3', 1000],
  ['-.inf', -Infinity],
];

for (const [text, expected] of cases) {
  test(`the plain scalar ${JSON.stringify(text)} resolves to ${String(expected)} as go-yaml v2 reads it`, () => {
    assert.equal(resolvePlainScalar(text), expected);
  });
}

for (const text of ['2024-01-02', '02:30', '1.2.3', '+', '-', 'e3', 'yess', '0x', '1_0x', '.']) {
  test(`the plain scalar ${JSON.stringify(text)} stays a string`, () => {
    assert.equal(resolvePlainScalar(text), undefined);
  });
}

test('.nan resolves to NaN', () => {
  assert.ok(Number.isNaN(resolvePlainScalar('.nan')));
});
