/**
 * The pre-commit hook the repository publishes (.pre-commit-hooks.yaml), run as pre-commit runs it: its entry
 * command with the staged files its `types` select appended (pre-commit's `pass_filenames`, the default).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { runCli } from '../helpers/run-cli';
import { repoRoot } from '../helpers/repo-paths';

interface Hook {
  id: string;
  entry: string;
  language: string;
  types: string[];
}

const hooks = parse(fs.readFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const hook = hooks.find((candidate) => candidate.id === 'kubeplan-check');
const hasGit = spawnSync('git', ['--version']).status === 0;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-pre-commit-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

function git(repository: string, ...args: string[]): string {
  const run = spawnSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', ...args], { cwd: repository, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

/** A repository with the files staged; returns the staged files the hook's `types: [yaml]` selects. */
function stagedRepository(name: string, files: Record<string, string>): { repository: string; staged: string[] } {
  const repository = path.join(scratch, name);
  fs.mkdirSync(repository, { recursive: true });
  git(repository, 'init', '--quiet');
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(repository, file), text);
  git(repository, 'add', ...Object.keys(files));
  // pre-commit's identify tags *.yaml and *.yml files `yaml`.
  const staged = git(repository, 'diff', '--cached', '--name-only')
    .split('\n')
    .filter((file) => /\.ya?ml$/.test(file));
  return { repository, staged };
}

/** The hook's entry, `kubeplan` being this checkout's bin/kubeplan.js, run in the repository on the staged files. */
function runHook(repository: string, staged: readonly string[]) {
  const [program, ...args] = hook!.entry.split(' ');
  assert.equal(program, 'kubeplan');
  return runCli([...args, ...staged], { cwd: repository });
}

test('the hook runs kubeplan check on staged YAML files, from the package bin', () => {
  assert.ok(hook, 'a kubeplan-check hook');
  assert.equal(hook.language, 'node');
  assert.deepEqual(hook.types, ['yaml']);
});

test('the hook fails a commit that stages a manifest with errors', { skip: !hasGit && 'git is not installed' }, () => {
  const { repository, staged } = stagedRepository('broken', {
    'deploy.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n',
    'notes.md': '# not a manifest\n',
  });
  assert.deepEqual(staged, ['deploy.yaml']);
  const run = runHook(repository, staged);
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /^deploy\.yaml:4:9: error: /m);
});

test('the hook passes a commit that stages valid manifests', { skip: !hasGit && 'git is not installed' }, () => {
  const { repository, staged } = stagedRepository('valid', { 'config.yml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n' });
  const run = runHook(repository, staged);
  assert.equal(run.status, 0, run.stdout + run.stderr);
});

test('the hook passes a commit whose YAML holds no Kubernetes object', { skip: !hasGit && 'git is not installed' }, () => {
  const { repository, staged } = stagedRepository('other-yaml', { 'ci.yaml': '# a workflow, not a manifest\n' });
  const run = runHook(repository, staged);
  assert.equal(run.status, 0, run.stdout + run.stderr);
});
