/** Hostile or accidental input must end in one clear finding, quickly, without an exception. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateText } from '../../server/src/check/validate-text';
import { checkText, type PlacedFinding } from '../helpers/check-text';

const header = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: hostile}\n';

function checkQuickly(text: string): PlacedFinding[] {
  const started = performance.now();
  const { findings } = checkText(text);
  const elapsed = performance.now() - started;
  // A bound for hangs, not a speed goal: speed is measured by the bench.
  assert.ok(elapsed < 10_000, `took ${elapsed.toFixed(0)} ms`);
  return findings;
}

function assertOneNestingFinding(findings: PlacedFinding[]): void {
  assert.equal(findings.length, 1, JSON.stringify(findings));
  assert.equal(findings[0]!.severity, 'error');
  assert.match(findings[0]!.message, /nested/);
  assert.doesNotMatch(findings[0]!.message, /call stack/i, 'an engine error is not a message for a user');
}

test('an alias bomb gives one finding without hanging', () => {
  const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 9; i++) {
    const previous = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(',')}]`);
  }
  const findings = checkQuickly(`${header}${levels.join('\n')}\n`);
  assert.equal(findings.length, 1, JSON.stringify(findings));
  assert.equal(findings[0]!.rule, 'yaml-limits');
  assert.match(findings[0]!.message, /alias/);
});

test('an alias used a few times is not mistaken for a bomb', () => {
  const { findings } = checkText(`${header}metadata:\n  name: x\n  labels: &l {app: web}\n  annotations: *l\n`.replace('metadata: {name: hostile}\n', ''));
  assert.deepEqual(findings, []);
});

test('10,000 nested flow sequences give one clear nesting finding', () => {
  assertOneNestingFinding(checkQuickly(`${header}data: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`));
});

test('10,000 nested flow mappings give one clear nesting finding', () => {
  assertOneNestingFinding(checkQuickly(`${header}data: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`));
});

test('10,000 nested block sequences give one clear nesting finding', () => {
  assertOneNestingFinding(checkQuickly(`${header}data:\n  ${'- '.repeat(10_000)}x\n`));
});

test('a file over the size limit gets one information note and is not parsed', () => {
  const report = validateText(`${header}data:\n  big: "${'x'.repeat(2000)}"\n`, { kubernetesVersion: '1.36', maxBytes: 1000 });
  assert.equal(report.findings.length, 1);
  assert.equal(report.findings[0]!.severity, 'information');
  assert.equal(report.findings[0]!.rule, 'file-too-large');
  assert.deepEqual(report.objects, []);
});

test('binary junk is skipped with one information note', () => {
  const junk = Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
  const findings = checkQuickly(junk);
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.severity, 'information');
});

test('malformed YAML gives a syntax error at its place and no exception', () => {
  const text = `${header}data:\n  a: [1, 2\n  b: 3\n`;
  const findings = checkQuickly(text);
  assert.ok(findings.length >= 1);
  assert.ok(findings.every((f) => f.rule === 'yaml-syntax'));
  assert.ok(findings[0]!.line >= 5, `line ${findings[0]!.line}`);
});

test('a 50 MB file gets one information note without being parsed', () => {
  const findings = checkQuickly(`${header}data:\n  blob: ${'x'.repeat(50 * 1024 * 1024)}\n`);
  assert.deepEqual(
    findings.map((f) => [f.rule, f.severity, f.message]),
    [['file-too-large', 'information', 'this file is 50.0 MB, over the 16 MB limit; it was not validated']],
  );
});
