/** apps/v1 and batch/v1 defaulting. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyDefaults } from '../../../server/src/defaulting/index';
import type { PlainObject } from '../../../server/src/kube/plain-values';

const specOf = (apiVersion: string, kind: string, spec: PlainObject) => applyDefaults(apiVersion, kind, { apiVersion, kind, metadata: { name: 'x' }, spec })['spec'] as PlainObject;

test('a Deployment gets replicas, RollingUpdate 25%/25%, history limit and progress deadline', () => {
  const spec = specOf('apps/v1', 'Deployment', {});
  assert.equal(spec['replicas'], 1);
  assert.deepEqual(spec['strategy'], { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
  assert.equal(spec['revisionHistoryLimit'], 10);
  assert.equal(spec['progressDeadlineSeconds'], 600);
  assert.equal(spec['minReadySeconds'], undefined);
});

test('maxSurge 0 alone leaves maxUnavailable at its 25% default', () => {
  const spec = specOf('apps/v1', 'Deployment', { strategy: { rollingUpdate: { maxSurge: 0 } } });
  assert.deepEqual(spec['strategy'], { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '25%' } });
});

test('a Recreate Deployment gets no rollingUpdate', () => {
  assert.deepEqual(specOf('apps/v1', 'Deployment', { strategy: { type: 'Recreate' } })['strategy'], { type: 'Recreate' });
});

test('a Deployment template gets pod spec defaults', () => {
  const spec = specOf('apps/v1', 'Deployment', { template: { spec: { containers: [{ name: 'c', image: 'a:1' }] } } });
  assert.equal(((spec['template'] as PlainObject)['spec'] as PlainObject)['restartPolicy'], 'Always');
});

test('an apps/v1 ReplicaSet gets replicas but copies no labels', () => {
  const defaulted = applyDefaults('apps/v1', 'ReplicaSet', { spec: { template: { metadata: { labels: { app: 'a' } } } } });
  assert.equal((defaulted['spec'] as PlainObject)['replicas'], 1);
  assert.equal((defaulted['metadata'] as PlainObject | undefined)?.['labels'], undefined);
});

test('a DaemonSet rolls one pod at a time with no surge', () => {
  const spec = specOf('apps/v1', 'DaemonSet', {});
  assert.deepEqual(spec['updateStrategy'], { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
  assert.equal(spec['revisionHistoryLimit'], 10);
});

test('a StatefulSet gets OrderedReady, partition 0, Retain policies, replicas and history limit', () => {
  const spec = specOf('apps/v1', 'StatefulSet', {});
  assert.equal(spec['podManagementPolicy'], 'OrderedReady');
  assert.deepEqual(spec['updateStrategy'], { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
  assert.deepEqual(spec['persistentVolumeClaimRetentionPolicy'], { whenDeleted: 'Retain', whenScaled: 'Retain' });
  assert.equal(spec['replicas'], 1);
  assert.equal(spec['revisionHistoryLimit'], 10);
});

test('a Job with neither completions nor parallelism runs one pod once', () => {
  const spec = specOf('batch/v1', 'Job', {});
  assert.equal(spec['completions'], 1);
  assert.equal(spec['parallelism'], 1);
  assert.equal(spec['backoffLimit'], 6);
  assert.equal(spec['completionMode'], 'NonIndexed');
  assert.equal(spec['suspend'], false);
  assert.equal(spec['podReplacementPolicy'], 'TerminatingOrFailed');
});

test('a Job with parallelism only stays a work queue without completions', () => {
  const spec = specOf('batch/v1', 'Job', { parallelism: 3 });
  assert.equal(spec['completions'], undefined);
  assert.equal(spec['parallelism'], 3);
});

test('a Job with a per-index backoff limit has an unbounded global one, and podFailurePolicy means Failed replacement', () => {
  const spec = specOf('batch/v1', 'Job', { backoffLimitPerIndex: 1, podFailurePolicy: { rules: [] } });
  assert.equal(spec['backoffLimit'], 2147483647);
  assert.equal(spec['podReplacementPolicy'], 'Failed');
});

test('a Job without labels takes its template labels', () => {
  const job = applyDefaults('batch/v1', 'Job', { metadata: { name: 'j' }, spec: { template: { metadata: { labels: { app: 'a' } } } } });
  assert.deepEqual((job['metadata'] as PlainObject)['labels'], { app: 'a' });
});

test('a CronJob gets Allow, not suspended, history limits 3 and 1, and its job template no Job defaults', () => {
  const spec = specOf('batch/v1', 'CronJob', { jobTemplate: { spec: { template: { spec: { containers: [] } } } } });
  assert.equal(spec['concurrencyPolicy'], 'Allow');
  assert.equal(spec['suspend'], false);
  assert.equal(spec['successfulJobsHistoryLimit'], 3);
  assert.equal(spec['failedJobsHistoryLimit'], 1);
  const jobSpec = (spec['jobTemplate'] as PlainObject)['spec'] as PlainObject;
  assert.equal(jobSpec['backoffLimit'], undefined);
  assert.equal(((jobSpec['template'] as PlainObject)['spec'] as PlainObject)['restartPolicy'], 'Always');
});

test('a StatefulSet that names RollingUpdate without a rollingUpdate block gets no partition', () => {
  assert.deepEqual(specOf('apps/v1', 'StatefulSet', { updateStrategy: { type: 'RollingUpdate' } })['updateStrategy'], { type: 'RollingUpdate' });
});
