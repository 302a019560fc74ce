/** Every object rule kubeplan knows, by family. New families register here; the API server's warnings stay last. */
import { ADMISSION_REGISTRATION_RULES } from './admission-registration';
import { APPS_RULES } from './apps';
import { API_WARNING_RULES } from './api-warnings';
import { AUTOSCALING_AND_DISRUPTION_RULES } from './autoscaling';
import { BEST_PRACTICE_RULES } from './best-practice';
import { RBAC_BEST_PRACTICE_RULES } from './rbac-best-practice';
import { CLUSTER_OBJECT_RULES } from './cluster-objects';
import { namespaceFinalizersRule, priorityClassRule, runtimeClassRule } from './cluster-config';
import { configKeysRule, configSizeRule, secretTypeKeysRule } from './config-and-secrets';
import { DYNAMIC_RESOURCE_RULES } from './dynamic-resources';
import { EVENT_RULES } from './events';
import { CERTIFICATE_RULES } from './certificates';
import { FLOWCONTROL_RULES } from './flowcontrol';
import { ingressRulesRule } from './ingress';
import { CUSTOM_RESOURCE_DEFINITION_RULES } from './custom-resource-definitions';
import { CRD_SCHEMA_RULES } from './crd-schemas';
import { CRD_DEFAULTS_RULES } from './crd-defaults';
import { cronScheduleRule, cronTimeZoneRule, jobRestartPolicyRule, jobSpecRule } from './jobs';
import { labelSelectorRule } from './label-selectors';
import { annotationsRule, labelsRule, objectNameRule } from './names-and-labels';
import { ingressClassRule, networkPolicyRule } from './network-policies';
import { POD_CONTAINER_RULES } from './pod-containers';
import { NODE_RULES } from './nodes';
import { POD_SCHEDULING_RULES } from './pod-scheduling';
import { POD_SECURITY_RULES } from './pod-security';
import { POD_OVERHEAD_RULES } from './pod-overhead';
import { POD_SPEC_RULES } from './pod-spec';
import { POD_VOLUME_RULES } from './pod-volumes';
import { limitRangeRule, resourceQuotaSpecRule } from './quotas-and-limits';
import { RBAC_RULES } from './rbac';
import type { ObjectRule } from './rule';
import { serviceIPFamiliesRule, serviceLoadBalancerRule, servicePortsRule, serviceTypeRule, sessionAffinityRule } from './services';
import { csiDriverSpecRule, persistentVolumeClaimSpecRule, persistentVolumeSpecRule, storageClassRule } from './storage';
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
  serviceIPFamiliesRule,
  labelSelectorRule,
  ...WORKLOAD_RULES,
  ...APPS_RULES,
  ...POD_SPEC_RULES,
  ...POD_OVERHEAD_RULES,
  ...POD_VOLUME_RULES,
  ...POD_SECURITY_RULES,
  ...POD_SCHEDULING_RULES,
  ...POD_CONTAINER_RULES,
  configKeysRule,
  configSizeRule,
  secretTypeKeysRule,
  ingressRulesRule,
  ...RBAC_RULES,
  networkPolicyRule,
  ingressClassRule,
  serviceLoadBalancerRule,
  persistentVolumeClaimSpecRule,
  storageClassRule,
  csiDriverSpecRule,
  persistentVolumeSpecRule,
  resourceQuotaSpecRule,
  limitRangeRule,
  priorityClassRule,
  namespaceFinalizersRule,
  runtimeClassRule,
  ...AUTOSCALING_AND_DISRUPTION_RULES,
  ...CLUSTER_OBJECT_RULES,
  ...ADMISSION_REGISTRATION_RULES,
  ...DYNAMIC_RESOURCE_RULES,
  ...FLOWCONTROL_RULES,
  ...CERTIFICATE_RULES,
  ...NODE_RULES,
  ...CUSTOM_RESOURCE_DEFINITION_RULES,
  ...CRD_SCHEMA_RULES,
  ...CRD_DEFAULTS_RULES,
  ...EVENT_RULES,
  ...BEST_PRACTICE_RULES,
  ...RBAC_BEST_PRACTICE_RULES,
  // After every API-server validation rule: an object they refuse gets no create warnings (run-object-rules.ts).
  ...API_WARNING_RULES,
];
