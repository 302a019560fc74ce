/**
 * The LimitRanger plugin by itself. Expectations are worked by hand from plugin/pkg/admission/limitranger/admission.go
 * (PodMutateLimitFunc, PodValidateLimitFunc, PersistentVolumeClaimValidateLimitFunc and their constraint functions),
 * with LimitRange defaulting from pkg/apis/core/v1/defaults.go (SetDefaults_LimitRangeItem).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { limitRanger } from '../../../../server/src/cluster/admission/limit-ranger';
import { harness, podOf, podYaml } from './plugin-harness';

function limitRange(limits: string): string {
  return `{apiVersion: v1, kind: LimitRange, metadata: {name: limits}, spec: {limits: [${limits}]}}`;
}

// mergeContainerResources: default → limits, defaultRequest (defaulted from default) → requests; the annotation lists
// what was set, requests before limits, names sorted.
test('a container without resources gets the default limits and requests and the limit-ranger annotation', () => {
  const h = harness();
  h.apply(limitRange('{type: Container, default: {cpu: "1", memory: 512Mi}, defaultRequest: {cpu: 500m}}'));
  const request = h.create(podYaml('p', '{name: app, image: nginx}'));
  limitRanger.admit!(request, h.context);
  const pod = podOf(request);
  assert.deepEqual(pod.spec!.containers[0]!.resources, { limits: { cpu: '1', memory: '512Mi' }, requests: { cpu: '500m', memory: '512Mi' } });
  assert.equal(pod.metadata!.annotations!['kubernetes.io/limit-ranger'], 'LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app');
});

// mergeContainerResources only fills names the container does not set.
test('a request the container sets is kept; only the missing ones are defaulted', () => {
  const h = harness();
  h.apply(limitRange('{type: Container, default: {cpu: "1", memory: 512Mi}, defaultRequest: {cpu: 500m, memory: 256Mi}}'));
  const request = h.create(podYaml('p', '{name: app, image: nginx, resources: {requests: {cpu: 100m}}}'));
  limitRanger.admit!(request, h.context);
  assert.deepEqual(podOf(request).spec!.containers[0]!.resources, { limits: { cpu: '1', memory: '512Mi' }, requests: { cpu: '100m', memory: '256Mi' } });
});

// minConstraint: "minimum %s usage per %s is %s, but request is %s", under admission.NewForbidden.
test('a request under the Container minimum is refused', () => {
  const h = harness();
  h.apply(limitRange('{type: Container, min: {cpu: 100m}}'));
  const request = h.create(podYaml('p', '{name: app, image: nginx, resources: {requests: {cpu: 50m}}}'));
  limitRanger.admit!(request, h.context);
  assert.deepEqual(limitRanger.validate!(request, h.context), { refused: 'pods "p" is forbidden: minimum cpu usage per Container is 100m, but request is 50m' });
});

// maxConstraint: the limit is checked before the request.
test('a limit over the Container maximum is refused', () => {
  const h = harness();
  h.apply(limitRange('{type: Container, max: {memory: 1Gi}}'));
  const request = h.create(podYaml('p', '{name: app, image: nginx, resources: {limits: {memory: 2Gi}}}'));
  limitRanger.admit!(request, h.context);
  assert.deepEqual(limitRanger.validate!(request, h.context), { refused: 'pods "p" is forbidden: maximum memory usage per Container is 1Gi, but limit is 2Gi' });
});

// limitRequestRatioConstraint: 1000m / 250m = 4 > 2, printed with %f.
test('a limit more than maxLimitRequestRatio times the request is refused with the ratio', () => {
  const h = harness();
  h.apply(limitRange('{type: Container, maxLimitRequestRatio: {cpu: "2"}}'));
  const request = h.create(podYaml('p', '{name: app, image: nginx, resources: {requests: {cpu: 250m}, limits: {cpu: "1"}}}'));
  assert.deepEqual(limitRanger.validate!(request, h.context), { refused: 'pods "p" is forbidden: cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000' });
});

// PodValidateLimitFunc collects every error (min before max per container) and utilerrors.NewAggregate prints [a, b].
test('several violations are joined in brackets, minimums first', () => {
  const h = harness();
  h.apply(limitRange('{type: Container, min: {cpu: 100m}, max: {memory: 1Gi}}'));
  const request = h.create(podYaml('p', '{name: app, image: nginx, resources: {requests: {cpu: 50m}, limits: {memory: 2Gi}}}'));
  limitRanger.admit!(request, h.context);
  assert.deepEqual(limitRanger.validate!(request, h.context), {
    refused: 'pods "p" is forbidden: [minimum cpu usage per Container is 100m, but request is 50m, maximum memory usage per Container is 1Gi, but limit is 2Gi]',
  });
});

// A Pod item is checked against podLimits, the sum over the containers: 600m + 600m = 1200m.
test('a Pod maximum is checked against the sum of the containers', () => {
  const h = harness();
  h.apply(limitRange('{type: Pod, max: {cpu: "1"}}'));
  const containers = '{name: a, image: nginx, resources: {limits: {cpu: 600m}}}, {name: b, image: nginx, resources: {limits: {cpu: 600m}}}';
  const request = h.create(podYaml('p', containers));
  assert.deepEqual(limitRanger.validate!(request, h.context), { refused: 'pods "p" is forbidden: maximum cpu usage per Pod is 1, but limit is 1200m' });
});

// PersistentVolumeClaimValidateLimitFunc: maxRequestConstraint on spec.resources.requests.
test('a claim requesting more storage than the PersistentVolumeClaim maximum is refused', () => {
  const h = harness();
  h.apply(limitRange('{type: PersistentVolumeClaim, max: {storage: 10Gi}}'));
  const request = h.create('{apiVersion: v1, kind: PersistentVolumeClaim, metadata: {name: data}, spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 20Gi}}}}');
  assert.deepEqual(limitRanger.validate!(request, h.context), {
    refused: 'persistentvolumeclaims "data" is forbidden: maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi',
  });
});

// SupportsAttributes: pod updates are neither defaulted nor checked.
test('a pod update is not checked', () => {
  const h = harness();
  h.apply(limitRange('{type: Container, min: {cpu: 100m}}'));
  const request = h.create(podYaml('p', '{name: app, image: nginx, resources: {requests: {cpu: 50m}}}'), 'UPDATE');
  assert.equal(limitRanger.validate!(request, h.context), undefined);
});

// runLimitFunc: no LimitRange in the namespace, nothing changes.
test('a namespace without LimitRange leaves the pod as it is', () => {
  const h = harness();
  const request = h.create(podYaml('p', '{name: app, image: nginx}'));
  limitRanger.admit!(request, h.context);
  assert.equal(podOf(request).metadata!.annotations, undefined);
  assert.equal(limitRanger.validate!(request, h.context), undefined);
});
