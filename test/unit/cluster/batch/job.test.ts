/**
 * The Job controller (pkg/controller/job/job_controller.go syncJob): pods per sync under parallelism and
 * completions, and how a Job ends.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { podGenerateName, syncJob } from '../../../../server/src/cluster/controllers/job';
import { NameGenerator } from '../../../../server/src/cluster/names';
import { jobNotes, syncJobs } from '../../../../server/src/cluster/run-jobs';
import { SimulatedCluster } from '../../../../server/src/cluster/simulated-cluster';
import { runJob } from '../../../oracles/job-timeline';
import { job, jobPod } from './objects';

const T0 = Date.parse('2024-01-01T00:00:00Z');

/** The API server's generateName, made deterministic as the store makes it (names.ts): `<base>bbbbb`, `<base>bbbbc`, … */
function apiServerNames(): (base: string) => string {
  const names = new NameGenerator();
  return (base) => names.generate(base, () => false);
}

test('parallelism 2 and completions 5 create 2, 2, then 1 pod and complete at the fourth sync', () => {
  const timeline = runJob(job('batch', { parallelism: 2, completions: 5 }), T0, '1.33');
  assert.deepEqual(
    timeline.steps.map((step) => step.createdPods.length),
    [2, 2, 1, 0],
  );
  assert.equal(timeline.job.status?.succeeded, 5);
  assert.deepEqual(
    timeline.steps.at(-1)!.events.map((event) => [event.reason, event.message]),
    [['Completed', 'Job completed']],
  );
});

test('each created pod is reported as upstream words it', () => {
  const result = syncJob(job('batch', { parallelism: 2, completions: 2 }), [], T0, '1.33', apiServerNames());
  assert.deepEqual(
    result.events.map((event) => [event.type, event.reason, event.object, event.message]),
    [
      ['Normal', 'SuccessfulCreate', 'Job/default/batch', 'Created pod: batch-bbbbb'],
      ['Normal', 'SuccessfulCreate', 'Job/default/batch', 'Created pod: batch-bbbbc'],
    ],
  );
  assert.equal(result.status.active, 2);
  assert.equal(result.status.startTime, '2024-01-01T00:00:00Z');
});

test('pods of a Job carry its template labels and a controller reference to it', () => {
  const [pod] = syncJob(job('batch'), [], T0, '1.33', apiServerNames()).createdPods;
  assert.deepEqual(pod!.metadata?.labels, { app: 'report' });
  assert.deepEqual(
    pod!.metadata?.ownerReferences?.map((owner) => [owner.kind, owner.name, owner.controller]),
    [['Job', 'batch', true]],
  );
});

test('a running Job with enough active pods creates none', () => {
  const result = syncJob(job('batch', { parallelism: 2, completions: 4 }), [jobPod('batch', 'batch-1', 'Running'), jobPod('batch', 'batch-2', 'Running')], T0, '1.33', apiServerNames());
  assert.deepEqual(result.createdPods, []);
});

test('a work queue Job completes once a pod succeeded and none is active', () => {
  const workQueue = job('queue', { parallelism: 3, completions: undefined });
  delete workQueue.spec!.completions;
  const running = syncJob(workQueue, [jobPod('queue', 'queue-1', 'Succeeded'), jobPod('queue', 'queue-2', 'Running')], T0, '1.33', apiServerNames());
  assert.deepEqual([running.createdPods.length, running.status.conditions], [0, undefined]);
  const done = syncJob(workQueue, [jobPod('queue', 'queue-1', 'Succeeded'), jobPod('queue', 'queue-2', 'Succeeded')], T0, '1.33', apiServerNames());
  assert.deepEqual(
    done.status.conditions?.map((condition) => condition.type),
    ['SuccessCriteriaMet', 'Complete'],
  );
});

