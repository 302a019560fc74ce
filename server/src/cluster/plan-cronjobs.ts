/** The `cronjobs` part of a plan: each CronJob's schedule, time zone and next five runs. */
import type { CronJob } from 'kubernetes-types/batch/v1';
import { evaluatedSchedule, nextRuns } from './controllers/cronjob';
import { byNamespaceAndName, namespaceOf } from './object-keys';
import type { PlannedCronJob } from '../protocol/plan';

export function planCronJobs(cronJobs: readonly CronJob[], now: number, controllerTimeZone = 'UTC'): PlannedCronJob[] {
  return byNamespaceAndName(cronJobs).map((cronJob) => {
    const evaluated = evaluatedSchedule(cronJob, controllerTimeZone);
    return {
      name: cronJob.metadata?.name ?? '',
      namespace: namespaceOf(cronJob),
      schedule: cronJob.spec?.schedule ?? '',
      timeZone: cronJob.spec?.timeZone ?? null,
      nextRuns: nextRuns(cronJob, now, 5, controllerTimeZone),
      suspended: cronJob.spec?.suspend === true,
      ...('failure' in evaluated ? { problem: evaluated.failure.message } : {}),
    };
  });
}
