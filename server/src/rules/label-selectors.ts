/**
 * Label selectors as apimachinery validates them (meta/v1/validation: ValidateLabelSelector,
 * ValidateLabelSelectorRequirement) wherever a workload or pod spec holds one, and Service selectors as label maps.
 */
import { isObject, objectAt, objectsAt, textOf, type PlainObject } from '../kube/plain-values';
import { isQualifiedName, isValidLabelValue } from './apimachinery-validation';
import { FieldPath, forbidden, invalid, required, type FieldError } from '../kube/field-errors';
import { GoValue, goJson, goString, goStringMap, goStrings, goStruct } from '../kube/go-values';
import { labelErrors } from './names-and-labels';
import { isEmptySelector } from '../kube/label-selectors';
import { podSpecsOf } from './pod-spec';
import type { ObjectRule } from './rule';

const WORKLOAD_SELECTOR_KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job'];
/** Kinds whose spec.selector is a LabelSelector: the workloads, and PodDisruptionBudget (ValidatePodDisruptionBudgetSpec). */
const SPEC_SELECTOR_KINDS = [...WORKLOAD_SELECTOR_KINDS, 'PodDisruptionBudget'];
/** Kinds whose validation rejects a selector with neither matchLabels nor matchExpressions, and the word it uses. */
const EMPTY_SELECTOR_NOUN: Readonly<Record<string, string>> = {
  Deployment: 'deployment',
  // ValidateReplicaSetSpec reuses the Deployment's sentence.
  ReplicaSet: 'deployment',
  StatefulSet: 'statefulset',
  DaemonSet: 'daemonset',
};

/** ValidateLabelSelector with invalid label values refused (AllowInvalidLabelValueInSelector false). */
export function selectorErrors(selector: PlainObject, path: FieldPath): FieldError[] {
  const errors = labelErrors(selector['matchLabels'], path.child('matchLabels'));
  objectsAt(selector, 'matchExpressions').forEach((requirement, index) => {
    errors.push(...requirementErrors(requirement, path.child('matchExpressions').index(index)));
  });
  return errors;
}

