/**
 * HorizontalPodAutoscaler and PodDisruptionBudget, as the API server validates them on create:
 * pkg/apis/autoscaling/validation (validateHorizontalPodAutoscalerSpec, validateMetrics, validateBehavior) over the
 * defaulted object, and pkg/apis/policy/validation (ValidatePodDisruptionBudgetSpec). The PodDisruptionBudget's
 * selector is checked by the label-selector rule.
 */
import { isObject, isSet, objectAt, objectsAt, stringAt, type PlainObject, type PlainValue } from '../kube/plain-values';
import { FieldPath, forbidden, invalid, required, type FieldError } from '../kube/field-errors';
import { isDns1123Label, isValidPathSegmentName } from './apimachinery-validation';
import { resourceNameErrors } from './pod-spec';
import { GoValue, goJson, goPointer, goString, goStruct } from '../kube/go-values';
import { quantityOf, quantityValue } from '../kube/quantity';
import { isIntOrString, notMoreThan100PercentErrors, positiveIntOrPercentErrors } from './int-or-percent';
import { labelSelectorValue } from './label-selectors';
import type { ObjectRule } from './rule';

/** MaxPeriodSeconds and MaxStabilizationWindowSeconds. */
const MAX_PERIOD_SECONDS = 1800;
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;
/**
 * HPAScaleToZero is alpha and off in every supported version, so minReplicas must be at least 1 on create.
 */
const MIN_REPLICAS_LOWER_BOUND = 1;

const numberAt = (object: PlainObject | undefined, key: string) => (typeof object?.[key] === 'number' ? (object[key] as number) : undefined);

/** ValidateCrossVersionObjectReference: kind and name required and usable as path segments. */
function objectReferenceErrors(reference: PlainObject | undefined, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of ['kind', 'name']) {
    const value = stringAt(reference, field) ?? '';
    if (value === '') errors.push(required(path.child(field)));
    else for (const message of isValidPathSegmentName(value)) errors.push(invalid(path.child(field), value, message));
  }
  return errors;
}

/** validateMetricIdentifier */
function metricIdentifierErrors(identifier: PlainObject | undefined, path: FieldPath): FieldError[] {
  const name = stringAt(identifier, 'name') ?? '';
  if (name === '') return [required(path.child('name'), 'must specify a metric name')];
  return isValidPathSegmentName(name).map((message) => invalid(path.child('name'), name, message));
}

/**
 * validateMetricTarget, for what the schema lets through: `value` and `averageValue` must be positive quantities and
 * averageUtilization at least 1. (The target type is required and an enum in the schema.) A quantity prints as JSON
 * from 1.34; up to 1.33 as its canonical string, in place of Go's %#v of the struct.
 */
function metricTargetErrors(target: PlainObject | undefined, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of ['value', 'averageValue']) {
    const quantity = quantityOf(target?.[field]);
    if (quantity && quantity.nanos <= 0n) errors.push(invalid(path.child(field), quantityValue(quantity), 'must be positive'));
  }
  const utilization = numberAt(target, 'averageUtilization');
  if (utilization !== undefined && utilization < 1) errors.push(invalid(path.child('averageUtilization'), utilization, 'must be greater than 0'));
  return errors;
}

type SourceValidator = (source: PlainObject, path: FieldPath) => FieldError[];

/** validateObjectSource */
const objectSourceErrors: SourceValidator = (source, path) => {
  const target = objectAt(source, 'target');
  const errors = [
    ...objectReferenceErrors(objectAt(source, 'describedObject'), path.child('describedObject')),
    ...metricIdentifierErrors(objectAt(source, 'metric'), path.child('metric')),
    ...metricTargetErrors(target, path.child('target')),
  ];
  if (!isSet(target?.['value']) && !isSet(target?.['averageValue'])) {
    errors.push(required(path.child('target', 'averageValue'), 'must set either a target value or averageValue'));
  }
  return errors;
};

