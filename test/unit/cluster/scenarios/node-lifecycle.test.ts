/**
 * The node lifecycle controller's zone rules (kubernetes pkg/controller/nodelifecycle/node_lifecycle_controller.go
 * ComputeZoneState, setLimiterInZone, HealthyQPSFunc, ReducedQPSFunc; defaults from
 * cmd/kube-controller-manager/app/options/nodelifecyclecontroller.go AddFlags: --unhealthy-zone-threshold 0.55,
 * --large-cluster-size-threshold 50, --node-eviction-rate 0.1, --secondary-node-eviction-rate 0.01).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeZoneState, nodeMonitorGracePeriodSeconds, taintingRate, zoneKey } from '../../../../server/src/cluster/scenarios/node-lifecycle';

test('a zone with no Ready node is in FullDisruption', () => {
  assert.deepEqual(computeZoneState([false, false]), { notReady: 2, state: 'FullDisruption' });
});

// 3 of 5 is 0.6, at least 0.55, and more than 2.
test('a zone with more than 2 not-Ready nodes making at least 55% of it is in PartialDisruption', () => {
  assert.deepEqual(computeZoneState([false, false, false, true, true]), { notReady: 3, state: 'PartialDisruption' });
});

// 2 of 3 is 0.67, but not more than 2 nodes.
test('a zone with only 2 not-Ready nodes stays Normal whatever the fraction', () => {
  assert.deepEqual(computeZoneState([false, false, true]), { notReady: 2, state: 'Normal' });
});

test('a PartialDisruption zone of 50 nodes or fewer gets no NoExecute taints', () => {
  assert.equal(taintingRate('PartialDisruption', 50, false), 0);
});

test('a PartialDisruption zone of more than 50 nodes is tainted at the secondary rate', () => {
  assert.equal(taintingRate('PartialDisruption', 51, false), 0.01);
});

test('a FullDisruption zone is tainted at the healthy rate unless every zone is fully disrupted', () => {
  assert.equal(taintingRate('FullDisruption', 2, false), 0.1);
  assert.equal(taintingRate('FullDisruption', 2, true), 0);
});

// RecommendedDefaultNodeLifecycleControllerConfiguration; kubernetes#126287 raised it in 1.32.
test('the node monitor grace period is 40s before Kubernetes 1.32 and 50s from it', () => {
  assert.equal(nodeMonitorGracePeriodSeconds('1.30'), 40);
  assert.equal(nodeMonitorGracePeriodSeconds('1.32'), 50);
});

// component-helpers node/topology GetZoneKey.
test('the zone key joins region and zone, and is empty for a node with neither label', () => {
  assert.equal(zoneKey({ metadata: { labels: { 'topology.kubernetes.io/region': 'eu-west-1', 'topology.kubernetes.io/zone': 'eu-west-1a' } } }), 'eu-west-1:\x00:eu-west-1a');
  assert.equal(zoneKey({ metadata: {} }), '');
});
