/**
 * Object names, labels and annotations, as ValidateObjectMeta (apimachinery/pkg/api/validation/objectmeta.go)
 * and each kind's name validator check them.
 */
import { isObject, objectAt, stringEntries, type PlainValue } from '../kube/plain-values';
import { isDns1035Label, isDns1123Label, isDns1123Subdomain, isQualifiedName, isValidLabelValue, isValidPathSegmentName } from './apimachinery-validation';
import { FieldPath, invalid, placedAt, required, tooLong, type FieldError } from '../kube/field-errors';
import type { ObjectRule } from './rule';

/** Kinds whose names are DNS-1123 subdomains (NameIsDNSSubdomain in their validation). */
const SUBDOMAIN_NAMED = [
  'Pod',
  'Deployment',
  'ReplicaSet',
  'DaemonSet',
  'ControllerRevision',
  'ReplicationController',
  'ConfigMap',
  'Secret',
  'Ingress',
  'IngressClass',
  'Job',
  'CronJob',
  'Node',
  'Endpoints',
  'ServiceAccount',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'NetworkPolicy',
  'StorageClass',
  'PriorityClass',
  'RuntimeClass',
  'LimitRange',
  'ResourceQuota',
  'PodTemplate',
  'FlowSchema',
  'PriorityLevelConfiguration',
];
/** RBAC kinds: ValidateRBACName accepts any name that can be a path segment (`system:aggregate-to-admin`, capitals …). */
const PATH_SEGMENT_NAMED = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'];
/** A CronJob's name becomes the prefix of its Jobs' names plus an 11-character suffix. */
const CRONJOB_NAME_MAX = 52;
/** TotalAnnotationSizeLimitB */
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

const NAME_VALIDATORS: Readonly<Record<string, (name: string) => string[]>> = {
  ...Object.fromEntries(SUBDOMAIN_NAMED.map((kind) => [kind, isDns1123Subdomain])),
  ...Object.fromEntries(PATH_SEGMENT_NAMED.map((kind) => [kind, isValidPathSegmentName])),
  Service: isDns1035Label,
  Namespace: isDns1123Label,
  // ValidateStatefulSetName: a DNS-1123 label since Kubernetes 1.27, as each pod's hostname is made from it.
  StatefulSet: isDns1123Label,
  // ValidateCertificateRequestName accepts any name; only its presence is checked.
  CertificateSigningRequest: () => [],
};

export const objectNameRule: ObjectRule = {
  id: 'object-name',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'metadata.name is required (unless generateName is set) and must have the form its kind requires.',
  kinds: Object.keys(NAME_VALIDATORS),
  check({ kind, object }) {
    const metadata = objectAt(object, 'metadata');
    const path = FieldPath.of('metadata', 'name');
    const name = metadata?.['name'];
    if (typeof name !== 'string' || name === '') {
      const generateName = metadata?.['generateName'];
      return typeof generateName === 'string' && generateName !== '' ? [] : [required(path, 'name or generateName is required')];
    }
    const errors = NAME_VALIDATORS[kind]!(name).map((message) => invalid(path, name, message));
    if (kind === 'CronJob' && name.length > CRONJOB_NAME_MAX) errors.push(invalid(path, name, `must be no more than ${CRONJOB_NAME_MAX} characters`));
    return errors;
  },
};

/** ValidateLabels: keys are qualified names, values label values; both reported on `metadata.labels`. */
export function labelErrors(labels: PlainValue | undefined, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (!isObject(labels)) return errors;
  // Keys, not entries: every object and template of a tree has labels.
  for (const key of Object.keys(labels)) {
    const value = labels[key];
    if (typeof value !== 'string') continue;
    for (const message of isQualifiedName(key)) errors.push(placedAt(invalid(path, key, message), path.key(key), 'key'));
    for (const message of isValidLabelValue(value)) errors.push(placedAt(invalid(path, value, message), path.key(key), 'value'));
  }
  return errors;
}

const LABELS_PATH = FieldPath.of('metadata', 'labels');
const ANNOTATIONS_PATH = FieldPath.of('metadata', 'annotations');

export const labelsRule: ObjectRule = {
  id: 'labels',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'Label keys must be qualified names and label values valid label values.',
  check({ object }) {
    return labelErrors(objectAt(object, 'metadata')?.['labels'], LABELS_PATH);
  },
};

/** ValidateAnnotations: keys are (lower-cased) qualified names; keys and values together at most 256 KiB. */
export function annotationErrors(annotations: PlainValue | undefined, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  let totalBytes = 0;
  for (const [key, value] of stringEntries(annotations)) {
    for (const message of isQualifiedName(key.toLowerCase())) errors.push(placedAt(invalid(path, key, message), path.key(key), 'key'));
    totalBytes += Buffer.byteLength(key) + Buffer.byteLength(value);
  }
  if (totalBytes > ANNOTATIONS_MAX_BYTES) errors.push(tooLong(path, ANNOTATIONS_MAX_BYTES));
  return errors;
}

export const annotationsRule: ObjectRule = {
  id: 'annotations',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'Annotation keys must be qualified names, and all annotations together at most 256 KiB.',
  check({ object }) {
    return annotationErrors(objectAt(object, 'metadata')?.['annotations'], ANNOTATIONS_PATH);
  },
};
