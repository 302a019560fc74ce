/**
 * What the index keeps of an object on disk for cross-object rules: everything they read, without what makes
 * manifests large and they never read — annotations (last-applied-configuration), status, the values of
 * ConfigMaps and Secrets (only their keys matter, and Secret values are better not held at all) and the
 * descriptions in CustomResourceDefinition schemas, which are most of an install file's bytes — and of containers
 * only what names other objects or ports (not images, commands, probes or resources).
 */
import { detached, emptyPlainObject, isObject, type PlainObject, type PlainValue } from '../kube/plain-values';
import { IGNORE_ANNOTATION } from '../rules/rule-config';

/** Annotations a cross-object rule reads, and the one that suppresses their findings. */
const KEPT_ANNOTATIONS = ['cert-manager.io/issuer', 'cert-manager.io/cluster-issuer', IGNORE_ANNOTATION];

/** The kinds whose content (beyond metadata) some cross-object rule or hover reads. */
const READ_KINDS = new Set([
  'Service',
  'Ingress',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'CustomResourceDefinition',
  'Kustomization',
  'ConfigMap',
  'Secret',
  'Deployment',
  'ReplicaSet',
  'ReplicationController',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'Pod',
  // What NetworkPolicies select and allow, and what RBAC grants: read by cross-object rules and by hover.
  'NetworkPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
]);

export function projectObject(object: PlainObject): PlainObject {
  const projected = plainObject();
  const readKind = typeof object['kind'] === 'string' && READ_KINDS.has(object['kind']);
  // Keys, not entries: every object of a tree is projected, and an entry is an array of its own.
  for (const key of Object.keys(object)) {
    const value = object[key]!;
    // Other kinds are looked up by name only (ServiceAccounts, claims, PriorityClasses), and custom resources are
    // validated only in open documents.
    if (!readKind && key !== 'apiVersion' && key !== 'kind' && key !== 'metadata') continue;
    if (key === 'status') continue;
    if (key === 'metadata' && isObject(value)) projected[key] = projectMetadata(value);
    else if ((key === 'data' || key === 'binaryData' || key === 'stringData') && isObject(value)) projected[key] = keysOnly(value);
    else if (key === 'spec' && object['kind'] === 'CustomResourceDefinition') projected[key] = withoutDescriptions(value);
    else if (key === 'spec') projected[key] = withLeanContainers(value);
    else projected[key] = kept(value);
  }
  return projected;
}

function projectMetadata(metadata: PlainObject): PlainObject {
  const projected = plainObject();
  for (const key of ['name', 'namespace', 'labels']) if (metadata[key] !== undefined) projected[key] = kept(metadata[key]!);
  const annotations = metadata['annotations'];
  if (isObject(annotations)) {
    const keptAnnotations = plainObject();
    for (const key of KEPT_ANNOTATIONS) if (annotations[key] !== undefined) keptAnnotations[key] = kept(annotations[key]!);
    if (Object.keys(keptAnnotations).length > 0) projected['annotations'] = keptAnnotations;
  }
  return projected;
}

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
/** What cross-object rules read of a container. */
const CONTAINER_FIELDS = ['name', 'ports', 'envFrom', 'restartPolicy'];

function withLeanContainers(value: PlainValue): PlainValue {
  if (Array.isArray(value)) return value.map(withLeanContainers);
  if (!isObject(value)) return kept(value);
  const projected = plainObject();
  for (const key of Object.keys(value)) {
    const child = value[key]!;
    projected[key] = CONTAINER_LISTS.has(key) && Array.isArray(child) ? child.map(leanContainer) : withLeanContainers(child);
  }
  return projected;
}

function leanContainer(container: PlainValue): PlainValue {
  if (!isObject(container)) return container;
  const projected = plainObject();
  for (const key of CONTAINER_FIELDS) if (container[key] !== undefined) projected[key] = kept(container[key]!);
  const env = container['env'];
  // Only values taken from other objects matter; literal values can be long, and secret. Entries stay in place, so
  // that field paths keep their indexes.
  if (Array.isArray(env)) projected['env'] = env.map((variable) => (isObject(variable) && variable['valueFrom'] !== undefined ? kept(variable) : LITERAL_VARIABLE));
  return projected;
}

/** What stands for a variable with a literal value: one object for all of them, which nothing changes. */
const LITERAL_VARIABLE: PlainObject = Object.freeze(plainObject());

function keysOnly(data: PlainObject): PlainObject {
  const projected = plainObject();
  for (const key of Object.keys(data)) projected[key] = '';
  return projected;
}

function withoutDescriptions(value: PlainValue): PlainValue {
  if (Array.isArray(value)) return value.map(withoutDescriptions);
  if (!isObject(value)) return kept(value);
  const projected = plainObject();
  for (const [key, child] of Object.entries(value)) if (key !== 'description' || typeof child !== 'string') projected[key] = withoutDescriptions(child);
  return projected;
}

/** A value kept beyond its document's life: mappings and lists copied, every string detached. */
function kept(value: PlainValue): PlainValue {
  if (typeof value === 'string') return detached(value);
  if (Array.isArray(value)) return value.map(kept);
  if (!isObject(value)) return value;
  const copy = plainObject();
  for (const key of Object.keys(value)) copy[key] = kept(value[key]!);
  return copy;
}

/** Without a prototype, as the decoder makes them, so that a `__proto__` key stays plain data. */
function plainObject(): PlainObject {
  return emptyPlainObject();
}
