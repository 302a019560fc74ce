/**
 * The downward API's selectors as pkg/apis/core/validation/validation.go validates them, in environment variables
 * (validateEnvVarValueFrom) and in downwardAPI and projected volume files (validateDownwardAPIVolumeFile):
 * validateObjectFieldSelector with podshelper.ConvertDownwardAPIFieldLabel (pkg/apis/core/pods/helpers.go) and
 * fieldpath.SplitMaybeSubscriptedPath, and validateContainerResourceFieldSelector with
 * validateContainerResourceDivisor. The sets are the same in every supported version (PodHostIPs and
 * DownwardAPIHugePages are GA from 1.30).
 */
import { textOf, type PlainObject } from '../kube/plain-values';
import { formatQuantity, quantityOf } from '../kube/quantity';
import { type FieldPath, invalid, notSupported, placedAt, required, type FieldError } from '../kube/field-errors';
import { isQualifiedName } from './apimachinery-validation';

/** validEnvDownwardAPIFieldPathExpressions */
export const ENV_FIELD_PATHS: ReadonlySet<string> = new Set([
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
]);

/** validVolumeDownwardAPIFieldPathExpressions */
export const VOLUME_FIELD_PATHS: ReadonlySet<string> = new Set(['metadata.name', 'metadata.namespace', 'metadata.labels', 'metadata.annotations', 'metadata.uid']);

/** The labels ConvertDownwardAPIFieldLabel accepts unsubscripted, besides `spec.host` (read as `spec.nodeName`). */
const CONVERTIBLE_FIELD_PATHS: ReadonlySet<string> = new Set([
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.serviceAccountName',
  'spec.schedulerName',
  'status.phase',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
]);

/** validContainerResourceFieldPathExpressions, sorted as sets.List prints them. */
const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];
const RESOURCE_FIELD_PATH_SET: ReadonlySet<string> = new Set(RESOURCE_FIELD_PATHS);
const HUGEPAGES_PREFIXES = ['requests.hugepages-', 'limits.hugepages-'];

const CPU_DIVISORS: ReadonlySet<string> = new Set(['1m', '1']);
/** The divisors of memory, ephemeral storage and huge pages. */
const BYTE_DIVISORS: ReadonlySet<string> = new Set(['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei']);
const BYTE_DIVISOR_LIST = '1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei';

/** fieldpath.SplitMaybeSubscriptedPath: `metadata.labels['app']` → [`metadata.labels`, `app`]. */
function splitSubscript(fieldPath: string): [path: string, subscript: string] | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const trimmed = fieldPath.slice(0, -2);
  const at = trimmed.indexOf("['");
  if (at <= 0) return undefined;
  return [trimmed.slice(0, at), trimmed.slice(at + 2)];
}

/** ConvertDownwardAPIFieldLabel: the internal label, or the error's text. */
function convertFieldLabel(apiVersion: string, label: string): { label: string } | { error: string } {
  if (apiVersion !== 'v1') return { error: `unsupported pod version: ${apiVersion}` };
  const split = splitSubscript(label);
  if (split) return split[0] === 'metadata.annotations' || split[0] === 'metadata.labels' ? { label } : { error: `field label does not support subscript: ${label}` };
  if (CONVERTIBLE_FIELD_PATHS.has(label)) return { label };
  if (label === 'spec.host') return { label: 'spec.nodeName' };
  return { error: `field label not supported: ${label}` };
}

/**
 * validateObjectFieldSelector at `path` (the fieldRef). A subscripted label or annotation key is validated as a
 * qualified name (an annotation's lower-cased) and reported on the fieldRef itself, as upstream does; it is
 * underlined on the fieldPath.
 */
export function objectFieldSelectorErrors(ref: PlainObject, expressions: ReadonlySet<string>, path: FieldPath): FieldError[] {
  const apiVersion = textOf(ref['apiVersion']);
  const fieldPath = textOf(ref['fieldPath']);
  if (apiVersion === '') return [required(path.child('apiVersion'))];
  const fieldPathAt = path.child('fieldPath');
  if (fieldPath === '') return [required(fieldPathAt)];
  const converted = convertFieldLabel(apiVersion, fieldPath);
  if ('error' in converted) return [invalid(fieldPathAt, fieldPath, `error converting fieldPath: ${converted.error}`)];
  const split = splitSubscript(converted.label);
  if (split) {
    const [, subscript] = split;
    const key = split[0] === 'metadata.annotations' ? subscript.toLowerCase() : subscript;
    return isQualifiedName(key).map((message) => placedAt(invalid(path, key, message), fieldPathAt, 'value'));
  }
  if (!expressions.has(converted.label)) return [notSupported(fieldPathAt, converted.label, [...expressions].sort())];
  return [];
}

/** validateContainerResourceDivisor: an unset (zero) divisor passes; the error's value is the resource's name. */
function divisorErrors(resource: string, ref: PlainObject, path: FieldPath): FieldError[] {
  const divisor = quantityOf(ref['divisor']);
  if (!divisor || divisor.nanos === 0n) return [];
  const text = formatQuantity(divisor);
  const at = path.child('divisor');
  const errors: FieldError[] = [];
  if (resource === 'limits.cpu' || resource === 'requests.cpu') {
    if (!CPU_DIVISORS.has(text)) errors.push(invalid(at, resource, "only divisor's values 1m and 1 are supported with the cpu resource"));
  } else if (resource === 'limits.memory' || resource === 'requests.memory') {
    if (!BYTE_DIVISORS.has(text)) errors.push(invalid(at, resource, `only divisor's values ${BYTE_DIVISOR_LIST} are supported with the memory resource`));
  } else if (resource === 'limits.ephemeral-storage' || resource === 'requests.ephemeral-storage') {
    if (!BYTE_DIVISORS.has(text)) errors.push(invalid(at, resource, `only divisor's values ${BYTE_DIVISOR_LIST} are supported with the local ephemeral storage resource`));
  }
  if (HUGEPAGES_PREFIXES.some((prefix) => resource.startsWith(prefix)) && !BYTE_DIVISORS.has(text)) {
    errors.push(invalid(at, resource, `only divisor's values ${BYTE_DIVISOR_LIST} are supported with the hugepages resource`));
  }
  return errors;
}

/**
 * validateContainerResourceFieldSelector at `path` (the resourceFieldRef): in a volume `containerName` is required
 * first; then the resource, one of the container resources or a huge pages request or limit; then the divisor,
 * whatever came before.
 */
export function resourceFieldSelectorErrors(ref: PlainObject, path: FieldPath, volume: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const resource = textOf(ref['resource']);
  if (volume && textOf(ref['containerName']) === '') errors.push(required(path.child('containerName')));
  else if (resource === '') errors.push(required(path.child('resource')));
  else if (!RESOURCE_FIELD_PATH_SET.has(resource) && !HUGEPAGES_PREFIXES.some((prefix) => resource.startsWith(prefix))) {
    errors.push(notSupported(path.child('resource'), resource, RESOURCE_FIELD_PATHS));
  }
  errors.push(...divisorErrors(resource, ref, path));
  return errors;
}
