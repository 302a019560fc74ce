/** StatefulSet pod identity, creation order, rolling updates and status (pkg/controller/statefulset). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { newStatefulSetPod, type StatefulSetRevisions, statefulSetStatus, syncStatefulSet } from '../../../server/src/cluster/controllers/statefulset';
import { container } from './scheduler/fixtures';
import { defaultCluster } from '../../../server/src/cluster/cluster-model';
import { planApply } from '../../../server/src/cluster/simulation';
import type { Plan } from '../../../server/src/protocol/plan';
import { validateText } from '../../../server/src/check/validate-text';

function statefulSet(replicas: number, extra: Partial<NonNullable<StatefulSet['spec']>> = {}): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default', uid: 'sts-uid' },
    spec: {
      replicas,
      serviceName: 'nginx',
      selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [container('nginx')] } },
      ...extra,
    },
  };
}

function running(pod: Pod, ready = true): Pod {
  return { ...pod, status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] } };
}

const names = (pods: Pod[]): (string | undefined)[] => pods.map((pod) => pod.metadata?.name);

/** No rollout under way: both revisions are the set's template. */
function unchanged(set: StatefulSet): StatefulSetRevisions {
  return { currentRevision: 'web-new', currentTemplate: set.spec!.template, updateRevision: 'web-new' };
}

const sync = (set: StatefulSet, pods: readonly Pod[], revisions = unchanged(set), maxUnavailableEnabled = false) => syncStatefulSet(set, pods, { revisions, maxUnavailableEnabled, now: 0 });

describe('StatefulSet pod identity', () => {
  it('names pods <set>-<ordinal> with pod-name and pod-index labels, hostname and subdomain', () => {
    const pod = newStatefulSetPod(statefulSet(3), 2);
    assert.equal(pod.metadata?.name, 'web-2');
    assert.deepEqual(pod.metadata?.labels, { app: 'nginx', 'statefulset.kubernetes.io/pod-name': 'web-2', 'apps.kubernetes.io/pod-index': '2' });
    assert.equal(pod.spec?.hostname, 'web-2');
    assert.equal(pod.spec?.subdomain, 'nginx');
  });

  it('mounts each volume claim template as the claim <template>-<pod>', () => {
    const set = statefulSet(1, { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: {} }] });
    assert.deepEqual(newStatefulSetPod(set, 0).spec?.volumes, [{ name: 'data', persistentVolumeClaim: { claimName: 'data-web-0' } }]);
  });
});

describe('StatefulSet creation order', () => {
  it('creates only the first pod of an OrderedReady set', () => {
    assert.deepEqual(names(sync(statefulSet(3), []).create), ['web-0']);
  });

  it('starts at spec.ordinals.start', () => {
    assert.deepEqual(names(sync(statefulSet(2, { ordinals: { start: 5 } }), []).create), ['web-5']);
  });

  it('waits while the previous pod is not Running and Ready', () => {
    const set = statefulSet(3);
    const result = sync(set, [running(newStatefulSetPod(set, 0), false)]);
    assert.deepEqual(result.create, []);
    assert.equal(result.waitingFor, 'waiting for web-0 to be Running and Ready');
  });

  it('creates the next pod once the previous one is Running and Ready', () => {
    const set = statefulSet(3);
    const result = sync(set, [running(newStatefulSetPod(set, 0))]);
    assert.deepEqual(names(result.create), ['web-1']);
    assert.deepEqual(
      result.events.map((event) => event.message),
      ['create Pod web-1 in StatefulSet web successful'],
    );
  });

  it('creates every missing pod at once with Parallel', () => {
    assert.deepEqual(names(sync(statefulSet(3, { podManagementPolicy: 'Parallel' }), []).create), ['web-0', 'web-1', 'web-2']);
  });

  it('scales down from the highest ordinal, one pod per sync', () => {
    const set = statefulSet(1);
    const pods = [0, 1, 2].map((ordinal) => running(newStatefulSetPod(set, ordinal)));
    assert.deepEqual(names(sync(set, pods).delete), ['web-2']);
  });
});

/** A template change: the pods run `web-old`, the set's template is `web-new`. */
const oldTemplate = { metadata: { labels: { app: 'nginx' } }, spec: { containers: [container('nginx-old')] } };
const rolling: StatefulSetRevisions = { currentRevision: 'web-old', currentTemplate: oldTemplate, updateRevision: 'web-new' };
const oldPods = (set: StatefulSet, count: number): Pod[] => Array.from({ length: count }, (_, ordinal) => running(newStatefulSetPod(set, ordinal, 'web-old')));
const rollingUpdate = (rollingUpdate: NonNullable<NonNullable<StatefulSet['spec']>['updateStrategy']>['rollingUpdate']) => ({ updateStrategy: { type: 'RollingUpdate', rollingUpdate } });

