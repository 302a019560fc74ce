/**
 * Recreate (pkg/controller/deployment/recreate.go rolloutRecreate): old pods all go before the new ReplicaSet
 * exists.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1';
import { syncDeployment } from '../../../oracles/deployment';
import { deployment, replicaSet, START } from './deployments';
import { imageChange, pairs } from './rollouts';

test('3 replicas are scaled to 0, then the new ReplicaSet is created at 3', () => {
  const result = imageChange({ replicas: 3, strategy: 'Recreate' });
  assert.deepEqual(pairs(result), [
    [0, 0],
    [3, 0],
  ]);
  assert.equal(result.outcome, 'complete');
});

test('the events are the old ReplicaSet scaled down to 0, then the new one scaled up from 0', () => {
  const result = imageChange({ replicas: 3, strategy: 'Recreate' });
  const [oldName, newName] = [...result.state.replicaSets].sort((a, b) => a.spec!.replicas! - b.spec!.replicas!).map((rs) => rs.metadata!.name!);
  assert.deepEqual(
    result.steps.flatMap((step) => step.events.map((event) => event.message)),
    [`Scaled down replica set ${oldName} from 3 to 0`, `Scaled up replica set ${newName} from 0 to 3`],
  );
});

function oldPod(phase: string): Pod {
  const old = replicaSet({ image: 'nginx:1.25', replicas: 0, podCount: 0, revision: 1 });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${old.metadata!.name}-bcdfg`,
      namespace: 'default',
      labels: old.spec!.template!.metadata!.labels!,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: old.metadata!.name!, uid: old.metadata!.uid!, controller: true }],
    },
    spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] },
    status: { phase },
  };
}

for (const [phase, creates] of [
  ['Running', false],
  ['Pending', false],
  ['Unknown', false],
  ['Succeeded', true],
  ['Failed', true],
] as const) {
  test(`an old pod in phase ${phase} ${creates ? 'does not hold' : 'holds'} back the new ReplicaSet`, () => {
    const result = syncDeployment({
      deployment: deployment({ replicas: 2, strategy: 'Recreate', image: 'nginx:1.26' }),
      replicaSets: [replicaSet({ image: 'nginx:1.25', replicas: 0, podCount: 0, revision: 1 })],
      pods: [oldPod(phase)],
      now: START,
    });
    assert.ok(!('error' in result));
    assert.equal(result.replicaSetsToCreate.length, creates ? 1 : 0);
  });
}
