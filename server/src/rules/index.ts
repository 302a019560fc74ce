/** Every object rule kubeplan knows, by family. New families register here. */
import { BEST_PRACTICE_RULES } from './best-practice';
import { cronScheduleRule, cronTimeZoneRule, jobRestartPolicyRule, jobSpecRule } from './jobs';
import { annotationsRule, labelsRule, objectNameRule } from './names-and-labels';
import type { ObjectRule } from './rule';
import { servicePortsRule, serviceTypeRule, sessionAffinityRule } from './services';

export const OBJECT_RULES: readonly ObjectRule[] = [objectNameRule, labelsRule, annotationsRule,
  jobRestartPolicyRule, jobSpecRule, cronScheduleRule, cronTimeZoneRule,
  servicePortsRule, serviceTypeRule, sessionAffinityRule,
  ...BEST_PRACTICE_RULES];
