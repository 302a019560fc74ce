/**
 * `kubeplan plan --drain NODE`: the real binary. Expectations come from kubectl's drain (pkg/drain/drain.go
 * evictPods, pkg/drain/cordon.go) and the eviction handler (pkg/registry/core/pod/storage/eviction.go).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli } from '../helpers/run-cli';
import { fixturesDir } from '../helpers/repo-paths';

const budgeted = path.join(fixturesDir, 'plan', 'drain-budget.yaml');
const NOW = ['--now', '2026-03-01T10:07:00Z'];

test('the JSON plan holds the scenario of each --drain, in order', () => {
  const run = runCli(['plan', '--output', 'json', ...NOW, '--drain', 'worker-1', '--drain', 'worker-2', budgeted]);
  assert.equal(run.status, 0, run.stderr);
  const plan = JSON.parse(run.stdout) as { scenario: { events: { at: number; what: string }[]; evictions: unknown[]; outages: unknown[]; pending: unknown[] } };
  assert.deepEqual(Object.keys(plan.scenario), ['events', 'evictions', 'outages', 'pending']);
  const cordons = plan.scenario.events.filter((event) => event.what.endsWith('cordoned')).map((event) => event.what);
  assert.deepEqual(cordons, ['kubectl drain worker-1 --ignore-daemonsets: node/worker-1 cordoned', 'kubectl drain worker-2 --ignore-daemonsets: node/worker-2 cordoned']);
});

test('the text plan shows the timeline and the verdict', () => {
  const run = runCli(['plan', ...NOW, '--drain', 'worker-1', budgeted]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /\nScenario\n {2}survives: every Service kept a ready endpoint\n/);
  assert.match(run.stdout, / 0s +node\/worker-1 drained\n/);
});

test('the Markdown plan shows the verdict as a list item', () => {
  const run = runCli(['plan', '--output', 'markdown', ...NOW, '--drain', 'worker-1', budgeted]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /### Scenario\n\n- survives: every Service kept a ready endpoint\n/);
});

test('--drain without a node name is a usage error', () => {
  const run = runCli(['plan', budgeted, '--drain']);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--drain needs a value/);
});
