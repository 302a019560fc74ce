/**
 * The LimitRanger admission plugin (plugin/pkg/admission/limitranger/admission.go): for every LimitRange of the
 * request's namespace, `Admit` gives a new pod's containers the Container item's `default` as limits and
 * `defaultRequest` as requests where they set none (PodMutateLimitFunc, with the `kubernetes.io/limit-ranger`
 * annotation saying what it set), and `Validate` checks min, max and maxLimitRequestRatio per Container and per
 * Pod (PodValidateLimitFunc) and a claim's storage request against the PersistentVolumeClaim item
 * (PersistentVolumeClaimValidateLimitFunc). A limit the container writes implies its request before admission (the
 * Pod's defaulting copies it), and an item's `defaultRequest` defaults to its `default` (SetDefaults_LimitRangeItem).
 *
 * Pod updates are not checked (SupportsAttributes: containers cannot change), claims are on create and update.
 * Upstream walks each item's min/max/ratio map in Go's random order; the errors are joined here in the order of
 * resource names, so that a plan is the same every time.
 */
import type { LimitRange, LimitRangeItem, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import { formatQuantity, milliValue, type Quantity, unitValue } from '../../kube/quantity';
import { type AdmissionPlugin, type AdmissionRequest, forbidden } from './admission';
import { podTotal } from './resource-lists';
import { readResourceList, type ResourceList } from '../../kube/resource-lists';

const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';
/** resource.MaxMilliValue: the largest amount whose milli value fits an int64. */
const MAX_MILLI_VALUE = ((1n << 63n) - 1n) / 1000n;

export const limitRanger: AdmissionPlugin = {
  name: 'LimitRanger',
  admit(request, context) {
    if (!supports(request)) return undefined;
    if (request.object.kind !== 'Pod') return undefined;
    for (const limitRange of context.store.list<LimitRange>('LimitRange', request.namespace)) mutatePod(limitRange, request.object as Pod);
    return undefined;
  },
  validate(request, context) {
    if (!supports(request)) return undefined;
    for (const limitRange of context.store.list<LimitRange>('LimitRange', request.namespace)) {
      const errors = request.object.kind === 'Pod' ? validatePod(limitRange, request.object as Pod) : validateClaim(limitRange, request.object as PersistentVolumeClaim);
      if (errors.length > 0) return { refused: forbidden(request, aggregate(errors)) };
    }
    return undefined;
  },
};

/** DefaultLimitRangerActions.SupportsAttributes, and runLimitFunc's skip of objects being deleted. */
function supports(request: AdmissionRequest): boolean {
  if (request.oldObject?.metadata.deletionTimestamp) return false;
  if (request.object.kind === 'Pod') return request.operation === 'CREATE';
  return request.object.kind === 'PersistentVolumeClaim';
}

/** utilerrors.NewAggregate(errs).Error(): one message as it is, several in brackets, repeated ones once. */
function aggregate(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
}

function itemsOf(limitRange: LimitRange): LimitRangeItem[] {
  return limitRange.spec?.limits ?? [];
}

/** PodMutateLimitFunc: defaultContainerResourceRequirements merged into every container (mergePodResourceRequirements). */
function mutatePod(limitRange: LimitRange, pod: Pod): void {
  const defaultLimits: Record<string, string | number> = {};
  const defaultRequests: Record<string, string | number> = {};
  for (const item of itemsOf(limitRange)) {
    if (item.type !== 'Container') continue;
    Object.assign(defaultRequests, item.defaultRequest);
    Object.assign(defaultLimits, item.default);
  }
  const annotations: string[] = [];
  for (const container of pod.spec?.containers ?? []) mergeContainer(container, defaultRequests, defaultLimits, 'container', annotations);
  for (const container of pod.spec?.initContainers ?? []) mergeContainer(container, defaultRequests, defaultLimits, 'init container', annotations);
  if (annotations.length === 0) return;
  pod.metadata ??= {};
  pod.metadata.annotations = { ...pod.metadata.annotations, [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${annotations.join('; ')}` };
}

/** mergeContainerResources: what the container does not set, from the defaults; the annotation's parts for it. */
function mergeContainer(
  container: { name: string; resources?: { limits?: Record<string, unknown>; requests?: Record<string, unknown> } },
  defaultRequests: Record<string, string | number>,
  defaultLimits: Record<string, string | number>,
  prefix: string,
  annotations: string[],
): void {
  const resources = (container.resources ??= {});
  const limits = (resources.limits ??= {});
  const requests = (resources.requests ??= {});
  const setLimits = Object.keys(defaultLimits).filter((name) => !(name in limits));
  const setRequests = Object.keys(defaultRequests).filter((name) => !(name in requests));
  for (const name of setLimits) limits[name] = defaultLimits[name];
  for (const name of setRequests) requests[name] = defaultRequests[name];
  if (setRequests.length > 0) annotations.push(`${setRequests.sort().join(', ')} request for ${prefix} ${container.name}`);
  if (setLimits.length > 0) annotations.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${container.name}`);
}

/** PodValidateLimitFunc: every Container item against each container and init container, every Pod item against the pod's totals. */
function validatePod(limitRange: LimitRange, pod: Pod): string[] {
  const errors: string[] = [];
  for (const item of itemsOf(limitRange)) {
    if (item.type === 'Container') {
      for (const container of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
        checkItem(item, readResourceList(container.resources?.requests), readResourceList(container.resources?.limits), errors);
      }
    } else if (item.type === 'Pod') {
      checkItem(item, podTotal(pod, 'requests', false), podTotal(pod, 'limits', false), errors);
    }
  }
  return errors;
}

function checkItem(item: LimitRangeItem, requests: ResourceList, limits: ResourceList, errors: string[]): void {
  const type = item.type;
  for (const [name, enforced] of sortedList(item.min)) pushDefined(errors, minConstraint(type, name, enforced, requests, limits));
  for (const [name, enforced] of sortedList(item.max)) pushDefined(errors, maxConstraint(type, name, enforced, requests, limits));
  for (const [name, enforced] of sortedList(item.maxLimitRequestRatio)) pushDefined(errors, ratioConstraint(type, name, enforced, requests, limits));
}

/** PersistentVolumeClaimValidateLimitFunc: a claim's requests against min and max; limits are not user input there. */
function validateClaim(limitRange: LimitRange, claim: PersistentVolumeClaim): string[] {
  const errors: string[] = [];
  const requests = readResourceList(claim.spec?.resources?.requests);
  for (const item of itemsOf(limitRange)) {
    if (item.type !== 'PersistentVolumeClaim') continue;
    for (const [name, enforced] of sortedList(item.min)) pushDefined(errors, minConstraint(item.type, name, enforced, requests, new Map()));
    for (const [name, enforced] of sortedList(item.max)) pushDefined(errors, maxRequestConstraint(item.type, name, enforced, requests));
  }
  return errors;
}

function sortedList(value: unknown): [string, Quantity][] {
  return [...readResourceList(value)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function pushDefined(errors: string[], error: string | undefined): void {
  if (error !== undefined) errors.push(error);
}

/**
 * requestLimitEnforcedValues: the three amounts at a common precision, milli units when none would overflow,
 * else whole units. A missing request or limit is the zero quantity.
 */
function comparable(request: Quantity | undefined, limit: Quantity | undefined, enforced: Quantity): [bigint, bigint, bigint] {
  const units = [request, limit, enforced].map((quantity) => (quantity ? unitValue(quantity) : 0n));
  if (units.every((value) => value <= MAX_MILLI_VALUE)) return [request ? milliValue(request) : 0n, limit ? milliValue(limit) : 0n, milliValue(enforced)];
  return units as [bigint, bigint, bigint];
}

/** minConstraint */
function minConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const request = requests.get(name);
  const limit = limits.get(name);
  const [observedRequest, observedLimit, enforcedValue] = comparable(request, limit, enforced);
  const bound = `minimum ${name} usage per ${type} is ${formatQuantity(enforced)}`;
  if (!request) return `${bound}.  No request is specified`;
  if (observedRequest < enforcedValue) return `${bound}, but request is ${formatQuantity(request)}`;
  if (limit && observedLimit < enforcedValue) return `${bound}, but limit is ${formatQuantity(limit)}`;
  return undefined;
}

/** maxConstraint */
function maxConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const request = requests.get(name);
  const limit = limits.get(name);
  const [observedRequest, observedLimit, enforcedValue] = comparable(request, limit, enforced);
  const bound = `maximum ${name} usage per ${type} is ${formatQuantity(enforced)}`;
  if (!limit) return `${bound}.  No limit is specified`;
  if (observedLimit > enforcedValue) return `${bound}, but limit is ${formatQuantity(limit)}`;
  if (request && observedRequest > enforcedValue) return `${bound}, but request is ${formatQuantity(request)}`;
  return undefined;
}

/** maxRequestConstraint: max against the request alone (claims). */
function maxRequestConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList): string | undefined {
  const request = requests.get(name);
  const [observedRequest, , enforcedValue] = comparable(request, undefined, enforced);
  const bound = `maximum ${name} usage per ${type} is ${formatQuantity(enforced)}`;
  if (!request) return `${bound}.  No request is specified`;
  if (observedRequest > enforcedValue) return `${bound}, but request is ${formatQuantity(request)}`;
  return undefined;
}

/** limitRequestRatioConstraint: the ratio compared in thousandths when the bound allows, printed with Go's %f. */
function ratioConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const request = requests.get(name);
  const limit = limits.get(name);
  const [observedRequest, observedLimit] = comparable(request, limit, enforced);
  const bound = `${name} max limit to request ratio per ${type} is ${formatQuantity(enforced)}`;
  if (!request || observedRequest === 0n) return `${bound}, but no request is specified or request is 0`;
  if (!limit || observedLimit === 0n) return `${bound}, but no limit is specified or limit is 0`;
  const ratio = Number(observedLimit) / Number(observedRequest);
  const enforcedUnits = unitValue(enforced);
  const exceeds = enforcedUnits <= MAX_MILLI_VALUE ? ratio * 1000 > Number(milliValue(enforced)) : ratio > Number(enforcedUnits);
  return exceeds ? `${bound}, but provided ratio is ${ratio.toFixed(6)}` : undefined;
}
