/**
 * The HorizontalPodAutoscaler controller without metrics (pkg/controller/podautoscaler/horizontal.go
 * reconcileAutoscaler): the target's replicas are moved into [minReplicas, maxReplicas] before any metric is read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import { reconcileAutoscaler } from '../../../../server/src/cluster/controllers/horizontal-pod-autoscaler';
import { defaultCluster } from '../../../../server/src/cluster/cluster-model';
import { planApply } from '../../../../server/src/cluster/simulation';
import { validateText } from '../../../../server/src/check/validate-text';

const T0 = Date.parse('2026-03-01T10:00:00Z');

function autoscaler(minReplicas: number, maxReplicas: number): HorizontalPodAutoscaler {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'default' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas, maxReplicas },
  };
}

const conditionsOf = (status: HorizontalPodAutoscaler['status']) => status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message]);

// reconcileAutoscaler: `currentReplicas < minReplicas` → desiredReplicas = minReplicas, rescaleReason
// "Current number of replicas below Spec.MinReplicas"; the event "New size: %d; reason: %s".
test('a target below minReplicas is scaled up to minReplicas with the SuccessfulRescale event', () => {
  const result = reconcileAutoscaler(autoscaler(3, 10), { replicas: 1 }, T0);
  assert.equal(result.rescaleTo, 3);
  assert.deepEqual(
    result.events.map((event) => [event.type, event.reason, event.object, event.message]),
    [['Normal', 'SuccessfulRescale', 'HorizontalPodAutoscaler/default/web', 'New size: 3; reason: Current number of replicas below Spec.MinReplicas']],
  );
});

// reconcileAutoscaler: `currentReplicas > MaxReplicas` → desiredReplicas = MaxReplicas.
test('a target above maxReplicas is scaled down to maxReplicas', () => {
  const result = reconcileAutoscaler(autoscaler(1, 4), { replicas: 9 }, T0);
  assert.equal(result.rescaleTo, 4);
  assert.equal(result.events[0]?.message, 'New size: 4; reason: Current number of replicas above Spec.MaxReplicas');
});

// reconcileAutoscaler then setStatus: AbleToScale SucceededGetScale, replaced by SucceededRescale after the
// update; currentReplicas is what the scale said, desiredReplicas the new size, lastScaleTime the time of it.
test('a rescale records SucceededRescale, the replicas before and after, and lastScaleTime', () => {
  const { status } = reconcileAutoscaler(autoscaler(3, 10), { replicas: 1 }, T0);
  assert.deepEqual(conditionsOf(status), [['AbleToScale', 'True', 'SucceededRescale', 'the HPA controller was able to update the target scale to 3']]);
  assert.deepEqual([status.currentReplicas, status.desiredReplicas, status.lastScaleTime], [1, 3, '2026-03-01T10:00:00Z']);
});

// reconcileAutoscaler: within the range the controller goes on to the metrics, which a plan does not have.
test('a target within the range keeps its replicas', () => {
  const result = reconcileAutoscaler(autoscaler(2, 5), { replicas: 4 }, T0);
  assert.deepEqual([result.rescaleTo, result.events, result.status.desiredReplicas], [undefined, [], 4]);
});

// reconcileAutoscaler: `scale.Spec.Replicas == 0 && minReplicas != 0` disables autoscaling.
test('a target scaled to zero is left alone with ScalingActive False ScalingDisabled', () => {
  const result = reconcileAutoscaler(autoscaler(2, 5), { replicas: 0 }, T0);
  assert.equal(result.rescaleTo, undefined);
  assert.deepEqual(conditionsOf(result.status)?.[1], ['ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero']);
});

// reconcileAutoscaler: scaleForResourceMappings fails → FailedGetScale event with the API error, AbleToScale False.
test('a missing target gives FailedGetScale with the API server NotFound error', () => {
  const result = reconcileAutoscaler(autoscaler(2, 5), { error: 'deployments.apps "web" not found' }, T0);
  assert.deepEqual(
    result.events.map((event) => [event.type, event.reason, event.message]),
    [['Warning', 'FailedGetScale', 'deployments.apps "web" not found']],
  );
  assert.deepEqual(conditionsOf(result.status), [['AbleToScale', 'False', 'FailedGetScale', 'the HPA controller was unable to get the target\'s current scale: deployments.apps "web" not found']]);
});

const container = '{name: app, image: "nginx:1.27", resources: {requests: {cpu: 100m, memory: 64Mi}}}';
const manifests = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec: {replicas: 1, selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [${container}]}}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 3
  maxReplicas: 10
`;

test('a plan scales the target of an autoscaler up to minReplicas and says it assumed no metrics', () => {
  const plan = planApply({
    kubernetesVersion: '1.33',
    cluster: defaultCluster(),
    current: [],
    manifests: validateText(manifests, { kubernetesVersion: '1.33' }).objects,
    newPodsReady: true,
    now: T0,
  });
  assert.equal(plan.rollouts[0]?.steps.at(-1)?.available, 3);
  assert.ok(plan.events.some((event) => event.reason === 'SuccessfulRescale' && event.message === 'New size: 3; reason: Current number of replicas below Spec.MinReplicas'));
  assert.ok(plan.notes.some((note) => note.startsWith('HorizontalPodAutoscaler default/web: no metrics were assumed')));
});
