/** Jobs and CronJobs for the batch tests, after API-server defaulting. */
import type { CronJob, CronJobSpec, Job, JobSpec } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';

const template = {
  metadata: { labels: { app: 'report' } },
  spec: { restartPolicy: 'Never', containers: [{ name: 'report', image: 'report:1' }] },
};

export function job(name: string, spec: Partial<JobSpec> = {}, status?: Job['status']): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default', uid: `uid-${name}` },
    spec: { parallelism: 1, completions: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, template, ...spec },
    ...(status ? { status } : {}),
  };
}

/** A pod of the Job in a phase. */
export function jobPod(owner: string, name: string, phase: string, annotations?: Record<string, string>): Pod {
  return {
    metadata: {
      name,
      namespace: 'default',
      ...(annotations ? { annotations } : {}),
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: owner, uid: `uid-${owner}`, controller: true }],
    },
    spec: { containers: [{ name: 'report', image: 'report:1' }] },
    status: { phase },
  };
}

export function cronJob(schedule: string, spec: Partial<CronJobSpec> = {}, extra: { created?: string; lastScheduleTime?: string; active?: string[] } = {}): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'report', namespace: 'default', uid: 'uid-report', creationTimestamp: extra.created ?? '2024-01-01T00:00:00Z' },
    spec: {
      schedule,
      concurrencyPolicy: 'Allow',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: { metadata: { labels: { team: 'data' }, annotations: { owner: 'data' } }, spec: { template } },
      ...spec,
    },
    status: {
      ...(extra.lastScheduleTime ? { lastScheduleTime: extra.lastScheduleTime } : {}),
      ...(extra.active ? { active: extra.active.map((name) => ({ apiVersion: 'batch/v1', kind: 'Job', namespace: 'default', name })) } : {}),
    },
  };
}

/** A Job the CronJob created, running or finished. */
export function cronJobRun(name: string, finished?: 'Complete' | 'Failed', startTime?: string, completionTime?: string): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default', ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'report', uid: 'uid-report', controller: true }] },
    spec: { template },
    status: {
      ...(startTime ? { startTime } : {}),
      ...(completionTime ? { completionTime } : {}),
      ...(finished ? { conditions: [{ type: finished, status: 'True' }] } : {}),
    },
  };
}
