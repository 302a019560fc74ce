/**
 * `kubeplan check -o sarif` names files as code scanning expects them: relative to the repository root (or
 * `--sarif-root`) with `uriBaseId: "%SRCROOT%"`, whose absolute URI `originalUriBaseIds` gives, ending in a slash;
 * a file outside the root keeps an absolute `file:` URI and no base id (SARIF 2.1.0 §3.4.4, §3.14.14).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from '../helpers/run-cli';

const scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-sarif-')));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A ConfigMap whose name is not a DNS subdomain: one error. */
const BAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad}\n';

/** A repository (`.git` as a folder) with `deploy/bad.yaml` and `deploy/with space/bad.yaml`, and a file outside it. */
const repo = path.join(scratch, 'repo');
fs.mkdirSync(path.join(repo, '.git'), { recursive: true });
fs.mkdirSync(path.join(repo, 'deploy', 'with space'), { recursive: true });
fs.writeFileSync(path.join(repo, 'deploy', 'bad.yaml'), BAD);
fs.writeFileSync(path.join(repo, 'deploy', 'with space', 'bad.yaml'), BAD);
const outside = path.join(scratch, 'elsewhere', 'bad.yaml');
fs.mkdirSync(path.dirname(outside));
fs.writeFileSync(outside, BAD);

interface SarifRun {
  originalUriBaseIds: Record<string, { uri: string }>;
  results: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }[];
}

function sarifRun(args: readonly string[], cwd: string): SarifRun {
  const run = runCli(['check', '-o', 'sarif', ...args], { cwd });
  assert.equal(run.status, 1, run.stderr);
  return (JSON.parse(run.stdout) as { runs: SarifRun[] }).runs[0]!;
}

const locations = (run: SarifRun) => run.results.map((result) => result.locations[0]!.physicalLocation.artifactLocation);

test('a file checked from a subfolder is named relative to the Git top level, with uriBaseId %SRCROOT%', () => {
  const run = sarifRun(['bad.yaml'], path.join(repo, 'deploy'));
  assert.deepEqual(locations(run), [{ uri: 'deploy/bad.yaml', uriBaseId: '%SRCROOT%' }]);
});

test('originalUriBaseIds gives %SRCROOT% as the absolute file URI of the Git top level, ending in a slash', () => {
  const run = sarifRun(['bad.yaml'], path.join(repo, 'deploy'));
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: `${pathToFileURL(repo).href}/` } });
});

test('a .git file, as a linked worktree has, marks the top level too', () => {
  const worktree = path.join(scratch, 'worktree');
  fs.mkdirSync(path.join(worktree, 'k8s'), { recursive: true });
  fs.writeFileSync(path.join(worktree, '.git'), 'gitdir: /elsewhere/.git/worktrees/worktree\n');
  fs.writeFileSync(path.join(worktree, 'k8s', 'bad.yaml'), BAD);
  assert.deepEqual(locations(sarifRun(['k8s/bad.yaml'], worktree)), [{ uri: 'k8s/bad.yaml', uriBaseId: '%SRCROOT%' }]);
});

test('--sarif-root names files relative to the folder given instead', () => {
  const run = sarifRun(['--sarif-root', 'deploy', 'deploy/bad.yaml'], repo);
  assert.deepEqual(locations(run), [{ uri: 'bad.yaml', uriBaseId: '%SRCROOT%' }]);
  assert.equal(run.originalUriBaseIds['%SRCROOT%']!.uri, `${pathToFileURL(path.join(repo, 'deploy')).href}/`);
});

test('a file outside the root keeps an absolute file URI and no uriBaseId', () => {
  const run = sarifRun([outside], repo);
  assert.deepEqual(locations(run), [{ uri: pathToFileURL(outside).href }]);
});

test('a relative URI is percent-encoded as a URI reference', () => {
  const run = sarifRun(['deploy/with space/bad.yaml'], repo);
  assert.deepEqual(locations(run), [{ uri: 'deploy/with%20space/bad.yaml', uriBaseId: '%SRCROOT%' }]);
});

test('--sarif-root must name a folder', () => {
  const run = runCli(['check', '-o', 'sarif', '--sarif-root', 'missing', 'deploy/bad.yaml'], { cwd: repo });
  assert.equal(run.status, 2);
  assert.equal(run.stderr, 'kubeplan: --sarif-root missing: not a directory\n');
});
