/**
 * Settling leaves out the sync of a Deployment whose last sync wrote nothing and whose inputs (the Deployment and
 * its ReplicaSets) have not changed since, as upstream's controller only syncs a Deployment a watch event
 * enqueued (pkg/controller/deployment/deployment_controller.go updateReplicaSet, enqueueDeployment). What is left
 * out must be what a sync would have left as it was.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { defaultCluster } from '../../../server/src/cluster/cluster-model';
import { rememberQuietDeployments, settle } from '../../../server/src/cluster/settle';
import { SimulatedCluster } from '../../../server/src/cluster/simulated-cluster';
import { setCondition } from '../../../server/src/cluster/kubelet';

const NOW = Date.parse('2026-03-01T10:00:00Z');

function settledWeb(): SimulatedCluster {
  const cluster = new SimulatedCluster('1.33', NOW, true);
  for (const node of defaultCluster().nodes) cluster.load(node);
  const refused = cluster.apply('apps/v1', 'Deployment', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
  });
  assert.equal(refused, undefined);
  settle(cluster, new Set(), []);
  return cluster;
}

const web = (cluster: SimulatedCluster) => cluster.store.get<Deployment>('Deployment', 'default', 'web')!;

test('a settle with nothing changed since a sync that wrote nothing leaves the finished Deployment unsynced', () => {
  const cluster = settledWeb();
  // The first settle's last sync wrote the Deployment's status; this one's sync writes nothing.
  settle(cluster, new Set(), []);
  const before = web(cluster);
  settle(cluster, new Set(), []);
  // A sync writes the Deployment back as a new object (settle.ts syncOnce); the same object means none ran.
  assert.equal(web(cluster), before);
});

test('a pod turning not Ready in place syncs the Deployment again, as a settle that syncs every Deployment does', () => {
  const settled = settledWeb();
  const skipping = settled.fork();
  const full = settled.fork();
  full.quietDeployments.clear();
  for (const cluster of [skipping, full]) {
    // MarkPodsNotReady (pkg/controller/util/node/controller_utils.go) sets the Ready condition False on the
    // stored pod, which the model changes in place (setCondition puts a new condition where the old one was).
    const pod = cluster.store.list<Pod>('Pod')[0]!;
    const ready = pod.status!.conditions!.find((condition) => condition.type === 'Ready')!;
    setCondition(pod, { ...ready, status: 'False' });
    settle(cluster, new Set(), []);
  }
  assert.equal(web(skipping).status?.availableReplicas, 2);
  assert.deepEqual(web(skipping).status, web(full).status);
  assert.deepEqual(skipping.events, full.events);
});

test('Deployments remembered as quiet before a settle are left unsynced by it, with the status a full sync gives', () => {
  const remembered = settledWeb();
  const full = remembered.fork();
  rememberQuietDeployments(remembered);
  const before = web(remembered);
  for (const cluster of [remembered, full]) settle(cluster, new Set(), []);
  assert.equal(web(remembered), before);
  assert.deepEqual(web(remembered).status, web(full).status);
  assert.deepEqual(remembered.events, full.events);
});
