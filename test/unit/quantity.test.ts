import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuantity, QUANTITY_FORMAT_ERROR, QUANTITY_SUFFIX_ERROR, type QuantityFormat } from '../../server/src/kube/quantity';

function assertQuantity(input: string | number, value: number, format: QuantityFormat): void {
  const result = parseQuantity(input);
  assert.ok(result.ok, `${input}: ${result.ok ? '' : result.error}`);
  assert.ok(Math.abs(result.quantity.value - value) <= Math.abs(value) * 1e-12, `${input} = ${result.quantity.value}, expected ${value}`);
  assert.equal(result.quantity.format, format, String(input));
}

function assertError(input: string, error: string): void {
  const result = parseQuantity(input);
  assert.ok(!result.ok, `${input} should not parse`);
  assert.equal(result.error, error, input);
}

test('decimal suffixes scale by powers of ten: 500m, 2, 1k, 1.5M, 3G, 100n, 10u', () => {
  assertQuantity('500m', 0.5, 'DecimalSI');
  assertQuantity('2', 2, 'DecimalSI');
  assertQuantity('1k', 1000, 'DecimalSI');
  assertQuantity('1.5M', 1.5e6, 'DecimalSI');
  assertQuantity('3G', 3e9, 'DecimalSI');
  assertQuantity('100n', 1e-7, 'DecimalSI');
  assertQuantity('10u', 1e-5, 'DecimalSI');
  assertQuantity('1E', 1e18, 'DecimalSI');
});

test('binary suffixes scale by powers of two: 1Ki, 1.5Gi, 2Ti', () => {
  assertQuantity('1Ki', 1024, 'BinarySI');
  assertQuantity('1.5Gi', 1.5 * 2 ** 30, 'BinarySI');
  assertQuantity('2Ti', 2 * 2 ** 40, 'BinarySI');
});

test('exponent forms are DecimalExponent: 1e3, 1E3, 5e-3', () => {
  assertQuantity('1e3', 1000, 'DecimalExponent');
  assertQuantity('1E3', 1000, 'DecimalExponent');
  assertQuantity('5e-3', 0.005, 'DecimalExponent');
});

test('signs and bare decimal points are accepted: +1, -1, .5, 5.', () => {
  assertQuantity('+1', 1, 'DecimalSI');
  assertQuantity('-1', -1, 'DecimalSI');
  assertQuantity('.5', 0.5, 'DecimalSI');
  assertQuantity('5.', 5, 'DecimalSI');
  assertQuantity('0', 0, 'DecimalSI');
});

test('a YAML number is a quantity', () => {
  assertQuantity(0.25, 0.25, 'DecimalSI');
});

test('suffixes that match the grammar but are not units are suffix errors: 1K, 1mi, 2g... and the case matters', () => {
  assertError('1K', QUANTITY_SUFFIX_ERROR);
  assertError('1Kib', QUANTITY_FORMAT_ERROR);
  assertError('1mi', QUANTITY_SUFFIX_ERROR);
  assertError('1KM', QUANTITY_SUFFIX_ERROR);
});

test('text outside the grammar is a format error: 1KB, 2g, 5Mb, 1 Gi, the empty string', () => {
  assertError('1KB', QUANTITY_FORMAT_ERROR);
  assertError('2g', QUANTITY_FORMAT_ERROR);
  assertError('5Mb', QUANTITY_FORMAT_ERROR);
  assertError('1 Gi', QUANTITY_FORMAT_ERROR);
  assertError('', QUANTITY_FORMAT_ERROR);
});

test('a second decimal point is a format error, as apimachinery\'s parser stops at it', () => {
  assertError('1.2.3', QUANTITY_FORMAT_ERROR);
});

test('the error messages are worded as apimachinery words them', () => {
  assert.equal(QUANTITY_FORMAT_ERROR, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");

  assert.equal(QUANTITY_SUFFIX_ERROR, "unable to parse quantity's suffix");
});

test('a suffix with no number is zero, as apimachinery reads a missing number', () => {
  assertQuantity('Gi', 0, 'BinarySI');
});
