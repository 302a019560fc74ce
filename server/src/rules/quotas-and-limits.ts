/**
 * ResourceQuota and LimitRange as pkg/apis/core/validation validates them on create (ValidateResourceQuotaSpec,
 * ValidateLimitRange), on the object after defaulting (resource lists rounded up to milli precision; a Container
 * item's default limit and default request filled in from max, default and min).
 *
 * Upstream walks resource lists in Go's random map order; kubeplan reports their entries sorted by name.
 */
import { textOf, isObject, objectAt, objectsAt, type PlainObject, type PlainValue } from '../kube/plain-values';
import { formatQuantity, milliValue, quantityOf, quantityValue, unitValue, type Quantity } from '../kube/quantity';
import { goSlice, goString, goStrings, goStruct, type GoValue } from '../kube/go-values';
import { duplicate, FieldPath, forbidden, invalid, placedAt, required, type FieldError } from '../kube/field-errors';
import { isQualifiedName } from './apimachinery-validation';
import { containerResourceNameErrors, isOvercommitAllowed, isStandardQuotaResource, resourceNameErrors, resourceQuantityValueErrors } from './resource-names';
import type { ObjectRule } from './rule';

const STANDARD_LIMIT_TYPES = new Set(['Pod', 'Container', 'PersistentVolumeClaim']);

/** resource.MaxMilliValue: the largest value whose milli value fits in an int64. */
const MAX_MILLI_VALUE = ((1n << 63n) - 1n) / 1000n;

function sortedEntries(list: PlainValue | undefined): [string, PlainValue][] {
  return isObject(list) ? Object.entries(list).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [];
}

/** The []core.ResourceQuotaScope that the scope errors print. */
function scopesValue(scopes: PlainValue | undefined): GoValue {
  return goStrings('[]core.ResourceQuotaScope', Array.isArray(scopes) ? scopes.map(textOf) : undefined);
}

/** The *core.ScopeSelector that the scope-selector errors print (%#v dereferences it). */
function scopeSelectorValue(selector: PlainObject): GoValue {
  const expressions = selector['matchExpressions'];
  const requirements = Array.isArray(expressions)
    ? expressions.map((expression) => {
        const requirement = isObject(expression) ? expression : {};
        const values = requirement['values'];
        return goStruct('core.ScopedResourceSelectorRequirement', [
          ['ScopeName', goString(textOf(requirement['scopeName']))],
          ['Operator', goString(textOf(requirement['operator']))],
          ['Values', goStrings('[]string', Array.isArray(values) ? values.map(textOf) : undefined)],
        ]);
      })
    : undefined;
  return goStruct('core.ScopeSelector', [['MatchExpressions', goSlice('[]core.ScopedResourceSelectorRequirement', requirements)]]);
}

/** helper.IsStandardResourceQuotaScope. */
const STANDARD_SCOPES = new Set(['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity']);
/**
 * The VolumeAttributesClass scope is accepted by newer releases, with rules of its own that kubeplan does not
 * model: a quota that uses it gets no scope findings.
 */
const UNMODELLED_SCOPE = 'VolumeAttributesClass';
const POD_COUNT_RESOURCES = new Set(['pods']);
const POD_COMPUTE_RESOURCES = new Set(['cpu', 'memory', 'limits.cpu', 'limits.memory', 'requests.cpu', 'requests.memory']);
const EXISTS_ONLY_SCOPES = new Set(['BestEffort', 'NotBestEffort', 'Terminating', 'NotTerminating', 'CrossNamespacePodAffinity']);
const CONFLICTING_SCOPES: readonly (readonly [string, string])[] = [
  ['BestEffort', 'NotBestEffort'],
  ['Terminating', 'NotTerminating'],
];

/** helper.IsResourceQuotaScopeValidForResource. */
function scopeValidForResource(scope: string, resource: string): boolean {
  switch (scope) {
    case 'Terminating':
    case 'NotTerminating':
    case 'NotBestEffort':
    case 'PriorityClass':
    case 'CrossNamespacePodAffinity':
      return POD_COUNT_RESOURCES.has(resource) || POD_COMPUTE_RESOURCES.has(resource);
    case 'BestEffort':
      return POD_COUNT_RESOURCES.has(resource);
    default:
      return true;
  }
}

