/**
 * core/v1 defaulting of objects other than pods (pkg/apis/core/v1/defaults.go): Service, Secret, Namespace, Node,
 * ReplicationController, PodTemplate, PersistentVolumeClaim, PersistentVolume, Endpoints, ResourceQuota, LimitRange.
 */
import { isObject, objectAt, objectsAt, type PlainObject } from '../kube/plain-values';
import { defaultPodSpec, defaultPodTemplateAt, defaultResources } from './pod';
import { roundUpResourceList } from './resource-lists';
import { ensureObject, isUnset, setDefault } from './plain';

/** DefaultClientIPServiceAffinitySeconds: three hours. */
const DEFAULT_CLIENT_IP_TIMEOUT_SECONDS = 10800;

export function defaultService(service: PlainObject): void {
  const spec = ensureObject(service, 'spec');
  setDefault(spec, 'sessionAffinity', 'None');
  if (spec['sessionAffinity'] === 'None') delete spec['sessionAffinityConfig'];
  if (spec['sessionAffinity'] === 'ClientIP') {
    const timeout = objectAt(objectAt(spec, 'sessionAffinityConfig'), 'clientIP')?.['timeoutSeconds'];
    if (timeout === undefined || timeout === null) spec['sessionAffinityConfig'] = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_TIMEOUT_SECONDS } };
  }
  setDefault(spec, 'type', 'ClusterIP');
  for (const port of objectsAt(spec, 'ports')) {
    setDefault(port, 'protocol', 'TCP');
    if (isUnset(port['targetPort']) || port['targetPort'] === 0) port['targetPort'] = port['port'] ?? 0;
  }
  const type = spec['type'];
  const externalIPs = spec['externalIPs'];
  const externallyAccessible = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && Array.isArray(externalIPs) && externalIPs.length > 0);
  if (externallyAccessible) setDefault(spec, 'externalTrafficPolicy', 'Cluster');
  if (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP') setDefault(spec, 'internalTrafficPolicy', 'Cluster');
  if (type === 'LoadBalancer') setDefault(spec, 'allocateLoadBalancerNodePorts', true);
}

/**
 * Secret `type` defaults to Opaque. `stringData` is folded into `data` by conversion (stringData wins) before
 * validation and is never stored, so the object the API server validates has only `data`.
 */
export function defaultSecret(secret: PlainObject): void {
  setDefault(secret, 'type', 'Opaque');
  const stringData = objectAt(secret, 'stringData');
  if (!stringData) return;
  const data = ensureObject(secret, 'data');
  for (const [key, value] of Object.entries(stringData)) {
    if (typeof value === 'string') data[key] = Buffer.from(value, 'utf8').toString('base64');
  }
  delete secret['stringData'];
}

/** A nameless namespace (generateName) gets no name label. */
export function defaultNamespace(namespace: PlainObject): void {
  const name = objectAt(namespace, 'metadata')?.['name'];
  if (typeof name === 'string' && name !== '') ensureObject(ensureObject(namespace, 'metadata'), 'labels')['kubernetes.io/metadata.name'] = name;
  setDefault(ensureObject(namespace, 'status'), 'phase', 'Active');
}

export function defaultNode(node: PlainObject): void {
  const status = objectAt(node, 'status');
  roundUpResourceList(objectAt(status, 'capacity'));
  roundUpResourceList(objectAt(status, 'allocatable'));
  if (status && isUnset(status['allocatable']) && isObject(status['capacity'])) status['allocatable'] = structuredClone(status['capacity']);
}

/** The selector and the object's labels come from the template's labels when they are empty. */
export function defaultReplicationController(controller: PlainObject): void {
  const spec = ensureObject(controller, 'spec');
  const template = objectAt(spec, 'template');
  const labels = objectAt(objectAt(template, 'metadata'), 'labels');
  if (labels) {
    const selector = objectAt(spec, 'selector');
    if (!selector || Object.keys(selector).length === 0) spec['selector'] = structuredClone(labels);
    const metadata = ensureObject(controller, 'metadata');
    const ownLabels = objectAt(metadata, 'labels');
    if (!ownLabels || Object.keys(ownLabels).length === 0) metadata['labels'] = structuredClone(labels);
  }
  setDefault(spec, 'replicas', 1);
  // The RC holds its template by pointer: no template, nothing to default.
  if (template) defaultPodTemplateAt(spec, 'template');
}

export function defaultPodTemplate(podTemplate: PlainObject): void {
  defaultPodSpec(ensureObject(ensureObject(podTemplate, 'template'), 'spec'));
}

export function defaultPersistentVolumeClaim(claim: PlainObject): void {
  setDefault(ensureObject(claim, 'spec'), 'volumeMode', 'Filesystem');
  defaultResources(objectAt(objectAt(claim, 'spec'), 'resources'));
  setDefault(ensureObject(claim, 'status'), 'phase', 'Pending');
}

export function defaultPersistentVolume(volume: PlainObject): void {
  const spec = ensureObject(volume, 'spec');
  setDefault(spec, 'persistentVolumeReclaimPolicy', 'Retain');
  setDefault(spec, 'volumeMode', 'Filesystem');
  roundUpResourceList(objectAt(spec, 'capacity'));
  setDefault(ensureObject(volume, 'status'), 'phase', 'Pending');
}

export function defaultEndpoints(endpoints: PlainObject): void {
  for (const subset of objectsAt(endpoints, 'subsets')) for (const port of objectsAt(subset, 'ports')) setDefault(port, 'protocol', 'TCP');
}

/** SetObjectDefaults_ResourceQuota: every resource list rounded up (SetDefaults_ResourceList). */
export function defaultResourceQuota(quota: PlainObject): void {
  roundUpResourceList(objectAt(objectAt(quota, 'spec'), 'hard'));
  const status = objectAt(quota, 'status');
  roundUpResourceList(objectAt(status, 'hard'));
  roundUpResourceList(objectAt(status, 'used'));
}

const LIMIT_RANGE_LISTS = ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'];

/**
 * SetObjectDefaults_LimitRange: SetDefaults_LimitRangeItem (a Container item's default limit from max, its default
 * request from the default limit, else from min), then every resource list rounded up.
 */
export function defaultLimitRange(limitRange: PlainObject): void {
  for (const item of objectsAt(objectAt(limitRange, 'spec'), 'limits')) {
    if (item['type'] === 'Container') {
      const defaults = ensureObject(item, 'default');
      const defaultRequests = ensureObject(item, 'defaultRequest');
      for (const [name, value] of Object.entries(objectAt(item, 'max') ?? {})) if (!(name in defaults)) defaults[name] = value;
      for (const [name, value] of Object.entries(defaults)) if (!(name in defaultRequests)) defaultRequests[name] = value;
      for (const [name, value] of Object.entries(objectAt(item, 'min') ?? {})) if (!(name in defaultRequests)) defaultRequests[name] = value;
    }
    for (const list of LIMIT_RANGE_LISTS) roundUpResourceList(objectAt(item, list));
  }
}
