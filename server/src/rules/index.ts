/** Every object rule kubeplan knows, by family. New families register here. */
import { AUTOSCALING_AND_DISRUPTION_RULES } from './autoscaling';
import { BEST_PRACTICE_RULES } from './best-practice';
import { configKeysRule, configSizeRule, secretTypeKeysRule } from './config-and-secrets';
import { ingressRulesRule } from './ingress';
import { cronScheduleRule, cronTimeZoneRule, jobRestartPolicyRule, jobSpecRule } from './jobs';
import { labelSelectorRule } from './label-selectors';
import { annotationsRule, labelsRule, objectNameRule } from './names-and-labels';
import { POD_SPEC_RULES } from './pod-spec';
import type { ObjectRule } from './rule';
import { servicePortsRule, serviceTypeRule, sessionAffinityRule } from './services';
import { WORKLOAD_RULES } from './workloads';

export const OBJECT_RULES: readonly ObjectRule[] = [
  objectNameRule,
  labelsRule,
  annotationsRule,
  jobRestartPolicyRule,
  jobSpecRule,
  cronScheduleRule,
  cronTimeZoneRule,
  servicePortsRule,
  serviceTypeRule,
  sessionAffinityRule,
  labelSelectorRule,
  ...WORKLOAD_RULES,
  ...POD_SPEC_RULES,
  configKeysRule,
  configSizeRule,
  secretTypeKeysRule,
  ingressRulesRule,
  ...AUTOSCALING_AND_DISRUPTION_RULES,
  ...BEST_PRACTICE_RULES,
];
