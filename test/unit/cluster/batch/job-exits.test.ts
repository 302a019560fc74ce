/**
 * Jobs whose pods end in the plan (`kubeplan.dev/exit-code` on the pod template, docs/timing-model.md): the clock
 * moves to each pod's exit and to the end of each back-off and deadline, and the Job controller
 * (pkg/controller/job/job_controller.go syncJob) finishes the Job as upstream does. Expected times are worked by hand
 * from upstream's rules, cited beside each test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Job, JobSpec } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { defaultCluster } from '../../../../server/src/cluster/cluster-model';
import { indexIntervals, matchPodFailurePolicy, matchSuccessPolicy, podFailureBackoffRemaining, syncJob } from '../../../../server/src/cluster/controllers/job';
import { NameGenerator } from '../../../../server/src/cluster/names';
import { converge } from '../../../../server/src/cluster/converge';
import { plannedExit } from '../../../../server/src/cluster/kubelet';
import { jobNotes } from '../../../../server/src/cluster/run-jobs';
import { SimulatedCluster } from '../../../../server/src/cluster/simulated-cluster';
import type { KubernetesVersion } from '../../../../server/src/schema/versions';
import { job, jobPod } from './objects';

const T0 = Date.parse('2024-01-01T00:00:00Z');

/** A Job whose pods exit with `exitCode` after `runSeconds`, under `restartPolicy`. */
function exitingJob(name: string, exit: { exitCode: number; runSeconds?: number; restartPolicy?: string }, spec: Partial<JobSpec> = {}): Job {
  const annotations: Record<string, string> = { 'kubeplan.dev/exit-code': String(exit.exitCode) };
  if (exit.runSeconds !== undefined) annotations['kubeplan.dev/run-seconds'] = String(exit.runSeconds);
  return job(name, {
    template: {
      metadata: { labels: { app: name }, annotations },
      spec: { restartPolicy: exit.restartPolicy ?? 'Never', containers: [{ name: 'main', image: 'main:1', resources: { requests: { cpu: '100m' } } }] },
    },
    ...spec,
  });
}

/** The Job created in a cluster of the default nodes, run until nothing waits any more. */
function run(created: Job, version: KubernetesVersion = '1.33') {
  const cluster = new SimulatedCluster(version, T0, true);
  for (const node of defaultCluster().nodes) cluster.load(structuredClone(node));
  cluster.store.create(created);
  converge(cluster);
  const stored = cluster.store.get<Job>('Job', 'default', created.metadata?.name ?? '')!;
  const pods = cluster.store.list<Pod>('Pod');
  return { cluster, job: stored, pods };
}

const conditionsOf = (finished: Job) => finished.status?.conditions?.map((condition) => [condition.type, condition.reason, condition.message, condition.lastTransitionTime]);

// backoff_utils.go getRemainingTimeForFailuresCount: after the n-th failure since the last success a replacement
// waits 10 s · 2^(n−1), counted from that failure. Pods run 5 s: #1 00:00–00:05, #2 00:15–00:20 (10 s after 00:05),
// #3 00:40–00:45 (20 s after 00:20). job_controller.go syncJob: 3 failed > backoffLimit 2 fails the Job at 00:45
// with BackoffLimitExceeded; from 1.31 the interim FailureTarget comes first with the same reason and message.
test('a failing pod is replaced after 10 s, then 20 s, and the Job fails with BackoffLimitExceeded once failures pass backoffLimit', () => {
  const result = run(exitingJob('migrate', { exitCode: 1, runSeconds: 5 }, { backoffLimit: 2 }));
  assert.deepEqual(
    result.pods.map((pod) => [pod.metadata?.creationTimestamp, pod.status?.phase]),
    [
      ['2024-01-01T00:00:00Z', 'Failed'],
      ['2024-01-01T00:00:15Z', 'Failed'],
      ['2024-01-01T00:00:40Z', 'Failed'],
    ],
  );
  assert.equal(result.job.status?.failed, 3);
  assert.deepEqual(conditionsOf(result.job), [
    ['FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', '2024-01-01T00:00:45Z'],
    ['Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', '2024-01-01T00:00:45Z'],
  ]);
  assert.deepEqual(
    result.cluster.events.filter((event) => event.type === 'Warning').map((event) => [event.reason, event.object, event.message]),
    [['BackoffLimitExceeded', 'Job/default/migrate', 'Job has reached the specified backoff limit']],
  );
});

