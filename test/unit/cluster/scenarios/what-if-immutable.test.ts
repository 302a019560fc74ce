/**
 * The forks of `--what-if` share the settled cluster's stored objects (SimulatedCluster.forker), which holds only
 * while nothing changes a stored object in place. Here the settled cluster's objects are deep-frozen, so that any
 * write to one throws (compiled modules are strict), and every node's and every zone's failure is played over them:
 * Deployments, a StatefulSet, a DaemonSet, a Job's finished pod, a PodDisruptionBudget and a Service each; so are a
 * drain (evictions charge the budget), a scale and time passing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCluster } from '../../../../server/src/cluster/cluster-model';
import { settleRequest, type PlanRequest } from '../../../../server/src/cluster/simulation';
import { checkResilience } from '../../../../server/src/cluster/scenarios/what-if';
import { playScenario } from '../../../../server/src/cluster/scenarios/play';
import type { ScenarioStep } from '../../../../server/src/protocol/plan';
import { decoded, webWithService } from '../../../helpers/plan-manifests';

const NOW = Date.parse('2026-03-01T10:00:00Z');

const MANIFESTS = [
  webWithService({ replicas: 4 }),
  webWithService({ kind: 'StatefulSet', replicas: 3 }).replaceAll('web', 'db'),
  webWithService({ kind: 'DaemonSet' }).replaceAll('web', 'agent'),
  webWithService({ replicas: 2, podSpec: '      nodeSelector:\n        kubernetes.io/hostname: worker-1\n' }).replaceAll('web', 'pinned'),
  `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 3
  selector:
    matchLabels:
      app: web
---
apiVersion: batch/v1
kind: Job
metadata:
  name: once
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: once
          image: busybox
`,
].join('---\n');

function request(): PlanRequest {
  return { kubernetesVersion: '1.33', cluster: defaultCluster(), current: [], manifests: decoded(MANIFESTS), newPodsReady: true, now: NOW };
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const entry of Object.values(value)) deepFreeze(entry);
}

for (const whatIf of ['nodes', 'zones'] as const) {
  test(`every ${whatIf === 'nodes' ? 'node' : 'zone'} failure plays over a settled cluster whose stored objects are frozen, with the verdicts of an unfrozen one`, () => {
    const expected = settleRequest({ ...request(), whatIf }).resilience;
    const { cluster } = settleRequest(request());
    for (const object of cluster.store.all()) deepFreeze(object);
    const resilience = checkResilience(cluster, whatIf, []);
    assert.deepEqual(resilience, expected);
    assert.ok(resilience.failures.some((failure) => !failure.survives));
  });
}

test('a drain, a scale and time passing play over a settled cluster whose stored objects are frozen, as over an unfrozen one', () => {
  const steps: ScenarioStep[] = [
    { kind: 'drain', node: 'worker-2' },
    { kind: 'scale', resource: 'Deployment', namespace: 'default', name: 'web', replicas: 6 },
    { kind: 'for', seconds: 600 },
  ];
  const expected = settleRequest({ ...request(), scenario: steps }).scenario;
  const { cluster } = settleRequest(request());
  for (const object of cluster.store.all()) deepFreeze(object);
  const scenario = playScenario(cluster, steps, []);
  assert.deepEqual(scenario, expected);
  assert.ok(scenario.evictions.length > 0);
});
