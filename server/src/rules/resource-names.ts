/**
 * Resource names and amounts as pkg/apis/core/validation and pkg/apis/core/helper read them, wherever a resource list
 * appears (container and pod resources, ResourceQuota, LimitRange, RuntimeClass overhead): the standard names, the
 * native and extended resources, huge pages, and ValidateResourceQuantityValue.
 */
import { type FieldPath, invalid, type FieldError } from '../kube/field-errors';
import { formatQuantity, milliValue, quantityValue, type Quantity } from '../kube/quantity';
import { isQualifiedName } from './apimachinery-validation';

/** helper.standardResources: names known to the system. */
const STANDARD_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'resourcequotas',
  'services',
  'replicationcontrollers',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'storage',
  'requests.storage',
  'services.nodeports',
  'services.loadbalancers',
]);
/** helper.standardQuotaResources: what the quota system tracks (not plain `storage`). */
const STANDARD_QUOTA_RESOURCES = new Set([...STANDARD_RESOURCES].filter((name) => name !== 'storage'));
/** helper.integerResources: counted in whole objects. */
const INTEGER_RESOURCES = new Set([
  'pods',
  'resourcequotas',
  'services',
  'replicationcontrollers',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
]);
/** helper.standardContainerResources */
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

export const HUGEPAGES_PREFIX = 'hugepages-';

/** IsHugePageResourceName */
export function isHugePages(name: string): boolean {
  return name.startsWith(HUGEPAGES_PREFIX);
}

/** IsQuotaHugePageResourceName: huge pages as a quota names them, with or without `requests.`. */
export function isQuotaHugePages(name: string): boolean {
  return isHugePages(name) || name.startsWith(`requests.${HUGEPAGES_PREFIX}`);
}

/** IsNativeResource: no domain, or a kubernetes.io domain. */
export function isNative(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** IsExtendedResourceName: a domain that is not kubernetes.io, and usable as a quota name (`requests.<name>`). */
export function isExtended(name: string): boolean {
  return !isNative(name) && !name.startsWith('requests.') && isQualifiedName(`requests.${name}`).length === 0;
}

/** IsOvercommitAllowed: extended resources and huge pages are not. */
export function isOvercommitAllowed(name: string): boolean {
  return isNative(name) && !isHugePages(name);
}

/** IsStandardResourceName */
export function isStandardResource(name: string): boolean {
  return STANDARD_RESOURCES.has(name) || isQuotaHugePages(name);
}

/** IsStandardQuotaResourceName */
export function isStandardQuotaResource(name: string): boolean {
  return STANDARD_QUOTA_RESOURCES.has(name) || isQuotaHugePages(name);
}

/** validateResourceName: a qualified name, and without a domain a standard resource. */
export function resourceNameErrors(name: string, path: FieldPath): FieldError[] {
  const errors = isQualifiedName(name).map((message) => invalid(path, name, message));
  if (errors.length > 0) return errors;
  if (!name.includes('/') && !isStandardResource(name)) errors.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
  return errors;
}

/** validateContainerResourceName: validateResourceName, then a container resource or an extended resource. */
export function containerResourceNameErrors(name: string, path: FieldPath): FieldError[] {
  const errors = resourceNameErrors(name, path);
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) errors.push(invalid(path, name, 'must be a standard resource for containers'));
  } else if (!isNative(name) && !isExtended(name)) {
    errors.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errors;
}

/** ValidateResourceQuantityValue: not negative, and whole for integer resources (MilliValue() % 1000). */
export function resourceQuantityValueErrors(name: string, quantity: Quantity, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  // ValidateNonnegativeQuantity passes value.String(): a quoted string in every release.
  if (quantity.nanos < 0n) errors.push(invalid(path, formatQuantity(quantity), 'must be greater than or equal to 0'));
  if ((INTEGER_RESOURCES.has(name) || isExtended(name)) && milliValue(quantity) % 1000n !== 0n) {
    errors.push(invalid(path, quantityValue(quantity), 'must be an integer'));
  }
  return errors;
}
