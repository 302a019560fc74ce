/**
 * What apps/validation (and core's ReplicationController validation) checks about a workload beyond its pod
 * spec: template labels against the selector, the Deployment strategy, counters, and the template's restart
 * policy. All on the object after defaulting, as the API server sees it.
 */
import { objectAt, type PlainObject } from '../kube/plain-values';
import { templateRestartPolicies } from '../kube/pod-templates';
import { compileLabelSelector, isEmptySelector, labelsOf } from '../kube/label-selectors';
import { FieldPath, forbidden, invalid, notSupported, type FieldError } from '../kube/field-errors';
import { goStringMap, intOrString } from '../kube/go-values';
import { intOrPercentValue, isIntOrString, notMoreThan100PercentErrors, positiveIntOrPercentErrors } from './int-or-percent';
import type { ObjectRule } from './rule';

const REPLICATED_KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController'];

/**
 * ValidatePodTemplateSpecForReplicaSet, ValidateStatefulSetSpec, ValidateDaemonSetSpec, ValidatePodTemplateSpecForRC,
 * and validateJob for Jobs with a manual selector.
 * An empty selector is its own error (label-selector) and is not matched here; a ReplicationController's selector
 * is a plain map, defaulted from the template's labels.
 */
export const selectorMismatchRule: ObjectRule = {
  id: 'selector-mismatch',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: "A workload's pod template labels must satisfy its selector.",
  kinds: [...REPLICATED_KINDS, 'Job'],
  check({ kind, defaulted }) {
    const spec = objectAt(defaulted, 'spec');
    // A Job's selector is generated together with matching template labels unless it is set manually.
    if (kind === 'Job' && spec?.['manualSelector'] !== true) return [];
    const labels = objectAt(objectAt(objectAt(spec, 'template'), 'metadata'), 'labels');
    const raw = spec?.['selector'];
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return [];
    const selector: PlainObject = kind === 'ReplicationController' ? { matchLabels: raw } : raw;
    if (isEmptySelector(selector) || compileLabelSelector(selector)(labelsOf(labels))) return [];
    const path = FieldPath.of('spec', 'template', 'metadata', 'labels');
    return [invalid(path, goStringMap(labels), '`selector` does not match template `labels`')];
  },
};

/** ValidateDeploymentStrategy and ValidateRollingUpdateDeployment. */
export const deploymentStrategyRule: ObjectRule = {
  id: 'deployment-strategy',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'A Deployment strategy: no rollingUpdate with Recreate; maxSurge and maxUnavailable are counts or percents, not both 0, maxUnavailable at most 100%.',
  kinds: ['Deployment'],
  check({ defaulted }) {
    const strategy = objectAt(objectAt(defaulted, 'spec'), 'strategy');
    const path = FieldPath.of('spec', 'strategy');
    const rollingUpdate = objectAt(strategy, 'rollingUpdate');
    if (strategy?.['type'] === 'Recreate') {
      return rollingUpdate ? [forbidden(path.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
    }
    if (strategy?.['type'] !== 'RollingUpdate' || !rollingUpdate) return [];
    const updatePath = path.child('rollingUpdate');
    // Defaulting fills both; a value the schema refused never reaches the rules.
    const maxUnavailable = isIntOrString(rollingUpdate['maxUnavailable']) ? rollingUpdate['maxUnavailable'] : 0;
    const maxSurge = isIntOrString(rollingUpdate['maxSurge']) ? rollingUpdate['maxSurge'] : 0;
    const unavailablePath = updatePath.child('maxUnavailable');
    const errors = [...positiveIntOrPercentErrors(maxUnavailable, unavailablePath), ...positiveIntOrPercentErrors(maxSurge, updatePath.child('maxSurge'))];
    if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0) {
      errors.push(invalid(unavailablePath, intOrString(maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
    }
    errors.push(...notMoreThan100PercentErrors(maxUnavailable, unavailablePath));
    return errors;
  },
};

/** The counters each kind's spec validation holds to be non-negative. */
const NON_NEGATIVE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['replicas', 'minReadySeconds', 'revisionHistoryLimit'],
  ReplicaSet: ['replicas', 'minReadySeconds'],
  StatefulSet: ['replicas', 'minReadySeconds'],
  DaemonSet: ['minReadySeconds', 'revisionHistoryLimit'],
};

/** ValidateDeploymentSpec's counters, and the same counters of the other apps workloads. */
export const workloadCountersRule: ObjectRule = {
  id: 'workload-counters',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'Workload counters: replicas, minReadySeconds and revisionHistoryLimit not negative; progressDeadlineSeconds greater than minReadySeconds.',
  kinds: Object.keys(NON_NEGATIVE_FIELDS),
  check({ kind, defaulted }) {
    const spec = objectAt(defaulted, 'spec');
    if (!spec) return [];
    const errors: FieldError[] = [];
    for (const field of NON_NEGATIVE_FIELDS[kind]!) {
      const value = spec[field];
      if (typeof value === 'number' && value < 0) errors.push(invalid(FieldPath.of('spec', field), value, 'must be greater than or equal to 0'));
    }
    const deadline = spec['progressDeadlineSeconds'];
    if (kind === 'Deployment' && typeof deadline === 'number') {
      const path = FieldPath.of('spec', 'progressDeadlineSeconds');
      if (deadline < 0) errors.push(invalid(path, deadline, 'must be greater than or equal to 0'));
      const minReady = typeof spec['minReadySeconds'] === 'number' ? spec['minReadySeconds'] : 0;
      if (deadline <= minReady) errors.push(invalid(path, deadline, 'must be greater than minReadySeconds'));
    }
    return errors;
  },
};

/** The noun each kind's validation uses in the activeDeadlineSeconds error. */
const ACTIVE_DEADLINE_NOUN: Readonly<Record<string, string>> = {
  Deployment: 'ReplicaSet',
  ReplicaSet: 'ReplicaSet',
  StatefulSet: 'StatefulSet',
  DaemonSet: 'DaemonSet',
  ReplicationController: 'ReplicationController',
};

/**
 * Workload templates restart their containers for ever (restartPolicy Always, which defaulting sets when it is
 * omitted) and have no deadline.
 */
export const templateRestartPolicyRule: ObjectRule = {
  id: 'template-restart-policy',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'Pod templates of Deployments, ReplicaSets, StatefulSets, DaemonSets and ReplicationControllers need restartPolicy Always and no activeDeadlineSeconds.',
  kinds: REPLICATED_KINDS,
  check({ kind, defaulted }) {
    const podSpec = objectAt(objectAt(objectAt(defaulted, 'spec'), 'template'), 'spec');
    if (!podSpec) return [];
    const path = FieldPath.of('spec', 'template', 'spec');
    const errors: FieldError[] = [];
    const restartPolicy = podSpec['restartPolicy'];
    const allowed = templateRestartPolicies(kind)!;
    if (!allowed.includes(String(restartPolicy))) errors.push(notSupported(path.child('restartPolicy'), restartPolicy ?? '', [...allowed]));
    const deadline = podSpec['activeDeadlineSeconds'];
    if (deadline !== undefined && deadline !== null) {
      errors.push(forbidden(path.child('activeDeadlineSeconds'), `activeDeadlineSeconds in ${ACTIVE_DEADLINE_NOUN[kind]} is not Supported`));
    }
    return errors;
  },
};

export const WORKLOAD_RULES: readonly ObjectRule[] = [selectorMismatchRule, deploymentStrategyRule, workloadCountersRule, templateRestartPolicyRule];
