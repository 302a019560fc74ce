/**
 * `--for DURATION` played on the cluster model, worked by hand from the CronJob controller
 * (pkg/controller/cronjob/cronjob_controllerv2.go syncCronJob, utils.go mostRecentScheduleTime, getJobName: the
 * Job of a schedule time is `<cronjob>-<Unix seconds / 60>`; its events SuccessfulCreate, SawCompletedJob,
 * JobAlreadyActive, SuccessfulDelete) and the Job controller (pkg/controller/job/job_controller.go: `Completed`,
 * `Job completed`), with pods that end as kubeplan.dev/exit-code and run-seconds plan (docs/timing-model.md).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCluster } from '../../../../server/src/cluster/cluster-model';
import { MAX_CRONJOB_RUNS } from '../../../../server/src/cluster/scenarios/pass-time';
import { planApply } from '../../../../server/src/cluster/simulation';
import type { Plan, ScenarioStep } from '../../../../server/src/protocol/plan';
import { decoded } from '../../../helpers/plan-manifests';

/** A whole hour: schedule times fall at whole multiples of 15 minutes after it. */
const NOW = Date.parse('2026-03-01T10:00:00Z');

function played(manifests: string, steps: ScenarioStep[]): Plan {
  const plan = planApply({ kubernetesVersion: '1.33', cluster: defaultCluster(), current: [], manifests: decoded(manifests), newPodsReady: true, now: NOW, scenario: steps });
  assert.ok(plan.scenario);
  return plan;
}

const forSeconds = (seconds: number): ScenarioStep => ({ kind: 'for', seconds });

interface CronJobOptions {
  schedule?: string;
  runSeconds: number;
  spec?: string;
}

function cronJob({ schedule = '*/15 * * * *', runSeconds, spec = '' }: CronJobOptions): string {
  return `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "${schedule}"
${spec}  jobTemplate:
    spec:
      template:
        metadata:
          annotations:
            kubeplan.dev/exit-code: "0"
            kubeplan.dev/run-seconds: "${runSeconds}"
        spec:
          restartPolicy: Never
          containers:
            - name: report
              image: busybox:1.36
`;
}

/** getJobName: the Job of the schedule time `seconds` after NOW. */
const job = (seconds: number) => `report-${(NOW / 1000 + seconds) / 60}`;

/** The timeline's lines about the CronJob and its Jobs, as `<at> <what>`. */
function cronTimeline(plan: Plan): string[] {
  return (plan.scenario?.events ?? []).filter((event) => /^(CronJob|Job) /.test(event.what)).map((event) => `${event.at} ${event.what}`);
}

// A `*/15` schedule created at 10:00 has its first schedule time at 10:15 (mostRecentScheduleTime starts after the
// creation time), then 10:30, 10:45 and 11:00, the end of the hour: four Jobs, each done 60 s after it starts.
test('a */15 CronJob over one hour fires four times, at each schedule time, and each Job completes', () => {
  const plan = played(cronJob({ runSeconds: 60 }), [forSeconds(3600)]);
  assert.deepEqual(cronTimeline(plan), [
    `900 CronJob default/report SuccessfulCreate: Created job ${job(900)}`,
    `960 Job default/${job(900)} Completed: Job completed`,
    `960 CronJob default/report SawCompletedJob: Saw completed job: ${job(900)}, condition: Complete`,
    `1800 CronJob default/report SuccessfulCreate: Created job ${job(1800)}`,
    `1860 Job default/${job(1800)} Completed: Job completed`,
    `1860 CronJob default/report SawCompletedJob: Saw completed job: ${job(1800)}, condition: Complete`,
    `2700 CronJob default/report SuccessfulCreate: Created job ${job(2700)}`,
    `2760 Job default/${job(2700)} Completed: Job completed`,
    `2760 CronJob default/report SawCompletedJob: Saw completed job: ${job(2700)}, condition: Complete`,
    `3600 CronJob default/report SuccessfulCreate: Created job ${job(3600)}`,
  ]);
  assert.deepEqual(plan.scenario?.events.at(-1), { at: 3600, what: '1h0m0s passed' });
});

// The last Job started at the end of the hour and runs 60 s more: the plan stops at the end and says it runs on.
test('a Job still running when the time is over is noted as running', () => {
  const plan = played(cronJob({ runSeconds: 60 }), [forSeconds(3600)]);
  assert.ok(
    plan.notes.includes(
      `Job default/${job(3600)}: still running when the time the plan let pass ran out, with 1 active pods; its containers exit with code 0 after 60 s as kubeplan.dev/exit-code plans`,
    ),
  );
});

// The next runs count from the end of the scenario: after 11:00 come 11:15, 11:30 …
test("the CronJob's next runs count from the end of the time that passed", () => {
  const plan = played(cronJob({ runSeconds: 60 }), [forSeconds(3600)]);
  assert.deepEqual(plan.cronjobs[0]?.nextRuns.slice(0, 2), ['2026-03-01T11:15:00Z', '2026-03-01T11:30:00Z']);
});

