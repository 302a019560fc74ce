import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileUri, LspClient, REPOSITORY, Severity, type Diagnostic } from './lsp-client';

const ARGO_CD_INSTALL = path.resolve(REPOSITORY, '..', 'shared', 'corpora', 'argoproj__argo-cd', 'manifests', 'install.yaml');

interface CheckDiagnostic {
  line: number;
  column: number;
  severity: string;
  rule: string;
  message: string;
  path: string;
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

function errorsAsCheckWrites(diagnostics: Diagnostic[]): string[] {
  return diagnostics
    .filter((diagnostic) => diagnostic.severity === Severity.Error)
    .map((diagnostic) => {
      const fieldPath = (diagnostic.data as { path: string }).path;
      const message = diagnostic.message.endsWith(` (${fieldPath})`) ? diagnostic.message.slice(0, -fieldPath.length - 3) : diagnostic.message;
      return `${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${String(diagnostic.code)} ${message}`;
    });
}

test('the argo-cd install file gets the same errors in the editor as from kubeplan check, quickly after each edit', async (t) => {
  if (!fs.existsSync(ARGO_CD_INSTALL)) {
    t.skip(`${ARGO_CD_INSTALL} is not present`);
    return;
  }
  const text = fs.readFileSync(ARGO_CD_INSTALL, 'utf8');
  const check = spawnSync(process.execPath, [path.join(REPOSITORY, 'bin', 'kubeplan.js'), 'check', '--output', 'json', ARGO_CD_INSTALL], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.ok(check.status === 0 || check.status === 1, `kubeplan check exited with ${check.status}: ${check.stderr}`);
  const expected = (JSON.parse(check.stdout) as { diagnostics: CheckDiagnostic[] }).diagnostics
    .filter((diagnostic) => diagnostic.severity === 'error')
    .map((diagnostic) => `${diagnostic.line}:${diagnostic.column} ${diagnostic.rule} ${diagnostic.message}`);

  const client = await LspClient.start();
  t.after(() => client.stop());
  const uri = fileUri(ARGO_CD_INSTALL);

  const openedAt = performance.now();
  const opened = client.nextDiagnostics(uri, { timeoutMs: 30_000 });
  client.open(uri, text);
  const { diagnostics } = await opened;
  const openMs = performance.now() - openedAt;
  assert.deepEqual(errorsAsCheckWrites(diagnostics), expected);

  // Type a character into a metadata name in the middle of the file and delete it again, over and over. Not a
  // CustomResourceDefinition's: its name must be its plural and group, so a typed character is an error there.
  const lines = text.split('\n');
  const kindAt = (index: number) => [...lines.slice(0, index)].reverse().find((candidate) => candidate.startsWith('kind: ')) ?? '';
  const line = lines.findIndex((candidate, index) => index > lines.length / 2 && /^ {2}name: \S/.test(candidate) && kindAt(index) !== 'kind: CustomResourceDefinition');
  const end = lines[line]!.length;
  const editMs: number[] = [];
  for (let version = 2; version <= 41; version++) {
    const typing = version % 2 === 0;
    const next = client.nextDiagnostics(uri, { version, timeoutMs: 10_000 });
    const startedAt = performance.now();
    client.change(uri, version, { start: { line, character: end }, end: { line, character: typing ? end : end + 1 } }, typing ? 'x' : '');
    const published = await next;
    editMs.push(performance.now() - startedAt);
    assert.deepEqual(errorsAsCheckWrites(published.diagnostics), expected);
  }
  t.diagnostic(`open→diagnostics ${openMs.toFixed(0)} ms; edit→diagnostics p50 ${percentile(editMs, 0.5).toFixed(1)} ms, p95 ${percentile(editMs, 0.95).toFixed(1)} ms (debounce included)`);
  assert.ok(percentile(editMs, 0.95) < 1000, 'edits are answered well within a second');
});
