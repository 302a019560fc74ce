/**
 * The Job and CronJob controllers over the store. A CronJob starts a Job only when the simulated clock passes
 * one of its schedule times (the clock moves only to reach a rollout's progress deadline); the kubelets never
 * finish a pod, so a Job's pods stay Running in the plan.
 */
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { PlainObject } from '../kube/plain-values';
import { syncCronJob } from './controllers/cronjob';
import { isJobFinished, syncJob } from './controllers/job';
import { eventObject } from './events';
import { formatTime, parseTime } from './rfc3339';
import type { SimulatedCluster } from './simulated-cluster';
import { keyOf, type ObjectStore } from './store';

/** One sync of every CronJob, then of every Job; true when a Job or pod was created or deleted. */
export function syncJobs(cluster: SimulatedCluster): boolean {
  const { store } = cluster;
  const now = cluster.clock.now();
  let changed = false;
  for (const cronJob of store.list<CronJob>('CronJob')) {
    const namespace = cronJob.metadata.namespace ?? '';
    const result = syncCronJob(cronJob, store.list<Job>('Job', namespace), now);
    (cronJob as { status?: CronJob['status'] }).status = result.cronJob.status;
    for (const name of result.deletedJobs) {
      const job = store.get<Job>('Job', namespace, name);
      if (!job) continue;
      for (const pod of store.controlledBy<Pod>('Pod', job)) cluster.deletePod(pod);
      store.delete(job);
    }
    if (result.createdJob) cluster.apply('batch/v1', 'Job', result.createdJob as unknown as PlainObject);
    cluster.record(result.events);
    changed ||= result.createdJob !== undefined || result.deletedJobs.length > 0;
  }
  for (const job of store.list<Job>('Job')) {
    const namespace = job.metadata.namespace ?? '';
    const result = syncJob(job, store.controlledBy<Pod>('Pod', job), now, cluster.kubernetesVersion, (base) => store.generateName('Pod', namespace, base));
    (job as { status?: Job['status'] }).status = result.status;
    const owner = eventObject('Job', job.metadata.name, namespace || 'default');
    const created = result.createdPods.filter((pod) => cluster.createPod(pod, owner) !== undefined);
    for (const name of result.deletedPods) {
      const pod = store.get<Pod>('Pod', namespace, name);
      if (pod) cluster.deletePod(pod);
    }
    cluster.record(result.events);
    changed ||= created.length > 0 || result.deletedPods.length > 0;
  }
  return changed;
}

/**
 * What a plan says of each Job it leaves unfinished: its pods never end in the plan, so it shows only the first
 * wave of pods, and an activeDeadlineSeconds would fail it later if they had not finished by then.
 */
export function jobNotes(store: ObjectStore): string[] {
  const notes: string[] = [];
  for (const job of store.list<Job>('Job')) {
    if (isJobFinished(job) || job.spec?.suspend) continue;
    const key = keyOf(job.metadata.namespace ?? '', job.metadata.name);
    const completions = job.spec?.completions;
    const wanted = completions === undefined || completions === null ? 'until one pod succeeds' : `${completions} completions`;
    let note = `Job ${key}: its pods are assumed to keep running (containers never exit in a plan), so it shows ${job.status?.active ?? 0} active pods of ${wanted} and does not complete`;
    const started = parseTime(job.status?.startTime);
    const deadline = job.spec?.activeDeadlineSeconds;
    if (started !== undefined && typeof deadline === 'number') {
      note += `; unless it completes first, it fails with DeadlineExceeded at ${formatTime(started + deadline * 1000)}`;
    }
    notes.push(note);
  }
  return notes;
}
