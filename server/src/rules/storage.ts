/**
 * Storage kinds as the API server validates them on create: ValidatePersistentVolumeClaim and
 * ValidatePersistentVolumeClaimSpec (pkg/apis/core/validation), on the claim after
 * SetDefaults_PersistentVolumeClaimSpec; ValidatePersistentVolumeSpec after SetDefaults_PersistentVolume;
 * ValidateStorageClass and ValidateCSIDriver (pkg/apis/storage/validation), after SetDefaults_StorageClass and
 * SetDefaults_CSIDriver. Values outside an enum of the schema (access modes,
 * volume modes) are reported by the schema before any rule runs; the storage.k8s.io enums are not in the schema
 * and are checked here.
 */
import { posix } from 'node:path';
import { textOf, isObject, objectAt, objectsAt, type PlainObject } from '../kube/plain-values';
import { GoValue, goJson } from '../kube/go-values';
import { formatQuantity, quantityOf } from '../kube/quantity';
import { duplicate, FieldPath, forbidden, invalid, notSupported, placedAt, required, tooLong, type FieldError } from '../kube/field-errors';
import { isDns1123Subdomain, isQualifiedName } from './apimachinery-validation';
import { selectorErrors } from './label-selectors';
import { nodeSelectorTermErrors } from './pod-scheduling';
import type { ObjectRule } from './rule';
import { PERSISTENT_VOLUME_SOURCES, volumeSourceErrors } from './volume-sources';

/** The volumeAttributesClassName is validated only with the VolumeAttributesClass gate, on by default from 1.34. */
const VOLUME_ATTRIBUTES_CLASS_VERSIONS = new Set(['1.34', '1.36']);

/** A data source reference as validated, with where it was written (the other field, when copied from it). */
interface SourceAt {
  source: PlainObject;
  written: FieldPath;
}

/**
 * A *field.Path given to field.Invalid as the value. Its fields are unexported: JSON prints `{}` (1.34+); Go's %#v
 * prints the struct with its parent's address, which no one can predict — the parent's path stands in for it.
 */
function fieldPathValue(path: FieldPath): GoValue {
  const parent = new FieldPath(path.segments.slice(0, -1)).toString();
  const last = path.segments[path.segments.length - 1];
  const name = last && 'field' in last ? last.field : '';
  return new GoValue(`field.Path{name:${JSON.stringify(name)}, index:"", parent:(*field.Path)(${parent})}`, '{}');
}

/**
 * What the claim strategy's PrepareForCreate leaves of the two references: DropDisabledFields drops
 * dataSourceRef.namespace (the CrossNamespaceVolumeDataSource gate is alpha, off), then NormalizeDataSources copies
 * whichever of dataSource and dataSourceRef is set into the other (apiGroup, kind and name).
 */
function normalizedSources(spec: PlainObject, path: FieldPath): { dataSource?: SourceAt; dataSourceRef?: SourceAt } {
  const copy = (source: PlainObject): PlainObject => {
    const copied: PlainObject = {};
    for (const field of ['apiGroup', 'kind', 'name']) if (source[field] !== undefined) copied[field] = source[field]!;
    return copied;
  };
  const source = objectAt(spec, 'dataSource');
  const ref = objectAt(spec, 'dataSourceRef');
  const sourceAt = path.child('dataSource');
  const refAt = path.child('dataSourceRef');
  if (source && ref) return { dataSource: { source, written: sourceAt }, dataSourceRef: { source: copy(ref), written: refAt } };
  if (source) return { dataSource: { source, written: sourceAt }, dataSourceRef: { source: copy(source), written: sourceAt } };
  if (ref) return { dataSource: { source: copy(ref), written: refAt }, dataSourceRef: { source: copy(ref), written: refAt } };
  return {};
}

/** validateDataSource and validateDataSourceRef (the namespace never reaches them: see normalizedSources). */
function dataSourceErrors({ source, written }: SourceAt, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const name = textOf(source['name']);
  const kind = textOf(source['kind']);
  if (name === '') errors.push(placedAt(required(path.child('name')), written, 'key'));
  if (kind === '') errors.push(placedAt(required(path.child('kind')), written, 'key'));
  const apiGroup = textOf(source['apiGroup']);
  if (apiGroup === '' && kind !== 'PersistentVolumeClaim') {
    errors.push(
      placedAt(invalid(path, kind, "must be 'PersistentVolumeClaim' when referencing the default apiGroup"), kind === '' ? written : written.child('kind'), kind === '' ? 'key' : 'value'),
    );
  }
  for (const message of apiGroup === '' ? [] : isDns1123Subdomain(apiGroup)) errors.push(placedAt(invalid(path.child('apiGroup'), apiGroup, message), written.child('apiGroup'), 'value'));
  return errors;
}

