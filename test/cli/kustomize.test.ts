/**
 * `kubeplan check|plan -k DIR` over a real base and two overlays (test/fixtures/kustomize), rendered by the
 * kustomize built into the kubectl on PATH; the tests that render are skipped where kubectl is not installed.
 * Findings are expected where the field is written: kustomize records each object's file in its
 * `config.kubernetes.io/origin` annotation (api/resource/origin.go, Origin), and a patch sets what it holds
 * (api/internal/builtins/PatchTransformer.go). The messages are the API server's decoder's, as for any manifest.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/run-cli';
import { fixturesDir, repoRoot } from '../helpers/repo-paths';
import { findProgram } from '../../server/src/files/program-on-path';
import { isRemoteReference } from '../../server/src/files/kustomization-tree';

const overlays = path.join(fixturesDir, 'kustomize', 'overlays');
const relative = (file: string) => path.relative(repoRoot, file);
const noKubectl = findProgram('kubectl') === undefined ? 'kubectl is not installed' : false;

interface JsonCheck {
  files: number;
  objects: number;
  diagnostics: { file: string; line: number; column: number; message: string; rule: string; kind: string; name: string }[];
}

test('a wrong replicas type set by an overlay patch is reported in the patch file', { skip: noKubectl }, () => {
  const run = runCli(['check', '-k', path.join(overlays, 'prod'), '-o', 'json']);
  assert.equal(run.status, 1, run.stderr);
  const report = JSON.parse(run.stdout) as JsonCheck;
  const replicas = report.diagnostics.find((d) => d.message.includes('spec.replicas'));
  // replicas.yaml line 6: `  replicas: "three"`; the value starts at column 13.
  assert.deepEqual(replicas && { file: replicas.file, line: replicas.line, column: replicas.column, name: replicas.name }, {
    file: relative(path.join(overlays, 'prod', 'replicas.yaml')),
    line: 6,
    column: 13,
    name: 'prod-web',
  });
  assert.equal(replicas?.message, 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
});

test('a field a JSON 6902 patch adds is reported at its place in the operation value', { skip: noKubectl }, () => {
  const run = runCli(['check', '-k', path.join(overlays, 'prod'), '-o', 'json']);
  const report = JSON.parse(run.stdout) as JsonCheck;
  const optional = report.diagnostics.find((d) => d.message.includes('optional'));
  // env-patch.yaml line 9: `          optional: "no"`, the value at column 21.
  assert.deepEqual(optional && [optional.file, optional.line, optional.column], [relative(path.join(overlays, 'prod', 'env-patch.yaml')), 9, 21]);
});

test('an unknown field written in the base is reported in the base file', { skip: noKubectl }, () => {
  const run = runCli(['check', '-k', path.join(overlays, 'typo')]);
  assert.equal(run.status, 1, run.stderr);
  const base = relative(path.join(fixturesDir, 'kustomize', 'typo-base', 'deployment.yaml'));
  assert.equal(
    run.stdout,
    `${base}:6:3: error: strict decoding error: unknown field "spec.replica"; did you mean "replicas"? [unknown-field] (Deployment/typo-api)\n1 file, 1 object: 1 error, 0 warnings\n`,
  );
});

test('a clean overlay counts the objects kustomize rendered and the files they came from', { skip: noKubectl }, () => {
  const run = runCli(['check', '--kustomize', path.join(overlays, 'staging'), '-o', 'json']);
  assert.equal(run.status, 0, run.stderr);
  // The base's Deployment and Service, and the overlay's generated ConfigMap (from its kustomization.yaml).
  assert.deepEqual(JSON.parse(run.stdout), { files: 3, objects: 3, diagnostics: [] });
});

test('plan -k plans the rendered overlay: prefixed names, the patched replica count', { skip: noKubectl }, () => {
  const run = runCli(['plan', '-k', path.join(overlays, 'staging'), '-o', 'json', '--now', '2026-03-01T10:07:00Z']);
  assert.equal(run.status, 0, run.stderr);
  const plan = JSON.parse(run.stdout) as { rollouts: { deployment: string; replicas: number }[]; services: { name: string }[] };
  // namePrefix staging- (api/internal/builtins/PrefixTransformer.go), replicas: 3 from the overlay's patch.
  assert.deepEqual(
    plan.rollouts.map(({ deployment, replicas }) => [deployment, replicas]),
    [['default/staging-web', 3]],
  );
  assert.deepEqual(
    plan.services.map(({ name }) => name),
    ['staging-web'],
  );
});

test('plan -k lists the errors of an overlay in the files they come from, and makes no plan', { skip: noKubectl }, () => {
  const run = runCli(['plan', '-k', path.join(overlays, 'prod')]);
  assert.equal(run.status, 1);
  assert.match(run.stdout, new RegExp(`^${relative(path.join(overlays, 'prod', 'replicas.yaml')).replace(/[.\\/]/g, '\\$&')}:6:13: error: `, 'm'));
});

test('a remote resource is refused before kustomize runs, naming the file and the reference', () => {
  const run = runCli(['check', '-k', path.join(overlays, 'remote')]);
  assert.equal(run.status, 2);
  assert.equal(run.stdout, '');
  assert.equal(
    run.stderr,
    [
      'kubeplan: the kustomization names remote content, which kubeplan does not fetch (it works offline):',
      `  ${relative(path.join(overlays, 'remote', 'kustomization.yaml'))}: resources: https://github.com/kubernetes-sigs/kustomize//examples/multibases?ref=v5.5.0`,
      '--allow-remote lets kustomize fetch it',
      '',
    ].join('\n'),
  );
});

test('without kustomize or kubectl on PATH, -k says both are missing and exits 2', () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-no-kustomize-'));
  try {
    const run = runCli(['check', '-k', path.join(overlays, 'staging')], { env: { PATH: empty } });
    assert.equal(run.status, 2);
    assert.equal(
      run.stderr,
      'kubeplan: rendering a kustomization needs kustomize: neither a kustomize program nor kubectl (for kubectl kustomize) was found on PATH; kubeplan uses the one you have installed and never downloads one\n',
    );
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
});

test('a kustomize failure is shown in its own words with exit 2', { skip: noKubectl }, () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-broken-kustomization-'));
  try {
    fs.writeFileSync(path.join(folder, 'kustomization.yaml'), 'resources:\n  - missing.yaml\n');
    const run = runCli(['check', '-k', folder]);
    assert.equal(run.status, 2);
    // kustomize's accumulateResources (api/internal/target/kusttarget.go) names the entry it could not load.
    assert.match(run.stderr, /^kubeplan: kubectl kustomize .* failed: accumulating resources: accumulation err='accumulating resources from 'missing\.yaml'/);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test("a field only kustomize wrote is placed at its object's start in the origin file and said to come from kustomize's output", { skip: noKubectl }, () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-kustomize-labels-'));
  try {
    fs.writeFileSync(path.join(folder, 'kustomization.yaml'), 'labels:\n  - pairs:\n      tier: "front end"\nresources:\n  - cm.yaml\n');
    fs.writeFileSync(path.join(folder, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  MODE: prod\n');
    const run = runCli(['check', '-k', folder, '-o', 'json']);
    assert.equal(run.status, 1, run.stderr);
    const [label] = (JSON.parse(run.stdout) as JsonCheck).diagnostics;
    // The LabelTransformer (api/internal/builtins/LabelTransformer.go) wrote the label; cm.yaml has no labels.
    assert.deepEqual(label && [path.basename(label.file), label.line, label.column, label.rule], ['cm.yaml', 1, 1, 'labels']);
    assert.match(label?.message ?? '', /^metadata\.labels: Invalid value: "front end": .* \(in kustomize's output; not written in this file\)$/);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test('-k with files is refused in kubectl words', () => {
  const run = runCli(['check', '-k', path.join(overlays, 'staging'), 'deploy.yaml']);
  assert.equal(run.status, 2);
  assert.equal(run.stderr, 'kubeplan: only one of -f or -k can be specified\n');
});

test('a folder without a kustomization file is refused in kustomize words', () => {
  const run = runCli(['check', '-k', fixturesDir]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /^kubeplan: unable to find one of 'kustomization\.yaml', 'kustomization\.yml', 'Kustomization' in directory '/);
});

test('remote references are the ones kustomize would fetch: http(s) URLs and Git repository specs', () => {
  // api/loader/fileloader.go IsRemoteFile; api/internal/git/repospec.go parseHostSpec.
  for (const remote of [
    'https://example.com/deploy.yaml',
    'github.com/org/repo//base?ref=v1',
    'git@github.com:org/repo.git',
    'ssh://git@host/org/repo',
    'gh:org/repo',
    'https://dev.azure.com/org/_git/repo',
  ]) {
    assert.equal(isRemoteReference(remote), true, remote);
  }
  for (const local of ['../../base', 'deployment.yaml', 'github-base/', './github.com-copy']) assert.equal(isRemoteReference(local), false, local);
});
