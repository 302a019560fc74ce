/**
 * What apps/validation checks about StatefulSets, DaemonSets and ControllerRevisions beyond the selector, the
 * counters and the template's restart policy (workloads.ts): update strategies, ordinals, the governing Service's
 * name, and a revision's data. All on the object after defaulting, as the API server sees it.
 *
 * Enumerated fields (podManagementPolicy, updateStrategy.type, the PVC retention policy) carry enums in the schema,
 * so an unknown value stops at decoding and never reaches these rules.
 */
import { objectAt, type PlainObject } from '../kube/plain-values';
import { FieldPath, invalid, required, type FieldError } from '../kube/field-errors';
import type { KubernetesVersion } from '../schema/versions';
import { isDns1123Label } from './apimachinery-validation';
import { goPointer, goScalar, goStruct, intOrString, type GoValue } from '../kube/go-values';
import { intOrPercentValue, isIntOrString, notMoreThan100PercentErrors, positiveIntOrPercentErrors } from './int-or-percent';
import type { ObjectRule } from './rule';

/** MaxUnavailableStatefulSet: alpha (off) from 1.24, beta (on) from 1.35. While off, PrepareForCreate drops the field. */
const MAX_UNAVAILABLE_STATEFULSET_VERSIONS: ReadonlySet<KubernetesVersion> = new Set(['1.36']);
/** ValidateStatefulSetSpec checks serviceName as a DNS-1123 label for new StatefulSets from 1.33. */
const SERVICE_NAME_CHECKED_VERSIONS: ReadonlySet<KubernetesVersion> = new Set(['1.33', '1.34', '1.36']);

const NON_NEGATIVE = 'must be greater than or equal to 0';

/** The internal *RollingUpdateStatefulSetStrategy that the wrong-strategy error prints. */
function statefulSetRollingUpdateValue(rollingUpdate: PlainObject, version: KubernetesVersion): GoValue {
  const partition = typeof rollingUpdate['partition'] === 'number' ? rollingUpdate['partition'] : 0;
  // While its feature gate is off, PrepareForCreate drops maxUnavailable before validation.
  const maxUnavailable = rollingUpdate['maxUnavailable'];
  const kept = MAX_UNAVAILABLE_STATEFULSET_VERSIONS.has(version) && isIntOrString(maxUnavailable);
  return goStruct('apps.RollingUpdateStatefulSetStrategy', [
    ['Partition', goScalar(partition)],
    ['MaxUnavailable', goPointer('*intstr.IntOrString', kept ? intOrString(maxUnavailable) : undefined, 'struct')],
  ]);
}

/** validateRollingUpdateStatefulSet */
function statefulSetRollingUpdateErrors(rollingUpdate: PlainObject, path: FieldPath, version: KubernetesVersion): FieldError[] {
  const errors: FieldError[] = [];
  const partition = rollingUpdate['partition'];
  if (typeof partition === 'number' && partition < 0) errors.push(invalid(path.child('partition'), partition, NON_NEGATIVE));
  const maxUnavailable = rollingUpdate['maxUnavailable'];
  if (MAX_UNAVAILABLE_STATEFULSET_VERSIONS.has(version) && isIntOrString(maxUnavailable)) {
    const maxPath = path.child('maxUnavailable');
    errors.push(...positiveIntOrPercentErrors(maxUnavailable, maxPath));
    if (intOrPercentValue(maxUnavailable) === 0) errors.push(invalid(maxPath, intOrString(maxUnavailable), 'cannot be 0'));
    errors.push(...notMoreThan100PercentErrors(maxUnavailable, maxPath));
  }
  return errors;
}

