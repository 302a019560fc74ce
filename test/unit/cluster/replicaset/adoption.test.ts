/**
 * Controllers adopting orphan pods [pkg/controller/controller_ref_manager.go : ClaimPods, AdoptPod;
 * pkg/controller/replicaset/replica_set.go : syncReplicaSet, claimPods; pkg/controller/job/job_controller.go :
 * getPodsForJob]: an active pod without a controller whose labels the selector matches gets the controller's
 * reference and counts toward its replicas.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { podsToAdopt } from '../../../../server/src/cluster/controllers/controller-ref-manager';
import { syncJobs } from '../../../../server/src/cluster/run-jobs';
import { syncReplicaSets } from '../../../../server/src/cluster/run-replica-sets';
import { SimulatedCluster } from '../../../../server/src/cluster/simulated-cluster';
import { job } from '../batch/objects';

const T0 = Date.parse('2024-01-01T00:00:00Z');

function replicaSet(replicas: number): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1' }] } } },
  };
}

function barePod(name: string, labels: Record<string, string>, extra: Partial<NonNullable<Pod['metadata']>> = {}): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels, ...extra }, spec: { containers: [{ name: 'web', image: 'web:1' }] } };
}

// replica_set.go syncReplicaSet: claimPods runs before manageReplicas, so 2 adopted pods of 3 replicas leave one to
// create; AdoptPod adds the reference with controller and blockOwnerDeletion true.
test('a ReplicaSet adopts matching orphan pods and creates only the replicas still missing', () => {
  const cluster = new SimulatedCluster('1.33', T0, true);
  cluster.store.create(barePod('web-a', { app: 'web' }));
  cluster.store.create(barePod('web-b', { app: 'web', tier: 'front' }));
  const created = cluster.store.create(replicaSet(3));
  syncReplicaSets(cluster);
  assert.deepEqual(cluster.store.get<Pod>('Pod', 'default', 'web-a')?.metadata.ownerReferences, [
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: created.metadata.uid, controller: true, blockOwnerDeletion: true },
  ]);
  assert.deepEqual(
    cluster.store.controlledBy('Pod', created).map((pod) => pod.metadata.name),
    ['web-a', 'web-b', 'web-bbbbb'],
  );
  assert.deepEqual(
    cluster.events.map((event) => event.message),
    ['Created pod: web-bbbbb'],
  );
});

// ClaimPods: a pod whose controller is another object is never adopted; one the selector does not match is ignored.
test('a ReplicaSet leaves pods of another controller and pods its selector does not match', () => {
  const cluster = new SimulatedCluster('1.33', T0, true);
  const owned = barePod('web-owned', { app: 'web' }, { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'uid-db', controller: true }] });
  cluster.store.create(owned);
  cluster.store.create(barePod('api', { app: 'api' }));
  const created = cluster.store.create(replicaSet(1));
  syncReplicaSets(cluster);
  assert.deepEqual(
    cluster.store.controlledBy('Pod', created).map((pod) => pod.metadata.name),
    ['web-bbbbb'],
  );
  assert.equal(cluster.store.get<Pod>('Pod', 'default', 'api')?.metadata.ownerReferences, undefined);
});

// ClaimPods with FilterActivePods before it (replica_set.go syncReplicaSet): finished or deleting pods are not claimed;
// a non-controller owner reference does not make a pod owned.
test('only active orphans are adopted, whatever other owner references they carry', () => {
  const finished = { ...barePod('done', { app: 'web' }), status: { phase: 'Succeeded' } };
  const deleting = barePod('leaving', { app: 'web' }, { deletionTimestamp: '2024-01-01T00:00:00Z' });
  const referenced = barePod('referenced', { app: 'web' }, { ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'c', uid: 'uid-c' }] });
  assert.deepEqual(
    podsToAdopt({ matchLabels: { app: 'web' } }, [finished, deleting, referenced]).map((pod) => pod.metadata?.name),
    ['referenced'],
  );
});

// job_controller.go getPodsForJob claims with the Job's selector: with manualSelector a running orphan matching it
// counts as active, so parallelism 2 creates one pod.
test('a Job with its own selector adopts a matching orphan pod and counts it as active', () => {
  const cluster = new SimulatedCluster('1.33', T0, true);
  cluster.store.create({ ...barePod('report-by-hand', { app: 'report' }), status: { phase: 'Running' } });
  const created = cluster.store.create(job('batch', { parallelism: 2, completions: 2, manualSelector: true, selector: { matchLabels: { app: 'report' } } }));
  syncJobs(cluster);
  assert.deepEqual(
    cluster.store.controlledBy('Pod', created).map((pod) => pod.metadata.name),
    ['report-by-hand', 'batch-bbbbb'],
  );
  assert.equal(created.status?.active, 2);
});