// job_controller.go (1.30): without JobSuccessPolicy/interim conditions the Failed condition is written alone.
test('before 1.31 a Job past its backoffLimit gets only the Failed condition', () => {
  const result = run(exitingJob('migrate', { exitCode: 1 }, { backoffLimit: 0 }), '1.30');
  assert.deepEqual(conditionsOf(result.job), [['Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', '2024-01-01T00:00:00Z']]);
});

// backoff_utils.go getRemainingTimeForFailuresCount: 10 s doubled per further failure, stopping at
// MaxJobPodFailureBackOff (10 minutes): eight failures would give 1,280 s, so 600 s.
test('the pod-failure back-off doubles per failure and stops at 10 minutes', () => {
  const failedAt = (second: number): Pod => ({
    status: {
      phase: 'Failed',
      containerStatuses: [
        { name: 'main', image: '', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 1, finishedAt: new Date(T0 + second * 1000).toISOString().replace('.000', '') } } },
      ],
    },
  });
  assert.equal(podFailureBackoffRemaining([], [failedAt(0)], T0), 10_000);
  assert.equal(podFailureBackoffRemaining([], [failedAt(0), failedAt(1)], T0 + 1000), 20_000);
  assert.equal(podFailureBackoffRemaining([], [failedAt(0), failedAt(1)], T0 + 6000), 15_000);
  assert.equal(
    podFailureBackoffRemaining(
      [],
      Array.from({ length: 8 }, () => failedAt(0)),
      T0,
    ),
    600_000,
  );
});

// backoff_utils.go newBackoffRecord: a success resets failuresAfterLastSuccess, so only later failures count.
test('a success resets the pod-failure back-off', () => {
  const finished = (phase: string, second: number): Pod => ({
    status: {
      phase,
      containerStatuses: [
        {
          name: 'main',
          image: '',
          imageID: '',
          ready: false,
          restartCount: 0,
          state: { terminated: { exitCode: phase === 'Failed' ? 1 : 0, finishedAt: new Date(T0 + second * 1000).toISOString().replace('.000', '') } },
        },
      ],
    },
  });
  assert.equal(podFailureBackoffRemaining([finished('Succeeded', 5)], [finished('Failed', 1), finished('Failed', 2)], T0 + 5000), 0);
  assert.equal(podFailureBackoffRemaining([finished('Succeeded', 5)], [finished('Failed', 1), finished('Failed', 6)], T0 + 6000), 10_000);
});

// job_controller.go manageJob: parallelism 2 starts indexes 0 and 1 at 00:00; they succeed at 00:30 and index 2
// starts, succeeding at 01:00, when 3 succeeded indexes reach completions: SuccessCriteriaMet then Complete with
// CompletionsReached (1.31+), completedIndexes written as intervals (indexed_job_utils.go orderedIntervals.String).
test('an Indexed Job of pods running 30 s completes 3 completions 2 at a time at 60 s', () => {
  const result = run(exitingJob('report', { exitCode: 0, runSeconds: 30 }, { completionMode: 'Indexed', completions: 3, parallelism: 2 }));
  assert.deepEqual(
    result.pods.map((pod) => [pod.metadata?.name, pod.metadata?.creationTimestamp, pod.status?.phase]),
    [
      ['report-0-bbbbb', '2024-01-01T00:00:00Z', 'Succeeded'],
      ['report-1-bbbbb', '2024-01-01T00:00:00Z', 'Succeeded'],
      ['report-2-bbbbb', '2024-01-01T00:00:30Z', 'Succeeded'],
    ],
  );
  assert.deepEqual(conditionsOf(result.job), [
    ['SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods', '2024-01-01T00:01:00Z'],
    ['Complete', 'CompletionsReached', 'Reached expected number of succeeded pods', '2024-01-01T00:01:00Z'],
  ]);
  assert.equal(result.job.status?.completedIndexes, '0-2');
  assert.equal(result.job.status?.completionTime, '2024-01-01T00:01:00Z');
  assert.equal(result.job.status?.succeeded, 3);
});

