import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addQuantities,
  formatQuantity,
  parseQuantity,
  quantityIntents,
  QUANTITY_FORMAT_ERROR,
  QUANTITY_SUFFIX_ERROR,
  roundUpQuantity,
  type Quantity,
  type QuantityFormat,
} from '../../server/src/kube/quantity';

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

test("a second decimal point is a format error, as apimachinery's parser stops at it", () => {
  assertError('1.2.3', QUANTITY_FORMAT_ERROR);
});

test('the error messages are worded as apimachinery words them', () => {
  assert.equal(QUANTITY_FORMAT_ERROR, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");

  assert.equal(QUANTITY_SUFFIX_ERROR, "unable to parse quantity's suffix");
});

test('a suffix with no number is zero, as apimachinery reads a missing number', () => {
  assertQuantity('Gi', 0, 'BinarySI');
});

function quantity(input: string): Quantity {
  const result = parseQuantity(input);
  assert.ok(result.ok, input);
  return result.quantity;
}

// apimachinery pkg/api/resource/quantity.go worked by hand: ParseQuantity keeps nano precision; String() picks the
// largest suffix of the quantity's format that keeps the number whole (CanonicalizeBytes); Add keeps the left
// operand's format; RoundUp(Milli) rounds up to a multiple of 10^-3.
test('exact amounts in nano units, printed as Quantity.String() prints them', () => {
  assert.equal(quantity('1.5Gi').nanos, 1_610_612_736_000_000_000n);
  assert.equal(formatQuantity(quantity('1.5Gi')), '1536Mi');
  assert.equal(formatQuantity(quantity('0.5')), '500m');
  assert.equal(formatQuantity(quantity('1e3')), '1e3');
  assert.equal(formatQuantity(quantity('1000m')), '1');
  assert.equal(formatQuantity(addQuantities(quantity('1Gi'), quantity('512Mi'))), '1536Mi');
  assert.equal(formatQuantity(roundUpQuantity(quantity('100n'), -3)), '1m');
  assert.equal(formatQuantity(roundUpQuantity(quantity('1500m'), -3)), '1500m');
});

// apimachinery pkg/api/resource/quantity.go ParseQuantity, worked by hand: an amount above maxAllowed
// (2^63 - 1 base units, `maxAllowed = infDecAmount{inf.NewDec((1<<63)-1, 0)}`) is set to it ("The max is just a
// simple cap"), in either sign; a non-zero amount below one nano unit is rounded up to 1n (inf.RoundUp).
test('an amount beyond 2^63 - 1 is capped at it, however large its exponent, as ParseQuantity caps it', () => {
  const max = ((1n << 63n) - 1n) * 1_000_000_000n;
  assert.equal(quantity('1e999999999').nanos, max);
  assert.equal(quantity('-1e999999999').nanos, -max);
  assert.equal(quantity('10E').nanos, max);
  assert.equal(quantity('9E').nanos, 9_000_000_000_000_000_000_000_000_000n);
  assert.equal(quantity('1e999999999').value, 2 ** 63 - 1);
});

test('a non-zero amount below one nano unit is one nano unit, however small its exponent', () => {
  assert.equal(quantity('1e-999999999').nanos, 1n);
  assert.equal(quantity('-1e-999999999').nanos, -1n);
  assert.equal(quantity('0e999999999').nanos, 0n);
});

// The suffixes apimachinery's suffixer knows (resource/suffix.go, newSuffixer): decimal n u m "" k M G T P E,
// binary Ki Mi Gi Ti Pi Ei, and e/E exponents; anything else is a likely slip for one of them.
test('a byte unit suggests the decimal and the binary suffix: 1GB → 1G or 1Gi, 512mb → 512M or 512Mi, 2KB → 2k or 2Ki', () => {
  assert.deepEqual(quantityIntents('1GB'), ['1G', '1Gi']);
  assert.deepEqual(quantityIntents('512mb'), ['512M', '512Mi']);
  assert.deepEqual(quantityIntents('2KB'), ['2k', '2Ki']);
});

test('a binary unit in the wrong case or with a B suggests only the binary suffix: 1gi, 100MiB', () => {
  assert.deepEqual(quantityIntents('1gi'), ['1Gi']);
  assert.deepEqual(quantityIntents('100MiB'), ['100Mi']);
});

test('a unit letter in the wrong case suggests both: 1g → 1G or 1Gi, 1K → 1k or 1Ki', () => {
  assert.deepEqual(quantityIntents('1g'), ['1G', '1Gi']);
  assert.deepEqual(quantityIntents('1K'), ['1k', '1Ki']);
});

test('a space before the unit suggests the quantity without it', () => {
  assert.deepEqual(quantityIntents('1 Gi'), ['1Gi']);
  assert.deepEqual(quantityIntents('1.5 GB'), ['1.5G', '1.5Gi']);
});

test('valid quantities, a lone e and words suggest nothing', () => {
  for (const text of ['1Gi', '1m', '1e', '1x', 'lots', '1.5.5GB']) assert.deepEqual(quantityIntents(text), [], text);
});
