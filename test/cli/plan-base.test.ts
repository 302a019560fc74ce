/**
 * `kubeplan plan --base REF` in a real Git repository built for each test: the revision's files run now, the working
 * tree is the change. Expected effects are worked from the controllers' rules (pkg/controller/deployment/sync.go
 * getNewReplicaSet: a changed template makes a ReplicaSet of a new hash; pkg/scheduler NodeResourcesFit: 3900m
 * allocatable / 100m per pod = 39 pods per worker; robfig/cron next activation), not read off our output.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/run-cli';
import { fixturesDir, repoRoot } from '../helpers/repo-paths';
import type { Plan } from '../../server/src/protocol/plan';

const NOW = ['--now', '2026-03-01T10:07:00Z'];
const hasGit = !spawnSync('git', ['--version']).error;
const skip = hasGit ? false : 'the git program is not on PATH';
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-base-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));
const webV1 = fs.readFileSync(path.join(fixturesDir, 'plan', 'web-v1.yaml'), 'utf8');

let repositories = 0;
/** A repository whose first commit holds `files` (path → text), with no user configuration read. */
function repository(files: Record<string, string>): string {
  const dir = path.join(scratch, `repo-${++repositories}`);
  fs.mkdirSync(dir);
  const git = (...args: string[]) => {
    const run = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
    assert.equal(run.status, 0, run.stderr);
  };
  git('init', '-q');
  write(dir, files);
  git('add', '-A');
  git('-c', 'user.name=kubeplan', '-c', 'user.email=kubeplan@example.com', 'commit', '-q', '-m', 'base');
  return dir;
}

function write(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
}

function planJson(cwd: string, args: readonly string[]): Plan {
  const run = runCli(['plan', '--output', 'json', ...NOW, ...args], { cwd });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  return JSON.parse(run.stdout) as Plan;
}

test('a changed image and replica count: one changed object, its fields, the rollout and the endpoints it adds', { skip }, () => {
  const dir = repository({ 'deploy/web.yaml': webV1 });
  write(dir, { 'deploy/web.yaml': webV1.replace('nginx:1.26', 'nginx:1.27').replace('replicas: 10', 'replicas: 12') });
  const { changes } = planJson(dir, ['--base', 'HEAD', 'deploy']);
  assert.deepEqual(changes!.objects, [
    {
      change: 'changed',
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
      fields: [
        { path: 'spec.replicas', before: 10, after: 12 },
        { path: 'spec.template.spec.containers[name=web].image', before: 'nginx:1.26', after: 'nginx:1.27' },
      ],
    },
  ]);
  assert.deepEqual(changes!.rollouts, [{ workload: 'Deployment/shop/web', outcome: 'complete' }]);
  assert.deepEqual(changes!.endpoints, [{ service: 'shop/web', before: 10, after: 12 }]);
  assert.deepEqual(changes!.pendingPods, []);
});

test('the JSON plan against a revision ends with its changes, in the documented shape', { skip }, () => {
  const dir = repository({ 'deploy/web.yaml': webV1 });
  write(dir, { 'deploy/web.yaml': webV1.replace('nginx:1.26', 'nginx:1.27') });
  const plan = planJson(dir, ['--base', 'HEAD', 'deploy']);
  assert.equal(Object.keys(plan).at(-1), 'changes');
  assert.deepEqual(Object.keys(plan.changes!), ['base', 'objects', 'deletedFiles', 'rollouts', 'pendingPods', 'endpoints', 'routes', 'schedules']);
  assert.deepEqual(Object.keys(plan.changes!.objects[0]!), ['change', 'apiVersion', 'kind', 'namespace', 'name', 'fields']);
});

test('an unchanged revision has no changes and no effects', { skip }, () => {
  const dir = repository({ 'deploy/web.yaml': webV1 });
  const { changes } = planJson(dir, ['--base', 'HEAD', 'deploy']);
  assert.deepEqual(changes, { base: 'HEAD', objects: [], deletedFiles: [], rollouts: [], pendingPods: [], endpoints: [], routes: [], schedules: [] });
});

test('a file the working tree deleted lists its objects as removed, and the plan says apply leaves them', { skip }, () => {
  const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old\n  namespace: shop\ndata:\n  a: "1"\n';
  const dir = repository({ 'deploy/web.yaml': webV1, 'deploy/old.yaml': configMap });
  fs.rmSync(path.join(dir, 'deploy/old.yaml'));
  const plan = planJson(dir, ['--base', 'HEAD', 'deploy']);
  assert.deepEqual(plan.changes!.deletedFiles, ['deploy/old.yaml']);
  assert.deepEqual(plan.changes!.objects, [{ change: 'removed', apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'old', fields: [] }]);
  assert.ok(plan.notes.includes('the change removes 1 object from the manifests; kubectl apply leaves it in the cluster (kubectl delete, or apply --prune, removes it), and so does this plan'));
});