// stateful_set_control.go updateStatefulSet: "we terminate the Pod with the largest ordinal that does not match
// the update revision", for target from len(replicas)-1 down to updateMin (the partition).
describe('StatefulSet RollingUpdate', () => {
  it('deletes the outdated pod with the highest ordinal first', () => {
    const set = statefulSet(3, rollingUpdate({ partition: 0 }));
    const result = sync(set, oldPods(set, 3), rolling);
    assert.deepEqual(names(result.delete), ['web-2']);
    assert.deepEqual(
      result.events.map((event) => event.message),
      ['delete Pod web-2 in StatefulSet web successful'],
    );
  });

  it('re-creates a deleted pod above the partition at the update revision', () => {
    const set = statefulSet(3, rollingUpdate({ partition: 0 }));
    const result = sync(set, oldPods(set, 2), rolling);
    assert.deepEqual(names(result.create), ['web-2']);
    assert.equal(result.create[0]?.metadata?.labels?.['controller-revision-hash'], 'web-new');
    assert.equal(result.create[0]?.spec?.containers[0]?.name, 'nginx');
  });

  it('waits for the updated pod to be Running and Ready before the next one', () => {
    const set = statefulSet(3, rollingUpdate({ partition: 0 }));
    const pods = [...oldPods(set, 2), running(newStatefulSetPod(set, 2, 'web-new'), false)];
    const result = sync(set, pods, rolling);
    assert.deepEqual(result.delete, []);
    assert.equal(result.waitingFor, 'waiting for web-2 to be Running and Ready');
  });

  it('leaves the ordinals below the partition at the current revision', () => {
    const set = statefulSet(3, rollingUpdate({ partition: 2 }));
    const pods = [...oldPods(set, 2), running(newStatefulSetPod(set, 2, 'web-new'))];
    assert.deepEqual(sync(set, pods, rolling).delete, []);
  });

  it('creates a missing ordinal below the partition from the current revision (newVersionedStatefulSetPod)', () => {
    const set = statefulSet(3, rollingUpdate({ partition: 2 }));
    const created = sync(set, [], rolling).create[0];
    assert.equal(created?.metadata?.labels?.['controller-revision-hash'], 'web-old');
    assert.equal(created?.spec?.containers[0]?.name, 'nginx-old');
  });

  it('counts the partition from spec.ordinals.start', () => {
    const set = statefulSet(3, { ordinals: { start: 5 }, ...rollingUpdate({ partition: 1 }) });
    const pods = [5, 6, 7].map((ordinal) => running(newStatefulSetPod(set, ordinal, ordinal === 7 ? 'web-new' : 'web-old')));
    assert.deepEqual(names(sync(set, pods, rolling).delete), ['web-6']);
  });

  it('updates nothing with OnDelete', () => {
    const set = statefulSet(3, { updateStrategy: { type: 'OnDelete' } });
    const result = sync(set, oldPods(set, 3), rolling);
    assert.deepEqual(result.delete, []);
    assert.deepEqual(result.create, []);
  });

  it('ignores maxUnavailable without the MaxUnavailableStatefulSet gate: one pod at a time', () => {
    const set = statefulSet(4, rollingUpdate({ partition: 0, maxUnavailable: 2 }));
    assert.deepEqual(names(sync(set, oldPods(set, 4), rolling, false).delete), ['web-3']);
  });

  // updateStatefulSetAfterInvariantEstablished: podsToDelete = maxUnavailable - unavailablePods, highest first.
  it('replaces maxUnavailable pods at once with the gate', () => {
    const set = statefulSet(4, rollingUpdate({ partition: 0, maxUnavailable: 2 }));
    assert.deepEqual(names(sync(set, oldPods(set, 4), rolling, true).delete), ['web-3', 'web-2']);
  });

  it('counts unavailable pods against maxUnavailable with the gate', () => {
    const set = statefulSet(4, { podManagementPolicy: 'Parallel', ...rollingUpdate({ partition: 0, maxUnavailable: 2 }) });
    const pods = [...oldPods(set, 3), running(newStatefulSetPod(set, 3, 'web-new'), false)];
    assert.deepEqual(names(sync(set, pods, rolling, true).delete), ['web-2']);
  });

  // getStatefulSetMaxUnavailable: GetScaledValueFromIntOrPercent(..., replicas, false), at least 1.
  it('rounds a maxUnavailable percentage down, to at least one', () => {
    const set = statefulSet(3, rollingUpdate({ partition: 0, maxUnavailable: '50%' }));
    assert.deepEqual(names(sync(set, oldPods(set, 3), rolling, true).delete), ['web-2']);
  });
});

