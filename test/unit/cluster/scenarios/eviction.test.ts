/**
 * The Eviction API's answers (kubernetes pkg/registry/core/pod/storage/eviction.go EvictionREST.Create,
 * canIgnorePDB, getPodDisruptionBudgets, checkAndDecrement, createTooManyRequestsError), worked by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { evictionAnswer } from '../../../../server/src/cluster/scenarios/eviction';
import type { Stored } from '../../../../server/src/cluster/store';

function pod(phase: string, ready: boolean): Pod {
  return {
    metadata: { name: 'web-1', namespace: 'default', labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image: 'nginx' }] },
    status: { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

function budget(
  name: string,
  status: Partial<NonNullable<PodDisruptionBudget['status']>>,
  selector: PodDisruptionBudget['spec'] = { selector: { matchLabels: { app: 'web' } } },
): Stored<PodDisruptionBudget> {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, generation: 1 },
    spec: selector,
    status: { currentHealthy: 2, desiredHealthy: 2, disruptionsAllowed: 0, expectedPods: 3, observedGeneration: 1, ...status },
  } as Stored<PodDisruptionBudget>;
}

// checkAndDecrement: DisruptionsAllowed == 0 → NewTooManyRequests with the DisruptionBudget cause.
test('a budget with no disruption allowed refuses the eviction with 429 and says what it needs', () => {
  assert.deepEqual(evictionAnswer(pod('Running', true), [budget('web', {})]), {
    allowed: false,
    code: 429,
    message: "Cannot evict pod as it would violate the pod's disruption budget.",
    budget: 'web',
    cause: 'The disruption budget web needs 2 healthy pods and has 2 currently',
  });
});

// checkAndDecrement: DisruptionsAllowed > 0 → the budget is charged and the pod deleted.
test('a budget with a disruption allowed lets the pod go and is the one charged', () => {
  const allowing = budget('web', { currentHealthy: 3, disruptionsAllowed: 1 });
  assert.deepEqual(evictionAnswer(pod('Running', true), [allowing]), { allowed: true, budget: allowing });
});

// Create: len(pdbs) > 1 → a Status of code 500, not a 429 (kubectl does not retry it).
test('a pod two budgets select cannot be evicted, with the handler’s 500 message', () => {
  assert.deepEqual(evictionAnswer(pod('Running', true), [budget('a', { disruptionsAllowed: 1 }), budget('b', { disruptionsAllowed: 1 })]), {
    allowed: false,
    code: 500,
    message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
  });
});

// getPodDisruptionBudgets: "If a PDB with a nil or empty selector creeps in, it should match nothing, not everything."
test('a budget with an empty selector does not stand in the way of an eviction', () => {
  assert.deepEqual(evictionAnswer(pod('Running', true), [budget('all', {}, { selector: {} })]), { allowed: true });
});

// canIgnorePDB: Pending (and terminal) pods are deleted without looking at budgets.
test('a Pending pod is evicted whatever its budget says', () => {
  assert.deepEqual(evictionAnswer(pod('Pending', false), [budget('web', {})]), { allowed: true });
});

// Create: an unready pod, while currentHealthy >= desiredHealthy > 0, is deleted without charging the budget.
test('an unready pod goes without a charge while its budget has its healthy pods', () => {
  assert.deepEqual(evictionAnswer(pod('Running', false), [budget('web', {})]), { allowed: true });
});

// checkAndDecrement: ObservedGeneration < Generation → createTooManyRequestsError.
test('a budget the disruption controller has not observed yet refuses with 429 as still being processed', () => {
  const answer = evictionAnswer(pod('Running', true), [budget('web', { observedGeneration: 0, disruptionsAllowed: 1 })]);
  assert.deepEqual(answer, {
    allowed: false,
    code: 429,
    message: "Cannot evict pod as it would violate the pod's disruption budget.",
    budget: 'web',
    cause: 'The disruption budget web is still being processed by the server.',
  });
});