/** isDataSourceEqualDataSourceRef: the same apiGroup (unset equals only unset), kind and name. */
function sameSource(source: PlainObject, ref: PlainObject): boolean {
  return source['apiGroup'] === ref['apiGroup'] && textOf(source['kind']) === textOf(ref['kind']) && textOf(source['name']) === textOf(ref['name']);
}

/** ValidatePersistentVolumeClaimSpec, shared with a pod's ephemeral volume claim templates. */
export function claimSpecErrors(spec: PlainObject, path: FieldPath, version: string): FieldError[] {
  const errors: FieldError[] = [];
  const accessModes = Array.isArray(spec['accessModes']) ? spec['accessModes'] : [];
  if (accessModes.length === 0) errors.push(required(path.child('accessModes'), 'at least 1 access mode is required'));
  const selector = objectAt(spec, 'selector');
  if (selector) errors.push(...selectorErrors(selector, path.child('selector')));
  if (accessModes.includes('ReadWriteOncePod') && accessModes.some((mode) => mode !== 'ReadWriteOncePod')) {
    errors.push(forbidden(path.child('accessModes'), 'may not use ReadWriteOncePod with other access modes'));
  }
  // The API server names the request `spec.resources[storage]`, though it lives in resources.requests.
  const storagePath = path.child('resources').key('storage');
  const requests = objectAt(spec, 'resources', 'requests');
  const storage = requests?.['storage'];
  if (storage === undefined || storage === null) {
    errors.push(placedAt(required(storagePath), requests ? path.child('resources', 'requests') : objectAt(spec, 'resources') ? path.child('resources') : path, 'key'));
  } else {
    const quantity = quantityOf(storage);
    if (quantity && quantity.nanos <= 0n) {
      errors.push(placedAt(invalid(storagePath, formatQuantity(quantity), 'must be greater than zero'), path.child('resources', 'requests', 'storage'), 'value'));
    }
  }
  const storageClassName = textOf(spec['storageClassName']);
  for (const message of storageClassName === '' ? [] : isDns1123Subdomain(storageClassName)) {
    errors.push(invalid(path.child('storageClassName'), storageClassName, message));
  }
  const { dataSource, dataSourceRef } = normalizedSources(spec, path);
  if (dataSource) errors.push(...dataSourceErrors(dataSource, path.child('dataSource')));
  if (dataSourceRef) errors.push(...dataSourceErrors(dataSourceRef, path.child('dataSourceRef')));
  // Reported on the spec with the dataSource's path as the value; underlined on the dataSource.
  if (dataSource && dataSourceRef && !sameSource(dataSource.source, dataSourceRef.source)) {
    errors.push(placedAt(invalid(path, fieldPathValue(path.child('dataSource')), 'must match dataSourceRef'), path.child('dataSource'), 'key'));
  }
  const attributesClass = textOf(spec['volumeAttributesClassName']);
  if (attributesClass !== '' && VOLUME_ATTRIBUTES_CLASS_VERSIONS.has(version)) {
    for (const message of isDns1123Subdomain(attributesClass)) errors.push(invalid(path.child('volumeAttributesClassName'), attributesClass, message));
  }
  return errors;
}

export const persistentVolumeClaimSpecRule: ObjectRule = {
  id: 'persistent-volume-claim-spec',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'A PersistentVolumeClaim needs an access mode (ReadWriteOncePod alone), a positive storage request, a valid storage class name and well-formed data sources and selector.',
  kinds: ['PersistentVolumeClaim'],
  check({ defaulted, kubernetesVersion }) {
    const spec = objectAt(defaulted, 'spec');
    return spec ? claimSpecErrors(spec, FieldPath.of('spec'), kubernetesVersion) : [];
  },
};

const MAX_PARAMETER_COUNT = 512;
const MAX_PARAMETER_BYTES = 256 * 1024;
const RECLAIM_POLICIES = ['Delete', 'Retain'];
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];

/** validateProvisioner: required, and (lower-cased) a qualified name; the lower-cased value is the one reported. */
export function provisionerErrors(provisioner: string, path: FieldPath): FieldError[] {
  if (provisioner === '') return [required(path)];
  const lowered = provisioner.toLowerCase();
  return isQualifiedName(lowered).map((message) => invalid(path, lowered, message));
}