/** ValidateStatefulSetSpec: the update strategy, ordinals.start and serviceName, in upstream's order. */
export const statefulSetSpecRule: ObjectRule = {
  id: 'statefulset-spec',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'A StatefulSet: rollingUpdate only with the RollingUpdate strategy, partition, maxUnavailable and ordinals.start in range, serviceName a DNS-1123 label.',
  kinds: ['StatefulSet'],
  check({ defaulted, kubernetesVersion }) {
    const spec = objectAt(defaulted, 'spec');
    if (!spec) return [];
    const errors: FieldError[] = [];
    const strategy = objectAt(spec, 'updateStrategy');
    const rollingUpdate = objectAt(strategy, 'rollingUpdate');
    const rollingUpdatePath = FieldPath.of('spec', 'updateStrategy', 'rollingUpdate');
    if (rollingUpdate && strategy?.['type'] === 'OnDelete') {
      errors.push(invalid(rollingUpdatePath, statefulSetRollingUpdateValue(rollingUpdate, kubernetesVersion), "only allowed for updateStrategy 'RollingUpdate'"));
    } else if (rollingUpdate && strategy?.['type'] === 'RollingUpdate') {
      errors.push(...statefulSetRollingUpdateErrors(rollingUpdate, rollingUpdatePath, kubernetesVersion));
    }
    const start = objectAt(spec, 'ordinals')?.['start'];
    if (typeof start === 'number' && start < 0) errors.push(invalid(FieldPath.of('spec', 'ordinals', 'start'), start, NON_NEGATIVE));
    const serviceName = spec['serviceName'];
    if (SERVICE_NAME_CHECKED_VERSIONS.has(kubernetesVersion) && typeof serviceName === 'string' && serviceName !== '') {
      for (const message of isDns1123Label(serviceName)) errors.push(invalid(FieldPath.of('spec', 'serviceName'), serviceName, message));
    }
    return errors;
  },
};

/** ValidateDaemonSetUpdateStrategy and ValidateRollingUpdateDaemonSet. */
export const daemonSetUpdateStrategyRule: ObjectRule = {
  id: 'daemonset-update-strategy',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: "A DaemonSet's rolling update: maxUnavailable and maxSurge are counts or percents up to 100%, exactly one of them not 0.",
  kinds: ['DaemonSet'],
  check({ defaulted }) {
    const strategy = objectAt(objectAt(defaulted, 'spec'), 'updateStrategy');
    if (strategy?.['type'] !== 'RollingUpdate') return [];
    const path = FieldPath.of('spec', 'updateStrategy', 'rollingUpdate');
    const rollingUpdate = objectAt(strategy, 'rollingUpdate');
    // Defaulting creates rollingUpdate for RollingUpdate, so upstream's Required for a nil one cannot arise here.
    if (!rollingUpdate) return [];
    const maxUnavailable = isIntOrString(rollingUpdate['maxUnavailable']) ? rollingUpdate['maxUnavailable'] : 0;
    const maxSurge = isIntOrString(rollingUpdate['maxSurge']) ? rollingUpdate['maxSurge'] : 0;
    const unavailablePath = path.child('maxUnavailable');
    const surgePath = path.child('maxSurge');
    const errors = [
      ...positiveIntOrPercentErrors(maxUnavailable, unavailablePath),
      ...positiveIntOrPercentErrors(maxSurge, surgePath),
      ...notMoreThan100PercentErrors(maxUnavailable, unavailablePath),
      ...notMoreThan100PercentErrors(maxSurge, surgePath),
    ];
    const hasUnavailable = intOrPercentValue(maxUnavailable) !== 0;
    const hasSurge = intOrPercentValue(maxSurge) !== 0;
    if (hasUnavailable && hasSurge) errors.push(invalid(surgePath, intOrString(maxSurge), 'may not be set when maxUnavailable is non-zero'));
    if (!hasUnavailable && !hasSurge) errors.push(required(unavailablePath, 'cannot be 0 when maxSurge is 0'));
    return errors;
  },
};

/** ValidateControllerRevision (the name is the object-name rule's). */
export const controllerRevisionRule: ObjectRule = {
  id: 'controller-revision',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'A ControllerRevision needs data, and its revision is not negative.',
  kinds: ['ControllerRevision'],
  check({ object }) {
    const errors: FieldError[] = [];
    // RawExtension: an absent or null `data` converts to a nil object.
    const data = object['data'];
    if (data === undefined || data === null) errors.push(required(FieldPath.of('data'), 'data is mandatory'));
    const revision = object['revision'];
    if (typeof revision === 'number' && revision < 0) errors.push(invalid(FieldPath.of('revision'), revision, NON_NEGATIVE));
    return errors;
  },
};

export const APPS_RULES: readonly ObjectRule[] = [statefulSetSpecRule, daemonSetUpdateStrategyRule, controllerRevisionRule];
