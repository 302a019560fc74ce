/**
 * The Job and CronJob controllers over the store. A CronJob starts a Job only when the simulated clock passes
 * one of its schedule times. A Job's pods end only when its template is annotated `kubeplan.dev/exit-code`
 * (kubelet.ts plannedExit); the clock then moves to each pod's exit and to the end of each back-off and deadline
 * the Job waits for. Other Jobs' pods stay Running in the plan.
 */
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { PlainObject } from '../kube/plain-values';
import { syncCronJob } from './controllers/cronjob';
import { isJobFinished, syncJob } from './controllers/job';
import { EXIT_CODE_ANNOTATION, exitEndsPod, plannedExit, RUN_SECONDS_ANNOTATION } from './kubelet';
import { adoptOrphans, orphanPods, type OrphanPods } from './adoption';
import { eventObject } from './events';
import { asOwner } from '../kube/owner-references';
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
  let orphans: OrphanPods | undefined;
  for (const job of store.list<Job>('Job')) {
    const namespace = job.metadata.namespace ?? '';
    // job_controller.go getPodsForJob claims pods too; the model generates no controller-uid selector, so only a
    // Job with its own selector (manualSelector) can match a pod it did not create.
    if (job.spec?.selector && !isJobFinished(job)) adoptOrphans(store, (orphans ??= orphanPods(store)), asOwner('Job', job), job.spec.selector);
    const result = syncJob(job, store.controlledBy<Pod>('Pod', job), now, cluster.kubernetesVersion, (base) => store.generateName('Pod', namespace, base));
    (job as { status?: Job['status'] }).status = result.status;
    const owner = eventObject('Job', job.metadata.name, namespace || 'default');
    const created = result.createdPods.filter((pod) => cluster.createPod(pod, owner) !== undefined);
    for (const name of result.deletedPods) {
      const pod = store.get<Pod>('Pod', namespace, name);
      if (pod) cluster.deletePod(pod);
    }
    cluster.record(result.events);
    cluster.wakeAt(job.metadata.uid, jobWakeTime(job, now, result.requeueAfter));
    changed ||= created.length > 0 || result.deletedPods.length > 0;
  }
  return changed;
}

/**
 * When a Job whose pods end waits for the clock: the end of its back-off (requeueAfter) or its activeDeadlineSeconds,
 * whichever comes first; undefined when it is finished or its pods never end (the clock never moves for it).
 */
function jobWakeTime(job: Job, now: number, requeueAfter: number | undefined): number | undefined {
  if (isJobFinished(job) || job.spec?.suspend || !podsEnd(job)) return undefined;
  const started = parseTime(job.status?.startTime);
  const deadline = job.spec?.activeDeadlineSeconds;
  const times = [requeueAfter === undefined ? undefined : now + requeueAfter, started !== undefined && typeof deadline === 'number' ? started + deadline * 1000 : undefined];
  const defined = times.filter((time) => time !== undefined);
  return defined.length > 0 ? Math.min(...defined) : undefined;
}

/** Whether the Job's pods end in the plan: its template plans an exit that ends a pod of its restartPolicy. */
function podsEnd(job: Job): boolean {
  const exit = plannedExit(job.spec?.template?.metadata?.annotations);
  return exit !== undefined && exitEndsPod(job.spec?.template?.spec?.restartPolicy, exit.exitCode);
}

/**
 * What a plan says of each Job: how its pods ended and how it finished (ttlSecondsAfterFinished is not acted on),
 * or, when its pods do not end, that it shows only the first wave of pods and when activeDeadlineSeconds would fail
 * it.
 */
export function jobNotes(store: ObjectStore): string[] {
  const notes: string[] = [];
  for (const job of store.list<Job>('Job')) {
    const key = keyOf(job.metadata.namespace ?? '', job.metadata.name);
    const annotations = job.spec?.template?.metadata?.annotations;
    const exit = plannedExit(annotations);
    if (annotations?.[EXIT_CODE_ANNOTATION] !== undefined && !exit) {
      notes.push(
        `Job ${key}: ${EXIT_CODE_ANNOTATION} "${annotations[EXIT_CODE_ANNOTATION]}"${annotations[RUN_SECONDS_ANNOTATION] === undefined ? '' : ` with ${RUN_SECONDS_ANNOTATION} "${annotations[RUN_SECONDS_ANNOTATION]}"`} is not an exit code from 0 to 255 after whole seconds, so it was ignored`,
      );
    }
    const finished = isJobFinished(job);
    if (finished) {
      const condition = job.status?.conditions?.find((entry) => entry.type === finished && entry.status === 'True');
      const how = finished === 'Complete' ? 'completes' : `fails (${condition?.reason}: ${condition?.message})`;
      let note = `Job ${key}: ${how} at ${condition?.lastTransitionTime} with ${job.status?.succeeded ?? 0} succeeded and ${job.status?.failed ?? 0} failed pods`;
      if (exit) note += `, its containers exiting with code ${exit.exitCode} after ${exit.runSeconds} s as ${EXIT_CODE_ANNOTATION} plans`;
      const ttl = job.spec?.ttlSecondsAfterFinished;
      const finishedAt = parseTime(condition?.lastTransitionTime);
      if (typeof ttl === 'number' && finishedAt !== undefined) {
        note += `; its ttlSecondsAfterFinished would delete it and its pods at ${formatTime(finishedAt + ttl * 1000)}, which the plan does not show`;
      }
      notes.push(note);
      continue;
    }
    if (job.spec?.suspend) continue;
    if (exit && !exitEndsPod(job.spec?.template?.spec?.restartPolicy, exit.exitCode)) {
      notes.push(
        `Job ${key}: its containers exit with code ${exit.exitCode}, which restartPolicy ${job.spec?.template?.spec?.restartPolicy ?? 'Always'} answers by restarting them in place; the plan does not model restarts (nor backoffLimit counting them), so its pods are shown Running`,
      );
      continue;
    }
    if (exit && store.controlledBy<Pod>('Pod', job).some((pod) => pod.status?.phase === 'Running')) {
      // Only `--for` ends a plan while annotated pods still run: it lets no more time pass than asked.
      notes.push(
        `Job ${key}: still running when the time the plan let pass ran out, with ${job.status?.active ?? 0} active pods; its containers exit with code ${exit.exitCode} after ${exit.runSeconds} s as ${EXIT_CODE_ANNOTATION} plans`,
      );
      continue;
    }
    const completions = job.spec?.completions;
    const wanted = completions === undefined || completions === null ? 'until one pod succeeds' : `${completions} completions`;
    let note = `Job ${key}: its pods are assumed to keep running (containers never exit in a plan unless the pod template is annotated ${EXIT_CODE_ANNOTATION}), so it shows ${job.status?.active ?? 0} active pods of ${wanted} and does not complete`;
    const started = parseTime(job.status?.startTime);
    const deadline = job.spec?.activeDeadlineSeconds;
    if (started !== undefined && typeof deadline === 'number') {
      note += `; unless it completes first, it fails with DeadlineExceeded at ${formatTime(started + deadline * 1000)}`;
    }
    notes.push(note);
  }
  return notes;
}
