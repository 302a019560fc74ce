/**
 * Job and CronJob, as pkg/apis/batch/validation checks them: the pod template's restart policy, the numeric
 * limits and Indexed-mode constraints of a Job spec (validateJobSpec, also run on a CronJob's jobTemplate), and
 * a CronJob's schedule (robfig/cron's standard parser) and time zone.
 */
import { parseSchedule } from '../cron/parse';
import { loadLocationError } from '../cron/time-zone';
import { objectAt, type PlainObject } from '../kube/plain-values';
import { templateRestartPolicies } from '../kube/pod-templates';
import { FieldPath, invalid, notSupported, required, type FieldError } from '../kube/field-errors';
import type { ObjectRule } from './rule';
import { labelSelectorValue } from './label-selectors';
import { TextMemo } from '../kube/text-memo';

/** validateJobSpec's limits for Indexed Jobs. */
const MAX_PARALLELISM_INDEXED = 100_000;
const MAX_FAILED_INDEXES_INDEXED = 100_000;
const COMPLETIONS_SOFT_LIMIT = 100_000;
const PARALLELISM_LIMIT_HIGH_COMPLETIONS = 10_000;
const MAX_FAILED_INDEXES_HIGH_COMPLETIONS = 10_000;
const NEGATIVE = 'must be greater than or equal to 0';

const numberAt = (object: PlainObject | undefined, key: string) => (typeof object?.[key] === 'number' ? (object[key] as number) : undefined);

/** The Job specs an object holds: a Job's own, a CronJob's job template. */
function jobSpecs(kind: string, object: PlainObject): { spec: PlainObject; path: FieldPath }[] {
  const path = kind === 'CronJob' ? FieldPath.of('spec', 'jobTemplate', 'spec') : FieldPath.of('spec');
  const spec = kind === 'CronJob' ? objectAt(object, 'spec', 'jobTemplate', 'spec') : objectAt(object, 'spec');
  return spec ? [{ spec, path }] : [];
}

export const jobRestartPolicyRule: ObjectRule = {
  id: 'job-restart-policy',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: "A Job's pod template (and a CronJob's) must set restartPolicy to OnFailure or Never; with podFailurePolicy only Never.",
  kinds: ['Job', 'CronJob'],
  check({ kind, defaulted }) {
    const errors: FieldError[] = [];
    for (const { spec, path } of jobSpecs(kind, defaulted)) {
      const policyPath = path.child('template', 'spec', 'restartPolicy');
      // PodSpec defaulting made an omitted policy Always. Values other than the three pod restart policies are
      // refused by the schema before rules run.
      const policy = objectAt(spec, 'template', 'spec')?.['restartPolicy'];
      if (policy === 'Always' || policy === '') {
        errors.push(
          required(
            policyPath,
            `valid values: ${templateRestartPolicies(kind)!
              .map((value) => `"${value}"`)
              .join(', ')}`,
          ),
        );
      } else if (objectAt(spec, 'podFailurePolicy') && policy !== 'Never') {
        errors.push(invalid(policyPath, policy, 'only "Never" is supported when podFailurePolicy is specified'));
      }
    }
    return errors;
  },
};

function nonNegative(spec: PlainObject | undefined, path: FieldPath, ...keys: string[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of keys) {
    const value = numberAt(spec, key);
    if (value !== undefined && value < 0) errors.push(invalid(path.child(key), value, NEGATIVE));
  }
  return errors;
}

