/**
 * The disruption controller's status of a PodDisruptionBudget (pkg/controller/disruption/disruption.go
 * getExpectedPodCount, getExpectedScale, countHealthyPods, updatePdbStatus, failSafe), worked by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { disruptionBudgetStatus, type ControllerScaleFinder } from '../../../server/src/cluster/controllers/disruption';
import { syncDisruptionBudgets } from '../../../server/src/cluster/run-disruption-budgets';
import { SimulatedCluster } from '../../../server/src/cluster/simulated-cluster';

const T0 = Date.parse('2026-03-01T10:00:00Z');

function budget(spec: Partial<NonNullable<PodDisruptionBudget['spec']>>): PodDisruptionBudget {
  return { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'default', generation: 1 }, spec: { selector: { matchLabels: { app: 'web' } }, ...spec } };
}

function pod(name: string, ready: boolean, owner?: { kind: string; name: string; uid: string }): Pod {
  return {
    metadata: { name, namespace: 'default', labels: { app: 'web' }, ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', ...owner, controller: true }] } : {}) },
    spec: { containers: [{ name: 'app', image: 'nginx' }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

const replicaSetOwner = { kind: 'ReplicaSet', name: 'web-abc', uid: 'rs-1' };
/** Every ReplicaSet counts as a Deployment of 4 replicas (getPodDeployment). */
const deploymentOfFour: ControllerScaleFinder = () => ({ uid: 'deploy-1', scale: 4 });
const counts = (status: PodDisruptionBudget['status']) => [status?.expectedPods, status?.desiredHealthy, status?.currentHealthy, status?.disruptionsAllowed];

// getExpectedPodCount: an integer minAvailable is desiredHealthy; the pods matched are the expected pods.
test('an integer minAvailable expects the pods that match and allows the healthy ones above it', () => {
  const pods = [pod('a', true), pod('b', true), pod('c', true), pod('d', false)];
  assert.deepEqual(counts(disruptionBudgetStatus(budget({ minAvailable: 2 }), pods, deploymentOfFour, T0)), [4, 2, 3, 1]);
});

// getExpectedPodCount with maxUnavailable: expectedCount from getExpectedScale (the Deployment's 4, counted once
// for its pods), maxUnavailable 25% of 4 rounded up = 1, desiredHealthy 4 − 1 = 3.
test('maxUnavailable counts the controller scale once and subtracts the rounded-up share', () => {
  const pods = [pod('a', true, replicaSetOwner), pod('b', true, replicaSetOwner), pod('c', true, replicaSetOwner)];
  assert.deepEqual(counts(disruptionBudgetStatus(budget({ maxUnavailable: '25%' }), pods, deploymentOfFour, T0)), [4, 3, 3, 0]);
});

// getExpectedPodCount: a minAvailable percentage of the scale, rounded up (50% of 3 = 1.5 → 2).
test('a minAvailable percentage is rounded up from the controller scale', () => {
  const finder: ControllerScaleFinder = () => ({ uid: 'sts-1', scale: 3 });
  const pods = [pod('a', true, replicaSetOwner), pod('b', true, replicaSetOwner), pod('c', true, replicaSetOwner)];
  assert.deepEqual(counts(disruptionBudgetStatus(budget({ minAvailable: '50%' }), pods, finder, T0)), [3, 2, 3, 1]);
});

// updatePdbStatus: `expectedCount <= 0` allows no disruption.
test('a budget that expects no pods allows no disruption', () => {
  assert.deepEqual(counts(disruptionBudgetStatus(budget({ maxUnavailable: 1 }), [], deploymentOfFour, T0)), [0, 0, 0, 0]);
});

// getExpectedScale: pods without a controller are unmanaged and left out of the scale.
test('pods without a controller are left out of the expected scale', () => {
  const pods = [pod('a', true, replicaSetOwner), pod('naked', true)];
  assert.deepEqual(counts(disruptionBudgetStatus(budget({ maxUnavailable: 1 }), pods, deploymentOfFour, T0)), [4, 3, 2, 0]);
});

// pdbhelper.UpdateDisruptionAllowedCondition: True SufficientPods when disruptions are allowed, else False InsufficientPods.
test('the DisruptionAllowed condition says whether pods are sufficient', () => {
  const allowed = disruptionBudgetStatus(budget({ minAvailable: 1 }), [pod('a', true), pod('b', true)], deploymentOfFour, T0);
  const denied = disruptionBudgetStatus(budget({ minAvailable: 2 }), [pod('a', true), pod('b', true)], deploymentOfFour, T0);
  assert.deepEqual(
    [allowed, denied].map((status) => status.conditions?.map((c) => [c.type, c.status, c.reason])),
    [[['DisruptionAllowed', 'True', 'SufficientPods']], [['DisruptionAllowed', 'False', 'InsufficientPods']]],
  );
});

// getExpectedScale: a controller no finder knows fails the sync ("found no controllers for pod %q"); failSafe sets
// disruptionsAllowed to 0 and DisruptionAllowed False SyncFailed with the error.
test('a pod whose controller has no scale fails the sync safe', () => {
  const status = disruptionBudgetStatus(budget({ maxUnavailable: 1 }), [pod('agent-x', true, { kind: 'DaemonSet', name: 'agent', uid: 'ds-1' })], () => undefined, T0);
  assert.equal(status.disruptionsAllowed, 0);
  assert.deepEqual(
    status.conditions?.map((c) => [c.status, c.reason, c.message]),
    [['False', 'SyncFailed', 'found no controllers for pod "agent-x"']],
  );
});

// getPodDeployment: a ReplicaSet a Deployment controls is counted as the Deployment's spec.replicas, not its own.
test('over the store, a ReplicaSet of a Deployment counts the Deployment replicas', () => {
  const cluster = new SimulatedCluster('1.33', T0, true);
  const deployment = cluster.store.create<Deployment>({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 4, selector: {}, template: {} } });
  const replicaSet = cluster.store.create<ReplicaSet>({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-abc', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: deployment.metadata.uid, controller: true }] },
    spec: { replicas: 2, selector: {} },
  });
  for (const name of ['web-abc-1', 'web-abc-2']) cluster.store.create({ apiVersion: 'v1', kind: 'Pod', ...pod(name, true, { kind: 'ReplicaSet', name: 'web-abc', uid: replicaSet.metadata.uid }) });
  const pdb = cluster.store.create(budget({ maxUnavailable: 1 }));
  syncDisruptionBudgets(cluster);
  assert.deepEqual(counts(pdb.status), [4, 3, 2, 0]);
});
