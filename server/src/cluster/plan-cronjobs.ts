/** The `cronjobs` part of a plan: each CronJob's schedule, time zone and next five runs. */
import type { CronJob } from 'kubernetes-types/batch/v1';
import { evaluatedSchedule, nextRuns } from './controllers/cronjob';
import { byNamespaceAndName, namespaceOf } from './object-keys';

export interface PlanCronJob {
  name: string;
  namespace: string;
  schedule: string;
  /** `spec.timeZone`; null when the controller manager's own zone applies. */
  timeZone: string | null;
  /** ISO 8601 UTC, strictly after the plan's time; empty when suspended or unschedulable. */
  nextRuns: string[];
  suspended: boolean;
  /** The controller's complaint when the schedule or zone cannot be used (its event message). */
  problem?: string;
}

export function planCronJobs(cronJobs: readonly CronJob[], now: number, controllerTimeZone = 'UTC'): PlanCronJob[] {
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