/** validateParameters (empty allowed): at most 512 entries, no empty key, keys and values at most 256 KiB in all. */
export function parameterErrors(parameters: PlainObject | undefined, path: FieldPath): FieldError[] {
  if (!parameters) return [];
  const entries = Object.entries(parameters);
  if (entries.length > MAX_PARAMETER_COUNT) return [tooLong(path, MAX_PARAMETER_COUNT)];
  const errors: FieldError[] = [];
  let size = 0;
  for (const [key, value] of entries) {
    if (key === '') errors.push(placedAt(invalid(path, key, 'field can not be empty.'), path.key(key), 'key'));
    size += Buffer.byteLength(key) + Buffer.byteLength(textOf(value));
  }
  if (size > MAX_PARAMETER_BYTES) errors.push(tooLong(path, MAX_PARAMETER_BYTES));
  return errors;
}

/**
 * validateAllowedTopologies with ValidateTopologySelectorTerm: each requirement needs values, without duplicates,
 * and a qualified-name key used once per term; two terms with the same keys and value sets are duplicates. Upstream
 * compares each term also with the empty entries its list starts with, so a term without requirements is always
 * reported as a duplicate (once here: the API server's aggregate message lists an error once).
 */
function allowedTopologyErrors(terms: PlainObject[], path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const seen: Map<string, Set<string>>[] = [];
  terms.forEach((term, index) => {
    const termPath = path.index(index);
    const expressionsPath = termPath.child('matchLabelExpressions');
    const byKey = new Map<string, Set<string>>();
    objectsAt(term, 'matchLabelExpressions').forEach((requirement, requirementIndex) => {
      const requirementPath = expressionsPath.index(requirementIndex);
      const valuesPath = requirementPath.child('values');
      const values = Array.isArray(requirement['values']) ? requirement['values'].map(textOf) : [];
      if (values.length === 0) errors.push(required(valuesPath, ''));
      const valueSet = new Set<string>();
      values.forEach((value, valueIndex) => {
        if (valueSet.has(value)) errors.push(duplicate(valuesPath.index(valueIndex), value));
        valueSet.add(value);
      });
      const key = textOf(requirement['key']);
      for (const message of isQualifiedName(key)) errors.push(invalid(requirementPath.child('key'), key, message));
      if (byKey.has(key)) errors.push(duplicate(requirementPath.child('key'), key));
      byKey.set(key, valueSet);
    });
    if (byKey.size === 0 || seen.some((earlier) => sameTopology(earlier, byKey))) {
      errors.push(placedAt(duplicate(expressionsPath, ''), termPath, 'key'));
    }
    seen.push(byKey);
  });
  return errors;
}

function sameTopology(a: Map<string, Set<string>>, b: Map<string, Set<string>>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, values] of a) {
    const other = b.get(key);
    if (!other || other.size !== values.size) return false;
    for (const value of values) if (!other.has(value)) return false;
  }
  return true;
}

export const storageClassRule: ObjectRule = {
  id: 'storage-class',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'A StorageClass needs a provisioner that is a qualified name, parameters within limits, a supported reclaim policy and binding mode, and well-formed allowed topologies.',
  kinds: ['StorageClass'],
  check({ defaulted }) {
    const errors = provisionerErrors(textOf(defaulted['provisioner']), FieldPath.of('provisioner'));
    errors.push(...parameterErrors(objectAt(defaulted, 'parameters'), FieldPath.of('parameters')));
    const reclaimPolicy = textOf(defaulted['reclaimPolicy']);
    if (reclaimPolicy !== '' && !RECLAIM_POLICIES.includes(reclaimPolicy)) errors.push(notSupported(FieldPath.of('reclaimPolicy'), reclaimPolicy, RECLAIM_POLICIES));
    const bindingMode = defaulted['volumeBindingMode'];
    if (typeof bindingMode === 'string' && !BINDING_MODES.includes(bindingMode)) errors.push(notSupported(FieldPath.of('volumeBindingMode'), bindingMode, BINDING_MODES));
    errors.push(...allowedTopologyErrors(objectsAt(defaulted, 'allowedTopologies'), FieldPath.of('allowedTopologies')));
    return errors;
  },
};

const FS_GROUP_POLICIES = ['File', 'None', 'ReadWriteOnceWithFSType'];
const LIFECYCLE_MODES = ['Persistent', 'Ephemeral'];
const MIN_TOKEN_SECONDS = 600;
const MAX_TOKEN_SECONDS = 2 ** 32;