// indexed_job_utils.go orderedIntervals.String: runs of three or more as a range, pairs listed.
test('completed indexes are written as upstream writes intervals', () => {
  assert.equal(indexIntervals(new Set([0, 1, 2, 5, 6, 9])), '0-2,5,6,9');
});

// pod_failure_policy.go matchPodFailurePolicy: a FailJob rule on the container's exit code fails the Job at the
// first such failure, with reason PodFailurePolicy and the rule's message; no replacement pod is made.
test('a FailJob rule on the exit code fails the Job with PodFailurePolicy at the first failure', () => {
  const policy = { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] };
  const result = run(exitingJob('migrate', { exitCode: 42, runSeconds: 5 }, { podFailurePolicy: policy }));
  assert.equal(result.pods.length, 1);
  const message = `Container main for pod default/${result.pods[0]!.metadata?.name} failed with exit code 42 matching FailJob rule at index 0`;
  assert.deepEqual(conditionsOf(result.job), [
    ['FailureTarget', 'PodFailurePolicy', message, '2024-01-01T00:00:05Z'],
    ['Failed', 'PodFailurePolicy', message, '2024-01-01T00:00:05Z'],
  ]);
});

// pod_failure_policy.go matchPodFailurePolicy: rules are tried in order; Ignore keeps the failure out of the count,
// NotIn matches codes not listed, exit code 0 never matches, and a rule naming another container does not match.
test('pod failure policy rules match in order by operator, exit code and container', () => {
  const pod: Pod = {
    metadata: { name: 'p', namespace: 'default' },
    status: { phase: 'Failed', containerStatuses: [{ name: 'main', image: '', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 3 } } }] },
  };
  const rules = (...list: object[]) => ({ rules: list }) as never;
  assert.deepEqual(matchPodFailurePolicy(rules({ action: 'Ignore', onExitCodes: { operator: 'In', values: [3] } }), pod), { countFailed: false });
  assert.deepEqual(matchPodFailurePolicy(rules({ action: 'FailJob', onExitCodes: { containerName: 'other', operator: 'In', values: [3] } }), pod), { countFailed: true });
  assert.deepEqual(matchPodFailurePolicy(rules({ action: 'Count', onExitCodes: { operator: 'NotIn', values: [0, 1] } }, { action: 'Ignore', onExitCodes: { operator: 'In', values: [3] } }), pod), {
    countFailed: true,
  });
  assert.deepEqual(matchPodFailurePolicy(rules({ action: 'FailJob', onExitCodes: { operator: 'NotIn', values: [1] } }), pod), {
    countFailed: true,
    failJobMessage: 'Container main for pod default/p failed with exit code 3 matching FailJob rule at index 0',
  });
});

// job_controller.go pastActiveDeadline: the clock moves to startTime + activeDeadlineSeconds (01:00) before the
// pod's exit (02:00); the Job fails with DeadlineExceeded and its active pod is deleted.
test('a Job whose pods outrun activeDeadlineSeconds fails with DeadlineExceeded at the deadline', () => {
  const result = run(exitingJob('slow', { exitCode: 0, runSeconds: 120 }, { activeDeadlineSeconds: 60 }));
  assert.deepEqual(result.pods, []);
  assert.deepEqual(conditionsOf(result.job), [
    ['FailureTarget', 'DeadlineExceeded', 'Job was active longer than specified deadline', '2024-01-01T00:01:00Z'],
    ['Failed', 'DeadlineExceeded', 'Job was active longer than specified deadline', '2024-01-01T00:01:00Z'],
  ]);
});

// The kubelet restarts a failed container of an OnFailure pod in place: the pod does not end, which the plan says.
test('an OnFailure Job whose containers fail keeps its pods running and says so', () => {
  const result = run(exitingJob('retry', { exitCode: 1, restartPolicy: 'OnFailure' }));
  assert.deepEqual(
    result.pods.map((pod) => pod.status?.phase),
    ['Running'],
  );
  assert.deepEqual(jobNotes(result.cluster.store), [
    'Job default/retry: its containers exit with code 1, which restartPolicy OnFailure answers by restarting them in place; the plan does not model restarts (nor backoffLimit counting them), so its pods are shown Running',
  ]);
});

