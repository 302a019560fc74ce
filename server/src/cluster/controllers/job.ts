/**
 * The Job controller, as much as a dry run needs (pkg/controller/job/job_controller.go syncJob): each
 * sync counts the Job's pods, creates pods up to `parallelism` (never more than the completions still missing),
 * and finishes the Job — Complete when enough pods succeeded, Failed when more pods failed than `backoffLimit`
 * or the Job outlived `activeDeadlineSeconds`.
 *
 * Pods are named as the API server names them from `metadata.generateName` (`<job>-` and 5 characters; Indexed:
 * `<job>-<index>-` and 5), through the store's deterministic name generator.
 *
 * A failed pod is matched against the Job's podFailurePolicy (pod_failure_policy.go matchPodFailurePolicy): a
 * FailJob rule fails the Job, an Ignore rule keeps the failure out of `failed` and the back-off. Replacement pods
 * wait out the pod-failure back-off (backoff_utils.go): 10 s after the first failure since the last success,
 * doubling per further failure, at most 10 minutes.
 *
 * An Indexed Job's successPolicy (from 1.31, where JobSuccessPolicy is on by default) completes it once a rule's
 * indexes or count have succeeded (success_policy.go matchSuccessPolicy).
 *
 * Not modelled: per-index backoff limits, the FailIndex action, restarts of OnFailure pods.
 */
import type { Pod, PodSpec } from 'kubernetes-types/core/v1';
import type { Job, JobCondition, JobStatus, PodFailurePolicy, SuccessPolicy } from 'kubernetes-types/batch/v1';
import { minorOf, type KubernetesVersion } from '../../schema/versions';
import { asOwner, controllerReference, isControlledBy } from '../../kube/owner-references';
import { eventObject } from '../events';
import type { ClusterEvent } from '../../protocol/plan';
import { MAX_GENERATED_NAME_LENGTH } from '../names';
import { namespaceOf } from '../object-keys';
import { formatTime, parseTime } from '../rfc3339';

const COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
const COMPLETION_INDEX_ENV = 'JOB_COMPLETION_INDEX';
/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff (job_controller.go), in ms. */
export const POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_POD_FAILURE_BACKOFF_MS = 600_000;

export interface JobSyncResult {
  status: JobStatus;
  createdPods: Pod[];
  /** Names of pods the controller deletes (active pods of a Job that failed or was suspended). */
  deletedPods: string[];
  events: ClusterEvent[];
  /** Milliseconds until the Job wants to sync again (the rest of its pod-failure back-off). */
  requeueAfter?: number;
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

/**
 * Indexes as the status writes them (indexed_job_utils.go orderedIntervals.String): runs of three or more as
 * `first-last`, pairs as `first,last`, comma-separated in order: 0,1,2,5,6 → `0-2,5,6`.
 */
export function indexIntervals(indexes: ReadonlySet<number>): string {
  const sorted = [...indexes].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let start = 0; start < sorted.length; ) {
    let end = start;
    while (end + 1 < sorted.length && sorted[end + 1] === sorted[end]! + 1) end++;
    const first = sorted[start]!;
    const last = sorted[end]!;
    parts.push(last === first ? `${first}` : last === first + 1 ? `${first},${last}` : `${first}-${last}`);
    start = end + 1;
  }
  return parts.join(',');
}

/**
 * parseIndexesFromString (indexed_job_utils.go): `1,3-5` as a set of indexes, those at or past `completions`
 * dropped; empty when the text does not read.
 */
function parseIndexes(text: string, completions: number): Set<number> {
  const indexes = new Set<number>();
  for (const part of text.split(',')) {
    const bounds = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!bounds) return new Set();
    const first = Number(bounds[1]);
    const last = bounds[2] === undefined ? first : Number(bounds[2]);
    for (let index = first; index <= Math.min(last, completions - 1); index++) indexes.add(index);
  }
  return indexes;
}

