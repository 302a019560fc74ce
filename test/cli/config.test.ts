/** `.kubeplan.yaml` and suppressions as `kubeplan check` applies them. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/run-cli';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-config-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const BAD_NAME = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n';
const LATEST = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers: [{name: web, image: "nginx:latest"}]\n';

/** A project folder with the given files; returns its path. */
function project(name: string, files: Record<string, string>): string {
  const root = path.join(scratch, name);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

function rulesReported(stdout: string): string[] {
  return (JSON.parse(stdout) as { diagnostics: { rule: string; severity: string }[] }).diagnostics.map((d) => `${d.rule}:${d.severity}`);
}

test('the .kubeplan.yaml in the current directory sets rule severities', () => {
  const root = project('here', { '.kubeplan.yaml': 'rules:\n  object-name: warning\n  image-tag: error\n', 'a.yaml': BAD_NAME, 'b.yaml': LATEST });
  const run = runCli(['check', '--output', 'json', '.'], { cwd: root });
  assert.deepEqual(rulesReported(run.stdout).sort(), ['image-tag:error', 'object-name:warning']);
  assert.equal(run.status, 1);
});

test('a .kubeplan.yaml in a parent directory applies to checks run below it', () => {
  const root = project('parent', { '.kubeplan.yaml': 'rules: {object-name: off}\n', 'deploy/a.yaml': BAD_NAME });
  const run = runCli(['check', 'a.yaml'], { cwd: path.join(root, 'deploy') });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(run.stdout, '1 file, 1 object: 0 errors, 0 warnings\n');
});

test('--config names the file to read instead of searching for one', () => {
  const root = project('explicit', { 'strict.yaml': 'rules: {image-tag: warning}\n', '.kubeplan.yaml': 'rules: {image-tag: off}\n', 'pod.yml': LATEST });
  const run = runCli(['check', '--config', path.join(root, 'strict.yaml'), '--output', 'json', path.join(root, 'pod.yml')], { cwd: root });
  assert.deepEqual(rulesReported(run.stdout), ['image-tag:warning']);
});

test('a malformed config exits 2 with a one-line message naming the file', () => {
  const root = project('malformed', { '.kubeplan.yaml': 'rules: [object-name]\n', 'a.yaml': BAD_NAME });
  const run = runCli(['check', 'a.yaml'], { cwd: root });
  assert.equal(run.status, 2);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
  assert.match(run.stderr, /\.kubeplan\.yaml: "rules" must map rule ids to severities/);
});

test('a config that is not YAML exits 2 with a one-line message', () => {
  const root = project('not-yaml', { '.kubeplan.yaml': 'rules: {object-name: off\n', 'a.yaml': BAD_NAME });
  const run = runCli(['check', 'a.yaml'], { cwd: root });
  assert.equal(run.status, 2);
  assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
  assert.match(run.stderr, /\.kubeplan\.yaml: not valid YAML/);
});

test('--config naming a missing file exits 2', () => {
  const run = runCli(['check', '--config', path.join(scratch, 'nope.yaml'), '-'], { input: BAD_NAME });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /cannot read .*nope\.yaml: ENOENT/);
});

test('an unknown rule id in the config is a warning on stderr, and the rest still applies', () => {
  const root = project('unknown-rule', { '.kubeplan.yaml': 'rules: {no-such-rule: off, object-name: off}\n', 'a.yaml': BAD_NAME });
  const run = runCli(['check', 'a.yaml'], { cwd: root });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stderr, /^kubeplan: warning: .*\.kubeplan\.yaml: unknown rule "no-such-rule"; ignored\n$/);
});

test('the kubeplan.dev/ignore annotation suppresses a rule for its object', () => {
  const text = BAD_NAME + '  annotations:\n    kubeplan.dev/ignore: object-name\n';
  const run = runCli(['check', '-'], { input: text, cwd: scratch });
  assert.equal(run.status, 0, run.stdout);
});

test('a # kubeplan-ignore comment suppresses a rule on its line', () => {
  const run = runCli(['check', '-'], { input: BAD_NAME.replace('Bad_Name', 'Bad_Name # kubeplan-ignore object-name'), cwd: scratch });
  assert.equal(run.status, 0, run.stdout);
});
