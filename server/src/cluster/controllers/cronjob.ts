/**
 * The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go syncCronJob and cleanupFinishedJobs,
 * utils.go mostRecentScheduleTime), over the cron parser and next-run computation of
 * server/src/cron. Schedules are evaluated in `spec.timeZone`, or else in the controller manager's own zone (a
 * setting, UTC by default); a `TZ=`/`CRON_TZ=` prefix in the schedule wins but draws an UnsupportedSchedule
 * warning.
 *
 * Only the most recent missed schedule time is ever run, never a backlog; with startingDeadlineSeconds the
 * controller looks back no further than that, so a run missed by more than the deadline is silently skipped.
 */
import type { Job, CronJob } from 'kubernetes-types/batch/v1';
import type { ObjectReference } from 'kubernetes-types/core/v1';
import { next } from '../../cron/next';
import { parseSchedule, type Schedule } from '../../cron/parse';
import { intlZone, loadLocationError } from '../../cron/time-zone';
import { asOwner, controllerReference, isControlledBy } from '../../kube/owner-references';
import { eventObject } from '../events';
import type { ClusterEvent } from '../../protocol/plan';
import { namespaceOf } from '../object-keys';
import { formatTime, formatTimeIn, parseTime } from '../rfc3339';
import { isJobFinished } from './job';

const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
/** Requeues land this long after the schedule time, against clock skew (nextScheduleDelta). */
export const NEXT_SCHEDULE_DELTA_MS = 100;
const TOO_MANY_MISSED = 100;

/** The schedule the controller evaluates and the zone it is read in, or why there is none. */
export type EvaluatedSchedule = { schedule: Schedule; zone: string; warnings: ClusterEvent[] } | { failure: ClusterEvent; warnings: ClusterEvent[] };

function cronJobObject(cronJob: CronJob): string {
  return eventObject('CronJob', cronJob.metadata?.name ?? '', namespaceOf(cronJob));
}

/**
 * formatSchedule and the parse after it: the CronJob's schedule with its time zone, the UnknownTimeZone or
 * UnparseableSchedule warning that stops the sync, or an UnsupportedSchedule warning for a `TZ` in the schedule.
 */
export function evaluatedSchedule(cronJob: CronJob, controllerTimeZone = 'UTC'): EvaluatedSchedule {
  const object = cronJobObject(cronJob);
  const text = cronJob.spec?.schedule ?? '';
  const timeZone = cronJob.spec?.timeZone ?? undefined;
  if (timeZone !== undefined) {
    const error = loadLocationError(timeZone);
    if (error) return { failure: { type: 'Warning', reason: 'UnknownTimeZone', object, message: `invalid timeZone: ${JSON.stringify(timeZone)}: ${error}` }, warnings: [] };
  }
  const warnings: ClusterEvent[] = [];
  if (text.includes('TZ')) {
    warnings.push({
      type: 'Warning',
      reason: 'UnsupportedSchedule',
      object,
      message: `CRON_TZ or TZ used in schedule ${JSON.stringify(text)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`,
    });
  }
  const parsed = parseSchedule(text);
  if ('error' in parsed) {
    return { failure: { type: 'Warning', reason: 'UnparseableSchedule', object, message: `unparseable schedule: ${JSON.stringify(text)} : ${parsed.error}` }, warnings };
  }
  const zone = intlZone(parsed.schedule.location ?? timeZone ?? controllerTimeZone);
  return { schedule: parsed.schedule, zone, warnings };
}

/**
 * The next `count` times (ISO 8601, UTC) the CronJob's schedule fires strictly after `now`; none when it is
 * suspended or its schedule or time zone is unusable.
 */
export function nextRuns(cronJob: CronJob, now: number, count = 5, controllerTimeZone = 'UTC'): string[] {
  if (cronJob.spec?.suspend) return [];
  const evaluated = evaluatedSchedule(cronJob, controllerTimeZone);
  if ('failure' in evaluated) return [];
  const runs: string[] = [];
  let after = now;
  while (runs.length < count) {
    const time = next(evaluated.schedule, after, evaluated.zone);
    if (time === undefined) break;
    runs.push(formatTime(time));
    after = time;
  }
  return runs;
}