function jobSpecErrors(spec: PlainObject, path: FieldPath): FieldError[] {
  const errors = nonNegative(spec, path, 'parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes');
  const parallelism = numberAt(spec, 'parallelism');
  const completions = numberAt(spec, 'completions');
  const backoffLimitPerIndex = numberAt(spec, 'backoffLimitPerIndex');
  const maxFailedIndexes = numberAt(spec, 'maxFailedIndexes');
  if (maxFailedIndexes !== undefined && backoffLimitPerIndex === undefined) {
    errors.push(required(path.child('backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }
  if (spec['completionMode'] === 'Indexed') {
    if (completions === undefined) errors.push(required(path.child('completions'), 'when completion mode is Indexed'));
    if (parallelism !== undefined && parallelism > MAX_PARALLELISM_INDEXED) {
      errors.push(invalid(path.child('parallelism'), parallelism, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`));
    }
    if (completions !== undefined && maxFailedIndexes !== undefined && maxFailedIndexes > completions) {
      errors.push(invalid(path.child('maxFailedIndexes'), maxFailedIndexes, 'must be less than or equal to completions'));
    }
    if (maxFailedIndexes !== undefined && maxFailedIndexes > MAX_FAILED_INDEXES_INDEXED) {
      errors.push(invalid(path.child('maxFailedIndexes'), maxFailedIndexes, `must be less than or equal to ${MAX_FAILED_INDEXES_INDEXED}`));
    }
    if (completions !== undefined && completions > COMPLETIONS_SOFT_LIMIT && backoffLimitPerIndex !== undefined) {
      const high = `when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`;
      if (maxFailedIndexes === undefined) errors.push(required(path.child('maxFailedIndexes'), `must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`));
      if (parallelism !== undefined && parallelism > PARALLELISM_LIMIT_HIGH_COMPLETIONS) {
        errors.push(invalid(path.child('parallelism'), parallelism, `must be less than or equal to ${PARALLELISM_LIMIT_HIGH_COMPLETIONS} ${high}`));
      }
      if (maxFailedIndexes !== undefined && maxFailedIndexes > MAX_FAILED_INDEXES_HIGH_COMPLETIONS) {
        errors.push(invalid(path.child('maxFailedIndexes'), maxFailedIndexes, `must be less than or equal to ${MAX_FAILED_INDEXES_HIGH_COMPLETIONS} ${high}`));
      }
    }
  } else {
    if (backoffLimitPerIndex !== undefined) errors.push(invalid(path.child('backoffLimitPerIndex'), backoffLimitPerIndex, 'requires indexed completion mode'));
    if (maxFailedIndexes !== undefined) errors.push(invalid(path.child('maxFailedIndexes'), maxFailedIndexes, 'requires indexed completion mode'));
  }
  return errors;
}

/** ValidateJobTemplateSpec: the CronJob controller generates the selector of the Jobs it creates. */
function jobTemplateSelectorErrors(spec: PlainObject | undefined): FieldError[] {
  const path = FieldPath.of('spec', 'jobTemplate', 'spec');
  const errors: FieldError[] = [];
  const selector = objectAt(spec, 'selector');
  if (selector) {
    const selectorPath = path.child('selector');
    errors.push({ ...invalid(selectorPath, labelSelectorValue(selector), '`selector` will be auto-generated'), target: 'key' });
  }
  if (spec?.['manualSelector'] === true) errors.push(notSupported(path.child('manualSelector'), true, ['nil', 'false']));
  return errors;
}

export const jobSpecRule: ObjectRule = {
  id: 'job-spec',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'Job counts and deadlines are not negative, Indexed Jobs set completions within their limits, and CronJob deadlines and history limits are not negative.',
  kinds: ['Job', 'CronJob'],
  // Defaulted: a Job with neither completions nor parallelism gets both 1, so Indexed mode has its completions.
  check({ kind, defaulted: object }) {
    const errors: FieldError[] = [];
    if (kind === 'CronJob') {
      errors.push(...nonNegative(objectAt(object, 'spec'), FieldPath.of('spec'), 'startingDeadlineSeconds'));
    }
    for (const { spec, path } of jobSpecs(kind, object)) errors.push(...jobSpecErrors(spec, path));
    if (kind === 'CronJob') {
      errors.push(...jobTemplateSelectorErrors(objectAt(object, 'spec', 'jobTemplate', 'spec')));
      errors.push(...nonNegative(objectAt(object, 'spec'), FieldPath.of('spec'), 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'));
    }
    return errors;
  },
};

/**
 * Why the CronJob controller's parser refuses a schedule, remembered by its text: a tree's CronJobs share a few
 * schedules, and parsing one builds a bit set per field. A panic in the parser is an internal error of the API
 * server, not a field error (the TZ check still names what to change), so it gives none here.
 */
const scheduleErrors = new TextMemo(
  (schedule): string | undefined => {
    const parsed = parseSchedule(schedule);
    return 'error' in parsed && !parsed.panicked ? parsed.error : undefined;
  },
  1024,
  256,
);

export const cronScheduleRule: ObjectRule = {
  id: 'cron-schedule',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: "A CronJob's schedule must parse as the CronJob controller parses it, and may not name a time zone with TZ= or CRON_TZ=.",
  kinds: ['CronJob'],
  check({ object }) {
    const schedule = objectAt(object, 'spec')?.['schedule'];
    const path = FieldPath.of('spec', 'schedule');
    if (typeof schedule !== 'string') return [];
    if (schedule === '') return [required(path)];
    const errors: FieldError[] = [];
    const parseError = scheduleErrors.get(schedule);
    if (parseError !== undefined) errors.push(invalid(path, schedule, parseError));
    // A new object may not carry a time zone in the schedule (ValidateCronJobCreate: allowTZInSchedule false).
    if (schedule.includes('TZ')) errors.push(invalid(path, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
    return errors;
  },
};

/** One component of a zone name as the tz database names files (validTimeZoneCharacters). */
const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

export const cronTimeZoneRule: ObjectRule = {
  id: 'cron-time-zone',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: "A CronJob's timeZone must be an explicit IANA time zone the API server can load.",
  kinds: ['CronJob'],
  check({ object }) {
    const timeZone = objectAt(object, 'spec')?.['timeZone'];
    const path = FieldPath.of('spec', 'timeZone');
    if (typeof timeZone !== 'string') return [];
    if (timeZone === '') return [invalid(path, timeZone, 'timeZone must be nil or non-empty string')];
    for (const part of timeZone.split('/')) {
      if (part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_PART.test(part)) {
        return [invalid(path, timeZone, `unknown time zone ${timeZone}`)];
      }
    }
    const errors: FieldError[] = [];
    if (timeZone.toLowerCase() === 'local') {
      errors.push(invalid(path, timeZone, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
    }
    const loadError = loadLocationError(timeZone);
    if (loadError) errors.push(invalid(path, timeZone, loadError));
    return errors;
  },
};
