import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plain, tableLines, wrappedLines } from '../../server/src/text/styled-text';

test('without a width a line is never wrapped', () => {
  const long = 'word '.repeat(100).trim();
  assert.deepEqual(wrappedLines(plain(long), { color: false }), [long]);
});

test('a line wraps between words with a hanging indent', () => {
  assert.deepEqual(wrappedLines(plain('aaaa bbbb cccc dddd'), { width: 10, color: false }), ['aaaa bbbb', '  cccc', '  dddd']);
});

test('a word longer than the width stands whole on its own line', () => {
  assert.deepEqual(wrappedLines(plain('ab averyveryverylongname cd'), { width: 8, color: false }), ['ab', '  averyveryverylongname', '  cd']);
});

test('colour wraps the toned text in its SGR code and a reset, after the width is measured', () => {
  const lines = wrappedLines([{ text: 'x: ' }, { text: 'error', tone: 'bad' }, { text: ' y' }], { width: 9, color: true });
  assert.deepEqual(lines, ['x: \u001b[31merror\u001b[0m', '  y']);
});

test('a table wider than the width wraps only the columns named to wrap', () => {
  const table = { headers: ['NAME', 'MESSAGE'], rows: [[plain('long-pod-name'), plain('one two three four five')]], wrap: [1] };
  assert.deepEqual(tableLines(table, { width: 34, color: false }), ['NAME           MESSAGE', 'long-pod-name  one two three four', '               five']);
});

test('a wrapping column is never made narrower than its longest word', () => {
  const table = { headers: ['NAME', 'ENDPOINTS'], rows: [[plain('web'), plain('10.0.0.1:80 (shop/web-7d9f8b-abcde)')]], wrap: [1] };
  assert.deepEqual(tableLines(table, { width: 20, color: false }), ['NAME  ENDPOINTS', 'web   10.0.0.1:80', '      (shop/web-7d9f8b-abcde)']);
});

test('a table that fits is laid out at its natural widths', () => {
  const table = { headers: ['A', 'B'], rows: [[plain('x'), plain('y z')]], wrap: [1] };
  assert.deepEqual(tableLines(table, { width: 80, color: false }, 2), ['  A  B', '  x  y z']);
});
