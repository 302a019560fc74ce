/**
 * Storage kinds as pkg/apis/core/validation validates them on create: ValidatePersistentVolumeClaim and
 * ValidatePersistentVolumeClaimSpec, on the claim after SetDefaults_PersistentVolumeClaimSpec. Values outside an
 * enum (access modes, volume modes) are reported by the schema before any rule runs.
 */
import { objectAt, type PlainObject } from '../kube/plain-values';
import { formatQuantity, quantityOf } from '../kube/quantity';
import { FieldPath, forbidden, invalid, placedAt, required, type FieldError } from '../kube/field-errors';
import { isDns1123Subdomain } from './apimachinery-validation';
import { selectorErrors } from './label-selectors';
import { invalidRendered } from './pod-spec';
import type { ObjectRule } from './rule';

/** The volumeAttributesClassName is validated only with the VolumeAttributesClass gate, on by default from 1.34. */
const VOLUME_ATTRIBUTES_CLASS_VERSIONS = new Set(['1.34', '1.36']);

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A data source reference as validated, with where it was written (the other field, when copied from it). */
interface SourceAt {
  source: PlainObject;
  written: FieldPath;
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
  const name = text(source['name']);
  const kind = text(source['kind']);
  if (name === '') errors.push(placedAt(required(path.child('name')), written, 'key'));
  if (kind === '') errors.push(placedAt(required(path.child('kind')), written, 'key'));
  const apiGroup = text(source['apiGroup']);
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
  return source['apiGroup'] === ref['apiGroup'] && text(source['kind']) === text(ref['kind']) && text(source['name']) === text(ref['name']);
}

function claimSpecErrors(spec: PlainObject, path: FieldPath, version: string): FieldError[] {
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
  const storageClassName = text(spec['storageClassName']);
  for (const message of storageClassName === '' ? [] : isDns1123Subdomain(storageClassName)) {
    errors.push(invalid(path.child('storageClassName'), storageClassName, message));
  }
  const { dataSource, dataSourceRef } = normalizedSources(spec, path);
  if (dataSource) errors.push(...dataSourceErrors(dataSource, path.child('dataSource')));
  if (dataSourceRef) errors.push(...dataSourceErrors(dataSourceRef, path.child('dataSourceRef')));
  // Reported on the spec with the dataSource's path as the value; underlined on the dataSource.
  if (dataSource && dataSourceRef && !sameSource(dataSource.source, dataSourceRef.source)) {
    errors.push(placedAt(invalidRendered(path, path.child('dataSource').toString(), 'must match dataSourceRef'), path.child('dataSource'), 'key'));
  }
  const attributesClass = text(spec['volumeAttributesClassName']);
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
