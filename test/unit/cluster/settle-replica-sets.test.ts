/**
 * What a Deployment's sync reads of the store's ReplicaSets: its own through the owner index, and the namespace's
 * ReplicaSet of a name when it creates one, since a new ReplicaSet's name may be taken by one it does not own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { defaultCluster } from '../../../server/src/cluster/cluster-model';
import { settle } from '../../../server/src/cluster/settle';
import { SimulatedCluster } from '../../../server/src/cluster/simulated-cluster';
import type { PlainObject } from '../../../server/src/kube/plain-values';

const NOW = Date.parse('2026-03-01T10:00:00Z');

const webDeployment: PlainObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
};

function newCluster(): SimulatedCluster {
  const cluster = new SimulatedCluster('1.33', NOW, true);
  for (const node of defaultCluster().nodes) cluster.load(node);
  return cluster;
}

/** The name web's first ReplicaSet gets (`web-<pod-template-hash>` of collisionCount 0). */
function firstReplicaSetName(): string {
  const cluster = newCluster();
  cluster.apply('apps/v1', 'Deployment', webDeployment);
  settle(cluster, new Set(), []);
  return cluster.store.list<ReplicaSet>('ReplicaSet')[0]!.metadata.name;
}

// pkg/controller/deployment/sync.go getNewReplicaSet: when the create fails with AlreadyExists and the existing
// ReplicaSet is not controlled by the Deployment (or has another template), status.collisionCount goes up and the
// next sync computes the hash again with it.
test('a new ReplicaSet whose name another controller holds raises collisionCount, and the next name is used', () => {
  const taken = firstReplicaSetName();
  const cluster = newCluster();
  cluster.load({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: taken, namespace: 'default', uid: 'squatter', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'other', uid: 'other-uid', controller: true }] },
    spec: { replicas: 0, selector: { matchLabels: { app: 'other' } }, template: { metadata: { labels: { app: 'other' } }, spec: { containers: [{ name: 'other', image: 'busybox' }] } } },
  });
  cluster.apply('apps/v1', 'Deployment', webDeployment);
  settle(cluster, new Set(), []);
  const web = cluster.store.get<Deployment>('Deployment', 'default', 'web')!;
  assert.equal(web.status?.collisionCount, 1);
  const owned = cluster.store.controlledBy<ReplicaSet>('ReplicaSet', web);
  assert.equal(owned.length, 1);
  assert.notEqual(owned[0]!.metadata.name, taken);
  assert.equal(owned[0]!.status?.readyReplicas, 2);
  assert.equal(cluster.store.get<ReplicaSet>('ReplicaSet', 'default', taken)?.metadata.uid, 'squatter');
});

// pkg/controller/deployment/deployment_controller.go getReplicaSetsForDeployment → ClaimReplicaSets: an orphan
// whose labels the selector matches is adopted (an owner reference with controller: true is added).
test('an orphan ReplicaSet the selector matches is adopted by the Deployment', () => {
  const cluster = newCluster();
  cluster.load({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-orphan', namespace: 'default', labels: { app: 'web' } },
    spec: { replicas: 0, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } } },
  });
  cluster.apply('apps/v1', 'Deployment', webDeployment);
  settle(cluster, new Set(), []);
  const web = cluster.store.get<Deployment>('Deployment', 'default', 'web')!;
  const names = cluster.store.controlledBy<ReplicaSet>('ReplicaSet', web).map((replicaSet) => replicaSet.metadata.name);
  assert.ok(names.includes('web-orphan'));
});
