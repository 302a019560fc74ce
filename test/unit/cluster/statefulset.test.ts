/** StatefulSet pod identity and creation order (pkg/controller/statefulset). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { newStatefulSetPod, syncStatefulSet } from '../../../server/src/cluster/controllers/statefulset';
import { container } from './scheduler/fixtures';

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
    assert.deepEqual(names(syncStatefulSet(statefulSet(3), []).create), ['web-0']);
  });

  it('starts at spec.ordinals.start', () => {
    assert.deepEqual(names(syncStatefulSet(statefulSet(2, { ordinals: { start: 5 } }), []).create), ['web-5']);
  });

  it('waits while the previous pod is not Running and Ready', () => {
    const set = statefulSet(3);
    const sync = syncStatefulSet(set, [running(newStatefulSetPod(set, 0), false)]);
    assert.deepEqual(sync.create, []);
    assert.equal(sync.waitingFor, 'waiting for web-0 to be Running and Ready');
  });

  it('creates the next pod once the previous one is Running and Ready', () => {
    const set = statefulSet(3);
    const sync = syncStatefulSet(set, [running(newStatefulSetPod(set, 0))]);
    assert.deepEqual(names(sync.create), ['web-1']);
    assert.deepEqual(
      sync.events.map((event) => event.message),
      ['create Pod web-1 in StatefulSet web successful'],
    );
  });

  it('creates every missing pod at once with Parallel', () => {
    assert.deepEqual(names(syncStatefulSet(statefulSet(3, { podManagementPolicy: 'Parallel' }), []).create), ['web-0', 'web-1', 'web-2']);
  });

  it('scales down from the highest ordinal, one pod per sync', () => {
    const set = statefulSet(1);
    const pods = [0, 1, 2].map((ordinal) => running(newStatefulSetPod(set, ordinal)));
    assert.deepEqual(names(syncStatefulSet(set, pods).delete), ['web-2']);
  });
});