test('a folder the working tree no longer has is read at the revision only', { skip }, () => {
  const dir = repository({ 'deploy/web.yaml': webV1 });
  fs.rmSync(path.join(dir, 'deploy'), { recursive: true });
  const plan = planJson(dir, ['--base', 'HEAD', 'deploy']);
  assert.deepEqual(
    plan.changes!.objects.map((object) => `${object.change} ${object.kind}`),
    ['removed Deployment', 'removed Service'],
  );
});

test('more replicas than the workers hold: the pods that become Pending, with the scheduler message', { skip }, () => {
  const dir = repository({ 'deploy/web.yaml': webV1 });
  write(dir, { 'deploy/web.yaml': webV1.replace('replicas: 10', 'replicas: 120') });
  const { changes } = planJson(dir, ['--base', 'HEAD', 'deploy']);
  // 39 pods of 100m fit on each of three workers of 3900m: 117 run, 3 stay Pending.
  assert.equal(changes!.pendingPods.length, 3);
  assert.ok(
    changes!.pendingPods.every((pod) => pod.owner?.startsWith('ReplicaSet/web-') && pod.message?.startsWith('0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu.')),
  );
  assert.deepEqual(changes!.endpoints, [{ service: 'shop/web', before: 10, after: 117 }]);
  assert.deepEqual(changes!.rollouts, []);
});

test("a CronJob's new schedule moves its next run", { skip }, () => {
  const cronJob = (schedule: string) =>
    `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: backup\n  namespace: ops\nspec:\n  schedule: "${schedule}"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: backup\n              image: busybox:1.36\n`;
  const dir = repository({ 'jobs/backup.yaml': cronJob('0 * * * *') });
  write(dir, { 'jobs/backup.yaml': cronJob('30 * * * *') });
  const { changes } = planJson(dir, ['--base', 'HEAD', 'jobs/backup.yaml']);
  // From 10:07 UTC: "0 * * * *" next fires at 11:00, "30 * * * *" at 10:30.
  assert.deepEqual(changes!.schedules, [{ cronjob: 'ops/backup', before: '2026-03-01T11:00:00Z', after: '2026-03-01T10:30:00Z' }]);
  assert.deepEqual(changes!.objects[0]!.fields, [{ path: 'spec.schedule', before: '0 * * * *', after: '30 * * * *' }]);
});

test('an Ingress the change adds is a new route to the ready endpoints of its Service', { skip }, () => {
  const ingress =
    'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\n  annotations: {ingressclass.kubernetes.io/is-default-class: "true"}\nspec:\n  controller: k8s.io/ingress-nginx\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend: {service: {name: web, port: {number: 80}}}\n';
  const dir = repository({ 'deploy/web.yaml': webV1 });
  write(dir, { 'deploy/ingress.yaml': ingress });
  const { changes } = planJson(dir, ['--base', 'HEAD', 'deploy']);
  assert.deepEqual(
    changes!.objects.map((object) => `${object.change} ${object.kind}`),
    ['added IngressClass', 'added Ingress'],
  );
  assert.deepEqual(changes!.routes, [{ route: 'Ingress/shop/web */ (Prefix)', before: null, after: 'web:80 (10 ready)' }]);
});

test('the Markdown and text plans open with the changes, field by field', { skip }, () => {
  const dir = repository({ 'deploy/web.yaml': webV1 });
  write(dir, { 'deploy/web.yaml': webV1.replace('nginx:1.26', 'nginx:1.27') });
  const markdown = runCli(['plan', '-o', 'markdown', ...NOW, '--base', 'HEAD', 'deploy'], { cwd: dir });
  assert.equal(markdown.status, 0, markdown.stderr);
  assert.ok(markdown.stdout.includes('### Changes against HEAD: 0 added, 1 changed, 0 removed'));
  assert.ok(markdown.stdout.includes('| Deployment shop/web | changed | spec.template.spec.containers[name=web].image: nginx:1.26 → nginx:1.27 |'));
  assert.ok(markdown.stdout.includes('| rollout | Deployment/shop/web |  | complete |'));
  const text = runCli(['plan', ...NOW, '--base', 'HEAD', 'deploy'], { cwd: dir });
  assert.ok(text.stdout.includes('Deployment shop/web  changed  spec.template.spec.containers[name=web].image: nginx:1.26 → nginx:1.27'), text.stdout);
});

