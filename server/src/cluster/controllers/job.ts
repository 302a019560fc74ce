/**
 * The Job controller, as much as a dry run needs (pkg/controller/job/job_controller.go syncJob): each
 * sync counts the Job's pods, creates pods up to `parallelism` (never more than the completions still missing),
 * and finishes the Job — Complete when enough pods succeeded, Failed when more pods failed than `backoffLimit`
 * or the Job outlived `activeDeadlineSeconds`.
 *
 * Pods are named as the API server names them from `metadata.generateName` (`<job>-` and 5 characters; Indexed:
 * `<job>-<index>-` and 5), through the store's deterministic name generator.
 *
 * Not modelled: the retry backoff delay (replacement pods are created at the next sync), pod failure policies,
 * per-index backoff limits, success policies.
 */
import type { Pod, PodSpec } from 'kubernetes-types/core/v1';
import type { Job, JobCondition, JobStatus } from 'kubernetes-types/batch/v1';
import { minorOf, type KubernetesVersion } from '../../schema/versions';
import { asOwner, controllerReference, isControlledBy } from '../../kube/owner-references';
import { eventObject } from '../events';
import type { ClusterEvent } from '../../protocol/plan';
import { MAX_GENERATED_NAME_LENGTH } from '../names';
import { namespaceOf } from '../object-keys';
import { formatTime, parseTime } from '../rfc3339';

const COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
const COMPLETION_INDEX_ENV = 'JOB_COMPLETION_INDEX';

export interface JobSyncResult {
  status: JobStatus;
  createdPods: Pod[];
  /** Names of pods the controller deletes (active pods of a Job that failed or was suspended). */
  deletedPods: string[];
  events: ClusterEvent[];
}

export function isJobFinished(job: Job): 'Complete' | 'Failed' | undefined {
  const finished = job.status?.conditions?.find((condition) => (condition.type === 'Complete' || condition.type === 'Failed') && condition.status === 'True');
  return finished?.type as 'Complete' | 'Failed' | undefined;
}