/** validateExternalSource */
const externalSourceErrors: SourceValidator = (source, path) => {
  const target = objectAt(source, 'target');
  const errors = [...metricIdentifierErrors(objectAt(source, 'metric'), path.child('metric')), ...metricTargetErrors(target, path.child('target'))];
  const value = isSet(target?.['value']);
  const averageValue = isSet(target?.['averageValue']);
  if (!value && !averageValue) errors.push(required(path.child('target', 'averageValue'), 'must set either a target value for metric or a per-pod target'));
  if (value && averageValue) errors.push(forbidden(path.child('target', 'value'), 'may not set both a target value for metric and a per-pod target'));
  return errors;
};

/** validatePodsSource */
const podsSourceErrors: SourceValidator = (source, path) => {
  const target = objectAt(source, 'target');
  const errors = [...metricIdentifierErrors(objectAt(source, 'metric'), path.child('metric')), ...metricTargetErrors(target, path.child('target'))];
  if (!isSet(target?.['averageValue'])) errors.push(required(path.child('target', 'averageValue'), 'must specify a positive target averageValue'));
  return errors;
};

/** The Utilization-or-AverageValue checks validateResourceSource and validateContainerResourceSource share. */
function resourceTargetErrors(target: PlainObject | undefined, path: FieldPath): FieldError[] {
  const utilization = isSet(target?.['averageUtilization']);
  const averageValue = isSet(target?.['averageValue']);
  if (!utilization && !averageValue) return [required(path.child('averageUtilization'), 'must set either a target raw value or a target utilization')];
  if (utilization && averageValue) return [forbidden(path.child('averageValue'), 'may not set both a target raw value and a target utilization')];
  return [];
}

/** validateResourceSource */
const resourceSourceErrors: SourceValidator = (source, path) => {
  const target = objectAt(source, 'target');
  const errors: FieldError[] = [];
  if ((stringAt(source, 'name') ?? '') === '') errors.push(required(path.child('name'), 'must specify a resource name'));
  errors.push(...metricTargetErrors(target, path.child('target')), ...resourceTargetErrors(target, path.child('target')));
  return errors;
};

/** validateContainerResourceSource */
const containerResourceSourceErrors: SourceValidator = (source, path) => {
  const target = objectAt(source, 'target');
  const errors: FieldError[] = [];
  const name = stringAt(source, 'name') ?? '';
  if (name === '') errors.push(required(path.child('name'), 'must specify a resource name'));
  else errors.push(...resourceNameErrors(name, path.child('name'), 'container'));
  const container = stringAt(source, 'container') ?? '';
  if (container === '') errors.push(required(path.child('container'), 'must specify a container'));
  else for (const message of isDns1123Label(container)) errors.push(invalid(path.child('container'), container, message));
  errors.push(...metricTargetErrors(target, path.child('target')), ...resourceTargetErrors(target, path.child('target')));
  return errors;
};

/** The metric sources in the order validateMetricSpec looks at them, and the metric type each belongs to. */
const METRIC_SOURCES: readonly { field: string; type: string; validate: SourceValidator }[] = [
  { field: 'object', type: 'Object', validate: objectSourceErrors },
  { field: 'external', type: 'External', validate: externalSourceErrors },
  { field: 'pods', type: 'Pods', validate: podsSourceErrors },
  { field: 'resource', type: 'Resource', validate: resourceSourceErrors },
  { field: 'containerResource', type: 'ContainerResource', validate: containerResourceSourceErrors },
];

/**
 * validateMetricSpec: the first source present is validated, the source the type names must be present, and every
 * other source present is forbidden. (An empty or unknown type is refused by the schema first.)
 */
function metricSpecErrors(metric: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const present = METRIC_SOURCES.filter(({ field }) => isObject(metric[field]));
  const first = present[0];
  if (first) errors.push(...first.validate(metric[first.field] as PlainObject, path.child(first.field)));
  const expected = METRIC_SOURCES.find(({ type }) => type === metric['type']);
  if (expected && !isObject(metric[expected.field])) {
    errors.push(required(path.child(expected.field), 'must populate information for the given metric source'));
  }
  // Upstream walks a Go set here, in no fixed order; kubeplan reports the extra sources in validateMetricSpec's order.
  if (present.length !== 1) {
    for (const { field } of present) {
      if (field !== expected?.field) errors.push(forbidden(path.child(field), 'must populate the given metric source only'));
    }
  }
  return errors;
}

