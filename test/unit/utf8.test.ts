/**
 * Manifest bytes as kubectl reads them: k8s.io/cli-runtime passes every file through golang.org/x/text's
 * unicode.BOMOverride(unicode.UTF8.NewDecoder()), so bytes that are not UTF-8 become U+FFFD (one per maximal
 * ill-formed subpart) and a UTF-16 byte-order mark switches to UTF-16. Each expectation was checked against
 * kubectl 1.32 (`kubectl annotate --local -o json -f FILE k=v`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeManifest } from '../../server/src/parse/utf8';
import { validateText } from '../../server/src/check/validate-text';
import { readManifest } from '../../server/src/files/read-text';

const configMap = (name: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  key: ${value}\n`;

/** The bytes of `before`, then `raw`, then `after`, as a file would hold them. */
function bytes(before: string, raw: number[], after = '\n'): Uint8Array {
  return new Uint8Array([...Buffer.from(before, 'utf8'), ...raw, ...Buffer.from(after, 'utf8')]);
}

test('valid UTF-8 decodes with no problem, without its byte-order mark', () => {
  assert.deepEqual(decodeManifest(bytes('\uFEFFkey: caf\u00e9', [])), { text: 'key: caf\u00e9\n' });
});

test('a Latin-1 byte becomes one U+FFFD and the text goes on (kubectl: "caf\uFFFD")', () => {
  assert.equal(decodeManifest(bytes('key: caf', [0xe9])).text, 'key: caf\uFFFD\n');
});

test('a sequence cut short counts once, as x/text replaces a maximal subpart (kubectl: E2 82 X is "\uFFFDX")', () => {
  assert.equal(decodeManifest(bytes('key: ', [0xe2, 0x82], 'X\n')).text, 'key: \uFFFDX\n');
});

test('an encoded surrogate and an overlong form are one U+FFFD per byte (kubectl: ED A0 80 is three, C1 BF two)', () => {
  assert.equal(decodeManifest(bytes('a: ', [0xed, 0xa0, 0x80], ' ')).text, 'a: \uFFFD\uFFFD\uFFFD ');
  assert.equal(decodeManifest(bytes('a: ', [0xc1, 0xbf], ' ')).text, 'a: \uFFFD\uFFFD ');
});

test('where the bytes stop being UTF-8 is noted on the replacement character, counted in the decoded text', () => {
  const decoded = decodeManifest(bytes('\uFEFFk\u00e9y: \uFFFD \u{1F600} ', [0xff]));
  assert.equal(decoded.text[decoded.invalidUtf8!.offset], '\uFFFD');
  assert.equal(decoded.invalidUtf8!.offset, 'k\u00e9y: \uFFFD \u{1F600} '.length);
});

test('a U+FFFD written as such is valid UTF-8 and noted nowhere', () => {
  assert.equal(decodeManifest(bytes('key: \uFFFD', [])).invalidUtf8, undefined);
});

test('UTF-16 with a byte-order mark is decoded, in either byte order (kubectl reads both)', () => {
  const text = configMap('wide', 'x');
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const be = Buffer.from(le.subarray(2)).swap16();
  assert.deepEqual(decodeManifest(le), { text });
  assert.deepEqual(decodeManifest(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), { text });
});

test('JSON is read the same way: malformed bytes become U+FFFD', () => {
  const decoded = decodeManifest(bytes('  {"kind": "', [0xff], '"}'));
  assert.equal(decoded.text, '  {"kind": "\uFFFD"}');
});

test('a document holding malformed bytes is validated with U+FFFD in their place, and one warning says where', () => {
  const { text, invalidUtf8 } = decodeManifest(bytes(`${configMap('first', 'one')}---\n${configMap('second', 'caf')}`.trimEnd(), [0xff], `\n---\n${configMap('third', 'x')}metadta: {}\n`));
  const report = validateText(text, { kubernetesVersion: '1.36', ...(invalidUtf8 ? { invalidUtf8 } : {}) });
  assert.deepEqual(
    report.objects.map((object) => [object.name, (object.value['data'] as Record<string, string>)['key']]),
    [
      ['first', 'one'],
      ['second', 'caf\uFFFD'],
      ['third', 'x'],
    ],
  );
  assert.deepEqual(
    report.findings.map((finding) => [finding.rule, finding.severity, text.slice(finding.range.start, finding.range.end)]),
    [
      ['yaml-syntax', 'warning', '\uFFFD'],
      ['unknown-field', 'error', 'metadta'],
    ],
  );
});

test('a file is read as its bytes decode, whichever way it is read (UTF-8, byte-order marks, bytes that are not UTF-8)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-utf8-'));
  try {
    const text = configMap('wide', 'caf\u00e9');
    const cases: Record<string, Uint8Array> = {
      plain: Buffer.from(text, 'utf8'),
      'UTF-8 mark': bytes(`\uFEFF${text}`, []),
      'U+FFFD written': bytes('key: \uFFFD', []),
      'Latin-1 byte': bytes('key: caf', [0xe9]),
      'UTF-16LE mark': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      'UTF-16BE mark': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
    };
    for (const [name, content] of Object.entries(cases)) {
      const file = path.join(dir, `${name}.yaml`);
      fs.writeFileSync(file, content);
      assert.deepEqual(readManifest(file), decodeManifest(content), name);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
