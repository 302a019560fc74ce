/**
 * `kubeplan check` and `kubeplan plan` over a folder holding a base and an overlay (test/fixtures/kustomize-patches):
 * the files the overlay's kustomization lists as patches (`patches`, `patchesStrategicMerge`; a JSON 6902 file)
 * are checked as strategic-merge patches, as k8s.io/apimachinery pkg/util/strategicpatch reads them, not as objects.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli } from '../helpers/run-cli';
import { fixturesDir, repoRoot } from '../helpers/repo-paths';

const fixture = path.relative(repoRoot, path.join(fixturesDir, 'kustomize-patches'));

interface JsonCheck {
  files: number;
  objects: number;
  diagnostics: { file: string; line: number; message: string; rule: string }[];
}

test('check of a folder with an overlay reports only the wrong type planted in a patch', () => {
  const run = runCli(['check', fixture, '-o', 'json'], { cwd: repoRoot });
  assert.equal(run.status, 1, run.stderr);
  const result = JSON.parse(run.stdout) as JsonCheck;
  assert.deepEqual(
    result.diagnostics.map(({ file, line, message, rule }) => ({ file, line, message, rule })),
    [
      {
        file: path.join(fixture, 'overlay', 'strategy.yaml'),
        line: 10,
        message: 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.minReadySeconds of type int32',
        rule: 'field-type',
      },
    ],
  );
});

test('check takes no object from the patches: the base Deployment is the only one', () => {
  const result = JSON.parse(runCli(['check', fixture, '-o', 'json'], { cwd: repoRoot }).stdout) as JsonCheck;
  assert.equal(result.objects, 1);
});

test('plan of the folder applies only the base and names the patches in a note', () => {
  const run = runCli(['plan', path.join(fixture, 'base'), path.join(fixture, 'overlay', 'replicas.yaml'), path.join(fixture, 'overlay', 'no-sidecar.yaml'), '-o', 'json'], { cwd: repoRoot });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const plan = JSON.parse(run.stdout) as { notes: string[]; changes?: unknown };
  const overlay = path.join(fixture, 'overlay');
  assert.ok(
    plan.notes.includes(
      `${path.join(overlay, 'replicas.yaml')}, ${path.join(overlay, 'no-sidecar.yaml')} are kustomize patches: checked as patches and not applied (kubeplan plan -k plans the overlay with its patches applied)`,
    ),
    plan.notes.join('\n'),
  );
});
