/**
 * core/v1 defaulting of pod specs (pkg/apis/core/v1/defaults.go and the generated defaulters that walk a PodSpec):
 * PodSpec, Container, ContainerPort, Probe, HTTPGetAction, Volume and volume sources, ObjectFieldSelector.
 * `defaultPodSpec` is what every PodSpec gets, in a Pod or in a template; `defaultPodOnly` is SetDefaults_Pod,
 * which runs for kind Pod alone so that changing it never rolls out existing workloads.
 */
import { objectAt, objectsAt, type PlainObject } from '../kube/plain-values';
import { defaultPullPolicy } from './image-reference';
import { ensureObject, isUnset, setDefault } from './plain';
import { roundUpResourceList } from './resource-lists';

/** 0644: DefaultMode of secret, configMap, downwardAPI and projected volumes. */
const DEFAULT_FILE_MODE = 0o644;
/** ServiceAccountTokenProjection.expirationSeconds: one hour. */
const DEFAULT_TOKEN_EXPIRATION_SECONDS = 3600;
const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

/** Every field of VolumeSource: a volume that sets none of them becomes an emptyDir. */
const VOLUME_SOURCES = [
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'downwardAPI',
  'fc',
  'azureFile',
  'configMap',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'projected',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
];

export function defaultPodSpec(spec: PlainObject): void {
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'restartPolicy', 'Always');
  ensureObject(spec, 'securityContext');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'schedulerName', 'default-scheduler');
  for (const list of CONTAINER_LISTS) for (const container of objectsAt(spec, list)) defaultContainer(container);
  for (const volume of objectsAt(spec, 'volumes')) defaultVolume(volume);
  roundUpResourceList(objectAt(spec, 'overhead'));
  defaultResources(objectAt(spec, 'resources'));
}

/** Every ResourceList is rounded up to milli precision (SetDefaults_ResourceList). */
export function defaultResources(resources: PlainObject | undefined): void {
  roundUpResourceList(objectAt(resources, 'limits'));
  roundUpResourceList(objectAt(resources, 'requests'));
}

/**
 * SetDefaults_Pod: requests from limits, enableServiceLinks, and with hostNetwork the host port of every port
 * that has none (templates lost that default with the DefaultHostNetworkHostPortsInPodTemplates gate, off).
 */
export function defaultPodOnly(spec: PlainObject): void {
  for (const list of ['containers', 'initContainers'] as const) {
    for (const container of objectsAt(spec, list)) requestsFromLimits(container);
  }
  setDefault(spec, 'enableServiceLinks', true);
  if (spec['hostNetwork'] === true) {
    for (const list of ['containers', 'initContainers'] as const) {
      for (const container of objectsAt(spec, list)) {
        for (const port of objectsAt(container, 'ports')) {
          if (isUnset(port['hostPort']) || port['hostPort'] === 0) port['hostPort'] = port['containerPort'] ?? 0;
        }
      }
    }
  }
}

function requestsFromLimits(container: PlainObject): void {
  const limits = objectAt(objectAt(container, 'resources'), 'limits');
  if (!limits) return;
  const requests = ensureObject(ensureObject(container, 'resources'), 'requests');
  for (const [name, quantity] of Object.entries(limits)) if (!(name in requests)) requests[name] = quantity;
}

function defaultContainer(container: PlainObject): void {
  if (isUnset(container['imagePullPolicy'])) {
    container['imagePullPolicy'] = defaultPullPolicy(typeof container['image'] === 'string' ? container['image'] : '');
  }
  setDefault(container, 'terminationMessagePath', '/dev/termination-log');
  setDefault(container, 'terminationMessagePolicy', 'File');
  for (const port of objectsAt(container, 'ports')) setDefault(port, 'protocol', 'TCP');
  defaultResources(objectAt(container, 'resources'));
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const value = objectAt(container, probe);
    if (value) defaultProbe(value);
  }
  const lifecycle = objectAt(container, 'lifecycle');
  for (const hook of ['postStart', 'preStop']) defaultHandler(objectAt(lifecycle, hook));
  for (const env of objectsAt(container, 'env')) defaultFieldRef(objectAt(objectAt(env, 'valueFrom'), 'fieldRef'));
}