function condition(type: string, reason: string, message: string, now: number): JobCondition {
  const time = formatTime(now);
  return { type, status: 'True', lastProbeTime: time, lastTransitionTime: time, ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
}

/**
 * The conditions of a finished Job. From 1.31 the controller first records the interim SuccessCriteriaMet or
 * FailureTarget condition and, its pods gone, the final one with the same reason; before, only the final one
 * (Complete without reason).
 */
function finishingConditions(outcome: 'Complete' | 'Failed', reason: string, message: string, now: number, version: KubernetesVersion): JobCondition[] {
  if (minorOf(version) < 31) return [outcome === 'Complete' ? condition('Complete', '', '', now) : condition('Failed', reason, message, now)];
  const interim = outcome === 'Complete' ? 'SuccessCriteriaMet' : 'FailureTarget';
  return [condition(interim, reason, message, now), condition(outcome, reason, message, now)];
}

/**
 * The generateName of an Indexed Job's pod (indexed_job_utils.go podGenerateNameWithIndex): `<job>-<index>-`, the
 * job name cut so that the index survives the API server's cut to 58 characters. Pods of other Jobs get the pod
 * controller's `<job>-`.
 */
export function podGenerateName(jobName: string, index: number | undefined): string {
  if (index === undefined) return `${jobName}-`;
  const appendIndex = `-${index}-`;
  const prefix = jobName + appendIndex;
  return prefix.length > MAX_GENERATED_NAME_LENGTH ? prefix.slice(0, MAX_GENERATED_NAME_LENGTH - appendIndex.length) + appendIndex : prefix;
}

/**
 * JOB_COMPLETION_INDEX, read from the pod's annotation, in every container and init container of an Indexed Job's
 * pods unless the container sets it (indexed_job_utils.go addCompletionIndexEnvVariables).
 */
function addCompletionIndexEnvVariables(spec: PodSpec): void {
  for (const container of [...(spec.initContainers ?? []), ...spec.containers]) {
    if (container.env?.some((variable) => variable.name === COMPLETION_INDEX_ENV)) continue;
    (container.env ??= []).push({ name: COMPLETION_INDEX_ENV, valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX_ANNOTATION}']` } } });
  }
}

/** A pod from the Job's template, owned by the Job; for an Indexed Job with its completion index. */
function podFromTemplate(job: Job, generateName: string, name: string, index: number | undefined): Pod {
  const template = job.spec?.template ?? {};
  const labels = { ...(template.metadata?.labels ?? {}) };
  const annotations = { ...(template.metadata?.annotations ?? {}) };
  const spec = structuredClone(template.spec ?? { containers: [] });
  if (index !== undefined) {
    // The label came with PodIndexLabel, on by default since 1.28: every version kubeplan plans for has it.
    labels[COMPLETION_INDEX_ANNOTATION] = String(index);
    annotations[COMPLETION_INDEX_ANNOTATION] = String(index);
    addCompletionIndexEnvVariables(spec);
    spec.hostname = `${job.metadata?.name ?? ''}-${index}`;
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName,
      namespace: namespaceOf(job),
      labels,
      ...(Object.keys(annotations).length ? { annotations } : {}),
      finalizers: ['batch.kubernetes.io/job-tracking'],
      ownerReferences: [controllerReference(asOwner('Job', job))],
    },
    spec,
  };
}

function completionIndexOf(pod: Pod): number | undefined {
  const text = pod.metadata?.annotations?.[COMPLETION_INDEX_ANNOTATION];
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

/** Pod counts, the way the status reports them. */
function countPods(pods: readonly Pod[]) {
  const active = pods.filter((pod) => !['Succeeded', 'Failed'].includes(pod.status?.phase ?? '') && !pod.metadata?.deletionTimestamp);
  return {
    active,
    succeeded: pods.filter((pod) => pod.status?.phase === 'Succeeded'),
    failed: pods.filter((pod) => pod.status?.phase === 'Failed').length,
    terminating: pods.filter((pod) => pod.metadata?.deletionTimestamp && !['Succeeded', 'Failed'].includes(pod.status?.phase ?? '')).length,
    ready: active.filter((pod) => pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length,
  };
}

/**
 * One sync of the Job at `now` (epoch ms) over the pods of the cluster (those the Job owns are picked out).
 * `generateName` is the API server's: the name a pod created with that `metadata.generateName` gets.
 */
export function syncJob(job: Job, allPods: readonly Pod[], now: number, version: KubernetesVersion, generateName: (base: string) => string): JobSyncResult {
  const pods = allPods.filter((pod) => isControlledBy(pod.metadata, asOwner('Job', job)));
  const previous = job.status ?? {};
  const spec = job.spec ?? { template: {} };
  const object = eventObject('Job', job.metadata?.name ?? '', namespaceOf(job));
  const events: ClusterEvent[] = [];
  const counts = countPods(pods);
  const status: JobStatus = {
    ...previous,
    ready: counts.ready,
    terminating: counts.terminating,
    uncountedTerminatedPods: {},
  };
  const setCounts = (active: number) => {
    for (const [field, value] of [
      ['active', active],
      ['succeeded', counts.succeeded.length],
      ['failed', counts.failed],
    ] as const) {
      if (value > 0) status[field] = value;
      else delete status[field];
    }
  };
  setCounts(counts.active.length);
  if (isJobFinished(job)) return { status, createdPods: [], deletedPods: [], events };

  const startTime = parseTime(previous.startTime) ?? now;
  if (!spec.suspend) status.startTime = formatTime(startTime);

  const fail = (reason: string, message: string): JobSyncResult => {
    status.conditions = [...(previous.conditions ?? []), ...finishingConditions('Failed', reason, message, now, version)];
    setCounts(0);
    events.push({ type: 'Warning', reason, object, message });
    return { status, createdPods: [], deletedPods: counts.active.map((pod) => pod.metadata?.name ?? ''), events };
  };
  if (counts.failed > (spec.backoffLimit ?? 6)) return fail('BackoffLimitExceeded', 'Job has reached the specified backoff limit');
  const deadline = spec.activeDeadlineSeconds;
  if (deadline !== undefined && !spec.suspend && now - startTime >= deadline * 1000) return fail('DeadlineExceeded', 'Job was active longer than specified deadline');

  const indexed = spec.completionMode === 'Indexed';
  const completions = spec.completions ?? undefined;
  const succeededIndexes = new Set(counts.succeeded.map(completionIndexOf).filter((index) => index !== undefined));
  const done = completions === undefined ? counts.succeeded.length > 0 && counts.active.length === 0 : indexed ? succeededIndexes.size >= completions : counts.succeeded.length >= completions;
  if (done) {
    status.conditions = [...(previous.conditions ?? []), ...finishingConditions('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods', now, version)];
    status.completionTime = formatTime(now);
    if (indexed) status.completedIndexes = [...succeededIndexes].sort((a, b) => a - b).join(',');
    events.push({ type: 'Normal', reason: 'Completed', object, message: 'Job completed' });
    // Pods still running once enough succeeded are no longer needed.
    setCounts(0);
    return { status, createdPods: [], deletedPods: counts.active.map((pod) => pod.metadata?.name ?? ''), events };
  }

  if (spec.suspend) {
    setCounts(0);
    if (counts.active.length > 0) events.push({ type: 'Normal', reason: 'Suspended', object, message: 'Job suspended' });
    return { status, createdPods: [], deletedPods: counts.active.map((pod) => pod.metadata?.name ?? ''), events };
  }

  const parallelism = spec.parallelism ?? 1;
  const wanted = completions === undefined ? (counts.succeeded.length > 0 ? 0 : parallelism) : Math.min(parallelism, completions - (indexed ? succeededIndexes.size : counts.succeeded.length));
  const jobName = job.metadata?.name ?? '';
  const busyIndexes = new Set([...succeededIndexes, ...counts.active.map(completionIndexOf)]);
  const freeIndexes = indexed ? Array.from({ length: completions ?? 0 }, (_, i) => i).filter((i) => !busyIndexes.has(i)) : [];
  const createdPods: Pod[] = [];
  for (let i = 0; i < wanted - counts.active.length; i++) {
    const index = indexed ? freeIndexes[i] : undefined;
    if (indexed && index === undefined) break;
    const base = podGenerateName(jobName, index);
    const pod = podFromTemplate(job, base, generateName(base), index);
    createdPods.push(pod);
    events.push({ type: 'Normal', reason: 'SuccessfulCreate', object, message: `Created pod: ${pod.metadata?.name ?? ''}` });
  }
  setCounts(counts.active.length + createdPods.length);
  return { status, createdPods, deletedPods: [], events };
}
