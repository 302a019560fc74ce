/**
 * Service and workload outages while a scenario plays. A pod marked for deletion stops being a ready endpoint:
 * staging/src/k8s.io/endpointslice/utils.go podToEndpoint sets ready = serving && !terminating, terminating being
 * a set deletionTimestamp. Looking again at one changed pod must find what looking at every Service finds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import { SimulatedClock } from '../../../../server/src/cluster/clock';
import { OutageTracker } from '../../../../server/src/cluster/scenarios/outages';
import { ObjectStore, type Stored } from '../../../../server/src/cluster/store';

const START = Date.parse('2026-01-01T00:00:00Z');

function readyPod(name: string, app: string, ip: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app } },
    spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'app:1', ports: [{ containerPort: 8080 }] }] },
    status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

function service(name: string): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] } };
}

function twoServices(): { store: ObjectStore; web: Stored<Pod>; api: Stored<Pod> } {
  const store = new ObjectStore(new SimulatedClock(START));
  store.load<Node>({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } });
  store.load(service('web'));
  store.load(service('api'));
  return { store, web: store.load(readyPod('web-1', 'web', '10.0.0.1')), api: store.load(readyPod('api-1', 'api', '10.0.0.2')) };
}

test('a pod marked for deletion takes its Service out when it was the only ready endpoint', () => {
  const { store, web } = twoServices();
  const tracker = new OutageTracker(store);
  (web.metadata as { deletionTimestamp?: string }).deletionTimestamp = '2026-01-01T00:05:30Z';
  tracker.observeChangedPod(web, 300, 'default/web-1 deleted on unreachable node node-1');
  assert.deepEqual(tracker.outages, [{ service: 'default/web', port: 80, from: 300, to: null, reason: 'default/web-1 deleted on unreachable node node-1' }]);
});

test('after a pod is deleted from the store, a look at one changed pod looks at every Service', () => {
  const { store, web, api } = twoServices();
  const tracker = new OutageTracker(store);
  store.delete(api);
  (web.metadata as { deletionTimestamp?: string }).deletionTimestamp = '2026-01-01T00:05:30Z';
  tracker.observeChangedPod(web, 300, 'evicted');
  assert.deepEqual(
    tracker.outages.map((outage) => outage.service),
    ['default/web', 'default/api'],
  );
});

test('readiness lost and regained in place is seen at each observation, though nothing was stored', () => {
  const { store, web } = twoServices();
  const tracker = new OutageTracker(store);
  const ready = web.status!.conditions![0]!;
  ready.status = 'False';
  tracker.observe(40, 'node-1 not Ready');
  ready.status = 'True';
  tracker.observe(70, 'settled');
  assert.deepEqual(tracker.outages, [{ service: 'default/web', port: 80, from: 40, to: 70, reason: 'node-1 not Ready' }]);
  assert.deepEqual(tracker.workloadOutages, []);
});

test('a pod whose node is deleted is no endpoint any more, though the pod itself did not change (the EndpointSlice controller skips pods of missing nodes)', () => {
  const { store } = twoServices();
  const tracker = new OutageTracker(store);
  store.delete(store.get<Node>('Node', '', 'node-1')!);
  tracker.observe(10, 'node-1 deleted');
  assert.deepEqual(
    tracker.outages.map((outage) => [outage.service, outage.from, outage.to]),
    [
      ['default/web', 10, null],
      ['default/api', 10, null],
    ],
  );
});