function quotaSpecErrors(spec: PlainObject): FieldError[] {
  const errors: FieldError[] = [];
  const hardPath = FieldPath.of('spec', 'hard');
  const hard = sortedEntries(spec['hard']);
  for (const [name, value] of hard) {
    const path = hardPath.key(name);
    // ValidateResourceQuotaResourceName: validateResourceName, then a resource the quota system knows.
    const nameErrors = resourceNameErrors(name, path);
    if (!name.includes('/') && !isStandardQuotaResource(name)) nameErrors.push(invalid(path, name, 'must be a standard resource for quota'));
    errors.push(...nameErrors.map((error) => placedAt(error, path, 'key')));
    const quantity = quantityOf(value);
    if (quantity) errors.push(...resourceQuantityValueErrors(name, quantity, path));
  }
  const hardNames = hard.map(([name]) => name);
  const scopes = Array.isArray(spec['scopes']) ? spec['scopes'].map(textOf) : [];
  const scopeSelector = objectAt(spec, 'scopeSelector');
  const expressions = objectsAt(scopeSelector, 'matchExpressions');
  if (scopes.includes(UNMODELLED_SCOPE) || expressions.some((expression) => expression['scopeName'] === UNMODELLED_SCOPE)) return errors;

  // validateResourceQuotaScopes: the value is the whole list of scopes.
  const scopesPath = FieldPath.of('spec', 'scopes');
  for (const scope of scopes) {
    if (!STANDARD_SCOPES.has(scope)) errors.push(invalid(scopesPath, scopesValue(spec['scopes']), 'unsupported scope'));
    for (const name of hardNames) {
      if (isStandardQuotaResource(name) && !scopeValidForResource(scope, name)) errors.push(invalid(scopesPath, scopesValue(spec['scopes']), 'unsupported scope applied to resource'));
    }
  }
  for (const pair of CONFLICTING_SCOPES) {
    if (pair.every((scope) => scopes.includes(scope))) errors.push(invalid(scopesPath, scopesValue(spec['scopes']), 'conflicting scopes'));
  }

  // validateScopedResourceSelectorRequirement: every requirement is reported on matchExpressions, not its index.
  if (!scopeSelector) return errors;
  const expressionsPath = FieldPath.of('spec', 'scopeSelector', 'matchExpressions');
  const selectorScopes: string[] = [];
  expressions.forEach((requirement, index) => {
    const at = expressionsPath.index(index);
    const scopeName = textOf(requirement['scopeName']);
    const operator = textOf(requirement['operator']);
    const values = Array.isArray(requirement['values']) ? requirement['values'] : [];
    if (!STANDARD_SCOPES.has(scopeName)) errors.push(placedAt(invalid(expressionsPath.child('scopeName'), scopeName, 'unsupported scope'), at.child('scopeName'), 'value'));
    for (const name of hardNames) {
      if (isStandardQuotaResource(name) && !scopeValidForResource(scopeName, name)) {
        errors.push(placedAt(invalid(expressionsPath, scopeSelectorValue(scopeSelector), 'unsupported scope applied to resource'), at.child('scopeName'), 'value'));
      }
    }
    if (EXISTS_ONLY_SCOPES.has(scopeName) && operator !== 'Exists') {
      errors.push(
        placedAt(
          invalid(
            expressionsPath.child('operator'),
            operator,
            "must be 'Exist' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity",
          ),
          at.child('operator'),
          'value',
        ),
      );
    }
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0) errors.push(placedAt(required(expressionsPath.child('values'), "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"), at, 'key'));
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0) {
        errors.push(
          placedAt(invalid(expressionsPath.child('values'), values.map(textOf), "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"), at.child('values'), 'key'),
        );
      }
    } else {
      errors.push(placedAt(invalid(expressionsPath.child('operator'), operator, 'not a valid selector operator'), at.child('operator'), 'value'));
    }
    selectorScopes.push(scopeName);
  });
  for (const pair of CONFLICTING_SCOPES) {
    // Upstream reports the spec's scopes here, not the selector's.
    if (pair.every((scope) => selectorScopes.includes(scope))) errors.push(invalid(expressionsPath, scopesValue(spec['scopes']), 'conflicting scopes'));
  }
  return errors;
}

export const resourceQuotaSpecRule: ObjectRule = {
  id: 'resource-quota-spec',
  family: 'api-validation',
  defaultSeverity: 'error',
  description:
    'ResourceQuota hard limits name resources the quota system knows, with non-negative (and for counts whole) amounts; scopes and scope selectors are supported, compatible with the resources and not in conflict.',
  kinds: ['ResourceQuota'],
  check({ defaulted }) {
    const spec = objectAt(defaulted, 'spec');
    return spec ? quotaSpecErrors(spec) : [];
  },
};