/** validateTokenRequests: audiences unique (a repeated one is not checked further), expiry from 10 minutes to 2^32 s. */
function tokenRequestErrors(requests: PlainObject[], path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const audiences = new Set<string>();
  requests.forEach((request, index) => {
    const requestPath = path.index(index);
    const audience = textOf(request['audience']);
    if (audiences.has(audience)) {
      errors.push(
        placedAt(
          duplicate(requestPath.child('audience'), audience),
          request['audience'] === undefined ? requestPath : requestPath.child('audience'),
          request['audience'] === undefined ? 'key' : 'value',
        ),
      );
      return;
    }
    audiences.add(audience);
    const seconds = request['expirationSeconds'];
    if (typeof seconds !== 'number') return;
    if (seconds < MIN_TOKEN_SECONDS) errors.push(invalid(requestPath.child('expirationSeconds'), seconds, 'may not specify a duration less than 10 minutes'));
    if (seconds > MAX_TOKEN_SECONDS) errors.push(invalid(requestPath.child('expirationSeconds'), seconds, 'may not specify a duration larger than 2^32 seconds'));
  });
  return errors;
}

export const csiDriverSpecRule: ObjectRule = {
  id: 'csi-driver-spec',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'A CSIDriver needs a supported fsGroupPolicy and volume lifecycle modes, and token requests with distinct audiences and an expiry of at least 10 minutes.',
  kinds: ['CSIDriver'],
  check({ defaulted }) {
    const spec = objectAt(defaulted, 'spec');
    if (!spec) return [];
    const path = FieldPath.of('spec');
    const errors: FieldError[] = [];
    // attachRequired, podInfoOnMount and storageCapacity are required, but SetDefaults_CSIDriver always sets them.
    const fsGroupPolicy = spec['fsGroupPolicy'];
    if (typeof fsGroupPolicy === 'string' && !FS_GROUP_POLICIES.includes(fsGroupPolicy)) errors.push(notSupported(path.child('fsGroupPolicy'), fsGroupPolicy, FS_GROUP_POLICIES));
    errors.push(...tokenRequestErrors(objectsAt(spec, 'tokenRequests'), path.child('tokenRequests')));
    const modes = Array.isArray(spec['volumeLifecycleModes']) ? spec['volumeLifecycleModes'] : [];
    modes.forEach((mode, index) => {
      const value = textOf(mode);
      if (!LIFECYCLE_MODES.includes(value)) {
        errors.push(placedAt(notSupported(path.child('volumeLifecycleModes'), value, LIFECYCLE_MODES), path.child('volumeLifecycleModes').index(index), 'value'));
      }
    });
    return errors;
  },
};

/** Quantity.Value(): the whole units, rounded away from zero. */
function wholeUnits(nanos: bigint): bigint {
  const units = nanos / 1_000_000_000n;
  if (units * 1_000_000_000n === nanos) return units;
  return nanos < 0n ? units - 1n : units + 1n;
}

/** validateVolumeNodeAffinity: required terms (ValidateNodeSelector, label values checked). */
function volumeNodeAffinityErrors(affinity: PlainObject, path: FieldPath): FieldError[] {
  const selector = objectAt(affinity, 'required');
  if (!selector) return [placedAt(required(path.child('required'), 'must specify required node constraints'), path, 'key')];
  const termsPath = path.child('required', 'nodeSelectorTerms');
  const terms = Array.isArray(selector['nodeSelectorTerms']) ? selector['nodeSelectorTerms'] : [];
  const errors: FieldError[] = [];
  if (terms.length === 0) errors.push(required(termsPath, 'must have at least one node selector term'));
  terms.forEach((term, index) => {
    if (isObject(term)) errors.push(...nodeSelectorTermErrors(term, termsPath.index(index), true));
  });
  return errors;
}

/**
 * A core.ResourceList as field.Error prints it: from 1.34 as JSON, each quantity its canonical string; up to 1.33 Go's
 * %#v prints each quantity's internal fields, for which kubeplan shows the canonical string. Undefined when a
 * quantity does not parse (the request is refused before validation then).
 */
function resourceListValue(list: PlainObject, resources: readonly string[]): GoValue | undefined {
  const texts: [string, string][] = [];
  for (const resource of resources) {
    const quantity = quantityOf(list[resource]);
    if (!quantity) return undefined;
    texts.push([resource, formatQuantity(quantity)]);
  }
  return new GoValue(`core.ResourceList{${texts.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(', ')}}`, goJson(Object.fromEntries(texts)));
}

