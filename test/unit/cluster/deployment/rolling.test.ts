/**
 * RollingUpdate step by step (pkg/controller/deployment/rolling.go rolloutRolling, docs/timing-model.md). Each
 * expected sequence is worked out by hand from reconcileNewReplicaSet / reconcileOldReplicaSets; the comments
 * show the arithmetic.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { POD_TEMPLATE_HASH_LABEL, simulateRollout, syncDeployment } from '../../../oracles/deployment';
import { deployment, replicaSet, START } from './deployments';
import { imageChange, pairs } from './rollouts';

test('10 replicas at 25%/25% (max 13 pods, 8 available) roll in five steps', () => {
  // 1: new created with min(13−10, 10) = 3; old: 13 − 8 − 3 unavailable = 2 may go, 10 available − 8 = 2 → old 8.
  // 2: new + min(13−11, 7) = 5.  3: old: 13 − 8 − 0 = 5, available 13 − 8 = 5 → old 3.
  // 4: new + min(13−8, 5) = 10.  5: old: available 13 − 8 = 5 ≥ 3 → old 0.
  assert.deepEqual(pairs(imageChange({ replicas: 10 })), [
    [3, 8],
    [5, 8],
    [5, 3],
    [10, 3],
    [10, 0],
  ]);
});

test('3 replicas at maxSurge 0 / maxUnavailable 1 replace one pod at a time, never above 3', () => {
  // The new ReplicaSet is created empty (3 pods already = max); then old −1, new +1, … .
  assert.deepEqual(pairs(imageChange({ replicas: 3, maxSurge: 0, maxUnavailable: 1 })), [
    [0, 2],
    [1, 2],
    [1, 1],
    [2, 1],
    [2, 0],
    [3, 0],
  ]);
});

test('1 replica at 25%/25% surges one new pod, then removes the old one', () => {
  // surge ceil(0.25) = 1, unavailable floor(0.25) = 0: new 1 (2 pods); old goes once the new pod is available.
  assert.deepEqual(pairs(imageChange({ replicas: 1 })), [
    [1, 1],
    [1, 0],
  ]);
});

test('4 replicas at 100%/25% start all new pods at once and drop one old pod in the same sync', () => {
  // new min(8−4, 4) = 4; old: 8 − 3 − 4 unavailable = 1 → old 3; then available 7 − 3 = 4 → old 0.
  assert.deepEqual(pairs(imageChange({ replicas: 4, maxSurge: '100%', maxUnavailable: '25%' })), [
    [4, 3],
    [4, 0],
  ]);
});

test('4 replicas at maxSurge 0 / maxUnavailable 100% empty the old ReplicaSet before the new one grows', () => {
  assert.deepEqual(pairs(imageChange({ replicas: 4, maxSurge: 0, maxUnavailable: '100%' })), [
    [0, 0],
    [4, 0],
  ]);
});

test('pods never exceed maxTotal and available pods never fall below minAvailable in the 10-replica rollout', () => {
  for (const step of imageChange({ replicas: 10 }).steps) {
    assert.ok(step.total <= 13, `total ${step.total}`);
    assert.ok(step.lowestAvailable >= 8, `lowest available ${step.lowestAvailable}`);
  }
});

test('the first sync reports the new ReplicaSet scaled up from 0 and the old one scaled down, in that order', () => {
  const result = imageChange({ replicas: 10 });
  const [newName, oldName] = [result.state.replicaSets.find((rs) => rs.spec?.replicas === 10)!, result.state.replicaSets.find((rs) => rs.spec?.replicas === 0)!].map((rs) => rs.metadata!.name!);
  assert.deepEqual(
    result.steps[0]!.events.map((event) => [event.type, event.reason, event.object, event.message]),
    [
      ['Normal', 'ScalingReplicaSet', 'Deployment/default/web', `Scaled up replica set ${newName} from 0 to 3`],
      ['Normal', 'ScalingReplicaSet', 'Deployment/default/web', `Scaled down replica set ${oldName} from 10 to 8`],
    ],
  );
});

test('the rollout ends complete, with Progressing NewReplicaSetAvailable and Available MinimumReplicasAvailable', () => {
  const result = imageChange({ replicas: 10 });
  assert.equal(result.outcome, 'complete');
  const status = result.state.deployment.status!;
  const newName = result.state.replicaSets.find((rs) => rs.spec?.replicas === 10)!.metadata!.name!;
  assert.deepEqual([status.replicas, status.updatedReplicas, status.readyReplicas, status.availableReplicas, status.unavailableReplicas], [10, 10, 10, 10, 0]);
  const progressing = status.conditions!.find((c) => c.type === 'Progressing')!;
  assert.deepEqual([progressing.status, progressing.reason, progressing.message], ['True', 'NewReplicaSetAvailable', `ReplicaSet "${newName}" has successfully progressed.`]);
  const available = status.conditions!.find((c) => c.type === 'Available')!;
  assert.deepEqual([available.status, available.reason, available.message], ['True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.']);
});

test('a new Deployment creates its ReplicaSet named <deployment>-<hash>, labelled, selected and annotated', () => {
  const web = deployment({ replicas: 3 });
  const result = syncDeployment({ deployment: web, replicaSets: [], pods: [], now: START });
  assert.ok(!('error' in result));
  assert.equal(result.replicaSetsToCreate.length, 1);
  const created = result.replicaSetsToCreate[0]!;
  const hash = created.metadata!.labels![POD_TEMPLATE_HASH_LABEL]!;
  assert.equal(created.metadata!.name, `web-${hash}`);
  assert.deepEqual(created.metadata!.labels, { app: 'web', [POD_TEMPLATE_HASH_LABEL]: hash });
  assert.deepEqual(created.spec!.selector, { matchLabels: { app: 'web', [POD_TEMPLATE_HASH_LABEL]: hash } });
  assert.deepEqual(created.spec!.template!.metadata!.labels, { app: 'web', [POD_TEMPLATE_HASH_LABEL]: hash });
  assert.equal(created.spec!.replicas, 3);
  assert.deepEqual(created.metadata!.annotations, {
    'deployment.kubernetes.io/revision': '1',
    'deployment.kubernetes.io/desired-replicas': '3',
    'deployment.kubernetes.io/max-replicas': '4',
  });
  assert.deepEqual(created.metadata!.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'uid-web', controller: true, blockOwnerDeletion: true }]);
  assert.equal(result.deployment.metadata!.annotations!['deployment.kubernetes.io/revision'], '1');
  const progressing = result.deployment.status!.conditions!.find((c) => c.type === 'Progressing')!;
  assert.deepEqual([progressing.status, progressing.reason, progressing.message], ['True', 'NewReplicaSetCreated', `Created new replica set "web-${hash}"`]);
  assert.deepEqual(
    result.events.map((event) => event.message),
    [`Scaled up replica set web-${hash} from 0 to 3`],
  );
});

test("Deployment annotations are copied to the new ReplicaSet, but not kubectl's last-applied configuration", () => {
  const web = deployment({ replicas: 1 });
  web.metadata!.annotations = { team: 'payments', 'kubectl.kubernetes.io/last-applied-configuration': '{}' };
  const result = syncDeployment({ deployment: web, replicaSets: [], pods: [], now: START });
  assert.ok(!('error' in result));
  assert.equal(result.replicaSetsToCreate[0]!.metadata!.annotations!['team'], 'payments');
  assert.equal(result.replicaSetsToCreate[0]!.metadata!.annotations!['kubectl.kubernetes.io/last-applied-configuration'], undefined);
});

test("the second rollout's ReplicaSet gets revision 2", () => {
  const result = imageChange({ replicas: 2 });
  const revisions = result.state.replicaSets.map((rs) => [rs.spec!.replicas, rs.metadata!.annotations!['deployment.kubernetes.io/revision']]);
  assert.deepEqual(revisions.sort(), [
    [0, '1'],
    [2, '2'],
  ]);
  assert.equal(result.state.deployment.metadata!.annotations!['deployment.kubernetes.io/revision'], '2');
});

test('Kubernetes 1.30 words scale events "to N from M" and a creation "to N"', () => {
  const result = imageChange({ replicas: 10 }, { kubernetesVersion: '1.30' });
  const messages = result.steps[0]!.events.map((event) => event.message.replace(/web-[a-z0-9]+/, 'web-x'));
  assert.deepEqual(messages, ['Scaled up replica set web-x to 3', 'Scaled down replica set web-x to 8 from 10']);
});

test('an empty selector is refused with the SelectingAll warning and nothing is created', () => {
  const web = deployment({ replicas: 1 });
  web.spec!.selector = {};
  const result = syncDeployment({ deployment: web, replicaSets: [], pods: [], now: START });
  assert.ok(!('error' in result));
  assert.deepEqual(result.replicaSetsToCreate, []);
  assert.deepEqual(
    result.events.map((event) => [event.type, event.reason, event.message]),
    [['Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.']],
  );
});

test('a negative replicas count is refused with a message', () => {
  const web = deployment({ replicas: 1 });
  web.spec!.replicas = -1;
  assert.deepEqual(syncDeployment({ deployment: web, replicaSets: [], pods: [], now: START }), {
    error: 'spec.replicas must be a non-negative integer, not -1',
  });
});

/** 3 replicas rolled out to nginx:1.26, and the Deployment set back to nginx:1.25 (generation 3). */
function rollBack() {
  const forward = imageChange({ replicas: 3 });
  const back = deployment({ replicas: 3 });
  back.metadata = { ...back.metadata, generation: 3, annotations: { ...forward.state.deployment.metadata!.annotations } };
  back.status = forward.state.deployment.status!;
  return { forward, back };
}

