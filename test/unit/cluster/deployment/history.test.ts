/** Revision history cleanup (pkg/controller/deployment/sync.go cleanupDeployment). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { syncDeployment } from '../../../oracles/deployment';
import { deployment, replicaSet, START } from './deployments';
import { imageChange } from './rollouts';

function completeDeployment(revisionHistoryLimit: number) {
  const web = deployment({ replicas: 1, image: 'nginx:1.26', revisionHistoryLimit });
  web.status = { observedGeneration: 1, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 };
  return web;
}

const history = [
  replicaSet({ image: 'nginx:1.21', replicas: 0, revision: 1 }),
  replicaSet({ image: 'nginx:1.22', replicas: 0, podCount: 1, available: 0, revision: 2, createdAfter: 10 }),
  replicaSet({ image: 'nginx:1.23', replicas: 0, revision: 3, createdAfter: 20 }),
  replicaSet({ image: 'nginx:1.24', replicas: 0, revision: 4, createdAfter: 30 }),
  replicaSet({ image: 'nginx:1.26', replicas: 1, revision: 5, createdAfter: 40 }),
];

test('a complete rollout deletes the lowest revisions beyond revisionHistoryLimit, skipping one that still has a pod', () => {
  // 4 old ReplicaSets, limit 2: revisions 1 and 2 are candidates; revision 2 still reports a pod.
  const result = syncDeployment({ deployment: completeDeployment(2), replicaSets: history, pods: [], now: START + 60_000 });
  assert.ok(!('error' in result));
  assert.deepEqual(result.replicaSetsToDelete, [history[0]!.metadata!.name]);
});

test('revisionHistoryLimit 0 deletes every empty old ReplicaSet', () => {
  const result = syncDeployment({ deployment: completeDeployment(0), replicaSets: history, pods: [], now: START + 60_000 });
  assert.ok(!('error' in result));
  assert.deepEqual(
    result.replicaSetsToDelete,
    [0, 2, 3].map((i) => history[i]!.metadata!.name),
  );
});

test('nothing is deleted while the rollout is incomplete', () => {
  const web = completeDeployment(0);
  web.status = { ...web.status, availableReplicas: 0 };
  const result = syncDeployment({ deployment: web, replicaSets: history, pods: [], now: START + 60_000 });
  assert.ok(!('error' in result));
  assert.deepEqual(result.replicaSetsToDelete, []);
});

test('after a rollout with revisionHistoryLimit 0 only the new ReplicaSet remains', () => {
  const result = imageChange({ replicas: 3, revisionHistoryLimit: 0 });
  assert.deepEqual(
    result.state.replicaSets.map((rs) => rs.metadata!.annotations!['deployment.kubernetes.io/revision']),
    ['2'],
  );
});
