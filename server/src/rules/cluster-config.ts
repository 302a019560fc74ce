/**
 * Cluster-wide configuration kinds as their API groups validate them on create: PriorityClass
 * (pkg/apis/scheduling/validation ValidatePriorityClass), Namespace (pkg/apis/core/validation ValidateNamespace)
 * and RuntimeClass (pkg/apis/node/validation ValidateRuntimeClass, validateOverhead, validateScheduling). Their names are checked by `object-name`.
 */
import { objectAt, objectsAt, textOf, type PlainObject, type PlainValue } from '../kube/plain-values';
import { duplicate, FieldPath, forbidden, invalid, notSupported, placedAt, required, type FieldError } from '../kube/field-errors';
import { isDns1123Label, isQualifiedName } from './apimachinery-validation';
import { labelErrors } from './names-and-labels';
import { tolerationValue, resourceErrors, tolerationErrors } from './pod-spec';
import type { ObjectRule } from './rule';

const SYSTEM_PRIORITY_CLASS_PREFIX = 'system-';
/** scheduling.HighestUserDefinablePriority */
const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
/** scheduling.SystemCriticalPriority */
const SYSTEM_CRITICAL_PRIORITY = 2 * HIGHEST_USER_DEFINABLE_PRIORITY;
/** schedulingapiv1.SystemPriorityClasses: the two classes the API server creates itself, neither a global default. */
const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-node-critical': SYSTEM_CRITICAL_PRIORITY + 1000,
  'system-cluster-critical': SYSTEM_CRITICAL_PRIORITY,
};
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'PreemptNever'];

/** IsKnownSystemPriorityClass: the reason a system- class is not one of the known ones, or undefined. */
function systemClassError(name: string, value: number, globalDefault: boolean): string | undefined {
  const known = SYSTEM_PRIORITY_CLASSES[name];
  if (known === undefined) return `${name} is not a known system priority class`;
  if (known !== value) return `value of ${name} PriorityClass must be ${known}`;
  if (globalDefault) return `globalDefault of ${name} PriorityClass must be false`;
  return undefined;
}

export const priorityClassRule: ObjectRule = {
  id: 'priority-class',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'A PriorityClass named system-… must be one of the built-in system classes; others may not exceed 1000000000; preemptionPolicy is PreemptLowerPriority or PreemptNever.',
  kinds: ['PriorityClass'],
  check({ object }) {
    const errors: FieldError[] = [];
    const name = objectAt(object, 'metadata')?.['name'];
    const value = typeof object['value'] === 'number' ? object['value'] : 0;
    if (typeof name === 'string' && name.startsWith(SYSTEM_PRIORITY_CLASS_PREFIX)) {
      const reason = systemClassError(name, value, object['globalDefault'] === true);
      if (reason) {
        const path = FieldPath.of('metadata', 'name');
        errors.push(placedAt(forbidden(path, `priority class names with '${SYSTEM_PRIORITY_CLASS_PREFIX}' prefix are reserved for system use only. error: ${reason}`), path, 'value'));
      }
    } else if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
      const path = FieldPath.of('value');
      errors.push(placedAt(forbidden(path, `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`), path, 'value'));
    }
    // ValidatePreemptionPolicy; unset is defaulted to PreemptLowerPriority, an empty string is not.
    const policy = object['preemptionPolicy'];
    if (typeof policy === 'string') {
      if (policy === '') errors.push(required(FieldPath.of('preemptionPolicy')));
      else if (!PREEMPTION_POLICIES.includes(policy)) errors.push(notSupported(FieldPath.of('preemptionPolicy'), policy, PREEMPTION_POLICIES));
    }
    return errors;
  },
};

/** helper.IsStandardFinalizerName */
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

export const namespaceFinalizersRule: ObjectRule = {
  id: 'namespace-finalizers',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: "A Namespace's spec.finalizers are qualified names, and a name without a domain is a standard finalizer.",
  kinds: ['Namespace'],
  check({ object }) {
    const errors: FieldError[] = [];
    // ValidateNamespace names the list, not the entry.
    const path = FieldPath.of('spec', 'finalizers');
    const finalizers = objectAt(object, 'spec')?.['finalizers'];
    (Array.isArray(finalizers) ? finalizers : []).forEach((finalizer: PlainValue, index) => {
      const name = typeof finalizer === 'string' ? finalizer : '';
      const found = isQualifiedName(name).map((message) => invalid(path, name, message));
      if (!name.includes('/') && !STANDARD_FINALIZERS.has(name)) found.push(invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified'));
      errors.push(...found.map((error) => placedAt(error, path.index(index), 'value')));
    });
    return errors;
  },
};

/** field.Duplicate of a toleration: the core.Toleration itself. */
function duplicateToleration(path: FieldPath, toleration: PlainObject): FieldError {
  return duplicate(path, tolerationValue(toleration));
}

/**
 * validateTolerations of pkg/apis/node/validation: core's ValidateTolerations, then each toleration unique by its
 * key, operator, value and effect (tolerationSeconds is not part of the list key).
 */
function runtimeClassTolerationErrors(tolerations: readonly PlainObject[], path: FieldPath): FieldError[] {
  const errors = tolerationErrors(tolerations, path);
  const seen = new Set<string>();
  tolerations.forEach((toleration, i) => {
    const listKey = JSON.stringify(['key', 'operator', 'value', 'effect'].map((field) => textOf(toleration[field])));
    if (seen.has(listKey)) errors.push(duplicateToleration(path.index(i), toleration));
    else seen.add(listKey);
  });
  return errors;
}

export const runtimeClassRule: ObjectRule = {
  id: 'runtime-class',
  family: 'api-validation',
  defaultSeverity: 'error',
  description:
    "A RuntimeClass's handler is a DNS-1123 label, its overhead.podFixed names container resources with non-negative amounts, and its scheduling holds valid node selector labels and unique, valid tolerations.",
  kinds: ['RuntimeClass'],
  check({ object }) {
    const handler = typeof object['handler'] === 'string' ? object['handler'] : '';
    const errors = isDns1123Label(handler).map((message) => invalid(FieldPath.of('handler'), handler, message));
    // validateOverhead: ValidateContainerResourceRequirements over {limits: podFixed} at "overhead", so the API
    // server names the entries overhead.limits[…]; they are placed on overhead.podFixed.
    const podFixed = objectAt(object, 'overhead', 'podFixed');
    if (podFixed) {
      const written = FieldPath.of('overhead', 'podFixed');
      for (const error of resourceErrors({ limits: podFixed }, FieldPath.of('overhead'))) {
        const entry = error.path[2];
        if (entry && 'key' in entry) {
          // A bad name is underlined on the name, a bad amount on the amount.
          const onName = error.value === entry.key;
          errors.push(placedAt(error, written.key(entry.key), onName ? 'key' : 'value'));
        } else errors.push(placedAt(error, written, 'key'));
      }
    }
    const scheduling = objectAt(object, 'scheduling');
    if (scheduling && scheduling['nodeSelector'] !== undefined && scheduling['nodeSelector'] !== null) {
      errors.push(...labelErrors(scheduling['nodeSelector'], FieldPath.of('scheduling', 'nodeSelector')));
    }
    errors.push(...runtimeClassTolerationErrors(objectsAt(scheduling, 'tolerations'), FieldPath.of('scheduling', 'tolerations')));
    return errors;
  },
};
