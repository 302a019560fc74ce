/**
 * `kubeplan plan --scale [NAMESPACE/]KIND/NAME=N` and `--for DURATION`: the real binary. Expectations come from
 * kubectl's scale (pkg/cmd/scale/scale.go Validate and RunScale), Go's time.ParseDuration (its error text), and the
 * CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go syncCronJob, getJobName).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli } from '../helpers/run-cli';
import { fixturesDir } from '../helpers/repo-paths';

const fixture = path.join(fixturesDir, 'plan', 'cronjob-web.yaml');
const NOW = ['--now', '2026-03-01T10:00:00Z'];

interface ScenarioJson {
  scenario: { events: { at: number; what: string }[] };
}

test('the JSON plan holds --scale and --for in the order given, in the namespace -n names', () => {
  const run = runCli(['plan', '-o', 'json', ...NOW, '--scale', 'deploy/web=3', '--for', '30m', '-n', 'shop', fixture]);
  assert.equal(run.status, 0, run.stderr);
  const { scenario } = JSON.parse(run.stdout) as ScenarioJson;
  assert.deepEqual(scenario.events[0], { at: 0, what: 'kubectl scale deployment/web --replicas=3 -n shop: deployment.apps/web scaled' });
  // getJobName: 10:15 UTC is 29,539,335 minutes after the epoch.
  assert.ok(scenario.events.some((event) => event.at === 900 && event.what === 'CronJob shop/report SuccessfulCreate: Created job report-29539335'));
  assert.deepEqual(scenario.events.at(-1), { at: 1800, what: '30m0s passed' });
});

test("NAMESPACE/KIND/NAME names an object of another namespace than the plan's", () => {
  const run = runCli(['plan', '-o', 'json', ...NOW, '--scale', 'shop/deployment.apps/web=1', fixture]);
  assert.equal(run.status, 0, run.stderr);
  const { scenario } = JSON.parse(run.stdout) as ScenarioJson;
  assert.equal(scenario.events[0]?.what, 'kubectl scale deployment/web --replicas=1 -n shop: deployment.apps/web scaled');
});

test('the text plan shows a NotFound scale as kubectl prints it', () => {
  const run = runCli(['plan', ...NOW, '--scale', 'deployment/web=3', fixture]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, / 0s +kubectl scale deployment\/web --replicas=3: Error from server \(NotFound\): deployments\.apps "web" not found\n/);
});

// scale.go Validate: a negative --replicas is refused before anything is read.
test("--scale with a negative count is refused with kubectl's words", () => {
  const run = runCli(['plan', fixture, '--scale', 'deployment/web=-1']);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--scale deployment\/web=-1: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0/);
});

test('--scale without =N, or with a name that is not KIND/NAME, is a usage error', () => {
  for (const [value, why] of [
    ['deployment/web', 'no =REPLICAS'],
    ['web=3', 'the object is not KIND/NAME or NAMESPACE/KIND/NAME'],
    ['deployment/web=three', '"three" is not a whole number of replicas'],
  ] as const) {
    const run = runCli(['plan', fixture, '--scale', value]);
    assert.equal(run.status, 2, value);
    assert.match(run.stderr, new RegExp(`--scale ${value}: ${why}; write \\[NAMESPACE/\\]KIND/NAME=REPLICAS`), value);
  }
});

test('--scale of a kind kubectl scale does not scale is a usage error', () => {
  const run = runCli(['plan', fixture, '--scale', 'daemonset/agent=2']);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--scale daemonset\/agent=2: kubectl scale sets a new size for a deployment, replica set, replication controller or stateful set, not "daemonset"/);
});

// time.ParseDuration: `time: unknown unit "<unit>" in duration "<text>"` and `time: missing unit in duration "<text>"`.
test("--for that is not a Go duration is a usage error with Go's message", () => {
  const invalid = runCli(['plan', fixture, '--for', '1d']);
  assert.equal(invalid.status, 2);
  assert.match(invalid.stderr, /--for 1d: time: unknown unit "d" in duration "1d"; write a Go duration such as 90s, 15m or 1h30m/);
  const unitless = runCli(['plan', fixture, '--for', '90']);
  assert.equal(unitless.status, 2);
  assert.match(unitless.stderr, /--for 90: time: missing unit in duration "90"/);
});

test('--for of zero, of a fraction of a second or of more than a year is a usage error', () => {
  for (const [value, why] of [
    ['0s', 'the duration must be more than zero'],
    ['1.5s', 'the plan keeps time in whole seconds'],
    ['8761h', 'longer than the 8760h0m0s \\(365 days\\) a plan lets pass'],
  ] as const) {
    const run = runCli(['plan', fixture, '--for', value]);
    assert.equal(run.status, 2, value);
    assert.match(run.stderr, new RegExp(`--for ${value.replace('.', '\\.')}: ${why}`), value);
  }
});
