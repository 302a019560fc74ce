/** Counts in the text and Markdown output agree with their nouns: `1 replica`, `1 pod`, `1 error`. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/run-cli';

const NOW = ['--now', '2026-03-01T10:07:00Z'];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-plurals-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * One replica with maxSurge 0 and maxUnavailable 1: at most 1 + 0 = 1 pod and at least 1 - 1 = 0 available
 * (deployment_util.go MaxSurge, MaxUnavailable: the bounds of a rolling update around spec.replicas).
 */
const ONE_REPLICA = `apiVersion: apps/v1
kind: Deployment
metadata: {name: one}
spec:
  replicas: 1
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 0, maxUnavailable: 1}
  selector: {matchLabels: {app: one}}
  template:
    metadata: {labels: {app: one}}
    spec:
      containers: [{name: app, image: nginx:1.27}]
`;
fs.writeFileSync(path.join(dir, 'one.yaml'), ONE_REPLICA);
fs.writeFileSync(path.join(dir, 'bad.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad}\n');

test('a rollout of one replica is headed "1 replica" and bounded by "at most 1 pod"', () => {
  const run = runCli(['plan', ...NOW, 'one.yaml'], { cwd: dir });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /\nRollout default\/one \(RollingUpdate, 1 replica; maxSurge 0, maxUnavailable 1: at most 1 pod, at least 0 available\)\n/);
});

test('the plan summary counts one pod, rollout and service in the singular', () => {
  const run = runCli(['plan', ...NOW, 'one.yaml'], { cwd: dir });
  assert.match(run.stdout, /\nPlan on 4 nodes, Kubernetes 1\.36: 1 pod \(1 scheduled, 0 pending\), 1 rollout, 0 services, 0 ingresses, 0 cronjobs\n/);
});

test('the check heading of a plan counts one file and one object in the singular', () => {
  const run = runCli(['plan', ...NOW, 'one.yaml'], { cwd: dir });
  assert.equal(run.stdout.split('\n')[0], 'Check: 1 file, 1 object: 0 errors, 0 warnings');
});

test('a check with one error says "1 error"', () => {
  const run = runCli(['check', 'bad.yaml'], { cwd: dir });
  assert.equal(run.status, 1);
  assert.equal(run.stdout.split('\n').at(-2), '1 file, 1 object: 1 error, 0 warnings');
});

test('the Markdown plan uses the same singular counts', () => {
  const run = runCli(['plan', ...NOW, '-o', 'markdown', 'one.yaml'], { cwd: dir });
  assert.match(run.stdout, /\*\*Plan on 4 nodes, Kubernetes 1\.36: 1 pod \(1 scheduled, 0 pending\), 1 rollout,/);
  assert.match(run.stdout, /### Rollout default\/one \(RollingUpdate, 1 replica; maxSurge 0, maxUnavailable 1: at most 1 pod, at least 0 available\)/);
});