test('a completed Job records SuccessCriteriaMet then Complete from 1.31, Complete alone in 1.30', () => {
  const pods = [jobPod('batch', 'batch-1', 'Succeeded')];
  const recent = syncJob(job('batch'), pods, T0, '1.33', apiServerNames()).status;
  assert.deepEqual(
    recent.conditions?.map((c) => [c.type, c.reason, c.message]),
    [
      ['SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods'],
      ['Complete', 'CompletionsReached', 'Reached expected number of succeeded pods'],
    ],
  );
  assert.equal(recent.completionTime, '2024-01-01T00:00:00Z');
  assert.deepEqual(
    syncJob(job('batch'), pods, T0, '1.30', apiServerNames()).status.conditions?.map((c) => [c.type, c.reason]),
    [['Complete', undefined]],
  );
});

test('more failed pods than backoffLimit fail the Job', () => {
  const pods = [jobPod('batch', 'batch-1', 'Failed'), jobPod('batch', 'batch-2', 'Failed'), jobPod('batch', 'batch-3', 'Running')];
  const atLimit = syncJob(job('batch', { backoffLimit: 2 }), pods.slice(0, 2), T0, '1.33', apiServerNames());
  assert.equal(atLimit.status.conditions, undefined);
  assert.equal(atLimit.createdPods.length, 1);
  const beyond = syncJob(job('batch', { backoffLimit: 1 }), pods, T0, '1.33', apiServerNames());
  assert.deepEqual(
    beyond.status.conditions?.map((c) => [c.type, c.reason, c.message]),
    [
      ['FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
      ['Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
    ],
  );
  assert.deepEqual(beyond.deletedPods, ['batch-3']);
  assert.deepEqual(
    beyond.events.map((event) => [event.type, event.reason]),
    [['Warning', 'BackoffLimitExceeded']],
  );
});

test('a Job active longer than activeDeadlineSeconds fails', () => {
  const started = job('batch', { activeDeadlineSeconds: 60 }, { startTime: '2024-01-01T00:00:00Z' });
  assert.equal(syncJob(started, [jobPod('batch', 'batch-1', 'Running')], T0 + 59_000, '1.33', apiServerNames()).status.conditions, undefined);
  const late = syncJob(started, [jobPod('batch', 'batch-1', 'Running')], T0 + 60_000, '1.33', apiServerNames());
  assert.deepEqual(late.status.conditions?.at(-1)?.message, 'Job was active longer than specified deadline');
  assert.equal(late.status.conditions?.at(-1)?.reason, 'DeadlineExceeded');
});

test('an Indexed Job gives each pod its completion index and completes when every index succeeded', () => {
  const indexed = job('idx', { completionMode: 'Indexed', completions: 3, parallelism: 3 });
  const first = syncJob(indexed, [], T0, '1.33', apiServerNames());
  assert.deepEqual(
    first.createdPods.map((pod) => [pod.metadata?.name, pod.metadata?.annotations?.['batch.kubernetes.io/job-completion-index'], pod.spec?.hostname]),
    [
      ['idx-0-bbbbb', '0', 'idx-0'],
      ['idx-1-bbbbb', '1', 'idx-1'],
      ['idx-2-bbbbb', '2', 'idx-2'],
    ],
  );
  const timeline = runJob(indexed, T0, '1.33');
  assert.equal(timeline.job.status?.completedIndexes, '0-2');
});

test('a suspended Job creates no pods', () => {
  assert.deepEqual(syncJob(job('batch', { suspend: true }), [], T0, '1.33', apiServerNames()).createdPods, []);
});

test('pods still running when enough pods succeeded are deleted with the completed Job', () => {
  const pods = [jobPod('batch', 'batch-1', 'Succeeded'), jobPod('batch', 'batch-2', 'Succeeded'), jobPod('batch', 'batch-3', 'Running')];
  const result = syncJob(job('batch', { parallelism: 3, completions: 2 }), pods, T0, '1.33', apiServerNames());
  assert.deepEqual([result.status.conditions?.at(-1)?.type, result.deletedPods, result.status.active], ['Complete', ['batch-3'], undefined]);
});

// job_controller.go manageJob → controller_utils.go GetPodFromTemplate: a Job's pods are created with
// generateName `<job>-`, so the API server names them `<job>-` and 5 characters of bcdfghjklmnpqrstvwxz2456789.
test('a Job names its pods by generateName <job>- and five generated characters', () => {
  const [pod] = syncJob(job('batch'), [], T0, '1.33', apiServerNames()).createdPods;
  assert.equal(pod!.metadata?.generateName, 'batch-');
  assert.match(pod!.metadata?.name ?? '', /^batch-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
});

// indexed_job_utils.go podGenerateNameWithIndex: `<job>-<index>-`; past 58 characters the job name is cut, the index kept.
test('an Indexed Job pod generateName keeps the index when the job name is cut to 58 characters', () => {
  assert.equal(podGenerateName('idx', 7), 'idx-7-');
  const long = 'j'.repeat(60);
  assert.equal(podGenerateName(long, 12), `${'j'.repeat(58 - 4)}-12-`);
  assert.equal(podGenerateName('batch', undefined), 'batch-');
});

// job_controller.go manageJob: an Indexed Job's pod carries the completion index as annotation and label
// (addCompletionIndexAnnotation, addCompletionIndexLabel), hostname `<job>-<index>`.
test('an Indexed Job pod carries the completion index label and the hostname <job>-<index>', () => {
  const indexed = job('idx', { completionMode: 'Indexed', completions: 2, parallelism: 1 });
  const [pod] = syncJob(indexed, [], T0, '1.33', apiServerNames()).createdPods;
  assert.equal(pod!.metadata?.labels?.['batch.kubernetes.io/job-completion-index'], '0');
  assert.equal(pod!.spec?.hostname, 'idx-0');
});

// indexed_job_utils.go addCompletionIndexEnvVariable: JOB_COMPLETION_INDEX from the annotation, unless the container sets it.
test('an Indexed Job pod gets JOB_COMPLETION_INDEX from its annotation in each container that does not set it', () => {
  const indexed = job('idx', { completionMode: 'Indexed', completions: 1 });
  indexed.spec!.template = {
    spec: {
      restartPolicy: 'Never',
      containers: [
        { name: 'a', image: 'a:1' },
        { name: 'b', image: 'b:1', env: [{ name: 'JOB_COMPLETION_INDEX', value: 'mine' }] },
      ],
    },
  };
  const [pod] = syncJob(indexed, [], T0, '1.33', apiServerNames()).createdPods;
  assert.deepEqual(
    pod!.spec?.containers.map((container) => container.env),
    [
      [{ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } }],
      [{ name: 'JOB_COMPLETION_INDEX', value: 'mine' }],
    ],
  );
});

// The plan's timing model: containers without kubeplan.dev/exit-code never exit, so a Job stays active; job_controller.go pastActiveDeadline
// fails it once now − startTime ≥ activeDeadlineSeconds, which the plan states instead of reaching.
test('a plan notes that a Job stays active and when its activeDeadlineSeconds would fail it', () => {
  const cluster = new SimulatedCluster('1.33', T0, true);
  cluster.store.create(job('batch', { parallelism: 2, completions: 3, activeDeadlineSeconds: 600 }));
  syncJobs(cluster);
  assert.deepEqual(
    cluster.store.list('Pod').map((pod) => pod.metadata.name),
    ['batch-bbbbb', 'batch-bbbbc'],
  );
  assert.deepEqual(jobNotes(cluster.store), [
    'Job default/batch: its pods are assumed to keep running (containers never exit in a plan unless the pod template is annotated kubeplan.dev/exit-code), so it shows 2 active pods of 3 completions and does not complete; unless it completes first, it fails with DeadlineExceeded at 2024-01-01T00:10:00Z',
  ]);
});
