import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IDLE_COLLECTION_MS, IdleCollection, LARGE_DOCUMENT_CHARACTERS, v8Collector, type Collect } from '../../server/src/lsp/idle-collection';

function counting(): { collect: Collect; count: () => number } {
  let count = 0;
  return {
    collect: () => {
      count++;
    },
    count: () => count,
  };
}

test('a collection follows once a large document has not been validated for the idle time', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { collect, count } = counting();
  const collection = new IdleCollection(() => false, collect);
  collection.validated(LARGE_DOCUMENT_CHARACTERS);
  t.mock.timers.tick(IDLE_COLLECTION_MS - 1);
  assert.equal(count(), 0);
  t.mock.timers.tick(1);
  assert.equal(count(), 1);
});

test('each validation of a large document puts the collection off, so a burst of edits collects once', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { collect, count } = counting();
  const collection = new IdleCollection(() => false, collect);
  for (let edit = 0; edit < 5; edit++) {
    collection.validated(LARGE_DOCUMENT_CHARACTERS);
    t.mock.timers.tick(IDLE_COLLECTION_MS / 2);
  }
  assert.equal(count(), 0);
  t.mock.timers.tick(IDLE_COLLECTION_MS);
  assert.equal(count(), 1);
});

test('a small document schedules no collection', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { collect, count } = counting();
  new IdleCollection(() => false, collect).validated(LARGE_DOCUMENT_CHARACTERS - 1);
  t.mock.timers.tick(IDLE_COLLECTION_MS * 2);
  assert.equal(count(), 0);
});

test('no collection runs while validations are waiting', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { collect, count } = counting();
  new IdleCollection(() => true, collect).validated(LARGE_DOCUMENT_CHARACTERS);
  t.mock.timers.tick(IDLE_COLLECTION_MS * 2);
  assert.equal(count(), 0);
});

test('V8 collector is found without --expose-gc on the command line', () => {
  assert.equal(typeof v8Collector(), 'function');
});