/** ValidateLimitRange's comparisons for one resource of one item, in upstream's order. */
function limitComparisonErrors(name: string, lists: Record<string, Quantity | undefined>, at: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const { max, min, default: limit, defaultRequest: request, maxLimitRequestRatio: ratio } = lists;
  const q = formatQuantity;
  const report = (list: string, value: Quantity, detail: string) => errors.push(invalid(at.child(list).key(name), quantityValue(value), detail));
  if (min && max && min.nanos > max.nanos) report('min', min, `min value ${q(min)} is greater than max value ${q(max)}`);
  if (request && min && min.nanos > request.nanos) report('defaultRequest', request, `min value ${q(min)} is greater than default request value ${q(request)}`);
  if (request && max && request.nanos > max.nanos) report('defaultRequest', request, `default request value ${q(request)} is greater than max value ${q(max)}`);
  if (request && limit && request.nanos > limit.nanos) report('defaultRequest', request, `default request value ${q(request)} is greater than default limit value ${q(limit)}`);
  // These two report the min and the max as the value, on the default's path.
  if (limit && min && min.nanos > limit.nanos) report('default', min, `min value ${q(min)} is greater than default value ${q(limit)}`);
  if (limit && max && limit.nanos > max.nanos) report('default', max, `default value ${q(limit)} is greater than max value ${q(max)}`);
  if (ratio && ratio.nanos < 1_000_000_000n) report('maxLimitRequestRatio', ratio, `ratio ${q(ratio)} is less than 1`);
  if (ratio && min && max) {
    let ratioValue = Number(unitValue(ratio));
    let minValue = unitValue(min);
    let maxValue = unitValue(max);
    if (BigInt(ratioValue) < MAX_MILLI_VALUE && minValue < MAX_MILLI_VALUE && maxValue < MAX_MILLI_VALUE) {
      ratioValue = Number(milliValue(ratio)) / 1000;
      minValue = milliValue(min);
      maxValue = milliValue(max);
    }
    const ratioLimit = Number(maxValue) / Number(minValue);
    if (ratioValue > ratioLimit) report('maxLimitRequestRatio', ratio, `ratio ${q(ratio)} is greater than max/min = ${ratioLimit.toFixed(6)}`);
  }
  if (!isOvercommitAllowed(name) && limit && request && limit.nanos !== request.nanos) {
    report('defaultRequest', request, `default value ${q(limit)} must equal to defaultRequest value ${q(request)} in ${name}`);
  }
  return errors;
}

function limitRangeErrors(spec: PlainObject): FieldError[] {
  const errors: FieldError[] = [];
  const limitsPath = FieldPath.of('spec', 'limits');
  const seenTypes = new Set<string>();
  objectsAt(spec, 'limits').forEach((item, index) => {
    const at = limitsPath.index(index);
    const type = textOf(item['type']);
    // validateLimitRangeTypeName.
    const typeErrors = isQualifiedName(type).map((message) => invalid(at.child('type'), type, message));
    if (typeErrors.length === 0 && !type.includes('/') && !STANDARD_LIMIT_TYPES.has(type)) {
      typeErrors.push(invalid(at.child('type'), type, 'must be a standard limit type or fully qualified'));
    }
    errors.push(...typeErrors);
    if (seenTypes.has(type)) errors.push(duplicate(at.child('type'), type));
    seenTypes.add(type);

    const nameErrors = (name: string, path: FieldPath) =>
      (type === 'Pod' || type === 'Container' ? containerResourceNameErrors(name, path) : resourceNameErrors(name, path)).map((error) => placedAt(error, path, 'key'));
    const lists: Record<string, Map<string, Quantity>> = {};
    const keys = new Set<string>();
    const readList = (list: string) => {
      const quantities = new Map<string, Quantity>();
      for (const [name, value] of sortedEntries(item[list])) {
        errors.push(...nameErrors(name, at.child(list).key(name)));
        keys.add(name);
        const quantity = quantityOf(value);
        if (quantity) quantities.set(name, quantity);
      }
      lists[list] = quantities;
    };
    readList('max');
    readList('min');
    if (type === 'Pod') {
      if (Object.keys(objectAt(item, 'default') ?? {}).length > 0) errors.push(forbidden(at.child('default'), "may not be specified when `type` is 'Pod'"));
      if (Object.keys(objectAt(item, 'defaultRequest') ?? {}).length > 0) errors.push(forbidden(at.child('defaultRequest'), "may not be specified when `type` is 'Pod'"));
    } else {
      readList('default');
      readList('defaultRequest');
    }
    if (type === 'PersistentVolumeClaim' && !lists['min']!.has('storage') && !lists['max']!.has('storage')) {
      // Reported on a `limits` child of the item, a path no manifest has; underlined on the item's type.
      errors.push(placedAt(required(at.child('limits'), 'either minimum or maximum storage value is required, but neither was provided'), at.child('type'), 'value'));
    }
    readList('maxLimitRequestRatio');
    for (const name of [...keys].sort()) {
      const quantities = Object.fromEntries(Object.entries(lists).map(([list, values]) => [list, values.get(name)]));
      errors.push(...limitComparisonErrors(name, quantities, at));
    }
  });
  return errors;
}

export const limitRangeRule: ObjectRule = {
  id: 'limit-range',
  family: 'api-validation',
  defaultSeverity: 'error',
  description:
    'LimitRange items have a known type (once each) and resource names valid for it, and their bounds are consistent: min ≤ default request ≤ default ≤ max, a ratio of at least 1 that max/min allows.',
  kinds: ['LimitRange'],
  check({ defaulted }) {
    const spec = objectAt(defaulted, 'spec');
    return spec ? limitRangeErrors(spec) : [];
  },
};