/** SetDefaults_Probe: each threshold only when 0, as the Go fields are plain int32. */
function defaultProbe(probe: PlainObject): void {
  for (const [field, value] of [
    ['timeoutSeconds', 1],
    ['periodSeconds', 10],
    ['successThreshold', 1],
    ['failureThreshold', 3],
  ] as const) {
    if (isUnset(probe[field]) || probe[field] === 0) probe[field] = value;
  }
  defaultHandler(probe);
}

function defaultHandler(handler: PlainObject | undefined): void {
  const httpGet = objectAt(handler, 'httpGet');
  if (!httpGet) return;
  setDefault(httpGet, 'path', '/');
  setDefault(httpGet, 'scheme', 'HTTP');
}

function defaultFieldRef(fieldRef: PlainObject | undefined): void {
  if (fieldRef) setDefault(fieldRef, 'apiVersion', 'v1');
}

function defaultVolume(volume: PlainObject): void {
  if (!VOLUME_SOURCES.some((source) => !isUnset(volume[source]))) volume['emptyDir'] = {};
  for (const source of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const value = objectAt(volume, source);
    if (value) setDefault(value, 'defaultMode', DEFAULT_FILE_MODE);
  }
  for (const item of objectsAt(objectAt(volume, 'downwardAPI'), 'items')) defaultFieldRef(objectAt(item, 'fieldRef'));
  for (const projection of objectsAt(objectAt(volume, 'projected'), 'sources')) {
    for (const item of objectsAt(objectAt(projection, 'downwardAPI'), 'items')) defaultFieldRef(objectAt(item, 'fieldRef'));
    const token = objectAt(projection, 'serviceAccountToken');
    if (token) setDefault(token, 'expirationSeconds', DEFAULT_TOKEN_EXPIRATION_SECONDS);
  }
  const hostPath = objectAt(volume, 'hostPath');
  // HostPathUnset is the empty string: the field becomes present, with no type.
  if (hostPath && hostPath['type'] === undefined) hostPath['type'] = '';
  const iscsi = objectAt(volume, 'iscsi');
  if (iscsi) setDefault(iscsi, 'iscsiInterface', 'default');
  const rbd = objectAt(volume, 'rbd');
  if (rbd) {
    setDefault(rbd, 'pool', 'rbd');
    setDefault(rbd, 'user', 'admin');
    setDefault(rbd, 'keyring', '/etc/ceph/keyring');
  }
  const azureDisk = objectAt(volume, 'azureDisk');
  if (azureDisk) {
    setDefault(azureDisk, 'cachingMode', 'ReadWrite');
    setDefault(azureDisk, 'kind', 'Shared');
    setDefault(azureDisk, 'fsType', 'ext4');
    setDefault(azureDisk, 'readOnly', false);
  }
  const scaleIO = objectAt(volume, 'scaleIO');
  if (scaleIO) {
    setDefault(scaleIO, 'storageMode', 'ThinProvisioned');
    setDefault(scaleIO, 'fsType', 'xfs');
  }
  const image = objectAt(volume, 'image');
  if (image && isUnset(image['pullPolicy'])) image['pullPolicy'] = defaultPullPolicy(typeof image['reference'] === 'string' ? image['reference'] : '');
  const claimSpec = objectAt(objectAt(objectAt(volume, 'ephemeral'), 'volumeClaimTemplate'), 'spec');
  if (claimSpec) {
    setDefault(claimSpec, 'volumeMode', 'Filesystem');
    defaultResources(objectAt(claimSpec, 'resources'));
  }
}

/**
 * The pod template at `field` of a workload spec. Where Go holds the template by value (every workload but the
 * ReplicationController), an absent template is still a zero PodSpec that gets the defaults.
 */
export function defaultPodTemplateAt(spec: PlainObject, field: string): void {
  defaultPodSpec(ensureObject(ensureObject(spec, field), 'spec'));
}