test('rolling back to the previous template reuses its ReplicaSet as revision 3, keeping 1 in revision-history', () => {
  const { forward, back } = rollBack();
  const result = simulateRollout({ ...forward.state, deployment: back }, { now: forward.endedAt + 1000 });
  assert.ok(!('error' in result));
  assert.deepEqual(pairs(result), [
    [1, 3],
    [1, 2],
    [2, 2],
    [2, 1],
    [3, 1],
    [3, 0],
  ]);
  assert.equal(result.state.replicaSets.length, 2);
  const reused = result.state.replicaSets.find((rs) => rs.spec!.replicas === 3)!;
  assert.equal(reused.metadata!.annotations!['deployment.kubernetes.io/revision'], '3');
  assert.equal(reused.metadata!.annotations!['deployment.kubernetes.io/revision-history'], '1');
  assert.equal(result.state.deployment.metadata!.annotations!['deployment.kubernetes.io/revision'], '3');
});

test('the sync that re-annotates the reused ReplicaSet ends there: its second write from the listed copy is stale', () => {
  const { forward, back } = rollBack();
  const result = syncDeployment({ ...forward.state, deployment: back, now: forward.endedAt + 1000 });
  assert.ok(!('error' in result));
  assert.deepEqual(result.scaled, []);
  assert.match(result.endedEarly ?? '', /^Operation cannot be fulfilled on replicasets\.apps "web-[a-z0-9]+": the object has been modified/);
});

