/**
 * Plans from a snapshot of a real cluster (test/fixtures/plan/snapshot-mid-rollout.yaml): Deployment shop/web
 * halfway from revision 1 (nginx:1.26) to revision 2 (nginx:1.27), old ReplicaSet at 2 Ready pods, new one at 3
 * pods of which web-5f7b9d6c8d-q7w2n is not Ready. Expected values are worked by hand from
 * pkg/controller/deployment/rolling.go (rolloutRolling, reconcileNewReplicaSet, reconcileOldReplicaSets,
 * scaleDownOldReplicaSetsForRollingUpdate) and deployment/util/deployment_util.go (NewRSNewReplicas), with
 * replicas 4, maxSurge 1, maxUnavailable 1: at most 5 pods, at least 3 available.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import { readClusterFiles } from '../../../server/src/files/cluster-files';
import { clusterFromObjects } from '../../../server/src/cluster/cluster-model';
import { computePodTemplateHash } from '../../../server/src/cluster/controllers/deployment/hash';
import { loadCluster, planApply } from '../../../server/src/cluster/simulation';
import { SimulatedCluster } from '../../../server/src/cluster/simulated-cluster';
import type { Plan } from '../../../server/src/protocol/plan';
import { validateText } from '../../../server/src/check/validate-text';
import { fixturesDir } from '../../helpers/repo-paths';

const NOW = Date.parse('2026-03-01T10:07:00Z');
const SNAPSHOT = path.join(fixturesDir, 'plan', 'snapshot-mid-rollout.yaml');

/** The manifest Deployment shop/web was applied from (snapshot-web.yaml), at `image`. */
function web(image: string): string {
  return fs.readFileSync(path.join(fixturesDir, 'plan', 'snapshot-web.yaml'), 'utf8').replace('image: nginx:1.27', `image: ${image}`);
}

function decoded(yaml: string) {
  const report = validateText(yaml, { kubernetesVersion: '1.33' });
  assert.deepEqual(
    report.findings.filter((finding) => finding.severity === 'error'),
    [],
  );
  return report.objects;
}

function plan(manifests: string, current = ''): Plan {
  return planApply({
    kubernetesVersion: '1.33',
    cluster: readClusterFiles([SNAPSHOT]),
    current: current ? decoded(current) : [],
    manifests: decoded(manifests),
    newPodsReady: true,
    now: NOW,
  });
}

const shopPods = (result: Plan) => result.pods.filter((pod) => pod.namespace === 'shop');

test('pods of a snapshot are not counted twice when their Deployment is also given as what runs now', () => {
  // The snapshot's Deployment is the one --from names: applying it is an update with the same template, so the
  // controller keeps web-5f7b9d6c8d as its new ReplicaSet and finishes the rollout with the pods there are:
  // old 2 -> 1, new 3 -> 4, old 1 -> 0 (worked in the next test). Four pods, not the snapshot's five plus four.
  const result = plan(web('nginx:1.27'), web('nginx:1.27'));
  assert.equal(shopPods(result).length, 4);
  assert.deepEqual(new Set(shopPods(result).map((pod) => pod.owner)), new Set(['ReplicaSet/web-5f7b9d6c8d']));
});

/** The store after loading the snapshot and applying `manifest` over it, without letting the controllers act. */
function appliedOver(manifest: string): SimulatedCluster {
  const cluster = new SimulatedCluster('1.33', NOW, true);
  loadCluster(cluster, readClusterFiles([SNAPSHOT]));
  for (const object of decoded(manifest)) assert.equal(cluster.apply(object.apiVersion, object.kind, object.value), undefined);
  return cluster;
}

test('the objects of a snapshot are stored as they are: uids, status, revisions and owners kept', () => {
  const cluster = new SimulatedCluster('1.33', NOW, true);
  loadCluster(cluster, readClusterFiles([SNAPSHOT]));
  const deployment = cluster.store.get<Deployment>('Deployment', 'shop', 'web')!;
  assert.equal(deployment.metadata.uid, '6a0f3e21-9c4b-4d7e-8f12-3b5a7c9d1e44');
  assert.equal(deployment.status?.updatedReplicas, 3);
  const owned = cluster.store.controlledBy<ReplicaSet>('ReplicaSet', deployment);
  assert.deepEqual(
    owned.map((replicaSet) => [replicaSet.metadata.name, replicaSet.spec?.replicas, replicaSet.metadata.annotations?.['deployment.kubernetes.io/revision']]),
    [
      ['web-7c5ddbdf54', 2, '1'],
      ['web-5f7b9d6c8d', 3, '2'],
    ],
  );
  assert.deepEqual(
    owned.map((replicaSet) => cluster.store.controlledBy<Pod>('Pod', replicaSet).length),
    [2, 3],
  );
});