type MissedSchedules = 'none' | 'few' | 'many';

interface ScheduleLookback {
  /** Where the controller starts looking: last schedule time, creation, or now minus the starting deadline. */
  earliest: number;
  /** The latest schedule time after `earliest` and not after `now`, if any. */
  mostRecent: number | undefined;
  missed: MissedSchedules;
}

/**
 * utils.go mostRecentScheduleTime: the schedule times between `earliest` and `now` are estimated from the
 * interval between the first two (t2 − t1, whole seconds), then walked to the latest one not after `now`.
 */
function mostRecentScheduleTime(cronJob: CronJob, now: number, schedule: Schedule, zone: string, includeStartingDeadline: boolean): ScheduleLookback | { error: string } {
  const nextAfter = (t: number) => next(schedule, t, zone);
  let earliest = parseTime(cronJob.status?.lastScheduleTime) ?? parseTime(cronJob.metadata?.creationTimestamp) ?? now;
  const deadline = cronJob.spec?.startingDeadlineSeconds;
  if (includeStartingDeadline && deadline !== undefined && deadline !== null) earliest = Math.max(earliest, now - deadline * 1000);
  const t1 = nextAfter(earliest);
  const t2 = t1 === undefined ? undefined : nextAfter(t1);
  // A schedule that never fires (`59 23 31 2 *`) gives Go's zero time twice: zero seconds apart.
  if (t1 === undefined || t2 === undefined) return { error: 'time difference between two schedules is less than 1 second' };
  if (now < t1) return { earliest, mostRecent: undefined, missed: 'none' };
  if (now < t2) return { earliest, mostRecent: t1, missed: 'none' };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) return { error: 'time difference between two schedules is less than 1 second' };
  const elapsed = Math.trunc((now - t1) / 1000);
  const missedCount = Math.floor(elapsed / between) + 1;
  let mostRecent: number | undefined;
  for (let t = nextAfter(t1 + (missedCount - 2) * between * 1000); t !== undefined && t <= now; t = nextAfter(t)) mostRecent = t;
  return { earliest, mostRecent, missed: missedCount > TOO_MANY_MISSED ? 'many' : 'few' };
}

/** `<cronjob>-<scheduled time in minutes since the epoch>`: one name per schedule time, so a run is created once. */
export function jobNameFor(cronJobName: string, scheduledTime: number): string {
  return `${cronJobName}-${Math.floor(Math.floor(scheduledTime / 1000) / 60)}`;
}

/** getJobFromTemplate2: the Job for one schedule time, created at that time, owned by the CronJob. */
export function jobFromTemplate(cronJob: CronJob, scheduledTime: number): Job {
  const template = cronJob.spec?.jobTemplate ?? {};
  const zone = intlZone(cronJob.spec?.timeZone ?? '');
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobNameFor(cronJob.metadata?.name ?? '', scheduledTime),
      namespace: namespaceOf(cronJob),
      labels: { ...(template.metadata?.labels ?? {}) },
      annotations: { ...(template.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP_ANNOTATION]: formatTimeIn(scheduledTime, zone) },
      creationTimestamp: formatTime(scheduledTime),
      ownerReferences: [controllerReference(asOwner('CronJob', cronJob))],
    },
    spec: structuredClone(template.spec ?? { template: {} }),
  };
}

export interface CronJobSyncResult {
  /** The CronJob with the status the controller writes. */
  cronJob: CronJob;
  createdJob: Job | undefined;
  /** Names of the Jobs the controller deletes: replaced active ones, then those beyond the history limits. */
  deletedJobs: string[];
  events: ClusterEvent[];
  /** When the controller looks again (epoch ms), if it will. */
  requeueAt: number | undefined;
}

