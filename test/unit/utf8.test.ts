/** Manifest bytes that are not UTF-8: go-yaml's reader refuses them (kubectl's words), encoding/json does not. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeManifest } from '../../server/src/parse/utf8';
import { validateText } from '../../server/src/check/validate-text';

const configMap = (name: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  key: ${value}\n`;

/** The bytes of `before`, then `raw`, then `after`, as a file would hold them. */
function bytes(before: string, raw: number[], after = '\n'): Uint8Array {
  return new Uint8Array([...Buffer.from(before, 'utf8'), ...raw, ...Buffer.from(after, 'utf8')]);
}

test('valid UTF-8 decodes with no problem, without its byte-order mark', () => {
  assert.deepEqual(decodeManifest(bytes('\uFEFFkey: caf\u00e9', [])), { text: 'key: caf\u00e9\n' });
});

test('a byte no UTF-8 sequence starts with is an invalid leading octet', () => {
  assert.equal(decodeManifest(bytes('key: ', [0xff])).invalidUtf8?.problem, 'invalid leading UTF-8 octet');
});

test('a sequence cut short by a byte that does not continue it has an invalid trailing octet', () => {
  assert.equal(decodeManifest(bytes('key: ', [0xe2, 0x82], 'x\n')).invalidUtf8?.problem, 'invalid trailing UTF-8 octet');
});

test('a sequence cut short by the end of the file is incomplete', () => {
  assert.equal(decodeManifest(bytes('key: ', [0xe2, 0x82], '')).invalidUtf8?.problem, 'incomplete UTF-8 octet sequence');
});

test('an overlong form (C0 80 for NUL) has an invalid length', () => {
  assert.equal(decodeManifest(bytes('key: ', [0xc0, 0x80])).invalidUtf8?.problem, 'invalid length of a UTF-8 sequence');
});

test('an encoded surrogate is an invalid Unicode character', () => {
  assert.equal(decodeManifest(bytes('key: ', [0xed, 0xa0, 0x80])).invalidUtf8?.problem, 'invalid Unicode character');
});

test('the problem is placed on the replacement character, counted in the decoded text', () => {
  const decoded = decodeManifest(bytes('\uFEFFk\u00e9y: \u{1F600} ', [0xff]));
  assert.equal(decoded.text[decoded.invalidUtf8!.offset], '\uFFFD');
  assert.equal(decoded.invalidUtf8!.offset, 'k\u00e9y: \u{1F600} '.length);
});

test('JSON is read as encoding/json reads it: malformed bytes become U+FFFD without a problem', () => {
  const decoded = decodeManifest(bytes('  {"kind": "', [0xff], '"}'));
  assert.equal(decoded.invalidUtf8, undefined);
  assert.equal(decoded.text, '  {"kind": "\uFFFD"}');
});

test('the document holding malformed bytes is refused in kubectl words; the others are validated', () => {
  const { text, invalidUtf8 } = decodeManifest(bytes(`${configMap('first', 'one')}---\n${configMap('second', 'caf')}`.trimEnd(), [0xff], `\n---\n${configMap('third', 'x')}metadta: {}\n`));
  const report = validateText(text, { kubernetesVersion: '1.36', ...(invalidUtf8 ? { invalidUtf8 } : {}) });
  assert.deepEqual(
    report.objects.map((object) => object.name),
    ['first', 'third'],
  );
  assert.deepEqual(
    report.findings.map((finding) => [finding.rule, finding.message, text.slice(finding.range.start, finding.range.end)]),
    [
      ['yaml-syntax', 'error converting YAML to JSON: yaml: invalid leading UTF-8 octet', '\uFFFD'],
      ['unknown-field', 'strict decoding error: unknown field "metadta"; did you mean "metadata"?', 'metadta'],
    ],
  );
});
