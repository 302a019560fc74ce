/**
 * The resilience check over the protocol: a `kubeplan/plan` request with `whatIf` plays each failure as `kubeplan
 * plan --what-if` does, on the embedded cluster (control-plane-1 and worker-1 in eu-west-1a, worker-2 in eu-west-1b,
 * worker-3 in eu-west-1c).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { PlannedResilience } from '../../server/src/protocol/plan';
import { fixturesDir } from '../helpers/repo-paths';
import { runCli } from '../helpers/run-cli';
import { LspClient, fileUri } from './lsp-client';

interface WhatIfAnswer {
  plan: { resilience?: PlannedResilience; scenario?: unknown } | null;
  failure: string | null;
}

/** Three replicas of web pinned to worker-1 by nodeSelector, and their Service. */
const PINNED = path.join(fixturesDir, 'plan', 'web-on-worker-1.yaml');
const TEXTS = [{ uri: fileUri(PINNED), text: fs.readFileSync(PINNED, 'utf8') }];
const VERSION = '1.36';

let client: LspClient;

before(async () => {
  client = await LspClient.start();
});
after(async () => {
  await client.stop();
});

const plan = (extra: Record<string, unknown>) => client.request('kubeplan/plan', { texts: TEXTS, kubernetesVersion: VERSION, cluster: '', ...extra }) as Promise<WhatIfAnswer>;

test('whatIf zones gives the resilience that kubeplan plan --what-if zones gives for the same manifests', async () => {
  const answer = await plan({ whatIf: 'zones' });
  const run = runCli(['plan', '--output', 'json', '--kubernetes-version', VERSION, '--what-if', 'zones', PINNED]);
  assert.equal(run.status, 0, run.stderr);
  assert.ok(answer.plan?.resilience, answer.failure ?? 'no resilience');
  assert.deepEqual(answer.plan.resilience, (JSON.parse(run.stdout) as { resilience: unknown }).resilience);
});

// pkg/controller/nodelifecycle/node_lifecycle_controller.go monitorNodeHealth: worker-1's pods are not Ready after
// the 50s --node-monitor-grace-period of 1.36, and the replacements fit no other node (the nodeSelector names
// worker-1), so Service default/web never recovers; the failure of any other node touches none of the replicas.
test('whatIf nodes plays the failure of each node and judges each', async () => {
  const answer = await plan({ whatIf: 'nodes' });
  assert.deepEqual(
    answer.plan?.resilience?.failures.map((failure) => [failure.failed, failure.survives]),
    [
      ['control-plane-1', true],
      ['worker-1', false],
      ['worker-2', true],
      ['worker-3', true],
    ],
  );
  assert.equal(answer.plan?.resilience?.whatIf, 'nodes');
});

test('a request without whatIf has no resilience', async () => {
  const answer = await plan({});
  assert.ok(answer.plan, answer.failure ?? 'no plan');
  assert.equal(answer.plan.resilience, undefined);
});

test('whatIf with a scenario is answered with a failure that says they cannot be combined', async () => {
  const answer = await plan({ whatIf: 'nodes', scenario: [{ kind: 'drain', node: 'worker-1' }] });
  assert.equal(answer.plan, null);
  assert.equal(answer.failure, 'kubeplan/plan: whatIf plays each failure alone from the state after the apply; it cannot be combined with scenario');
});

test('a whatIf other than nodes or zones is answered with the values it takes', async () => {
  const answer = await plan({ whatIf: 'pods' });
  assert.equal(answer.plan, null);
  assert.equal(answer.failure, 'kubeplan/plan: whatIf must be "nodes" or "zones", not "pods"');
});
