import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextMemo } from '../../server/src/kube/text-memo';

/** A memo over a worker that counts its calls. */
function counting(maxEntries: number, maxLength: number) {
  const calls: string[] = [];
  const memo = new TextMemo(
    (text) => {
      calls.push(text);
      return text.length;
    },
    maxEntries,
    maxLength,
  );
  return { memo, calls };
}

test('a text asked for again is answered without working it out again', () => {
  const { memo, calls } = counting(4, 10);
  assert.equal(memo.get('100m'), 4);
  assert.equal(memo.get('100m'), 4);
  assert.deepEqual(calls, ['100m']);
});

test('an answer of undefined is remembered like any other', () => {
  let calls = 0;
  const memo = new TextMemo<string | undefined>(
    () => {
      calls++;
      return undefined;
    },
    4,
    10,
  );
  memo.get('a');
  memo.get('a');
  assert.equal(calls, 1);
});

test('a text longer than the bound is worked out each time and not held', () => {
  const { memo, calls } = counting(4, 3);
  memo.get('abcd');
  memo.get('abcd');
  assert.deepEqual(calls, ['abcd', 'abcd']);
  assert.equal(memo.size, 0);
});

test('at the bound on entries the memo starts again empty', () => {
  const { memo, calls } = counting(2, 10);
  memo.get('a');
  memo.get('b');
  memo.get('c');
  assert.equal(memo.size, 1);
  memo.get('a');
  assert.deepEqual(calls, ['a', 'b', 'c', 'a']);
});