/** validateHorizontalPodAutoscalerSpec's replica bounds and ValidateCrossVersionObjectReference of scaleTargetRef. */
export const hpaSpecRule: ObjectRule = {
  id: 'hpa-spec',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'An HPA scales between minReplicas (at least 1) and maxReplicas (at least 1 and not below minReplicas) a target with a kind and a name.',
  kinds: ['HorizontalPodAutoscaler'],
  check({ defaulted }) {
    const spec = objectAt(defaulted, 'spec');
    const path = FieldPath.of('spec');
    const errors: FieldError[] = [];
    const minReplicas = numberAt(spec, 'minReplicas');
    const maxReplicas = numberAt(spec, 'maxReplicas') ?? 0;
    if (minReplicas !== undefined && minReplicas < MIN_REPLICAS_LOWER_BOUND) {
      errors.push(invalid(path.child('minReplicas'), minReplicas, `must be greater than or equal to ${MIN_REPLICAS_LOWER_BOUND}`));
    }
    if (maxReplicas < 1) errors.push(invalid(path.child('maxReplicas'), maxReplicas, 'must be greater than 0'));
    if (minReplicas !== undefined && maxReplicas < minReplicas) {
      errors.push(invalid(path.child('maxReplicas'), maxReplicas, 'must be greater than or equal to `minReplicas`'));
    }
    errors.push(...objectReferenceErrors(objectAt(spec, 'scaleTargetRef'), path.child('scaleTargetRef')));
    return errors;
  },
};

/** validateMetrics and validateMetricSpec with the per-source validators (autoscaling/v2 only). */
export const hpaMetricsRule: ObjectRule = {
  id: 'hpa-metrics',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'Each HPA metric sets exactly the source its type names, with a metric name and the target values that source needs; scaling to zero needs an Object or External metric.',
  kinds: ['HorizontalPodAutoscaler'],
  check({ apiVersion, defaulted }) {
    if (apiVersion !== 'autoscaling/v2') return [];
    const spec = objectAt(defaulted, 'spec');
    const path = FieldPath.of('spec', 'metrics');
    const metrics = objectsAt(spec, 'metrics');
    const errors = metrics.flatMap((metric, i) => metricSpecErrors(metric, path.index(i)));
    if (numberAt(spec, 'minReplicas') === 0 && !metrics.some((m) => m['type'] === 'Object' || m['type'] === 'External')) {
      errors.push(forbidden(path, 'must specify at least one Object or External metric to support scaling to zero replicas'));
    }
    return errors;
  },
};

/** validateScalingPolicy */
function scalingPolicyErrors(policy: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const value = numberAt(policy, 'value') ?? 0;
  const periodSeconds = numberAt(policy, 'periodSeconds') ?? 0;
  if (value <= 0) errors.push(invalid(path.child('value'), value, 'must be greater than zero'));
  if (periodSeconds <= 0) errors.push(invalid(path.child('periodSeconds'), periodSeconds, 'must be greater than zero'));
  if (periodSeconds > MAX_PERIOD_SECONDS) errors.push(invalid(path.child('periodSeconds'), periodSeconds, `must be less than or equal to ${MAX_PERIOD_SECONDS}`));
  return errors;
}