function persistentVolumeSpecErrors(spec: PlainObject, path: FieldPath, version: string, name: string): FieldError[] {
  const errors: FieldError[] = [];
  const accessModes = Array.isArray(spec['accessModes']) ? spec['accessModes'] : [];
  if (accessModes.length === 0) errors.push(required(path.child('accessModes')));
  if (accessModes.includes('ReadWriteOncePod') && accessModes.some((mode) => mode !== 'ReadWriteOncePod')) {
    errors.push(forbidden(path.child('accessModes'), 'may not use ReadWriteOncePod with other access modes'));
  }
  const capacityPath = path.child('capacity');
  const capacity = objectAt(spec, 'capacity');
  const resources = capacity ? Object.keys(capacity).sort() : [];
  if (resources.length === 0) {
    // The empty core.ResourceList: nil when absent, empty when written as {}.
    const list = capacity ? new GoValue('core.ResourceList{}', '{}') : new GoValue('core.ResourceList(nil)', 'null');
    const at = capacity ? capacityPath : path;
    errors.push(placedAt(required(capacityPath), at, 'key'));
    errors.push(placedAt(notSupported(capacityPath, list, ['storage']), at, 'key'));
  } else if (!resources.includes('storage') || resources.length > 1) {
    const list = resourceListValue(capacity!, resources);
    if (list) errors.push(placedAt(notSupported(capacityPath, list, ['storage']), capacityPath, 'key'));
  }
  for (const resource of resources) {
    const quantity = quantityOf(capacity![resource]);
    if (!quantity) continue;
    const resourcePath = capacityPath.key(resource);
    const at = capacityPath.child(resource);
    if (quantity.nanos < 0n) errors.push(placedAt(invalid(resourcePath, wholeUnits(quantity.nanos), 'must be a valid resource quantity'), at, 'value'));
    if (quantity.nanos <= 0n) errors.push(placedAt(invalid(resourcePath, formatQuantity(quantity), 'must be greater than zero'), at, 'value'));
  }
  const affinity = objectAt(spec, 'nodeAffinity');
  if (affinity) errors.push(...volumeNodeAffinityErrors(affinity, path.child('nodeAffinity')));
  errors.push(...volumeSourceErrors(spec, path, PERSISTENT_VOLUME_SOURCES, { name, at: path, isPod: false, hasNodeAffinity: affinity !== undefined }, ['flexVolume']));
  const hostPath = objectAt(spec, 'hostPath');
  if (hostPath && spec['persistentVolumeReclaimPolicy'] === 'Recycle' && cleanPath(textOf(hostPath['path'])) === '/') {
    errors.push(forbidden(path.child('persistentVolumeReclaimPolicy'), "may not be 'recycle' for a hostPath mount of '/'"));
  }
  const storageClassName = textOf(spec['storageClassName']);
  for (const message of storageClassName === '' ? [] : isDns1123Subdomain(storageClassName)) {
    errors.push(invalid(path.child('storageClassName'), storageClassName, message));
  }
  const attributesClass = spec['volumeAttributesClassName'];
  if (typeof attributesClass === 'string' && VOLUME_ATTRIBUTES_CLASS_VERSIONS.has(version)) {
    if (attributesClass === '') errors.push(required(path.child('volumeAttributesClassName'), 'an empty string is disallowed'));
    for (const message of attributesClass === '' ? [] : isDns1123Subdomain(attributesClass)) errors.push(invalid(path.child('volumeAttributesClassName'), attributesClass, message));
    if (!objectAt(spec, 'csi')) errors.push(placedAt(required(path.child('csi'), 'has to be specified when using volumeAttributesClassName'), path.child('volumeAttributesClassName'), 'key'));
  }
  return errors;
}

/** Go's path.Clean, as far as telling whether a path is the root. */
function cleanPath(value: string): string {
  if (value === '') return '.';
  const cleaned = posix.normalize(value);
  return cleaned.length > 1 && cleaned.endsWith('/') ? cleaned.slice(0, -1) : cleaned;
}

export const persistentVolumeSpecRule: ObjectRule = {
  id: 'persistent-volume-spec',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'A PersistentVolume needs access modes, a positive storage capacity, exactly one volume source and well-formed node affinity.',
  kinds: ['PersistentVolume'],
  check({ defaulted, kubernetesVersion }) {
    return persistentVolumeSpecErrors(objectAt(defaulted, 'spec') ?? {}, FieldPath.of('spec'), kubernetesVersion, textOf(objectAt(defaulted, 'metadata')?.['name']));
  },
};