// pkg/controller/deployment/util/deployment_util.go ResolveFenceposts: 10 replicas at 25%/25% and 12 after it; the
// endpoints of shop/web go from 10 ready pods to 12.
test('the HTML page opens with the changes, field by field, and what the change does', { skip }, () => {
  const dir = repository({ 'deploy/web.yaml': webV1 });
  write(dir, { 'deploy/web.yaml': webV1.replace('nginx:1.26', 'nginx:1.27').replace('replicas: 10', 'replicas: 12') });
  const run = runCli(['plan', '-o', 'html', ...NOW, '--base', 'HEAD', 'deploy'], { cwd: dir });
  assert.equal(run.status, 0, run.stderr);
  assert.match(
    run.stdout,
    /<h2>Changes against HEAD: 0 added, 1 changed, 0 removed<\/h2>\n<table>.*<td><span class="source" title="deploy\/web\.yaml:1">Deployment shop\/web<\/span><\/td><td class="change-changed">changed<\/td><td><code>spec\.replicas<\/code>: 10 → 12<br><code>spec\.template\.spec\.containers\[name=web\]\.image<\/code>: nginx:1\.26 → nginx:1\.27<\/td>/,
  );
  assert.match(
    run.stdout,
    /<h2>What the change does \(2\)<\/h2>\n<table>.*<tr><td>rollout<\/td><td>Deployment\/shop\/web<\/td><td><\/td><td>complete<\/td><\/tr><tr><td>ready endpoints<\/td><td>shop\/web<\/td><td>10<\/td><td>12<\/td><\/tr>/,
  );
});

test("the revision's files are named REF:path in the findings that keep a plan from being made", { skip }, () => {
  const dir = repository({ 'deploy/web.yaml': webV1.replace('replicas: 10', 'replicas: -1') });
  write(dir, { 'deploy/web.yaml': webV1 });
  const run = runCli(['plan', ...NOW, '--base', 'HEAD', 'deploy'], { cwd: dir });
  assert.equal(run.status, 1);
  assert.match(run.stdout, /^HEAD:deploy\/web\.yaml:7:13: error: spec\.replicas: Invalid value: -1: must be greater than or equal to 0/m);
});

test('--base and --from together are refused', () => {
  const run = runCli(['plan', '--base', 'HEAD', '--from', 'a.yaml', 'b.yaml']);
  assert.equal(run.status, 2);
  assert.equal(run.stderr, 'kubeplan: --base and --from both say what runs now: --base takes it from the Git revision, --from from other files; give one of them\n');
});

test('--base with standard input is refused', () => {
  const run = runCli(['plan', '--base', 'HEAD', '-']);
  assert.equal(run.status, 2);
  assert.equal(run.stderr, 'kubeplan: --base reads the paths at a Git revision, and - (standard input) has none; name files or folders\n');
});

test('--base with -k is refused', () => {
  const run = runCli(['plan', '--base', 'HEAD', '-k', 'overlays/prod']);
  assert.equal(run.status, 2);
  assert.equal(run.stderr, 'kubeplan: --base reads files at a Git revision, and -k renders a kustomization of the working tree; give one of them\n');
});

test('a revision that is no commit of the repository is a usage error', { skip }, () => {
  const dir = repository({ 'deploy/web.yaml': webV1 });
  const run = runCli(['plan', '--base', 'no-such-branch', 'deploy'], { cwd: dir });
  assert.equal(run.status, 2);
  assert.equal(run.stderr, 'kubeplan: --base: "no-such-branch" is not a commit in this repository (git rev-parse found no such revision)\n');
});

test('outside a Git repository --base says so', { skip }, () => {
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-no-repo-'));
  try {
    fs.writeFileSync(path.join(outside, 'web.yaml'), webV1);
    const run = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'kubeplan.js'), 'plan', '--base', 'HEAD', 'web.yaml'], {
      cwd: outside,
      encoding: 'utf8',
      env: { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(outside) },
    });
    assert.equal(run.status, 2);
    assert.equal(run.stderr, `kubeplan: --base: ${fs.realpathSync(outside)} is not in a Git repository\n`);
  } finally {
    fs.rmSync(outside, { recursive: true, force: true });
  }
});

test('without git on PATH --base says so', () => {
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'kubeplan.js'), 'plan', '--base', 'HEAD', 'test/fixtures/plan/web-v1.yaml'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, PATH: path.join(scratch, 'empty-path') },
  });
  assert.equal(run.status, 2);
  assert.equal(run.stderr, 'kubeplan: --base reads the revision with the git program, and there is no git on PATH\n');
});

test('a path neither the working tree nor the revision has is an error', { skip }, () => {
  const dir = repository({ 'deploy/web.yaml': webV1 });
  const run = runCli(['plan', '--base', 'HEAD', 'nowhere'], { cwd: dir });
  assert.equal(run.status, 2);
  assert.equal(run.stderr, 'kubeplan: cannot read nowhere: no such file or directory, in the working tree or at HEAD\n');
});