/**
 * matchSuccessPolicy (success_policy.go): the first rule met gives `Matched rules at index <i>`. A rule with
 * succeededIndexes is met when all of them succeeded, or succeededCount of them; one with only succeededCount when
 * that many indexes succeeded. Rules whose indexes do not parse are skipped.
 */
export function matchSuccessPolicy(policy: SuccessPolicy | undefined, completions: number, succeededIndexes: ReadonlySet<number>): string | undefined {
  if (!policy || succeededIndexes.size === 0) return undefined;
  for (const [index, rule] of policy.rules.entries()) {
    if (rule.succeededIndexes !== undefined) {
      const required = parseIndexes(rule.succeededIndexes, completions);
      if (required.size === 0) continue;
      const contained = [...required].filter((required) => succeededIndexes.has(required)).length;
      if (contained === required.size || (rule.succeededCount !== undefined && contained >= rule.succeededCount)) return `Matched rules at index ${index}`;
    } else if (rule.succeededCount !== undefined && succeededIndexes.size >= rule.succeededCount) return `Matched rules at index ${index}`;
  }
  return undefined;
}

function completionIndexOf(pod: Pod): number | undefined {
  const text = pod.metadata?.annotations?.[COMPLETION_INDEX_ANNOTATION];
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

interface PodFailureMatch {
  /** The Job's failure message when a FailJob rule matched. */
  failJobMessage?: string;
  /** False when an Ignore rule matched: the failure is not counted. */
  countFailed: boolean;
}

/**
 * matchPodFailurePolicy (pod_failure_policy.go): the first rule whose onExitCodes matches a terminated container
 * with a non-zero exit code (regular containers first, then init containers), or whose onPodConditions matches one
 * of the pod's conditions, decides; a rule of another action (FailIndex) is skipped.
 */
export function matchPodFailurePolicy(policy: PodFailurePolicy | undefined, pod: Pod): PodFailureMatch {
  for (const [index, rule] of (policy?.rules ?? []).entries()) {
    let failJobMessage: string | undefined;
    if (rule.onExitCodes) {
      const requirement = rule.onExitCodes;
      const container = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((status) => {
        const code = status.state?.terminated?.exitCode;
        if (code === undefined || code === 0) return false;
        if (requirement.containerName && requirement.containerName !== status.name) return false;
        const listed = requirement.values.includes(code);
        return requirement.operator === 'In' ? listed : requirement.operator === 'NotIn' && !listed;
      });
      if (!container) continue;
      failJobMessage = `Container ${container.name} for pod ${namespaceOf(pod)}/${pod.metadata?.name ?? ''} failed with exit code ${container.state?.terminated?.exitCode} matching ${rule.action} rule at index ${index}`;
    } else if (rule.onPodConditions) {
      const matched = (pod.status?.conditions ?? []).find((condition) =>
        rule.onPodConditions!.some((pattern) => pattern.type === condition.type && (pattern.status ?? 'True') === condition.status),
      );
      if (!matched) continue;
      failJobMessage = `Pod ${namespaceOf(pod)}/${pod.metadata?.name ?? ''} has condition ${matched.type} matching ${rule.action} rule at index ${index}`;
    } else continue;
    if (rule.action === 'Ignore') return { countFailed: false };
    if (rule.action === 'Count') return { countFailed: true };
    if (rule.action === 'FailJob') return { failJobMessage, countFailed: true };
  }
  return { countFailed: true };
}

/**
 * When the pod ended: the latest finishedAt of its containers, else when it stopped being Ready
 * (backoff_utils.go getFinishedTime), else its creation.
 */
function finishedTime(pod: Pod): number {
  const finished = (pod.status?.containerStatuses ?? []).map((status) => parseTime(status.state?.terminated?.finishedAt));
  if (finished.length > 0 && finished.every((time) => time !== undefined)) return Math.max(...(finished as number[]));
  const ready = pod.status?.conditions?.find((condition) => condition.type === 'Ready' && condition.status === 'False');
  return parseTime(ready?.lastTransitionTime) ?? parseTime(pod.metadata?.creationTimestamp) ?? 0;
}

/**
 * How long the Job waits before creating a replacement pod (backoff_utils.go getRemainingTimeForFailuresCount over
 * the backoff record): the counted failures after the last success give 10 s doubling per failure, capped at
 * 10 minutes, counted from the last failure.
 */
export function podFailureBackoffRemaining(succeeded: readonly Pod[], countedFailures: readonly Pod[], now: number): number {
  const lastSuccess = Math.max(-Infinity, ...succeeded.map(finishedTime));
  const failureTimes = countedFailures.map(finishedTime).filter((time) => time > lastSuccess);
  if (failureTimes.length === 0) return 0;
  let backoff = POD_FAILURE_BACKOFF_MS;
  for (let i = 1; i < failureTimes.length; i++) {
    backoff *= 2;
    if (backoff >= MAX_POD_FAILURE_BACKOFF_MS) {
      backoff = MAX_POD_FAILURE_BACKOFF_MS;
      break;
    }
  }
  const elapsed = now - Math.max(...failureTimes);
  return backoff < elapsed ? 0 : backoff - elapsed;
}

/** Pod counts, the way the status reports them; failures an Ignore rule matched are not counted. */
function countPods(pods: readonly Pod[], policy: PodFailurePolicy | undefined) {
  const active = pods.filter((pod) => !['Succeeded', 'Failed'].includes(pod.status?.phase ?? '') && !pod.metadata?.deletionTimestamp);
  const failures = pods.filter((pod) => pod.status?.phase === 'Failed').map((pod) => ({ pod, match: matchPodFailurePolicy(policy, pod) }));
  const countedFailures = failures.filter((failure) => failure.match.countFailed).map((failure) => failure.pod);
  return {
    active,
    succeeded: pods.filter((pod) => pod.status?.phase === 'Succeeded'),
    countedFailures,
    failed: countedFailures.length,
    failJobMessage: failures.find((failure) => failure.match.failJobMessage !== undefined)?.match.failJobMessage,
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
  const counts = countPods(pods, spec.podFailurePolicy);
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
  if (counts.failJobMessage !== undefined) return fail('PodFailurePolicy', counts.failJobMessage);
  if (counts.failed > (spec.backoffLimit ?? 6)) return fail('BackoffLimitExceeded', 'Job has reached the specified backoff limit');
  const deadline = spec.activeDeadlineSeconds;
  if (deadline !== undefined && !spec.suspend && now - startTime >= deadline * 1000) return fail('DeadlineExceeded', 'Job was active longer than specified deadline');

  const indexed = spec.completionMode === 'Indexed';
  const completions = spec.completions ?? undefined;
  const succeededIndexes = new Set(counts.succeeded.map(completionIndexOf).filter((index) => index !== undefined));
  if (indexed && succeededIndexes.size > 0) status.completedIndexes = indexIntervals(succeededIndexes);
  // JobSuccessPolicy is on by default from 1.31 (beta); before, the field is dropped.
  const successPolicyMessage = indexed && completions !== undefined && minorOf(version) >= 31 ? matchSuccessPolicy(spec.successPolicy, completions, succeededIndexes) : undefined;
  const done = completions === undefined ? counts.succeeded.length > 0 && counts.active.length === 0 : indexed ? succeededIndexes.size >= completions : counts.succeeded.length >= completions;
  if (successPolicyMessage !== undefined || done) {
    const [reason, message] = successPolicyMessage !== undefined ? ['SuccessPolicy', successPolicyMessage] : ['CompletionsReached', 'Reached expected number of succeeded pods'];
    status.conditions = [...(previous.conditions ?? []), ...finishingConditions('Complete', reason, message, now, version)];
    status.completionTime = formatTime(now);
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
  // manageJob waits out the pod-failure back-off before creating replacements.
  const backoff = wanted > counts.active.length ? podFailureBackoffRemaining(counts.succeeded, counts.countedFailures, now) : 0;
  if (backoff > 0) {
    setCounts(counts.active.length);
    return { status, createdPods, deletedPods: [], events, requeueAfter: backoff };
  }
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