// syncCronJob with Forbid: a run while the last is active is JobAlreadyActive. When the Job ends (20 min after 10:15,
// at 10:35), the sync it triggers finds 10:30 as the most recent missed time, and without startingDeadlineSeconds
// starts it late, at 10:35; that Job runs to 10:55, so 10:45 is skipped and 10:45 is then started at 10:55; at
// 11:00 that one is still active.
test('Forbid skips a run while the last Job is active, and starts the most recent missed one when it ends', () => {
  const plan = played(cronJob({ runSeconds: 1200, spec: '  concurrencyPolicy: Forbid\n' }), [forSeconds(3600)]);
  const forbid = 'CronJob default/report JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid';
  assert.deepEqual(cronTimeline(plan), [
    `900 CronJob default/report SuccessfulCreate: Created job ${job(900)}`,
    `1800 ${forbid}`,
    // The syncs at 10:35 before the Job controller marks the Job complete still see it active.
    `2100 ${forbid}`,
    `2100 Job default/${job(900)} Completed: Job completed`,
    `2100 CronJob default/report SawCompletedJob: Saw completed job: ${job(900)}, condition: Complete`,
    `2100 CronJob default/report SuccessfulCreate: Created job ${job(1800)}`,
    `2700 ${forbid}`,
    `3300 ${forbid}`,
    `3300 Job default/${job(1800)} Completed: Job completed`,
    `3300 CronJob default/report SawCompletedJob: Saw completed job: ${job(1800)}, condition: Complete`,
    `3300 CronJob default/report SuccessfulCreate: Created job ${job(2700)}`,
    `3600 ${forbid}`,
  ]);
});

// mostRecentScheduleTime with startingDeadlineSeconds: the controller looks for schedule times strictly after
// now − startingDeadlineSeconds. When the first Job ends at 10:35, 10:30 is 300 s back: within 400 s, so it is started
// late; out of reach of 200 s, so it is skipped without an event, and the next Job is 10:45's.
test('startingDeadlineSeconds keeps a missed run from starting late once the deadline has passed', () => {
  const spec = (deadline: number) => `  concurrencyPolicy: Forbid\n  startingDeadlineSeconds: ${deadline}\n`;
  const created = (plan: Plan) => cronTimeline(plan).filter((line) => line.includes('SuccessfulCreate'));
  assert.deepEqual(created(played(cronJob({ runSeconds: 1200, spec: spec(400) }), [forSeconds(2400)])), [
    `900 CronJob default/report SuccessfulCreate: Created job ${job(900)}`,
    `2100 CronJob default/report SuccessfulCreate: Created job ${job(1800)}`,
  ]);
  assert.deepEqual(created(played(cronJob({ runSeconds: 1200, spec: spec(200) }), [forSeconds(2700)])), [
    `900 CronJob default/report SuccessfulCreate: Created job ${job(900)}`,
    `2700 CronJob default/report SuccessfulCreate: Created job ${job(2700)}`,
  ]);
});

// syncCronJob returns before scheduling anything while spec.suspend is true.
test('a suspended CronJob does not fire', () => {
  const plan = played(cronJob({ runSeconds: 60, spec: '  suspend: true\n' }), [forSeconds(3600)]);
  assert.deepEqual(cronTimeline(plan), []);
});

// The schedule is read in spec.timeZone: 09:00 in Europe/Berlin (CET, UTC+1 in March) is 08:00 UTC. On 1 March that
// is before the plan's 10:00 UTC; on 2 March it is 22 hours after it.
test("a schedule with a timeZone fires at that zone's wall-clock time", () => {
  const plan = played(cronJob({ schedule: '0 9 * * *', runSeconds: 0, spec: '  timeZone: Europe/Berlin\n' }), [forSeconds(24 * 3600)]);
  assert.equal(cronTimeline(plan)[0], `79200 CronJob default/report SuccessfulCreate: Created job ${job(79200)}`);
});

// cleanupFinishedJobs: with successfulJobsHistoryLimit 1, each completed Job beyond the newest is deleted.
test('the history limit deletes the oldest finished Job', () => {
  const plan = played(cronJob({ runSeconds: 60, spec: '  successfulJobsHistoryLimit: 1\n' }), [forSeconds(1900)]);
  assert.ok(cronTimeline(plan).includes(`1860 CronJob default/report SuccessfulDelete: Deleted job ${job(900)}`));
});

// A schedule of every minute over 30 days asks for 43,200 Jobs: time stops after MAX_CRONJOB_RUNS and a note says so.
test('a long --for stops after the most CronJob runs one simulates, and says so', () => {
  const plan = played(cronJob({ schedule: '*/1 * * * *', runSeconds: 30 }), [forSeconds(720 * 3600)]);
  const runs = cronTimeline(plan).filter((line) => line.includes('SuccessfulCreate'));
  assert.equal(runs.length, MAX_CRONJOB_RUNS);
  assert.equal(runs.at(-1), `${MAX_CRONJOB_RUNS * 60} CronJob default/report SuccessfulCreate: Created job ${job(MAX_CRONJOB_RUNS * 60)}`);
  assert.ok(plan.notes.some((note) => note.startsWith(`--for 720h0m0s: time stopped at 2026-03-01T18:20:00Z, 711h40m0s short of the end, after CronJobs created ${MAX_CRONJOB_RUNS} Jobs`)));
});

// Nothing waits for time: the clock simply moves to the end, and the next step plays from there.
test('time passes to the end when nothing is scheduled, and later steps play from there', () => {
  const plan = played('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n', [forSeconds(90), forSeconds(30)]);
  assert.deepEqual(plan.scenario?.events, [
    { at: 0, what: 'time passes for 1m30s (--for)' },
    { at: 90, what: '1m30s passed' },
    { at: 90, what: 'time passes for 30s (--for)' },
    { at: 120, what: '30s passed' },
  ]);
});
