/** pod-template-hash: FNV-32a and SafeEncodeString as upstream, over a canonical JSON of the template. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fnv32a, safeEncodeString } from '../../../../server/src/cluster/controllers/deployment/hash';
import { computePodTemplateHash } from '../../../oracles/deployment';
import { deployment } from './deployments';

const bytes = (text: string) => new TextEncoder().encode(text);

test('FNV-32a gives the published test vectors', () => {
  assert.equal(fnv32a(bytes('')), 0x811c9dc5);
  assert.equal(fnv32a(bytes('a')), 0xe40c292c);
  assert.equal(fnv32a(bytes('foobar')), 0xbf9cf968);
});

test('SafeEncodeString maps each decimal digit by its code point modulo 27', () => {
  // '0' is 48 → 48 % 27 = 21 → '4'; '6' is 54 → 0 → 'b'; '9' is 57 → 3 → 'f'.
  assert.equal(safeEncodeString('0123456789'), '456789bcdf');
});

test('a hash is the encoded decimal form of a 32-bit sum: at most ten characters from 4-9 and b, c, d, f', () => {
  const hash = computePodTemplateHash(deployment().spec!.template);
  assert.match(hash, /^[4-9bcdf]{1,10}$/);
});

test('the same template always hashes the same, whatever the key order', () => {
  const template = deployment().spec!.template;
  const reordered = { spec: template.spec, metadata: template.metadata };
  assert.equal(computePodTemplateHash(template), computePodTemplateHash(reordered));
});

test('a changed image or a collision count gives another hash', () => {
  const template = deployment().spec!.template;
  const hash = computePodTemplateHash(template);
  assert.notEqual(computePodTemplateHash(deployment({ image: 'nginx:1.26' }).spec!.template), hash);
  assert.notEqual(computePodTemplateHash(template, 1), hash);
  assert.notEqual(computePodTemplateHash(template, 0), hash);
});
