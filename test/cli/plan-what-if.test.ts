/**
 * `kubeplan plan --what-if` and `--fail-on`: the real binary on the default cluster. Times as in
 * test/unit/cluster/scenarios/what-if.test.ts (pkg/controller/nodelifecycle/node_lifecycle_controller.go: pods not
 * Ready after the 50s --node-monitor-grace-period).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/run-cli';
import { webWithService } from '../helpers/plan-manifests';

const NOW = ['--now', '2026-03-01T10:07:00Z', '--kubernetes-version', '1.33'];

function manifest(podSpec: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-what-if-'));
  const file = path.join(dir, 'web.yaml');
  fs.writeFileSync(file, webWithService({ podSpec }));
  return file;
}

const pinned = () => manifest('      nodeSelector:\n        kubernetes.io/hostname: worker-1\n');

test('--what-if zones -o json holds one failure per zone with its verdict', () => {
  const run = runCli(['plan', '-o', 'json', ...NOW, '--what-if', 'zones', pinned()]);
  assert.equal(run.status, 0, run.stderr);
  const plan = JSON.parse(run.stdout) as { resilience: { whatIf: string; failures: Record<string, unknown>[] } };
  assert.equal(Object.keys(plan).at(-1), 'resilience');
  assert.equal(plan.resilience.whatIf, 'zones');
  assert.deepEqual(Object.keys(plan.resilience.failures[0]!), ['failed', 'nodes', 'survives', 'verdict', 'outages', 'workloadOutages', 'pending', 'reasons']);
  assert.deepEqual(
    plan.resilience.failures.map((failure) => [failure['failed'], failure['survives']]),
    [
      ['eu-west-1a', false],
      ['eu-west-1b', true],
      ['eu-west-1c', true],
    ],
  );
});

test('--fail-on outage exits 3 when a failure takes a Service down', () => {
  const run = runCli(['plan', ...NOW, '--what-if', 'zones', '--fail-on', 'outage', pinned()]);
  assert.equal(run.status, 3, run.stderr);
  assert.match(run.stdout, /zone eu-west-1a: Service default\/web loses every ready endpoint from 50s, never recovers: all 3 replicas run in eu-west-1a/);
});

test('without --fail-on the plan of a failure that does not survive exits 0', () => {
  assert.equal(runCli(['plan', ...NOW, '--what-if', 'zones', pinned()]).status, 0);
});

test('--what-if with another scenario flag is a usage error', () => {
  const run = runCli(['plan', ...NOW, '--what-if', 'nodes', '--drain', 'worker-1', pinned()]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--what-if plays each failure alone from the state after the apply; it cannot be combined with --drain/);
});

test('--fail-on without --what-if is a usage error', () => {
  const run = runCli(['plan', ...NOW, '--fail-on', 'outage', pinned()]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--fail-on judges the failures of --what-if/);
});

test('--what-if with -o html writes the page with its Resilience section', () => {
  const run = runCli(['plan', '-o', 'html', ...NOW, '--what-if', 'zones', pinned()]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /<h2>Resilience<\/h2>\n<p class="verdict-outage">What if each zone fails: 2 of 3 zone failures survive<\/p>/);
});
