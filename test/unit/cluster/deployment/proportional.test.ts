/** Scaling a Deployment in the middle of a rollout: pkg/controller/deployment/sync.go scale, GetProportion. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { simulateRollout, syncDeployment, type DeploymentSyncResult } from '../../../oracles/deployment';
import { imageChange, pairs } from './rollouts';
import { deployment, replicaSet, START } from './deployments';

function scaleTo(replicas: number, maxSurge: number | string, replicaSets: ReplicaSet[]): DeploymentSyncResult {
  const web = deployment({ replicas, maxSurge, maxUnavailable: 2, image: 'nginx:1.26' });
  const result = syncDeployment({ deployment: web, replicaSets, pods: [], now: START + 120_000 });
  assert.ok(!('error' in result));
  return result;
}

const sizes = (result: DeploymentSyncResult, ...replicaSets: ReplicaSet[]) =>
  replicaSets.map((rs) => result.replicaSetsToUpdate.find((u) => u.metadata!.name === rs.metadata!.name)?.spec?.replicas ?? rs.spec!.replicas);

const oldEight = replicaSet({ image: 'nginx:1.25', replicas: 8, revision: 1, sizedFor: { desired: 10, max: 13 } });
const newFive = replicaSet({ image: 'nginx:1.26', replicas: 5, available: 0, revision: 2, createdAfter: 60, sizedFor: { desired: 10, max: 13 } });

const midRollout: [title: string, replicas: number, sizes: [old: number, new: number], verb: string][] = [
  // allowed 15 + 3 = 18, 5 to add; old round(8 × 18 / 13 = 11.08) − 8 = +3; new round(5 × 18 / 13 = 6.92) − 5 = +2.
  ['10 → 15 replicas with old 8 and new 5 (max 13 → 18) gives old 11 and new 7', 15, [11, 7], 'up'],
  // allowed 5 + 3 = 8, 5 to remove; old round(8 × 8 / 13 = 4.92) − 8 = −3; new round(5 × 8 / 13 = 3.08) − 5 = −2.
  ['10 → 5 replicas with old 8 and new 5 gives old 5 and new 3, the larger ReplicaSet first', 5, [5, 3], 'down'],
];

for (const [title, replicas, [oldSize, newSize], verb] of midRollout) {
  test(title, () => {
    const result = scaleTo(replicas, 3, [oldEight, newFive]);
    assert.deepEqual(sizes(result, oldEight, newFive), [oldSize, newSize]);
    assert.deepEqual(
      result.events.map((event) => event.message),
      [`Scaled ${verb} replica set ${oldEight.metadata!.name} from 8 to ${oldSize}`, `Scaled ${verb} replica set ${newFive.metadata!.name} from 5 to ${newSize}`],
    );
  });
}

test('every active ReplicaSet is annotated with the new desired (15) and max (18) replicas', () => {
  for (const written of scaleTo(15, 3, [oldEight, newFive]).replicaSetsToUpdate) {
    assert.equal(written.metadata!.annotations!['deployment.kubernetes.io/desired-replicas'], '15');
    assert.equal(written.metadata!.annotations!['deployment.kubernetes.io/max-replicas'], '18');
  }
});

test('what rounding leaves over goes to the largest ReplicaSet', () => {
  // 10 → 11 at maxSurge 0: 1 to add; 4 × 11 / 10 = 4.4, 3 × 11 / 10 = 3.3 both round to no change; the leftover 1 goes to the 4.
  const large = replicaSet({ image: 'nginx:1.24', replicas: 4, revision: 1, sizedFor: { desired: 10, max: 10 } });
  const small = replicaSet({ image: 'nginx:1.25', replicas: 3, revision: 2, createdAfter: 30, sizedFor: { desired: 10, max: 10 } });
  const newest = replicaSet({ image: 'nginx:1.26', replicas: 3, available: 0, revision: 3, createdAfter: 60, sizedFor: { desired: 10, max: 10 } });
  assert.deepEqual(sizes(scaleTo(11, 0, [large, small, newest]), large, small, newest), [5, 3, 3]);
});

test('between equal ReplicaSets the newer grows first, and a half rounds away from zero', () => {
  // 3 → 4 at maxSurge 1: allowed 5, 1 to add; the newer 2 gets round(2 × 5 / 4 = 2.5) − 2 = +1, nothing is left for the older.
  const older = replicaSet({ image: 'nginx:1.25', replicas: 2, revision: 1, sizedFor: { desired: 3, max: 4 } });
  const newer = replicaSet({ image: 'nginx:1.26', replicas: 2, revision: 2, createdAfter: 60, sizedFor: { desired: 3, max: 4 } });
  assert.deepEqual(sizes(scaleTo(4, 1, [older, newer]), older, newer), [2, 3]);
});

test('with one active ReplicaSet a new replica count goes to it whole', () => {
  const only = replicaSet({ image: 'nginx:1.26', replicas: 3, revision: 1, sizedFor: { desired: 3, max: 4 } });
  const result = scaleTo(6, 1, [only]);
  assert.deepEqual(sizes(result, only), [6]);
  assert.deepEqual(
    result.events.map((event) => event.message),
    [`Scaled up replica set ${only.metadata!.name} from 3 to 6`],
  );
});

test('a paused Deployment still scales, and creates no new ReplicaSet for its changed template', () => {
  const web = deployment({ replicas: 6, maxSurge: 1, image: 'nginx:1.26', paused: true });
  const old = replicaSet({ image: 'nginx:1.25', replicas: 3, revision: 1, sizedFor: { desired: 3, max: 4 } });
  const result = syncDeployment({ deployment: web, replicaSets: [old], pods: [], now: START });
  assert.ok(!('error' in result));
  assert.deepEqual(result.replicaSetsToCreate, []);
  assert.deepEqual(sizes(result, old), [6]);
  const progressing = result.deployment.status!.conditions!.find((c) => c.type === 'Progressing')!;
  assert.deepEqual([progressing.status, progressing.reason, progressing.message], ['Unknown', 'DeploymentPaused', 'Deployment is paused']);
});

test('scaling a stuck rollout from 10 to 15 spreads the 6 extra pods over old 8 and new 5, then waits again', () => {
  // max 13 → 15 + ceil(3.75) = 19; old round(8 × 19 / 13 = 11.69) = 12, new round(5 × 19 / 13 = 7.31) = 7.
  const stuck = imageChange({ replicas: 10 }, { newPodsNeverReady: true });
  const scaled = { ...stuck.state.deployment, spec: { ...stuck.state.deployment.spec!, replicas: 15 } };
  scaled.metadata = { ...scaled.metadata, generation: (scaled.metadata!.generation ?? 1) + 1 };
  const result = simulateRollout({ ...stuck.state, deployment: scaled }, { now: stuck.endedAt + 1000, newPodsNeverReady: true });
  assert.ok(!('error' in result));
  assert.deepEqual(pairs(result), [[7, 12]]);
  assert.deepEqual(
    result.steps[0]!.events.map((event) => event.message.replace(/web-[a-z0-9]+/, 'web-x')),
    ['Scaled up replica set web-x from 8 to 12', 'Scaled up replica set web-x from 5 to 7'],
  );
  assert.equal(result.outcome, 'progressDeadlineExceeded');
});