const sameJob = (reference: ObjectReference, job: Job) => (reference.uid && job.metadata?.uid ? reference.uid === job.metadata.uid : reference.name === job.metadata?.name);

function jobReference(job: Job): ObjectReference {
  return { apiVersion: 'batch/v1', kind: 'Job', namespace: namespaceOf(job), name: job.metadata?.name ?? '', ...(job.metadata?.uid ? { uid: job.metadata.uid } : {}) };
}

/** Finished Jobs oldest first: by start time (none last), then by name (byJobStartTime). */
function byStartTime(a: Job, b: Job): number {
  const [sa, sb] = [parseTime(a.status?.startTime), parseTime(b.status?.startTime)];
  if (sa === undefined && sb !== undefined) return 1;
  if (sa !== undefined && sb === undefined) return -1;
  if (sa !== sb) return sa! - sb!;
  return (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '');
}

/**
 * One sync of the CronJob at `now` (epoch ms) over the cluster's Jobs (those it owns are picked out):
 * reconcile `status.active`, maybe start the Job of the most recent schedule time under the concurrency
 * policy, then delete finished Jobs beyond the history limits.
 */
export function syncCronJob(cronJob: CronJob, allJobs: readonly Job[], now: number, controllerTimeZone = 'UTC'): CronJobSyncResult {
  const object = cronJobObject(cronJob);
  const jobs = allJobs.filter((job) => isControlledBy(job.metadata, asOwner('CronJob', cronJob)));
  const status = structuredClone(cronJob.status ?? {});
  let active = [...(status.active ?? [])];
  const events: ClusterEvent[] = [];
  const deletedJobs: string[] = [];

  for (const job of jobs) {
    const found = active.some((reference) => sameJob(reference, job));
    const finished = isJobFinished(job);
    if (!found && !finished) {
      events.push({ type: 'Warning', reason: 'UnexpectedJob', object, message: `Saw a job that the controller did not create or forgot: ${job.metadata?.name ?? ''}` });
    } else if (finished) {
      if (found) {
        active = active.filter((reference) => !sameJob(reference, job));
        events.push({ type: 'Normal', reason: 'SawCompletedJob', object, message: `Saw completed job: ${job.metadata?.name ?? ''}, condition: ${finished}` });
      }
      const completion = parseTime(job.status?.completionTime);
      const lastSuccessful = parseTime(status.lastSuccessfulTime ?? undefined);
      if (finished === 'Complete' && completion !== undefined && (lastSuccessful === undefined || completion > lastSuccessful)) {
        status.lastSuccessfulTime = formatTime(completion);
      }
    }
  }
  for (const reference of [...active]) {
    if (!jobs.some((job) => sameJob(reference, job))) {
      active = active.filter((other) => other !== reference);
      events.push({ type: 'Normal', reason: 'MissingJob', object, message: `Active job went missing: ${reference.name ?? ''}` });
    }
  }

  const finish = (createdJob: Job | undefined, requeueAt: number | undefined): CronJobSyncResult => {
    const current: CronJob = { ...cronJob, status: { ...status, ...(active.length ? { active } : {}) } };
    if (!active.length) delete current.status!.active;
    cleanupFinishedJobs(current, jobs, deletedJobs, events);
    return { cronJob: current, createdJob, deletedJobs, events, requeueAt };
  };

  if (cronJob.metadata?.deletionTimestamp) return finish(undefined, undefined);
  const evaluated = evaluatedSchedule(cronJob, controllerTimeZone);
  if ('failure' in evaluated && evaluated.failure.reason === 'UnknownTimeZone') {
    events.push(evaluated.failure);
    return finish(undefined, undefined);
  }
  if (cronJob.spec?.suspend) return finish(undefined, undefined);
  events.push(...evaluated.warnings);
  if ('failure' in evaluated) {
    events.push(evaluated.failure);
    return finish(undefined, undefined);
  }
  const { schedule, zone } = evaluated;

  const requeue = (): number | undefined => {
    const view: CronJob = { ...cronJob, status };
    const lookback = mostRecentScheduleTime(view, now, schedule, zone, false);
    const from = 'error' in lookback ? now : (lookback.mostRecent ?? (lookback.missed === 'none' ? lookback.earliest : now));
    const at = next(schedule, from, zone);
    return at === undefined ? undefined : at + NEXT_SCHEDULE_DELTA_MS;
  };

  const lookback = mostRecentScheduleTime(cronJob, now, schedule, zone, true);
  if ('error' in lookback) {
    events.push({ type: 'Warning', reason: 'InvalidSchedule', object, message: `invalid schedule: ${cronJob.spec?.schedule ?? ''} : ${lookback.error}` });
    return finish(undefined, undefined);
  }
  const scheduledTime = lookback.mostRecent;
  if (scheduledTime === undefined || scheduledTime > now) return finish(undefined, requeue());
  if (lookback.missed === 'many') {
    events.push({ type: 'Warning', reason: 'TooManyMissedTimes', object, message: 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew' });
  }

  const deadline = cronJob.spec?.startingDeadlineSeconds;
  if (deadline !== undefined && deadline !== null && scheduledTime + deadline * 1000 < now) {
    const rfc1123z = new Date(scheduledTime).toUTCString().replace('GMT', '+0000');
    events.push({ type: 'Warning', reason: 'MissSchedule', object, message: `Missed scheduled time to start a job: ${rfc1123z}` });
    return finish(undefined, requeue());
  }
  const name = jobNameFor(cronJob.metadata?.name ?? '', scheduledTime);
  if (active.some((reference) => reference.name === name) || parseTime(status.lastScheduleTime) === scheduledTime) return finish(undefined, requeue());

  const policy = cronJob.spec?.concurrencyPolicy ?? 'Allow';
  if (policy === 'Forbid' && active.length > 0) {
    events.push({ type: 'Normal', reason: 'JobAlreadyActive', object, message: 'Not starting job because prior execution is running and concurrency policy is Forbid' });
    return finish(undefined, requeue());
  }
  if (policy === 'Replace') {
    for (const reference of active) {
      deletedJobs.push(reference.name ?? '');
      events.push({ type: 'Normal', reason: 'SuccessfulDelete', object, message: `Deleted job ${reference.name ?? ''}` });
    }
    active = [];
  }

  // The name is the lock: a Job of this name that the CronJob owns was created before its status said so.
  const existing = jobs.find((candidate) => candidate.metadata?.name === name);
  if (existing && active.some((reference) => sameJob(reference, existing))) return finish(undefined, requeue());
  const job = existing ?? jobFromTemplate(cronJob, scheduledTime);
  if (!existing) events.push({ type: 'Normal', reason: 'SuccessfulCreate', object, message: `Created job ${name}` });
  active = [...active, jobReference(job)];
  status.lastScheduleTime = formatTime(scheduledTime);
  return finish(existing ? undefined : job, requeue());
}

/** Deletes finished Jobs beyond successfulJobsHistoryLimit and failedJobsHistoryLimit, oldest first. */
function cleanupFinishedJobs(cronJob: CronJob, jobs: readonly Job[], deletedJobs: string[], events: ClusterEvent[]): void {
  const object = cronJobObject(cronJob);
  for (const [outcome, limit] of [
    ['Complete', cronJob.spec?.successfulJobsHistoryLimit],
    ['Failed', cronJob.spec?.failedJobsHistoryLimit],
  ] as const) {
    if (limit === undefined || limit === null) continue;
    const finished = jobs.filter((job) => isJobFinished(job) === outcome && !deletedJobs.includes(job.metadata?.name ?? '')).sort(byStartTime);
    for (const job of finished.slice(0, Math.max(0, finished.length - limit))) {
      deletedJobs.push(job.metadata?.name ?? '');
      events.push({ type: 'Normal', reason: 'SuccessfulDelete', object, message: `Deleted job ${job.metadata?.name ?? ''}` });
    }
  }
}
