/**
 * The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go syncCronJob, utils.go
 * mostRecentScheduleTime): next runs in a time zone across DST changes, the most recent missed run only,
 * startingDeadlineSeconds, concurrency policies, history limits, and its events in upstream wording.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jobFromTemplate, jobNameFor, nextRuns, syncCronJob } from '../../../../server/src/cluster/controllers/cronjob';
import { planCronJobs } from '../../../../server/src/cluster/plan-cronjobs';
import { cronJob, cronJobRun } from './objects';

const at = (iso: string) => Date.parse(iso);
const reasons = (result: { events: { reason: string; message: string }[] }) => result.events.map((event) => [event.reason, event.message]);

test('a daily 02:30 in New York skips the spring-forward day and keeps local time after it', () => {
  const daily = cronJob('30 2 * * *', { timeZone: 'America/New_York' });
  assert.deepEqual(nextRuns(daily, at('2024-03-08T12:00:00Z')), ['2024-03-09T07:30:00Z', '2024-03-11T06:30:00Z', '2024-03-12T06:30:00Z', '2024-03-13T06:30:00Z', '2024-03-14T06:30:00Z']);
});

test('a daily 02:30 in New York runs once on the fall-back day, an hour later in UTC', () => {
  const daily = cronJob('30 2 * * *', { timeZone: 'America/New_York' });
  assert.deepEqual(nextRuns(daily, at('2024-11-01T12:00:00Z')), ['2024-11-02T06:30:00Z', '2024-11-03T07:30:00Z', '2024-11-04T07:30:00Z', '2024-11-05T07:30:00Z', '2024-11-06T07:30:00Z']);
});

test('a daily 01:30 in New York runs in both repeated hours of the fall-back day', () => {
  const daily = cronJob('30 1 * * *', { timeZone: 'America/New_York' });
  assert.deepEqual(nextRuns(daily, at('2024-11-02T12:00:00Z'), 3), ['2024-11-03T05:30:00Z', '2024-11-03T06:30:00Z', '2024-11-04T06:30:00Z']);
});

test('without timeZone the schedule is read in the controller manager zone', () => {
  const daily = cronJob('0 9 * * *');
  assert.deepEqual(nextRuns(daily, at('2024-01-01T10:00:00Z'), 1), ['2024-01-02T09:00:00Z']);
  assert.deepEqual(nextRuns(daily, at('2024-01-01T10:00:00Z'), 1, 'Europe/Berlin'), ['2024-01-02T08:00:00Z']);
});

test('a suspended CronJob has no next runs', () => {
  assert.deepEqual(nextRuns(cronJob('0 * * * *', { suspend: true }), at('2024-01-01T00:00:00Z')), []);
});

test('the Job name is the CronJob name and the scheduled time in minutes since the epoch', () => {
  assert.equal(jobNameFor('report', at('2024-01-01T00:00:00Z')), 'report-28401120');
});

test('a Job carries the template labels and annotations and the scheduled time in the CronJob zone', () => {
  const created = jobFromTemplate(cronJob('30 2 * * *', { timeZone: 'America/New_York' }), at('2024-03-11T06:30:00Z'));
  assert.equal(created.metadata?.name, 'report-28502310');
  assert.deepEqual(created.metadata?.labels, { team: 'data' });
  assert.deepEqual(created.metadata?.annotations, { owner: 'data', 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2024-03-11T02:30:00-04:00' });
  assert.equal(created.metadata?.creationTimestamp, '2024-03-11T06:30:00Z');
  assert.deepEqual(
    created.metadata?.ownerReferences?.map((owner) => [owner.kind, owner.name, owner.controller]),
    [['CronJob', 'report', true]],
  );
});

test('at its schedule time the CronJob starts a Job and records it', () => {
  const result = syncCronJob(cronJob('0 * * * *'), [], at('2024-01-01T01:00:05Z'));
  assert.equal(result.createdJob?.metadata?.name, 'report-28401180');
  assert.deepEqual(reasons(result), [['SuccessfulCreate', 'Created job report-28401180']]);
  assert.equal(result.cronJob.status?.lastScheduleTime, '2024-01-01T01:00:00Z');
  assert.deepEqual(
    result.cronJob.status?.active?.map((reference) => reference.name),
    ['report-28401180'],
  );
  assert.equal(result.requeueAt, at('2024-01-01T02:00:00.100Z'));
});

test('before its first schedule time the CronJob waits', () => {
  const result = syncCronJob(cronJob('0 * * * *'), [], at('2024-01-01T00:59:59Z'));
  assert.deepEqual([result.createdJob, result.events, result.requeueAt], [undefined, [], at('2024-01-01T01:00:00.100Z')]);
});

test('after missed runs only the most recent one starts', () => {
  const result = syncCronJob(cronJob('0 * * * *', {}, { lastScheduleTime: '2024-01-01T00:00:00Z' }), [], at('2024-01-01T03:30:00Z'));
  assert.equal(result.createdJob?.metadata?.name, jobNameFor('report', at('2024-01-01T03:00:00Z')));
  assert.deepEqual(reasons(result), [['SuccessfulCreate', 'Created job report-28401300']]);
});

test('more than 100 missed runs warn, and the most recent still starts', () => {
  const result = syncCronJob(cronJob('* * * * *'), [], at('2024-01-01T02:00:30Z'));
  assert.deepEqual(reasons(result), [
    ['TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew'],
    ['SuccessfulCreate', 'Created job report-28401240'],
  ]);
  assert.equal(result.events[0]!.type, 'Warning');
});

test('startingDeadlineSeconds bounds the look back, so the same outage does not warn', () => {
  const result = syncCronJob(cronJob('* * * * *', { startingDeadlineSeconds: 200 }), [], at('2024-01-01T02:00:30Z'));
  assert.deepEqual(reasons(result), [['SuccessfulCreate', 'Created job report-28401240']]);
});

test('a run missed by more than startingDeadlineSeconds is skipped until the next schedule time', () => {
  const late = cronJob('0 * * * *', { startingDeadlineSeconds: 60 }, { lastScheduleTime: '2024-01-01T00:00:00Z' });
  const result = syncCronJob(late, [], at('2024-01-01T01:05:00Z'));
  assert.deepEqual([result.createdJob, result.events, result.requeueAt], [undefined, [], at('2024-01-01T02:00:00.100Z')]);
});

test('a run within startingDeadlineSeconds still starts', () => {
  const late = cronJob('0 * * * *', { startingDeadlineSeconds: 600 }, { lastScheduleTime: '2024-01-01T00:00:00Z' });
  assert.equal(syncCronJob(late, [], at('2024-01-01T01:05:00Z')).createdJob?.metadata?.name, 'report-28401180');
});

const withRunning = (policy: string) =>
  syncCronJob(
    cronJob('0 * * * *', { concurrencyPolicy: policy }, { lastScheduleTime: '2024-01-01T00:00:00Z', active: ['report-28401120'] }),
    [cronJobRun('report-28401120')],
    at('2024-01-01T01:00:05Z'),
  );

test('a Job already created for the schedule time is adopted into the active list, not created again', () => {
  const result = syncCronJob(cronJob('0 * * * *', {}, { lastScheduleTime: '2024-01-01T00:00:00Z' }), [cronJobRun('report-28401180')], at('2024-01-01T01:00:05Z'));
  assert.equal(result.createdJob, undefined);
  assert.deepEqual(reasons(result), [['UnexpectedJob', 'Saw a job that the controller did not create or forgot: report-28401180']]);
  assert.deepEqual(
    result.cronJob.status?.active?.map((reference) => reference.name),
    ['report-28401180'],
  );
  assert.equal(result.cronJob.status?.lastScheduleTime, '2024-01-01T01:00:00Z');
});

test('Forbid does not start a Job while the previous one runs', () => {
  const result = withRunning('Forbid');
  assert.equal(result.createdJob, undefined);
  assert.deepEqual(reasons(result), [['JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid']]);
  assert.deepEqual(
    result.cronJob.status?.active?.map((reference) => reference.name),
    ['report-28401120'],
  );
});

test('Replace deletes the running Job and starts the new one', () => {
  const result = withRunning('Replace');
  assert.deepEqual(result.deletedJobs, ['report-28401120']);
  assert.deepEqual(reasons(result), [
    ['SuccessfulDelete', 'Deleted job report-28401120'],
    ['SuccessfulCreate', 'Created job report-28401180'],
  ]);
  assert.deepEqual(
    result.cronJob.status?.active?.map((reference) => reference.name),
    ['report-28401180'],
  );
});

test('Allow starts the new Job beside the running one', () => {
  const result = withRunning('Allow');
  assert.deepEqual(result.deletedJobs, []);
  assert.deepEqual(
    result.cronJob.status?.active?.map((reference) => reference.name),
    ['report-28401120', 'report-28401180'],
  );
});

test('a suspended CronJob starts nothing', () => {
  const result = syncCronJob(cronJob('0 * * * *', { suspend: true }), [], at('2024-01-01T01:00:05Z'));
  assert.deepEqual([result.createdJob, result.events], [undefined, []]);
});

test('a finished active Job leaves the active list and a successful one sets lastSuccessfulTime', () => {
  const result = syncCronJob(
    cronJob('0 * * * *', {}, { lastScheduleTime: '2024-01-01T00:00:00Z', active: ['report-28401120'] }),
    [cronJobRun('report-28401120', 'Complete', '2024-01-01T00:00:01Z', '2024-01-01T00:00:30Z')],
    at('2024-01-01T00:30:00Z'),
  );
  assert.deepEqual(reasons(result), [['SawCompletedJob', 'Saw completed job: report-28401120, condition: Complete']]);
  assert.equal(result.cronJob.status?.active, undefined);
  assert.equal(result.cronJob.status?.lastSuccessfulTime, '2024-01-01T00:00:30Z');
});

test('an active Job that no longer exists is dropped from the active list', () => {
  const result = syncCronJob(cronJob('0 * * * *', {}, { lastScheduleTime: '2024-01-01T00:00:00Z', active: ['report-28401120'] }), [], at('2024-01-01T00:30:00Z'));
  assert.deepEqual(reasons(result), [['MissingJob', 'Active job went missing: report-28401120']]);
});

test('finished Jobs beyond the history limits are deleted oldest first', () => {
  const done = (name: string, minute: number, outcome: 'Complete' | 'Failed' = 'Complete') => cronJobRun(name, outcome, `2024-01-01T00:0${minute}:00Z`, `2024-01-01T00:0${minute}:30Z`);
  const jobs = [done('ok-4', 4), done('ok-1', 1), done('ok-3', 3), done('ok-2', 2), done('bad-5', 5, 'Failed'), done('bad-6', 6, 'Failed')];
  const result = syncCronJob(cronJob('0 * * * *', {}, { lastScheduleTime: '2024-01-01T00:00:00Z' }), jobs, at('2024-01-01T00:30:00Z'));
  assert.deepEqual(result.deletedJobs, ['ok-1', 'bad-5']);
  assert.deepEqual(reasons(result), [
    ['SuccessfulDelete', 'Deleted job ok-1'],
    ['SuccessfulDelete', 'Deleted job bad-5'],
  ]);
});

test('an unknown time zone stops the CronJob with a warning', () => {
  const result = syncCronJob(cronJob('0 * * * *', { timeZone: 'Mars/Olympus' }), [], at('2024-01-01T01:00:05Z'));
  assert.deepEqual(reasons(result), [['UnknownTimeZone', 'invalid timeZone: "Mars/Olympus": unknown time zone Mars/Olympus']]);
  assert.equal(result.createdJob, undefined);
});

test('an unparseable schedule stops the CronJob with a warning', () => {
  const result = syncCronJob(cronJob('61 * * * *'), [], at('2024-01-01T01:00:05Z'));
  assert.deepEqual(reasons(result), [['UnparseableSchedule', 'unparseable schedule: "61 * * * *" : end of range (61) above maximum (59): 61']]);
});

test('a schedule that never fires is an invalid schedule', () => {
  const result = syncCronJob(cronJob('59 23 31 2 *'), [], at('2024-01-01T01:00:05Z'));
  assert.deepEqual(reasons(result), [['InvalidSchedule', 'invalid schedule: 59 23 31 2 * : time difference between two schedules is less than 1 second']]);
});

test('a TZ prefix in the schedule is used with an UnsupportedSchedule warning', () => {
  const result = syncCronJob(cronJob('CRON_TZ=Europe/Berlin 0 2 * * *'), [], at('2024-01-02T01:00:05Z'));
  assert.deepEqual(reasons(result), [
    [
      'UnsupportedSchedule',
      'CRON_TZ or TZ used in schedule "CRON_TZ=Europe/Berlin 0 2 * * *" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details',
    ],
    ['SuccessfulCreate', 'Created job report-28402620'],
  ]);
});

test('the plan lists each CronJob with its zone and next five runs', () => {
  const [plan] = planCronJobs([cronJob('0 0 * * 1', { timeZone: 'Europe/Berlin' })], at('2024-03-20T00:00:00Z'));
  assert.deepEqual(plan, {
    name: 'report',
    namespace: 'default',
    schedule: '0 0 * * 1',
    timeZone: 'Europe/Berlin',
    nextRuns: ['2024-03-24T23:00:00Z', '2024-03-31T22:00:00Z', '2024-04-07T22:00:00Z', '2024-04-14T22:00:00Z', '2024-04-21T22:00:00Z'],
    suspended: false,
  });
});
