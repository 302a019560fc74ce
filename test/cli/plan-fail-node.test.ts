/**
 * `kubeplan plan --fail-node NODE` and `--fail-zone ZONE`: the real binary. Times from the node lifecycle
 * controller (pkg/controller/nodelifecycle/node_lifecycle_controller.go monitorNodeHealth: Ready Unknown after
 * the default 50s --node-monitor-grace-period of 1.36, the NoExecute taint at the next 5s pass) and the taint
 * eviction controller (pkg/controller/tainteviction/taint_eviction.go: 300s of DefaultTolerationSeconds later).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli } from '../helpers/run-cli';
import { fixturesDir } from '../helpers/repo-paths';

const budgeted = path.join(fixturesDir, 'plan', 'drain-budget.yaml');
const NOW = ['--now', '2026-03-01T10:07:00Z'];

interface ScenarioJson {
  scenario: { events: { at: number; what: string }[]; evictions: { pod: string; node: string; result: string; message: string }[]; outages: unknown[]; pending: unknown[] };
}

test('the JSON plan holds the node failure’s timeline and the taint evictions', () => {
  const run = runCli(['plan', '--output', 'json', ...NOW, '--fail-node', 'worker-1', budgeted]);
  assert.equal(run.status, 0, run.stderr);
  const plan = JSON.parse(run.stdout) as ScenarioJson;
  assert.deepEqual(Object.keys(plan.scenario), ['events', 'evictions', 'outages', 'pending']);
  const at = (what: string) => plan.scenario.events.find((event) => event.what.startsWith(what))?.at;
  assert.equal(at('node/worker-1 stops responding'), 0);
  assert.equal(at('node/worker-1 NotReady'), 50);
  assert.equal(at('node/worker-1 tainted node.kubernetes.io/unreachable:NoExecute'), 55);
  assert.equal(at('TaintManagerEviction'), 355);
  assert.deepEqual(
    plan.scenario.evictions.map((eviction) => [eviction.node, eviction.result]),
    [['worker-1', 'evicted']],
  );
});

test('failures given one after the other happen at the same instant', () => {
  const run = runCli(['plan', '--output', 'json', ...NOW, '--fail-node', 'worker-1', '--fail-zone', 'eu-west-1b', budgeted]);
  assert.equal(run.status, 0, run.stderr);
  const plan = JSON.parse(run.stdout) as ScenarioJson;
  const notReady = plan.scenario.events.filter((event) => / NotReady: /.test(event.what)).map((event) => [event.at, event.what.split(' ')[0]]);
  assert.deepEqual(notReady, [
    [50, 'node/worker-1'],
    [50, 'node/worker-2'],
  ]);
});

test('the text plan shows the failure in the scenario’s timeline', () => {
  const run = runCli(['plan', ...NOW, '--fail-node', 'worker-1', budgeted]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /\nScenario\n/);
  assert.match(run.stdout, / 55s +node\/worker-1 tainted node\.kubernetes\.io\/unreachable:NoExecute\n/);
});

test('--fail-zone without a zone is a usage error', () => {
  const run = runCli(['plan', budgeted, '--fail-zone']);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--fail-zone needs a value/);
});
