/**
 * manageReplicas and slowStartBatch (pkg/controller/replicaset/replica_set.go) and the ReplicaSet status
 * (replica_set_utils.go calculateStatus).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { calculateReplicaSetStatus, manageReplicas, nameSuffix, slowStartBatches } from '../../../../server/src/cluster/controllers/replicaset';

const NOW = Date.parse('2026-01-01T12:00:00Z');

function replicaSet(replicas: number, minReadySeconds = 0): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-5d78c9b4f6', namespace: 'default', uid: 'uid-rs', generation: 3 },
    spec: {
      replicas,
      minReadySeconds,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web', 'pod-template-hash': '5d78c9b4f6' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25', resources: { limits: { cpu: '1' } } }] } },
    },
  };
}

function readyPod(name: string, readySecondsAgo: number | undefined, labels = { app: 'web', 'pod-template-hash': '5d78c9b4f6' }): Pod {
  const ready = readySecondsAgo !== undefined;
  return {
    metadata: { name, labels },
    spec: { containers: [{ name: 'web' }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: new Date(NOW - (readySecondsAgo ?? 0) * 1000).toISOString() }] },
  };
}

test('slow start creates in batches of 1, 2, 4, 8 …, the last batch taking the rest', () => {
  assert.deepEqual(slowStartBatches(1), [1]);
  assert.deepEqual(slowStartBatches(10), [1, 2, 4, 3]);
  assert.deepEqual(slowStartBatches(31), [1, 2, 4, 8, 16]);
  assert.deepEqual(slowStartBatches(0), []);
});

test('a ReplicaSet short of pods creates the difference, owned by it and labelled from its template', () => {
  const result = manageReplicas({ replicaSet: replicaSet(3), ownedPods: [readyPod('web-5d78c9b4f6-aaaaa', 60)], now: NOW });
  assert.equal(result.podsToCreate.length, 2);
  assert.deepEqual(result.createBatches, [1, 1]);
  const created = result.podsToCreate[0]!;
  assert.match(created.metadata!.name!, /^web-5d78c9b4f6-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  assert.equal(created.metadata!.generateName, 'web-5d78c9b4f6-');
  assert.deepEqual(created.metadata!.labels, { app: 'web', 'pod-template-hash': '5d78c9b4f6' });
  assert.deepEqual(
    created.metadata!.ownerReferences!.map((o) => [o.kind, o.name, o.uid, o.controller]),
    [['ReplicaSet', 'web-5d78c9b4f6', 'uid-rs', true]],
  );
  assert.equal(created.status!.phase, 'Pending');
  assert.deepEqual(
    result.events.map((event) => [event.reason, event.object, event.message]),
    result.podsToCreate.map((p) => ['SuccessfulCreate', 'ReplicaSet/default/web-5d78c9b4f6', `Created pod: ${p.metadata!.name}`]),
  );
});

test('created pods are defaulted as the API server defaults a Pod: requests copied from limits', () => {
  const result = manageReplicas({ replicaSet: replicaSet(1), ownedPods: [], now: NOW });
  assert.deepEqual(result.podsToCreate[0]!.spec!.containers[0]!.resources!.requests, { cpu: '1' });
});

test('one sync creates at most 500 pods', () => {
  const result = manageReplicas({ replicaSet: replicaSet(600), ownedPods: [], now: NOW });
  assert.equal(result.podsToCreate.length, 500);
  assert.deepEqual(result.createBatches, [1, 2, 4, 8, 16, 32, 64, 128, 245]);
});

test('a ReplicaSet over its count deletes the surplus, not-Ready pods first, with SuccessfulDelete events', () => {
  const pods = [readyPod('web-5d78c9b4f6-ready1', 600), readyPod('web-5d78c9b4f6-unready', undefined), readyPod('web-5d78c9b4f6-ready2', 600)];
  const result = manageReplicas({ replicaSet: replicaSet(2), ownedPods: pods, now: NOW });
  assert.deepEqual(
    result.podsToDelete.map((p) => p.metadata!.name),
    ['web-5d78c9b4f6-unready'],
  );
  assert.deepEqual(
    result.events.map((event) => [event.reason, event.message]),
    [['SuccessfulDelete', 'Deleted pod: web-5d78c9b4f6-unready']],
  );
});

test('finished and terminating pods do not count toward the replicas', () => {
  const succeeded = { ...readyPod('web-5d78c9b4f6-done', undefined), status: { phase: 'Succeeded' } };
  const terminating = readyPod('web-5d78c9b4f6-going', 60);
  terminating.metadata = { ...terminating.metadata, deletionTimestamp: new Date(NOW).toISOString() };
  const result = manageReplicas({ replicaSet: replicaSet(1), ownedPods: [succeeded, terminating], now: NOW });
  assert.equal(result.podsToCreate.length, 1);
});

test('generated names never repeat a taken one', () => {
  const taken = new Set([`web-5d78c9b4f6-${nameSuffix(0)}`]);
  const result = manageReplicas({ replicaSet: replicaSet(1), ownedPods: [], now: NOW, takenNames: taken });
  assert.notEqual(result.podsToCreate[0]!.metadata!.name, [...taken][0]);
});

test('status counts active, fully labelled, Ready and available pods, availability after minReadySeconds', () => {
  const pods = [readyPod('ready-long', 60), readyPod('ready-briefly', 5), readyPod('not-ready', undefined), readyPod('missing-hash-label', 60, { app: 'web' } as never)];
  const status = calculateReplicaSetStatus(replicaSet(4, 10), pods, NOW);
  assert.deepEqual(status, { replicas: 4, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 2, observedGeneration: 3 });
});

test('with minReadySeconds 0 a Ready pod is available at once', () => {
  assert.equal(calculateReplicaSetStatus(replicaSet(1), [readyPod('just-ready', 0)], NOW).availableReplicas, 1);
});

test('a pod Ready exactly minReadySeconds ago is not yet available', () => {
  assert.equal(calculateReplicaSetStatus(replicaSet(1, 10), [readyPod('ten-seconds', 10)], NOW).availableReplicas, 0);
});
