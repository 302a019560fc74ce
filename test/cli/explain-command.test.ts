/** `kubeplan explain` as a user runs it: the real binary, offline, kubectl's layout and messages. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../helpers/run-cli';

test('a field of a Deployment prints group, kind, version, the field with its type, and its fields', () => {
  const run = runCli(['explain', 'deployment.spec.strategy.rollingUpdate']);
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.split('\n');
  assert.deepEqual(lines.slice(0, 5), ['GROUP:      apps', 'KIND:       Deployment', 'VERSION:    v1', '', 'FIELD: rollingUpdate <RollingUpdateDeployment>']);
  assert.ok(lines.includes('DESCRIPTION:'));
  assert.ok(lines.includes('FIELDS:'));
  assert.ok(lines.includes('  maxSurge\t<IntOrString>'));
  assert.ok(lines.includes('  maxUnavailable\t<IntOrString>'));
});

test('descriptions are wrapped to 80 columns', () => {
  const run = runCli(['explain', 'deploy.spec.strategy.rollingUpdate']);
  const long = run.stdout.split('\n').filter((line) => line.length > 80 && line.includes(' ', 4));
  assert.deepEqual(long, []);
});

test('a core kind has no GROUP line and required fields are marked', () => {
  const run = runCli(['explain', 'svc.spec.ports']);
  assert.equal(run.status, 0, run.stderr);
  assert.ok(run.stdout.startsWith('KIND:       Service\nVERSION:    v1\n'));
  assert.ok(run.stdout.includes('  port\t<integer> -required-\n'));
  assert.ok(run.stdout.includes('  targetPort\t<IntOrString>\n'));
});

test('a field with allowed values lists them under ENUM', () => {
  const run = runCli(['explain', 'po.spec.containers.imagePullPolicy']);
  assert.equal(run.status, 0, run.stderr);
  assert.ok(run.stdout.includes('FIELD: imagePullPolicy <string>\nENUM:\n    Always\n    IfNotPresent\n    Never\n'));
});

test('--recursive lists the nested fields as an indented tree', () => {
  const run = runCli(['explain', '--recursive', 'pods.spec.containers.resources']);
  assert.equal(run.status, 0, run.stderr);
  const fields = run.stdout
    .slice(run.stdout.indexOf('FIELDS:\n') + 'FIELDS:\n'.length)
    .trimEnd()
    .split('\n');
  assert.deepEqual(fields.slice(0, 2), ['  claims\t<[]ResourceClaim>', '    name\t<string> -required-']);
  assert.ok(fields.includes('  limits\t<map[string]Quantity>'));
  assert.ok(fields.includes('  requests\t<map[string]Quantity>'));
});

test('--api-version picks the version of a resource served in several', () => {
  const run = runCli(['explain', 'hpa', '--api-version', 'autoscaling/v1']);
  assert.equal(run.status, 0, run.stderr);
  assert.ok(run.stdout.startsWith('GROUP:      autoscaling\nKIND:       HorizontalPodAutoscaler\nVERSION:    v1\n'));
});

test("--kubernetes-version reads that version's schemas", () => {
  const run = runCli(['explain', '--kubernetes-version', '1.30', 'cronjob.spec.timeZone']);
  assert.equal(run.status, 0, run.stderr);
  assert.ok(run.stdout.includes('FIELD: timeZone <string>'));
});

test("an unknown field exits 2 with kubectl's message", () => {
  const run = runCli(['explain', 'deployment.spec.replica']);
  assert.equal(run.status, 2);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr, 'error: field "replica" does not exist\n');
});

test("an unknown resource exits 2 with kubectl's message", () => {
  const run = runCli(['explain', 'widgets']);
  assert.equal(run.status, 2);
  assert.equal(run.stderr, 'error: the server doesn\'t have a resource type "widgets"\n');
});

test('explain without a resource is a usage error', () => {
  const run = runCli(['explain']);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /explain needs exactly one RESOURCE/);
});
