/**
 * DefaultPreemption and PodDisruptionBudgets (pkg/scheduler/framework/plugins/defaultpreemption/
 * default_preemption.go SelectVictimsOnNode, filterPodsWithPDBViolation; framework/preemption/preemption.go
 * pickOneNodeForPreemption), worked by hand.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { buildSnapshot, schedulePod } from '../../../../server/src/cluster/scheduler';
import { node, pod } from './fixtures';

function running(name: string, nodeName: string, priority: number, app: string): Pod {
  return pod(name, { requests: { cpu: '1' }, nodeName, labels: { app }, spec: { priority } });
}

function budget(app: string | undefined, disruptionsAllowed: number): PodDisruptionBudget {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: `budget-${app ?? 'all'}`, namespace: 'default' },
    spec: { selector: app ? { matchLabels: { app } } : {} },
    status: { disruptionsAllowed, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
  };
}

const incoming = pod('urgent', { requests: { cpu: '1' }, spec: { priority: 100 } });

function victimsOf(nodes: ReturnType<typeof node>[], pods: Pod[], budgets: PodDisruptionBudget[]): [string | undefined, string[]] {
  const snapshot = buildSnapshot('1.33', { nodes, pods });
  snapshot.disruptionBudgets = budgets;
  const result = schedulePod(incoming, snapshot);
  assert.equal(result.outcome, 'Unschedulable');
  return result.outcome === 'Unschedulable' ? [result.nominatedNodeName, (result.victims ?? []).map((victim) => victim.metadata?.name ?? '')] : [undefined, []];
}

describe('preemption and disruption budgets', () => {
  const twoPods = [running('important', 'n1', 10, 'a'), running('minor', 'n1', 5, 'b')];

  // SelectVictimsOnNode without budgets: reprieve the highest priority first; `important` fits back, `minor` goes.
  it('without budgets evicts the lower-priority pod', () => {
    assert.deepEqual(victimsOf([node('n1', { cpu: '2' })], twoPods, []), ['n1', ['minor']]);
  });

  // SelectVictimsOnNode: violating victims are reprieved first, so the pod a budget protects stays.
  it('reprieves the pod whose eviction would break a budget before the others', () => {
    assert.deepEqual(victimsOf([node('n1', { cpu: '2' })], twoPods, [budget('b', 0)]), ['n1', ['important']]);
  });

  // filterPodsWithPDBViolation: a budget that still allows a disruption does not make its pod violating.
  it('a budget with disruptions left does not protect its pod', () => {
    assert.deepEqual(victimsOf([node('n1', { cpu: '2' })], twoPods, [budget('b', 1)]), ['n1', ['minor']]);
  });

  // filterPodsWithPDBViolation: "A PDB with a nil or empty selector matches nothing."
  it('a budget with an empty selector protects nothing from preemption', () => {
    assert.deepEqual(victimsOf([node('n1', { cpu: '2' })], twoPods, [budget(undefined, 0)]), ['n1', ['minor']]);
  });

  // pickOneNodeForPreemption: the fewest PDB violations come before the lowest highest-priority victim.
  it('prefers the node whose victims break no budget', () => {
    const nodes = [node('n1', { cpu: '1' }), node('n2', { cpu: '1' })];
    const pods = [running('guarded', 'n1', 1, 'guarded'), running('free', 'n2', 50, 'free')];
    assert.deepEqual(victimsOf(nodes, pods, []), ['n1', ['guarded']]);
    assert.deepEqual(victimsOf(nodes, pods, [budget('guarded', 0)]), ['n2', ['free']]);
  });

  // When every node's victims break a budget, preemption still goes ahead (the budget is best effort).
  it('still preempts when only budget-breaking victims make room', () => {
    assert.deepEqual(victimsOf([node('n1', { cpu: '1' })], [running('guarded', 'n1', 1, 'guarded')], [budget('guarded', 0)]), ['n1', ['guarded']]);
  });
});
