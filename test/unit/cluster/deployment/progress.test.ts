/**
 * Progressing and its deadline (pkg/controller/deployment/progress.go syncRolloutStatus), paused Deployments, and
 * kubectl's status texts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rolloutStatusText, simulateSpecChange, syncDeployment } from '../../../oracles/deployment';
import { deployment, replicaSet, START } from './deployments';
import { imageChange, pairs } from './rollouts';

const progressing = (result: ReturnType<typeof imageChange>) => result.state.deployment.status!.conditions?.find((c) => c.type === 'Progressing');

test('a rollout whose new pods never become Ready stops at 8 old and 5 new pods', () => {
  // After [3, 8] and [5, 8]: 13 pods = maxTotal, and 13 − 8 − 5 unavailable = 0 old pods may go.
  assert.deepEqual(pairs(imageChange({ replicas: 10 }, { newPodsNeverReady: true })), [
    [3, 8],
    [5, 8],
  ]);
});

test('a stuck rollout ends with Progressing False ProgressDeadlineExceeded once the deadline has passed', () => {
  const result = imageChange({ replicas: 10 }, { newPodsNeverReady: true });
  assert.equal(result.outcome, 'progressDeadlineExceeded');
  const newName = result.state.replicaSets.find((rs) => rs.spec!.replicas === 5)!.metadata!.name!;
  const condition = progressing(result)!;
  assert.deepEqual([condition.status, condition.reason, condition.message], ['False', 'ProgressDeadlineExceeded', `ReplicaSet "${newName}" has timed out progressing.`]);
});

test('the deadline is reported one second after progressDeadlineSeconds without progress', () => {
  // Syncs one second apart: the last progress (5 new pods seen) is at sync 3; the controller requeues for
  // lastUpdate + deadline + 1 s, when lastUpdate + deadline is before now.
  const result = imageChange({ replicas: 10, progressDeadlineSeconds: 60 }, { newPodsNeverReady: true });
  const firstSync = result.steps[0]!.at;
  const lastProgress = firstSync + 2000;
  assert.equal(progressing(result)!.lastTransitionTime, new Date(lastProgress + 61_000).toISOString().replace('.000Z', 'Z'));
  assert.equal(result.endedAt, lastProgress + 61_000);
});

test('without a progress deadline a stuck rollout is stalled and has no Progressing condition', () => {
  const result = imageChange({ replicas: 10, progressDeadlineSeconds: 2147483647 }, { newPodsNeverReady: true });
  assert.equal(result.outcome, 'stalled');
  assert.equal(progressing(result), undefined);
});

test('a stuck rollout keeps minimum availability: Available stays True with 8 of 10 available', () => {
  const result = imageChange({ replicas: 10 }, { newPodsNeverReady: true });
  const available = result.state.deployment.status!.conditions!.find((c) => c.type === 'Available')!;
  assert.deepEqual([available.status, available.reason], ['True', 'MinimumReplicasAvailable']);
  assert.equal(result.state.deployment.status!.availableReplicas, 8);
});

test('minReadySeconds spaces the steps: a new pod counts as available only after 30 s Ready', () => {
  const result = imageChange({ replicas: 10, minReadySeconds: 30 });
  assert.deepEqual(pairs(result), [
    [3, 8],
    [5, 8],
    [5, 3],
    [10, 3],
    [10, 0],
  ]);
  assert.ok(result.steps[2]!.at - result.steps[1]!.at > 30_000);
});

test('kubectl rollout status reads the exceeded deadline and the completed rollout', () => {
  assert.deepEqual(rolloutStatusText(imageChange({ replicas: 3 }, { newPodsNeverReady: true }).state.deployment), {
    text: 'deployment "web" exceeded its progress deadline',
    done: false,
    failed: true,
  });
  assert.deepEqual(rolloutStatusText(imageChange({ replicas: 3 }).state.deployment), {
    text: 'deployment "web" successfully rolled out',
    done: true,
    failed: false,
  });
});

test('kubectl rollout status counts updated replicas while the rollout runs', () => {
  const status = { observedGeneration: 2, replicas: 13, updatedReplicas: 5, availableReplicas: 8 };
  const web = { metadata: { name: 'web', generation: 2 }, spec: { replicas: 10, selector: {}, template: {} }, status };
  assert.equal(rolloutStatusText(web).text, 'Waiting for deployment "web" rollout to finish: 5 out of 10 new replicas have been updated...');
  assert.equal(rolloutStatusText({ ...web, status: { ...status, updatedReplicas: 10 } }).text, 'Waiting for deployment "web" rollout to finish: 3 old replicas are pending termination...');
  assert.equal(
    rolloutStatusText({ ...web, status: { ...status, replicas: 10, updatedReplicas: 10 } }).text,
    'Waiting for deployment "web" rollout to finish: 8 of 10 updated replicas are available...',
  );
  assert.equal(rolloutStatusText({ ...web, metadata: { name: 'web', generation: 3 } }).text, 'Waiting for deployment spec update to be observed...');
});

test('a Deployment with no Progressing condition that finds its new ReplicaSet records FoundNewReplicaSet', () => {
  const existing = replicaSet({ image: 'nginx:1.25', replicas: 1, revision: 1, sizedFor: { desired: 1, max: 2 } });
  const result = syncDeployment({ deployment: deployment({ replicas: 1 }), replicaSets: [existing], pods: [], now: START });
  assert.ok(!('error' in result));
  const condition = result.deployment.status!.conditions!.find((c) => c.type === 'Progressing')!;
  assert.deepEqual([condition.status, condition.reason, condition.message], ['True', 'FoundNewReplicaSet', `Found new replica set "${existing.metadata!.name}"`]);
});

test('a rollout of a Deployment with a malformed maxSurge is refused with the intstr message', () => {
  const result = simulateSpecChange(deployment({ replicas: 2 }), deployment({ replicas: 2, maxSurge: 'lots' }), { now: START });
  assert.deepEqual(result, { error: 'invalid value for IntOrString: invalid type: string is not a percentage' });
});