// computeReplicaStatus and completeRollingUpdate.
describe('StatefulSet status', () => {
  it('counts current and updated replicas during a rollout', () => {
    const set = statefulSet(3, rollingUpdate({ partition: 0 }));
    const pods = [...oldPods(set, 2), running(newStatefulSetPod(set, 2, 'web-new'))];
    const status = statefulSetStatus(set, pods, rolling, 0);
    assert.deepEqual([status.replicas, status.readyReplicas, status.currentReplicas, status.updatedReplicas, status.currentRevision, status.updateRevision], [3, 3, 2, 1, 'web-old', 'web-new']);
  });

  it('makes the update revision current once every pod is updated and Ready', () => {
    const set = statefulSet(2, rollingUpdate({ partition: 0 }));
    const pods = [0, 1].map((ordinal) => running(newStatefulSetPod(set, ordinal, 'web-new')));
    const status = statefulSetStatus(set, pods, rolling, 0);
    assert.deepEqual([status.currentReplicas, status.updatedReplicas, status.currentRevision], [2, 2, 'web-new']);
  });

  it('keeps the current revision while a partition holds pods back', () => {
    const set = statefulSet(2, rollingUpdate({ partition: 1 }));
    const pods = [running(newStatefulSetPod(set, 0, 'web-old')), running(newStatefulSetPod(set, 1, 'web-new'))];
    assert.equal(statefulSetStatus(set, pods, rolling, 0).currentRevision, 'web-old');
  });
});

function planOf(current: string, manifests: string, kubernetesVersion: '1.33' | '1.36' = '1.33'): Plan {
  const decoded = (yaml: string) => validateText(yaml, { kubernetesVersion }).objects;
  return planApply({ kubernetesVersion, cluster: defaultCluster(), current: decoded(current), manifests: decoded(manifests), newPodsReady: true, now: Date.parse('2026-03-01T10:00:00Z') });
}

const webManifest = (image: string, rollingUpdate: string): string =>
  `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\nspec: {replicas: 3, serviceName: web, updateStrategy: {type: RollingUpdate, rollingUpdate: ${rollingUpdate}}, selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: "${image}"}]}}}\n`;

// updateStatefulSet as a whole: delete the highest outdated ordinal, processReplica re-creates it at the update
// revision, and the next one goes once it is Running and Ready; the partition stops the loop.
describe('a StatefulSet rollout in the plan', () => {
  it('replaces web-2 then web-1 and keeps web-0 below partition 1', () => {
    const result = planOf(webManifest('nginx:1.26', '{partition: 1}'), webManifest('nginx:1.27', '{partition: 1}'));
    assert.deepEqual(
      result.events.filter((event) => event.object === 'StatefulSet/default/web').map((event) => event.message),
      [
        'delete Pod web-2 in StatefulSet web successful',
        'create Pod web-2 in StatefulSet web successful',
        'delete Pod web-1 in StatefulSet web successful',
        'create Pod web-1 in StatefulSet web successful',
      ],
    );
    assert.deepEqual(result.workloadRollouts, [
      { workload: 'StatefulSet/default/web', strategy: 'RollingUpdate', partition: 1, maxUnavailable: 1, maxSurge: 0, desired: 3, updated: 2, deleted: ['web-2', 'web-1'], outcome: 'partitioned' },
    ]);
  });

  it('replaces two pods at once with maxUnavailable 2 on 1.36', () => {
    const result = planOf(webManifest('nginx:1.26', '{maxUnavailable: 2}'), webManifest('nginx:1.27', '{maxUnavailable: 2}'), '1.36');
    assert.deepEqual(
      result.events.filter((event) => event.object === 'StatefulSet/default/web').map((event) => event.message),
      [
        'delete Pod web-2 in StatefulSet web successful',
        'delete Pod web-1 in StatefulSet web successful',
        'create Pod web-1 in StatefulSet web successful',
        'create Pod web-2 in StatefulSet web successful',
        'delete Pod web-0 in StatefulSet web successful',
        'create Pod web-0 in StatefulSet web successful',
      ],
    );
    assert.equal(result.workloadRollouts[0]?.outcome, 'complete');
  });
});
