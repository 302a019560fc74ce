import { test } from 'node:test';
import assert from 'node:assert/strict';
import { counted } from '../../server/src/text/counted';

test('one of a thing is singular', () => {
  assert.equal(counted(1, 'pod'), '1 pod');
});

test('none and several of a thing are plural', () => {
  assert.deepEqual([counted(0, 'error'), counted(2, 'error')], ['0 errors', '2 errors']);
});

test('an irregular plural is used as given', () => {
  assert.deepEqual([counted(1, 'ingress', 'ingresses'), counted(3, 'ingress', 'ingresses')], ['1 ingress', '3 ingresses']);
});
