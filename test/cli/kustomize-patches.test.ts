/**
 * `kubeplan check` and `kubeplan plan` over a folder holding a base and an overlay (test/fixtures/kustomize-patches):
 * the files the overlay's kustomization lists as patches (`patches`, `patchesStrategicMerge`; a JSON 6902 file)
 * are checked as strategic-merge patches, as kustomize merges them, not as objects.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli } from '../helpers/run-cli';
import { fixturesDir, repoRoot } from '../helpers/repo-paths';
import { findProgram } from '../../server/src/files/program-on-path';

const fixture = path.relative(repoRoot, path.join(fixturesDir, 'kustomize-patches'));

interface JsonCheck {
  files: number;
  objects: number;
  diagnostics: { file: string; line: number; message: string; rule: string }[];
}

// kustomize merges the patches with kyaml, which knows `$patch` alone (kyaml/yaml/merge2/smpdirective.go,
// determineSmpDirective) and copies the other directives into the Deployment it renders (`kubectl kustomize
// overlay` prints them), where strict decoding refuses them; so do `check DIR` and `check -k DIR`.
const EXPECTED_FINDINGS = [
  { file: path.join(fixture, 'overlay', 'replicas.yaml'), line: 9, message: 'strict decoding error: unknown field "spec.template.spec.$setElementOrder/containers"', rule: 'unknown-field' },
  {
    file: path.join(fixture, 'overlay', 'replicas.yaml'),
    line: 13,
    message: 'strict decoding error: unknown field "spec.template.spec.containers[0].$deleteFromPrimitiveList/args"',
    rule: 'unknown-field',
  },
  { file: path.join(fixture, 'overlay', 'strategy.yaml'), line: 7, message: 'strict decoding error: unknown field "spec.strategy.$retainKeys"', rule: 'unknown-field' },
  {
    file: path.join(fixture, 'overlay', 'strategy.yaml'),
    line: 10,
    message: 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.minReadySeconds of type int32',
    rule: 'field-type',
  },
];

function findingsOf(args: string[]): JsonCheck['diagnostics'] {
  const run = runCli([...args, '-o', 'json'], { cwd: repoRoot });
  assert.equal(run.status, 1, run.stderr);
  return (JSON.parse(run.stdout) as JsonCheck).diagnostics.map(({ file, line, message, rule }) => ({ file, line, message, rule })).sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

test('check of a folder with an overlay reports the wrong type and the directives kustomize keeps as fields', () => {
  assert.deepEqual(findingsOf(['check', fixture]), EXPECTED_FINDINGS);
});

const noKustomize = findProgram('kubectl') === undefined && findProgram('kustomize') === undefined ? 'neither kubectl nor kustomize is installed' : false;

test('check -k of the overlay reports the same findings in the same places', { skip: noKustomize }, () => {
  assert.deepEqual(findingsOf(['check', '-k', path.join(fixture, 'overlay')]), EXPECTED_FINDINGS);
});

test('check takes no object from the patches: the base Deployment is the only one', () => {
  const result = JSON.parse(runCli(['check', fixture, '-o', 'json'], { cwd: repoRoot }).stdout) as JsonCheck;
  assert.equal(result.objects, 1);
});

test('plan of the folder applies only the base and names the patches in a note', () => {
  const run = runCli(['plan', path.join(fixture, 'base'), path.join(fixture, 'overlay', 'image-tag.json'), path.join(fixture, 'overlay', 'no-sidecar.yaml'), '-o', 'json'], { cwd: repoRoot });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const plan = JSON.parse(run.stdout) as { notes: string[]; changes?: unknown };
  const overlay = path.join(fixture, 'overlay');
  assert.ok(
    plan.notes.includes(
      `${path.join(overlay, 'image-tag.json')}, ${path.join(overlay, 'no-sidecar.yaml')} are kustomize patches: checked as patches and not applied (kubeplan plan -k plans the overlay with its patches applied)`,
    ),
    plan.notes.join('\n'),
  );
});