test('a half-finished rollout continues from where it is, and the pod that is not Ready stays so', () => {
  // rolloutRolling over old 2 (2 available) and new 3 (2 available), replicas 4, maxSurge 1, maxUnavailable 1:
  // sync 1: NewRSNewReplicas gives min(5 - 5, 4 - 3) = 0; reconcileOldReplicaSets: maxScaledDown = 5 - 3 - 1 = 1,
  //         4 available - 3 = 1 -> old 2 -> 1 (new 3, old 1, 4 pods, 3 available)
  // sync 2: min(5 - 4, 4 - 3) = 1 -> new 3 -> 4; its pod becomes Ready (new 4, old 1, 5 pods, 4 available)
  // sync 3: maxScaledDown = 5 - 3 - (4 - 3) = 1, 4 available - 3 = 1 -> old 1 -> 0 (4 pods, 3 available)
  // Three of four are available, so the rollout never completes: the controller reports ProgressDeadlineExceeded
  // once the 600 s after its last progress have passed (progress.go syncRolloutStatus).
  const result = plan(web('nginx:1.27'));
  assert.deepEqual(
    result.applied.map((answer) => answer.outcome),
    ['configured'],
  );
  const rollout = result.rollouts[0]!;
  assert.deepEqual(
    rollout.steps.map((step) => [step.new, step.old, step.total, step.available]),
    [
      [3, 1, 4, 3],
      [4, 1, 5, 4],
      [4, 0, 4, 3],
    ],
  );
  assert.equal(rollout.outcome, 'progressDeadlineExceeded');
  const stuck = result.pods.find((pod) => pod.name === 'web-5f7b9d6c8d-q7w2n')!;
  assert.deepEqual([stuck.phase, stuck.ready, stuck.ip], ['Running', false, '10.244.1.12']);
});

test('re-applying the manifest the snapshot was made from changes nothing: same generation, same ReplicaSets', () => {
  // A spec equal to the stored one leaves metadata.generation alone (registry/apps/deployment/strategy.go
  // PrepareForUpdate bumps it only when the spec differs).
  const cluster = appliedOver(web('nginx:1.27'));
  assert.equal(cluster.store.get<Deployment>('Deployment', 'shop', 'web')!.metadata.generation, 2);
});

test('a changed template applied over a snapshot Deployment bumps generation and makes a ReplicaSet of revision 3 named by its pod-template-hash', () => {
  // strategy.go PrepareForUpdate: generation 2 -> 3; sync.go getNewReplicaSet: no ReplicaSet has the template, so
  // a new one named <deployment>-<pod-template-hash> with revision max(1, 2) + 1 = 3.
  const cluster = appliedOver(web('nginx:1.28'));
  const deployment = cluster.store.get<Deployment>('Deployment', 'shop', 'web')!;
  assert.equal(deployment.metadata.generation, 3);
  const result = plan(web('nginx:1.28'));
  const created = result.events.find((event) => event.reason === 'ScalingReplicaSet' && event.message.startsWith('Scaled up replica set web-') && !event.message.includes('web-5f7b9d6c8d'));
  assert.ok(created, JSON.stringify(result.events));
  const name = /replica set (web-\w+)/.exec(created.message)![1]!;
  const hash = computePodTemplateHash(deployment.spec?.template as PodTemplateSpec);
  assert.equal(name, `web-${hash}`);
  assert.equal(shopPods(result).filter((pod) => pod.owner === `ReplicaSet/${name}`).length, 4);
  assert.equal(shopPods(result).length, 4);
});

test('applying the template of an old ReplicaSet over a snapshot reuses it as the new one, at revision 3', () => {
  // FindNewReplicaSet matches web-7c5ddbdf54 by EqualIgnoreHash; getNewReplicaSet then gives it the next revision
  // (SetNewReplicaSetAnnotations: max revision 2 + 1 = 3) instead of creating a ReplicaSet.
  const result = plan(web('nginx:1.26'));
  const owners = new Set(shopPods(result).map((pod) => pod.owner));
  assert.deepEqual(owners, new Set(['ReplicaSet/web-7c5ddbdf54']));
  assert.equal(shopPods(result).length, 4);
  assert.ok(!result.events.some((event) => event.message.includes('Scaled up replica set web-') && !/web-(7c5ddbdf54|5f7b9d6c8d)/.test(event.message)));
  assert.equal(result.rollouts[0]!.outcome, 'complete');
});

test("a Service asking for the ClusterIP a snapshot's Service holds is refused as the allocator refuses it", () => {
  // pkg/registry/core/service/ipallocator: Allocate of a taken address answers ErrAllocated, which the Service
  // REST storage reports as a field error on spec.clusterIPs.
  const result = plan('apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: shop}\nspec: {clusterIP: 10.103.41.17, ports: [{port: 80}]}\n');
  assert.deepEqual(
    result.applied.map((answer) => answer.message),
    ['Service "api" is invalid: spec.clusterIPs: Invalid value: []string{"10.103.41.17"}: failed to allocate IP 10.103.41.17: provided IP is already allocated'],
  );
});

test('pods whose owners the cluster files lack are kept with a note: no controller counts them', () => {
  const model = readClusterFiles([SNAPSHOT]);
  const withoutReplicaSets = clusterFromObjects(
    [...model.nodes, ...model.objects.filter((object) => object.kind !== 'ReplicaSet'), ...model.pods].map((object) => ({
      apiVersion: object.apiVersion!,
      kind: object.kind!,
      value: object as never,
    })),
  );
  assert.equal(withoutReplicaSets.pods.length, 5);
  assert.deepEqual(withoutReplicaSets.notes, [
    '2 pods of ReplicaSet shop/web-7c5ddbdf54, which is not in the cluster files: they take room on their nodes, but no controller of the plan counts them; include the owners (kubectl get … replicasets,deployments …) to plan on them',
    '3 pods of ReplicaSet shop/web-5f7b9d6c8d, which is not in the cluster files: they take room on their nodes, but no controller of the plan counts them; include the owners (kubectl get … replicasets,deployments …) to plan on them',
  ]);
});