test('creating the new ReplicaSet writes the Deployment; the status write that ends the same sync is refused as stale', () => {
  const result = syncDeployment({ deployment: deployment({ replicas: 3 }), replicaSets: [], pods: [], now: START });
  assert.ok(!('error' in result));
  assert.equal(result.endedEarly, 'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again');
  assert.deepEqual(
    result.deployment.status!.conditions!.map((c) => c.reason),
    ['NewReplicaSetCreated'],
  );
});

test('an orphaned ReplicaSet the selector matches is adopted: it gains the Deployment as controller', () => {
  const orphan = replicaSet({ image: 'nginx:1.25', replicas: 1, revision: 1 });
  orphan.metadata = { ...orphan.metadata, ownerReferences: [] };
  const result = syncDeployment({ deployment: deployment({ replicas: 1 }), replicaSets: [orphan], pods: [], now: START });
  assert.ok(!('error' in result));
  const adopted = result.replicaSetsToUpdate.find((rs) => rs.metadata!.name === orphan.metadata!.name)!;
  assert.deepEqual(
    adopted.metadata!.ownerReferences!.map((o) => [o.kind, o.name, o.controller]),
    [['Deployment', 'web', true]],
  );
});

test('a ReplicaSet controlled by another owner is left alone', () => {
  const foreign = replicaSet({ image: 'nginx:1.25', replicas: 1, revision: 1 });
  foreign.metadata = { ...foreign.metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'other', uid: 'uid-other', controller: true }] };
  const result = syncDeployment({ deployment: deployment({ replicas: 1 }), replicaSets: [foreign], pods: [], now: START });
  assert.ok(!('error' in result));
  assert.deepEqual(result.replicaSetsToUpdate, []);
  assert.deepEqual(result.scaled, []);
});

test('a ReplicaSet of another template under the new name is a hash collision: collisionCount goes up and the next sync uses another name', () => {
  const web = deployment({ replicas: 1, image: 'nginx:1.26' });
  const intended = syncDeployment({ deployment: web, replicaSets: [], pods: [], now: START });
  assert.ok(!('error' in intended));
  const squatter = replicaSet({ image: 'nginx:1.25', replicas: 0, revision: 1 });
  squatter.metadata = { ...squatter.metadata, name: intended.replicaSetsToCreate[0]!.metadata!.name!, ownerReferences: [] };
  squatter.metadata.labels = { other: 'app' };
  const collided = syncDeployment({ deployment: web, replicaSets: [squatter], pods: [], now: START });
  assert.ok(!('error' in collided));
  assert.deepEqual(collided.replicaSetsToCreate, []);
  assert.equal(collided.deployment.status!.collisionCount, 1);
  assert.equal(collided.endedEarly, `replicasets.apps "${squatter.metadata.name}" already exists`);
  const retried = syncDeployment({ deployment: collided.deployment, replicaSets: [squatter], pods: [], now: START + 1000 });
  assert.ok(!('error' in retried));
  assert.notEqual(retried.replicaSetsToCreate[0]!.metadata!.name, squatter.metadata.name);
});