/** validateScalingRules (selectPolicy and policy types are enums the schema checks first). */
function scalingRulesErrors(rules: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const window = numberAt(rules, 'stabilizationWindowSeconds');
  if (window !== undefined && window < 0) errors.push(invalid(path.child('stabilizationWindowSeconds'), window, 'must be greater than or equal to zero'));
  if (window !== undefined && window > MAX_STABILIZATION_WINDOW_SECONDS) {
    errors.push(invalid(path.child('stabilizationWindowSeconds'), window, `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`));
  }
  const policies = objectsAt(rules, 'policies');
  if (policies.length === 0) errors.push(required(path.child('policies'), 'must specify at least one Policy'));
  policies.forEach((policy, i) => errors.push(...scalingPolicyErrors(policy, path.child('policies').index(i))));
  return errors;
}

/** validateBehavior over the defaulted behavior (autoscaling/v2 only). */
export const hpaBehaviorRule: ObjectRule = {
  id: 'hpa-behavior',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'HPA scaling rules: a stabilization window of 0–3600 seconds, at least one policy, each with a value above 0 and a period of 1–1800 seconds.',
  kinds: ['HorizontalPodAutoscaler'],
  check({ apiVersion, defaulted }) {
    if (apiVersion !== 'autoscaling/v2') return [];
    const behavior = objectAt(defaulted, 'spec', 'behavior');
    if (!behavior) return [];
    const path = FieldPath.of('spec', 'behavior');
    const errors: FieldError[] = [];
    for (const direction of ['scaleUp', 'scaleDown']) {
      const rules = objectAt(behavior, direction);
      if (rules) errors.push(...scalingRulesErrors(rules, path.child(direction)));
    }
    return errors;
  },
};

/** A *intstr.IntOrString field: %#v prints a set one as its address, for which the written value stands in. */
function intOrStringPointer(value: PlainValue | undefined): GoValue {
  return isIntOrString(value) ? new GoValue(`(*intstr.IntOrString)(${JSON.stringify(value)})`, goJson(value)) : goPointer('*intstr.IntOrString', undefined);
}

/** The policy.PodDisruptionBudgetSpec that the both-set error prints. */
function disruptionBudgetSpecValue(spec: PlainObject): GoValue {
  const selector = objectAt(spec, 'selector');
  const policy = stringAt(spec, 'unhealthyPodEvictionPolicy');
  return goStruct('policy.PodDisruptionBudgetSpec', [
    ['MinAvailable', intOrStringPointer(spec['minAvailable'])],
    ['Selector', goPointer('*v1.LabelSelector', selector ? labelSelectorValue(selector) : undefined, 'struct')],
    ['MaxUnavailable', intOrStringPointer(spec['maxUnavailable'])],
    ['UnhealthyPodEvictionPolicy', goPointer('*policy.UnhealthyPodEvictionPolicyType', policy === undefined ? undefined : goString(policy))],
  ]);
}

/** ValidatePodDisruptionBudgetSpec: minAvailable and maxUnavailable (the selector is the label-selector rule's). */
export const pdbSpecRule: ObjectRule = {
  id: 'pdb-spec',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'A PodDisruptionBudget sets at most one of minAvailable and maxUnavailable, each a non-negative count or a percent of at most 100%.',
  kinds: ['PodDisruptionBudget'],
  check({ defaulted }) {
    const spec = objectAt(defaulted, 'spec');
    if (!spec) return [];
    const path = FieldPath.of('spec');
    const errors: FieldError[] = [];
    const minAvailable = spec['minAvailable'];
    const maxUnavailable = spec['maxUnavailable'];
    if (isSet(minAvailable) && isSet(maxUnavailable)) {
      errors.push(invalid(path, disruptionBudgetSpecValue(spec), 'minAvailable and maxUnavailable cannot be both set'));
    }
    for (const [field, value] of [
      ['minAvailable', minAvailable],
      ['maxUnavailable', maxUnavailable],
    ] as const) {
      if (!isIntOrString(value)) continue;
      errors.push(...positiveIntOrPercentErrors(value, path.child(field)), ...notMoreThan100PercentErrors(value, path.child(field)));
    }
    return errors;
  },
};

export const AUTOSCALING_AND_DISRUPTION_RULES: readonly ObjectRule[] = [hpaSpecRule, hpaMetricsRule, hpaBehaviorRule, pdbSpecRule];
