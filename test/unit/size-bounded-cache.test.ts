import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SizeBoundedCache } from '../../server/src/parse/size-bounded-cache';

function keysOf(cache: SizeBoundedCache<string, number>, candidates: readonly string[]): string[] {
  return candidates.filter((key) => cache.get(key) !== undefined);
}

test('storing adds the entry estimates and never evicts by itself', () => {
  const cache = new SizeBoundedCache<string, number>(10);
  cache.set('a', 1, 6);
  cache.set('b', 2, 6);
  assert.equal(cache.bytes, 12);
  assert.deepEqual(keysOf(cache, ['a', 'b']), ['a', 'b']);
});

test('eviction drops the least recently stored entries until the estimate is within the bound', () => {
  const cache = new SizeBoundedCache<string, number>(10);
  cache.set('a', 1, 4);
  cache.set('b', 2, 4);
  cache.set('c', 3, 4);
  cache.evictOldest();
  assert.deepEqual(keysOf(cache, ['a', 'b', 'c']), ['b', 'c']);
  assert.equal(cache.bytes, 8);
});

test('a touched entry becomes the newest and is evicted last', () => {
  const cache = new SizeBoundedCache<string, number>(8);
  cache.set('a', 1, 4);
  cache.set('b', 2, 4);
  assert.equal(cache.touch('a'), true);
  cache.set('c', 3, 4);
  cache.evictOldest();
  assert.deepEqual(keysOf(cache, ['a', 'b', 'c']), ['a', 'c']);
});

test('reading an entry does not change its place in the order', () => {
  const cache = new SizeBoundedCache<string, number>(8);
  cache.set('a', 1, 4);
  cache.set('b', 2, 4);
  assert.equal(cache.get('a'), 1);
  cache.set('c', 3, 4);
  cache.evictOldest();
  assert.deepEqual(keysOf(cache, ['a', 'b', 'c']), ['b', 'c']);
});

test('eviction stops at the first entry kept in use, even over the bound', () => {
  const cache = new SizeBoundedCache<string, number>(4);
  cache.set('a', 1, 4);
  cache.set('b', 2, 4);
  cache.set('c', 3, 4);
  cache.evictOldest(new Set(['b']));
  assert.deepEqual(keysOf(cache, ['a', 'b', 'c']), ['b', 'c']);
  assert.equal(cache.bytes, 8);
});

test('storing a key again replaces its value and its estimate', () => {
  const cache = new SizeBoundedCache<string, number>(100);
  cache.set('a', 1, 4);
  cache.set('a', 2, 10);
  assert.equal(cache.get('a'), 2);
  assert.equal(cache.bytes, 10);
  assert.equal(cache.size, 1);
});

test('dropping the entries a predicate names gives back their estimates', () => {
  const cache = new SizeBoundedCache<string, number>(100);
  cache.set('a', 1, 4);
  cache.set('b', 2, 5);
  cache.set('c', 1, 6);
  cache.deleteWhere((value) => value === 1);
  assert.deepEqual(keysOf(cache, ['a', 'b', 'c']), ['b']);
  assert.equal(cache.bytes, 5);
});

test('touching or deleting a missing key changes nothing', () => {
  const cache = new SizeBoundedCache<string, number>(100);
  cache.set('a', 1, 4);
  assert.equal(cache.touch('x'), false);
  assert.equal(cache.delete('x'), false);
  assert.equal(cache.bytes, 4);
  assert.equal(cache.size, 1);
});