test('a finished Job is noted with its outcome and when ttlSecondsAfterFinished would delete it', () => {
  const result = run(exitingJob('report', { exitCode: 0, runSeconds: 30 }, { ttlSecondsAfterFinished: 100 }));
  assert.deepEqual(jobNotes(result.cluster.store), [
    'Job default/report: completes at 2024-01-01T00:00:30Z with 1 succeeded and 0 failed pods, its containers exiting with code 0 after 30 s as kubeplan.dev/exit-code plans; its ttlSecondsAfterFinished would delete it and its pods at 2024-01-01T00:02:10Z, which the plan does not show',
  ]);
});

test('an exit code outside 0–255 or run-seconds that are not whole seconds plan no exit', () => {
  assert.equal(plannedExit({ 'kubeplan.dev/exit-code': '256' }), undefined);
  assert.equal(plannedExit({ 'kubeplan.dev/exit-code': '1', 'kubeplan.dev/run-seconds': '1.5' }), undefined);
  assert.deepEqual(plannedExit({ 'kubeplan.dev/exit-code': '0' }), { exitCode: 0, runSeconds: 0 });
});

/** Pods of an Indexed Job: index 0 Succeeded, 1 and 2 Running. */
function indexedPods(): Pod[] {
  return [0, 1, 2].map((index) => jobPod('idx', `idx-${index}-bbbbb`, index === 0 ? 'Succeeded' : 'Running', { 'batch.kubernetes.io/job-completion-index': String(index) }));
}

// job_controller.go syncJob with success_policy.go matchSuccessPolicy (JobSuccessPolicy on by default from 1.31): the
// rule requiring index 0 is met, so the Job gets SuccessCriteriaMet and Complete with reason SuccessPolicy and
// message `Matched rules at index 0`, and its lingering pods are deleted.
test('an Indexed Job whose successPolicy rule is met completes with SuccessPolicy and deletes its other pods', () => {
  const indexed = job('idx', { completionMode: 'Indexed', completions: 3, parallelism: 3, successPolicy: { rules: [{ succeededIndexes: '0' }] } });
  const names = new NameGenerator();
  const result = syncJob(indexed, indexedPods(), T0, '1.33', (base) => names.generate(base, () => false));
  assert.deepEqual(
    result.status.conditions?.map((condition) => [condition.type, condition.reason, condition.message]),
    [
      ['SuccessCriteriaMet', 'SuccessPolicy', 'Matched rules at index 0'],
      ['Complete', 'SuccessPolicy', 'Matched rules at index 0'],
    ],
  );
  assert.deepEqual(result.deletedPods, ['idx-1-bbbbb', 'idx-2-bbbbb']);
});

// Before 1.31 JobSuccessPolicy is alpha and off: the API server drops the field and the Job waits for completions.
test('a successPolicy does nothing on 1.30', () => {
  const indexed = job('idx', { completionMode: 'Indexed', completions: 3, parallelism: 3, successPolicy: { rules: [{ succeededIndexes: '0' }] } });
  const names = new NameGenerator();
  assert.equal(syncJob(indexed, indexedPods(), T0, '1.30', (base) => names.generate(base, () => false)).status.conditions, undefined);
});

// success_policy.go matchSuccessPolicy and matchSucceededIndexesRule: succeededCount of the listed indexes is enough;
// a count-only rule counts every succeeded index; indexes past completions are dropped by parseIndexesFromString.
test('success policy rules match by listed indexes, by count of them, and by count alone', () => {
  assert.equal(matchSuccessPolicy({ rules: [{ succeededIndexes: '0-2', succeededCount: 2 }] }, 5, new Set([1, 2])), 'Matched rules at index 0');
  assert.equal(matchSuccessPolicy({ rules: [{ succeededCount: 3 }, { succeededIndexes: '1,2' }] }, 5, new Set([1, 2])), 'Matched rules at index 1');
  assert.equal(matchSuccessPolicy({ rules: [{ succeededIndexes: '3-9' }] }, 4, new Set([3])), 'Matched rules at index 0');
  assert.equal(matchSuccessPolicy({ rules: [{ succeededCount: 3 }] }, 5, new Set([0, 1])), undefined);
});
