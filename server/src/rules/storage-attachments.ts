/**
 * VolumeAttachments and VolumeAttributesClasses as the API server validates them on create
 * (pkg/apis/storage/validation): ValidateVolumeAttachment followed, for storage.k8s.io/v1, by
 * ValidateVolumeAttachmentV1; ValidateVolumeAttributesClass for the storage.k8s.io/v1 kind (served from 1.34).
 */
import { FieldPath, invalid, required, forbidden, type FieldError } from '../kube/field-errors';
import { objectAt, textOf } from '../kube/plain-values';
import { isDns1123Subdomain } from './apimachinery-validation';
import type { ObjectRule } from './rule';
import { parameterErrors, provisionerErrors } from './storage';
import { csiDriverNameErrors } from './volume-sources';

const ONE_SOURCE = 'must specify exactly one of inlineVolumeSpec and persistentVolumeName';

export const volumeAttachmentRule: ObjectRule = {
  id: 'volume-attachment',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'A VolumeAttachment names its attacher (a CSI driver name), a node (a DNS subdomain) and exactly one of a persistent volume (a DNS subdomain) and an inline volume spec.',
  kinds: ['VolumeAttachment'],
  check({ defaulted }) {
    const spec = objectAt(defaulted, 'spec');
    if (!spec) return [];
    const errors: FieldError[] = [];
    const specPath = FieldPath.of('spec');
    const attacherPath = specPath.child('attacher');
    const attacher = textOf(spec['attacher']);
    // validateAttacher; ValidateCSIDriverName repeats the same Required, which the API server reports once.
    if (attacher === '') errors.push(required(attacherPath));
    // validateVolumeAttachmentSource
    const sourcePath = specPath.child('source');
    const source = objectAt(spec, 'source') ?? {};
    const volumeName = source['persistentVolumeName'];
    const hasName = typeof volumeName === 'string';
    const hasInline = objectAt(source, 'inlineVolumeSpec') !== undefined;
    if (!hasName && !hasInline) errors.push(required(sourcePath, ONE_SOURCE));
    else if (hasName && hasInline) errors.push(forbidden(sourcePath, ONE_SOURCE));
    else if (hasName && volumeName === '') errors.push(required(sourcePath.child('persistentVolumeName'), 'must specify non empty persistentVolumeName'));
    // validateNodeName: ValidateNodeName is NameIsDNSSubdomain.
    const nodeName = textOf(spec['nodeName']);
    for (const message of isDns1123Subdomain(nodeName)) errors.push(invalid(specPath.child('nodeName'), nodeName, message));
    // ValidateVolumeAttachmentV1: ValidateCSIDriverName, then the persistent volume's name.
    // Its Required repeats validateAttacher's; the error list reports the same text once (run-object-rules.ts).
    errors.push(...csiDriverNameErrors(attacher, attacherPath));
    if (hasName) for (const message of isDns1123Subdomain(volumeName)) errors.push(invalid(sourcePath.child('persistentVolumeName'), volumeName, message));
    return errors;
  },
};

export const volumeAttributesClassRule: ObjectRule = {
  id: 'volume-attributes-class',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'A VolumeAttributesClass names its driver with a qualified name and has at least one parameter, none with an empty key.',
  kinds: ['VolumeAttributesClass'],
  check({ apiVersion, defaulted }) {
    if (apiVersion !== 'storage.k8s.io/v1') return [];
    const parametersPath = FieldPath.of('parameters');
    const parameters = objectAt(defaulted, 'parameters');
    const errors = [...provisionerErrors(textOf(defaulted['driverName']), FieldPath.of('driverName')), ...parameterErrors(parameters, parametersPath)];
    // validateParameters with allowEmpty false.
    if (Object.keys(parameters ?? {}).length === 0) errors.push(required(parametersPath, 'must contain at least one key/value pair'));
    return errors;
  },
};
