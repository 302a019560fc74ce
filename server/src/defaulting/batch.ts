/** batch/v1 defaulting (pkg/apis/batch/v1/defaults.go), each followed by the pod template's defaults. */
import { objectAt, type PlainObject } from '../kube/plain-values';
import { defaultPodTemplateAt } from './pod';
import { ensureObject, isUnset, setDefault } from './plain';

const MAX_INT32 = 2147483647;

export function defaultJob(job: PlainObject): void {
  const spec = ensureObject(job, 'spec');
  // Both unset is a single-pod job; parallelism alone unset is 1, completions alone unset is a work queue.
  if (isUnset(spec['completions']) && isUnset(spec['parallelism'])) {
    spec['completions'] = 1;
    spec['parallelism'] = 1;
  }
  setDefault(spec, 'parallelism', 1);
  // JobBackoffLimitPerIndex (on by default from 1.29): with a per-index limit the global one is unbounded.
  setDefault(spec, 'backoffLimit', isUnset(spec['backoffLimitPerIndex']) ? 6 : MAX_INT32);
  const templateLabels = objectAt(objectAt(spec, 'template'), 'metadata')?.['labels'];
  const metadata = ensureObject(job, 'metadata');
  const labels = objectAt(metadata, 'labels');
  if (templateLabels && typeof templateLabels === 'object' && (!labels || Object.keys(labels).length === 0)) {
    metadata['labels'] = structuredClone(templateLabels);
  }
  setDefault(spec, 'completionMode', 'NonIndexed');
  setDefault(spec, 'suspend', false);
  // JobPodReplacementPolicy (on by default from 1.29).
  setDefault(spec, 'podReplacementPolicy', isUnset(spec['podFailurePolicy']) ? 'TerminatingOrFailed' : 'Failed');
  defaultPodTemplateAt(spec, 'template');
}

/** A CronJob's jobTemplate is not a Job: it gets the pod template's defaults but not SetDefaults_Job. */
export function defaultCronJob(cronJob: PlainObject): void {
  const spec = ensureObject(cronJob, 'spec');
  setDefault(spec, 'concurrencyPolicy', 'Allow');
  setDefault(spec, 'suspend', false);
  setDefault(spec, 'successfulJobsHistoryLimit', 3);
  setDefault(spec, 'failedJobsHistoryLimit', 1);
  defaultPodTemplateAt(ensureObject(ensureObject(spec, 'jobTemplate'), 'spec'), 'template');
}