function requirementErrors(requirement: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const operator = requirement['operator'];
  const values = Array.isArray(requirement['values']) ? requirement['values'] : [];
  if (operator === 'In' || operator === 'NotIn') {
    if (values.length === 0) errors.push(required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
  } else if (operator === 'Exists' || operator === 'DoesNotExist') {
    if (values.length > 0) errors.push(forbidden(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
  } else {
    errors.push(invalid(path.child('operator'), operator ?? '', 'not a valid selector operator'));
  }
  const key = typeof requirement['key'] === 'string' ? requirement['key'] : '';
  for (const message of isQualifiedName(key)) errors.push(invalid(path.child('key'), key, message));
  values.forEach((value, index) => {
    if (typeof value !== 'string') return;
    for (const message of isValidLabelValue(value)) errors.push(invalid(path.child('values').index(index), value, message));
  });
  return errors;
}

/** The selectors a pod spec carries: pod (anti-)affinity terms and topology spread constraints. */
function podSpecSelectors(spec: PlainObject, path: FieldPath): [PlainObject, FieldPath][] {
  const found: [PlainObject, FieldPath][] = [];
  const affinity = objectAt(spec, 'affinity');
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const terms = objectAt(affinity, kind);
    const termsPath = path.child('affinity', kind);
    const addTerm = (term: PlainObject, termPath: FieldPath) => {
      for (const field of ['labelSelector', 'namespaceSelector']) {
        const selector = objectAt(term, field);
        if (selector) found.push([selector, termPath.child(field)]);
      }
    };
    objectsAt(terms, 'requiredDuringSchedulingIgnoredDuringExecution').forEach((term, i) => addTerm(term, termsPath.child('requiredDuringSchedulingIgnoredDuringExecution').index(i)));
    objectsAt(terms, 'preferredDuringSchedulingIgnoredDuringExecution').forEach((weighted, i) => {
      const term = objectAt(weighted, 'podAffinityTerm');
      if (term) addTerm(term, termsPath.child('preferredDuringSchedulingIgnoredDuringExecution').index(i).child('podAffinityTerm'));
    });
  }
  objectsAt(spec, 'topologySpreadConstraints').forEach((constraint, i) => {
    const selector = objectAt(constraint, 'labelSelector');
    if (selector) found.push([selector, path.child('topologySpreadConstraints').index(i).child('labelSelector')]);
  });
  return found;
}

/**
 * Go's %#v of the *LabelSelector the API server rejects: nil maps and slices print as `(nil)`, present but empty
 * ones as `{}`.
 */
/**
 * A metav1.LabelSelector as field.Error prints it: Go's %#v of the struct up to 1.33; from 1.34 its JSON, with
 * metav1's tags and empty fields omitted (`omitempty`).
 */
export function labelSelectorValue(selector: PlainObject): GoValue {
  const labels = objectAt(selector, 'matchLabels');
  const expressions = Array.isArray(selector['matchExpressions']) ? selector['matchExpressions'].filter(isObject) : undefined;
  const labelMap = goStringMap(labels);
  const requirements = (expressions ?? []).map((e) => {
    const values = Array.isArray(e['values']) ? e['values'].map(textOf) : undefined;
    const go = goStruct('v1.LabelSelectorRequirement', [
      ['Key', goString(textOf(e['key']))],
      ['Operator', goString(textOf(e['operator']))],
      ['Values', goStrings('[]string', values)],
    ]).goSyntax;
    const json = `{"key":${goJson(textOf(e['key']))},"operator":${goJson(textOf(e['operator']))}${values && values.length > 0 ? `,"values":${goJson(values)}` : ''}}`;
    return new GoValue(go, json);
  });
  const goRequirements = expressions ? `[]v1.LabelSelectorRequirement{${requirements.map((r) => r.goSyntax).join(', ')}}` : '[]v1.LabelSelectorRequirement(nil)';
  const fields: string[] = [];
  if (labels && Object.keys(labels).length > 0) fields.push(`"matchLabels":${labelMap.json}`);
  if (requirements.length > 0) fields.push(`"matchExpressions":[${requirements.map((r) => r.json).join(',')}]`);
  return new GoValue(`v1.LabelSelector{MatchLabels:${labelMap.goSyntax}, MatchExpressions:${goRequirements}}`, `{${fields.join(',')}}`);
}

export const labelSelectorRule: ObjectRule = {
  id: 'label-selector',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'Label selectors must be well formed: operators with the right values, qualified keys, valid label values, and not empty where a controller needs one.',
  kinds: [...SPEC_SELECTOR_KINDS, 'Service', 'Pod', 'PodTemplate', 'ReplicationController', 'CronJob'],
  check({ kind, object }) {
    const spec = objectAt(object, 'spec');
    // Services and ReplicationControllers select with a plain label map.
    if (kind === 'Service') return labelErrors(spec?.['selector'], FieldPath.of('spec', 'selector'));
    const errors: FieldError[] = kind === 'ReplicationController' ? labelErrors(spec?.['selector'], FieldPath.of('spec', 'selector')) : [];
    const selector = objectAt(spec, 'selector');
    if (selector && SPEC_SELECTOR_KINDS.includes(kind)) {
      const path = FieldPath.of('spec', 'selector');
      errors.push(...selectorErrors(selector, path));
      const noun = EMPTY_SELECTOR_NOUN[kind];
      if (noun && isEmptySelector(selector)) {
        errors.push(invalid(path, labelSelectorValue(selector), `empty selector is invalid for ${noun}`));
      }
    }
    for (const { spec: podSpec, path } of podSpecsOf(kind, object)) {
      for (const [podSelector, selectorPath] of podSpecSelectors(podSpec, path)) errors.push(...selectorErrors(podSelector, selectorPath));
    }
    return errors;
  },
};
