/**
 * The ReplicationController controller: the ReplicaSet controller's code over the ReplicationController converted to
 * a ReplicaSet [pkg/controller/replication/replication_controller.go : NewReplicationManager; conversion.go :
 * convertRCtoRS; pkg/controller/replicaset/replica_set.go : manageReplicas; pkg/controller/controller_utils.go :
 * CreatePodsWithControllerRef, whose events read `Created pod: <name>` on the controller].
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, ReplicationController } from 'kubernetes-types/core/v1';
import { defaultCluster } from '../../../../server/src/cluster/cluster-model';
import { replicaSetOfReplicationController } from '../../../../server/src/cluster/controllers/replicaset/index';
import { converge } from '../../../../server/src/cluster/converge';
import { syncReplicaSets } from '../../../../server/src/cluster/run-replica-sets';
import { SimulatedCluster } from '../../../../server/src/cluster/simulated-cluster';
import type { PlainObject } from '../../../../server/src/kube/plain-values';

const T0 = Date.parse('2024-01-01T00:00:00Z');

/** A ReplicationController as written in a manifest: no selector, so the API server takes the template's labels. */
function manifest(replicas: number): PlainObject {
  return {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { name: 'legacy' },
    spec: { replicas, template: { metadata: { labels: { app: 'legacy' } }, spec: { containers: [{ name: 'app', image: 'app:1', resources: { requests: { cpu: '100m' } } }] } } },
  };
}

function clusterWithNodes(): SimulatedCluster {
  const cluster = new SimulatedCluster('1.33', T0, true);
  for (const node of defaultCluster().nodes) cluster.load(structuredClone(node));
  return cluster;
}

// manageReplicas creates the missing replicas from the template, named by generateName `<rc>-` and owned by the
// ReplicationController (controllerKind v1 ReplicationController), each reported on the ReplicationController.
test('a ReplicationController creates its replicas, owned by it, with the events on it', () => {
  const cluster = clusterWithNodes();
  cluster.apply('v1', 'ReplicationController', manifest(2));
  syncReplicaSets(cluster);
  const controller = cluster.store.get<ReplicationController>('ReplicationController', 'default', 'legacy')!;
  const pods = cluster.store.controlledBy<Pod>('Pod', controller);
  assert.deepEqual(
    pods.map((pod) => [pod.metadata.name, pod.metadata.labels]),
    [
      ['legacy-bbbbb', { app: 'legacy' }],
      ['legacy-bbbbc', { app: 'legacy' }],
    ],
  );
  assert.deepEqual(pods[0]!.metadata.ownerReferences, [
    { apiVersion: 'v1', kind: 'ReplicationController', name: 'legacy', uid: controller.metadata.uid, controller: true, blockOwnerDeletion: true },
  ]);
  assert.deepEqual(
    cluster.events.map((event) => [event.reason, event.object, event.message]),
    [
      ['SuccessfulCreate', 'ReplicationController/default/legacy', 'Created pod: legacy-bbbbb'],
      ['SuccessfulCreate', 'ReplicationController/default/legacy', 'Created pod: legacy-bbbbc'],
    ],
  );
});

// replica_set_utils.go calculateStatus, written back to the ReplicationController by the adapter: 2 Running and
// Ready pods with minReadySeconds 0 are replicas, fully labeled, ready and available.
test('a ReplicationController gets the status the ReplicaSet controller computes', () => {
  const cluster = clusterWithNodes();
  cluster.apply('v1', 'ReplicationController', manifest(2));
  converge(cluster);
  const controller = cluster.store.get<ReplicationController>('ReplicationController', 'default', 'legacy')!;
  assert.deepEqual(controller.status, { replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 });
});

// manageReplicas with diff > 0, getPodsToDelete: both pods alike (Running, Ready and created at the same instant,
// one per node), ActivePodsWithRanks.Less falls through to equal and the first listed goes, reported as
// `Deleted pod: <name>` on the ReplicationController.
test('a ReplicationController scaled down deletes the extra pod', () => {
  const cluster = clusterWithNodes();
  cluster.apply('v1', 'ReplicationController', manifest(2));
  converge(cluster);
  cluster.events.length = 0;
  cluster.apply('v1', 'ReplicationController', manifest(1));
  converge(cluster);
  const controller = cluster.store.get<ReplicationController>('ReplicationController', 'default', 'legacy')!;
  assert.equal(cluster.store.controlledBy('Pod', controller).length, 1);
  assert.deepEqual(
    cluster.events.map((event) => [event.reason, event.object, event.message]),
    [['SuccessfulDelete', 'ReplicationController/default/legacy', 'Deleted pod: legacy-bbbbb']],
  );
});

// conversion.go convertRCtoRS (Convert_v1_ReplicationControllerSpec_To_apps_ReplicaSetSpec): the map selector becomes
// matchLabels; replicas, minReadySeconds and the template carry over.
test('a ReplicationController reads as a ReplicaSet with its selector as matchLabels', () => {
  const converted = replicaSetOfReplicationController({
    metadata: { name: 'legacy' },
    spec: { replicas: 3, minReadySeconds: 5, selector: { app: 'legacy' }, template: { spec: { containers: [] } } },
  });
  assert.deepEqual(converted.spec, { replicas: 3, minReadySeconds: 5, selector: { matchLabels: { app: 'legacy' } }, template: { spec: { containers: [] } } });
});

// ClaimPods, as for ReplicaSets: a bare pod matching the selector is adopted and counted.
test('a ReplicationController adopts a matching orphan pod', () => {
  const cluster = clusterWithNodes();
  cluster.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'by-hand', labels: { app: 'legacy' } }, spec: { containers: [{ name: 'app', image: 'app:1' }] } });
  cluster.apply('v1', 'ReplicationController', manifest(2));
  syncReplicaSets(cluster);
  const controller = cluster.store.get<ReplicationController>('ReplicationController', 'default', 'legacy')!;
  assert.deepEqual(
    cluster.store.controlledBy('Pod', controller).map((pod) => pod.metadata.name),
    ['by-hand', 'legacy-bbbbb'],
  );
});
