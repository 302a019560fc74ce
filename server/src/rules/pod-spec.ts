/**
 * The pod spec family: what ValidatePodSpec (pkg/apis/core/validation/validation.go) checks in a Pod and in every
 * pod template, on the object after defaulting, with each template's own path prefix.
 */
import { textOf, isObject, listAt, objectAt, objectsAt, type PlainObject, type PlainValue } from '../kube/plain-values';
import { formatQuantity, quantityOf } from '../kube/quantity';
import { aggregateContainerResources, readResourceList } from '../kube/resource-lists';
import { isConfigMapKey, isDns1123Label, isDns1123Subdomain, isQualifiedName, isValidLabelValue, isValidPortName, isValidPortNumber } from './apimachinery-validation';
import { duplicate, FieldPath, forbidden, invalid, notFound, notSupported, placedAt, required, type FieldError } from '../kube/field-errors';
import { goPointer, goScalar, goString, goStruct, type GoValue } from '../kube/go-values';
import type { KubernetesVersion } from '../schema/versions';
import { POD_TEMPLATE_KINDS, podSpecPath } from '../kube/pod-templates';
import type { ObjectRule } from './rule';
import { ENV_FIELD_PATHS, objectFieldSelectorErrors, resourceFieldSelectorErrors } from './downward-api';
import { containerResourceNameErrors, HUGEPAGES_PREFIX, isHugePages, isOvercommitAllowed, resourceNameErrors as resourceNameErrorsOf, resourceQuantityValueErrors } from './resource-names';

export interface PodSpecAt {
  spec: PlainObject;
  path: FieldPath;
  /** A Pod's own spec, as opposed to a template: some checks differ (ResourceIsPod). */
  isPod: boolean;
}

/**
 * The kinds whose pod spec the API server validates. Not StatefulSet: ValidatePodTemplateSpecForStatefulSet
 * leaves the pod spec unvalidated (its mounts may name volumeClaimTemplates), so only the Pods made from it fail.
 */
const POD_SPEC_KINDS = POD_TEMPLATE_KINDS.filter((kind) => kind !== 'StatefulSet');

/**
 * Every pod-spec rule asks for the same object's spec, one rule after another: the spec is found once and kept
 * until another object is asked about (the object is never changed). A WeakMap would keep every object's answer,
 * and its entries slow the collector down.
 */
let lastPodSpecs: { object: PlainObject; specs: readonly PodSpecAt[] } | undefined;

export function podSpecsOf(kind: string, object: PlainObject): readonly PodSpecAt[] {
  if (lastPodSpecs?.object !== object) lastPodSpecs = { object, specs: findPodSpecs(kind, object) };
  return lastPodSpecs.specs;
}

function findPodSpecs(kind: string, object: PlainObject): PodSpecAt[] {
  const fields = POD_SPEC_KINDS.includes(kind) ? podSpecPath(kind) : undefined;
  if (!fields) return [];
  let value: PlainObject | undefined = object;
  for (const field of fields) value = objectAt(value, field);
  return value ? [{ spec: value, path: FieldPath.of(...fields), isPod: kind === 'Pod' }] : [];
}

export type ContainerList = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface ContainerAt {
  container: PlainObject;
  path: FieldPath;
  list: ContainerList;
}

const ALL_CONTAINER_LISTS: readonly ContainerList[] = ['containers', 'initContainers', 'ephemeralContainers'];

/**
 * The containers of the lists of a spec at one path, as most pod-spec rules ask for them: found once per spec, list by
 * list, and kept until another spec is asked about (as podSpecsOf). The spec path is part of the key, since a spec
 * found through another path would give its containers other paths.
 */
interface KnownContainers {
  spec: PlainObject;
  specPath: FieldPath;
  all: readonly ContainerAt[];
  byList: Readonly<Record<ContainerList, readonly ContainerAt[]>>;
}
let lastContainers: KnownContainers | undefined;

export function containersOf(spec: PlainObject, specPath: FieldPath, lists: readonly ContainerList[] = ALL_CONTAINER_LISTS): readonly ContainerAt[] {
  let known = lastContainers;
  if (known?.spec !== spec || known.specPath !== specPath) {
    const byList = {
      containers: listedContainers(spec, specPath, 'containers'),
      initContainers: listedContainers(spec, specPath, 'initContainers'),
      ephemeralContainers: listedContainers(spec, specPath, 'ephemeralContainers'),
    };
    known = { spec, specPath, byList, all: ALL_CONTAINER_LISTS.flatMap((list) => byList[list]) };
    lastContainers = known;
  }
  if (lists === ALL_CONTAINER_LISTS) return known.all;
  const { byList } = known;
  return lists.length === 1 ? byList[lists[0]!] : lists.flatMap((list) => byList[list]);
}

function listedContainers(spec: PlainObject, specPath: FieldPath, list: ContainerList): ContainerAt[] {
  return objectsAt(spec, list).map((container, i) => ({ container, path: specPath.child(list).index(i), list }));
}

function int(value: PlainValue | undefined): number {
  return typeof value === 'number' ? value : 0;
}

function nonNegative(path: FieldPath, value: PlainValue | undefined): FieldError[] {
  return typeof value === 'number' && value < 0 ? [invalid(path, value, 'must be greater than or equal to 0')] : [];
}

/** A rule that looks at each pod spec of the defaulted object. */
export function podSpecRule(id: string, description: string, check: (podSpec: PodSpecAt, version: KubernetesVersion) => FieldError[]): ObjectRule {
  return {
    id,
    family: 'api-validation',
    defaultSeverity: 'error',
    description,
    kinds: POD_SPEC_KINDS,
    check: ({ kind, defaulted, kubernetesVersion }) => {
      const specs = podSpecsOf(kind, defaulted);
      // One spec (or none) is every kind's: no list of lists to flatten.
      if (specs.length === 1) return check(specs[0]!, kubernetesVersion);
      return specs.flatMap((podSpec) => check(podSpec, kubernetesVersion));
    },
  };
}

/** validateContainers, validateInitContainers, validateEphemeralContainers: names, and unique across all three. */
export const containerNamesRule = podSpecRule(
  'container-names',
  'Container names are required DNS-1123 labels, unique across containers, init containers and ephemeral containers.',
  ({ spec, path }) => {
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    for (const { container, path: at } of containersOf(spec, path)) {
      const name = textOf(container['name']);
      const namePath = at.child('name');
      if (name === '') errors.push(required(namePath));
      else for (const message of isDns1123Label(name)) errors.push(invalid(namePath, name, message));
      if (seen.has(name)) errors.push(duplicate(namePath, name));
      seen.add(name);
    }
    return errors;
  },
);

export const containerImageRule = podSpecRule('container-image', 'Every container needs an image.', ({ spec, path }) =>
  containersOf(spec, path)
    .filter(({ container }) => textOf(container['image']) === '')
    .map(({ path: at }) => required(at.child('image'))),
);

/** validateContainerPorts */
export const containerPortsRule = podSpecRule(
  'container-ports',
  'Container ports: containerPort 1–65535, hostPort in range, names IANA service names unique within the container.',
  ({ spec, path }) => {
    const errors: FieldError[] = [];
    for (const { container, path: at } of containersOf(spec, path)) {
      const names = new Set<string>();
      objectsAt(container, 'ports').forEach((port, i) => {
        const portPath = at.child('ports').index(i);
        const name = textOf(port['name']);
        if (name !== '') {
          const messages = isValidPortName(name);
          for (const message of messages) errors.push(invalid(portPath.child('name'), name, message));
          if (messages.length === 0 && names.has(name)) errors.push(duplicate(portPath.child('name'), name));
          names.add(name);
        }
        const containerPort = int(port['containerPort']);
        if (containerPort === 0) errors.push(required(portPath.child('containerPort')));
        else for (const message of isValidPortNumber(containerPort)) errors.push(invalid(portPath.child('containerPort'), containerPort, message));
        const hostPort = int(port['hostPort']);
        if (hostPort !== 0) for (const message of isValidPortNumber(hostPort)) errors.push(invalid(portPath.child('hostPort'), hostPort, message));
      });
    }
    return errors;
  },
);

/** AccumulateUniqueHostPorts over the regular containers, and validatePodHostNetworkDeps. */
export const hostPortsRule = podSpecRule(
  'host-ports',
  'Host ports must be unique per protocol and host IP across the containers, and equal the container port with hostNetwork.',
  ({ spec, path, isPod }) => {
    const errors: FieldError[] = [];
    const used = new Set<string>();
    const hostNetwork = spec['hostNetwork'] === true;
    for (const { container, path: at } of containersOf(spec, path, ['containers'])) {
      objectsAt(container, 'ports').forEach((port, i) => {
        const hostPortPath = at.child('ports').index(i).child('hostPort');
        const hostPort = int(port['hostPort']);
        if (hostPort !== 0) {
          const key = `${textOf(port['protocol'])}/${textOf(port['hostIP'])}/${hostPort}`;
          if (used.has(key)) errors.push(duplicate(hostPortPath, key));
          used.add(key);
        }
        // A template may leave hostPort unset: the Pod made from it gets hostPort = containerPort by defaulting.
        if (hostNetwork && (isPod || hostPort !== 0) && hostPort !== int(port['containerPort'])) {
          errors.push(invalid(hostPortPath, hostPort, 'must match `containerPort` when `hostNetwork` is true'));
        }
      });
    }
    return errors;
  },
);

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
/** The handlers validateHandler counts, in its order: probes take grpc, lifecycle hooks take sleep. */
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const HOOK_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];
const THRESHOLDS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const;

/** ValidatePortNumOrName: a number in range or an IANA service name. */
function portNumOrNameErrors(port: PlainValue | undefined, path: FieldPath): FieldError[] {
  if (typeof port === 'number') return isValidPortNumber(port).map((message) => invalid(path, port, message));
  if (typeof port === 'string') return isValidPortName(port).map((message) => invalid(path, port, message));
  return [];
}

/** validateHandler: exactly one handler, each well formed. */
function handlerErrors(probe: PlainObject, path: FieldPath, kinds: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  let handlers = 0;
  for (const handler of kinds) {
    const value = objectAt(probe, handler);
    if (!value) continue;
    const handlerPath = path.child(handler);
    if (handlers > 0) {
      errors.push(forbidden(handlerPath, 'may not specify more than 1 handler type'));
      continue;
    }
    handlers++;
    if (handler === 'exec' && !(Array.isArray(value['command']) && value['command'].length > 0)) errors.push(required(handlerPath.child('command')));
    if (handler === 'httpGet' || handler === 'tcpSocket') errors.push(...portNumOrNameErrors(value['port'], handlerPath.child('port')));
    if (handler === 'grpc') errors.push(...isValidPortNumber(int(value['port'])).map((message) => invalid(handlerPath.child('port'), int(value['port']), message)));
  }
  if (handlers === 0) errors.push(required(path, 'must specify a handler type'));
  return errors;
}

function probeErrors(name: (typeof PROBES)[number], probe: PlainObject, path: FieldPath): FieldError[] {
  const errors = handlerErrors(probe, path, PROBE_HANDLERS);
  for (const threshold of THRESHOLDS) errors.push(...nonNegative(path.child(threshold), probe[threshold]));
  const gracePeriod = probe['terminationGracePeriodSeconds'];
  if (typeof gracePeriod === 'number' && gracePeriod <= 0) errors.push(invalid(path.child('terminationGracePeriodSeconds'), gracePeriod, 'must be greater than 0'));
  if (name !== 'readinessProbe' && probe['successThreshold'] !== 1) errors.push(invalid(path.child('successThreshold'), probe['successThreshold'] ?? 0, 'must be 1'));
  if (name === 'readinessProbe' && typeof gracePeriod === 'number') errors.push(invalid(path.child('terminationGracePeriodSeconds'), gracePeriod, 'must not be set for readinessProbes'));
  return errors;
}

/** validateContainers' lifecycle hooks and probes; init containers that are not sidecars (restartPolicy Always) may have none. */
export const probesRule = podSpecRule(
  'probes',
  'Probes and lifecycle hooks need exactly one handler; probe thresholds are non-negative; liveness and startup succeed after one success; plain init containers have no probes or lifecycle.',
  ({ spec, path }) => {
    const errors: FieldError[] = [];
    for (const { container, path: at, list } of containersOf(spec, path, ['containers', 'initContainers'])) {
      if (list === 'initContainers' && container['restartPolicy'] !== 'Always') {
        for (const field of ['lifecycle', ...PROBES]) {
          if (isObject(container[field])) errors.push(forbidden(at.child(field), 'may not be set for init containers without restartPolicy=Always'));
        }
        continue;
      }
      const lifecycle = objectAt(container, 'lifecycle');
      for (const hook of ['postStart', 'preStop']) {
        const handler = objectAt(lifecycle, hook);
        if (handler) errors.push(...handlerErrors(handler, at.child('lifecycle', hook), HOOK_HANDLERS));
      }
      for (const name of PROBES) {
        const probe = objectAt(container, name);
        if (probe) errors.push(...probeErrors(name, probe, at.child(name)));
      }
    }
    return errors;
  },
);

/** What a resource list entry may be called: validateContainerResourceName, or validatePodResourceName for `level: 'pod'`. */
export function resourceNameErrors(name: string, path: FieldPath, level: 'container' | 'pod'): FieldError[] {
  if (level === 'container') return containerResourceNameErrors(name, path);
  // validatePodResourceName: validateResourceName, then only cpu, memory and huge pages.
  const errors = resourceNameErrorsOf(name, path);
  if (errors.length > 0) return errors;
  return name === 'cpu' || name === 'memory' || isHugePages(name) ? [] : [notSupported(path, name, ['cpu', HUGEPAGES_PREFIX, 'memory'])];
}

function resourceMap(resources: PlainObject | undefined, field: string): [string, PlainValue][] {
  return Object.entries(objectAt(resources, field) ?? {});
}

/** ValidateResourceRequirements, for one container or (PodLevelResources) for the whole pod. */
export function resourceErrors(resources: PlainObject, path: FieldPath, level: 'container' | 'pod' = 'container'): FieldError[] {
  const errors: FieldError[] = [];
  const limitsPath = path.child('limits');
  const requestsPath = path.child('requests');
  const limits = new Map(resourceMap(resources, 'limits'));
  const hasCpuOrMemory = (entries: [string, PlainValue][]) => entries.some(([name]) => name === 'cpu' || name === 'memory');
  const hasHugePages = (entries: [string, PlainValue][]) => entries.some(([name]) => isHugePages(name));
  for (const [name, value] of limits) {
    errors.push(...resourceNameErrors(name, limitsPath.key(name), level));
    const quantity = quantityOf(value);
    if (quantity) errors.push(...resourceQuantityValueErrors(name, quantity, limitsPath.key(name)));
  }
  const requests = resourceMap(resources, 'requests');
  for (const [name, value] of requests) {
    errors.push(...resourceNameErrors(name, requestsPath.key(name), level));
    const quantity = quantityOf(value);
    if (!quantity) continue;
    errors.push(...resourceQuantityValueErrors(name, quantity, requestsPath.key(name)));
    const limit = limits.has(name) ? quantityOf(limits.get(name)) : undefined;
    // Both errors name the requests map, not the entry: that is where apimachinery reports them.
    if (limit) {
      if (quantity.nanos !== limit.nanos && !isOvercommitAllowed(name)) {
        errors.push(placedOnEntry(invalid(requestsPath, formatQuantity(quantity), `must be equal to ${name} limit of ${formatQuantity(limit)}`), requestsPath.key(name)));
      } else if (quantity.nanos > limit.nanos) {
        errors.push(placedOnEntry(invalid(requestsPath, formatQuantity(quantity), `must be less than or equal to ${name} limit of ${formatQuantity(limit)}`), requestsPath.key(name)));
      }
    } else if (!limits.has(name) && !isOvercommitAllowed(name)) {
      errors.push(placedOnEntry(required(limitsPath, 'Limit must be set for non overcommitable resources'), requestsPath.key(name), 'key'));
    }
  }
  const limitEntries = [...limits];
  if (hasHugePages(limitEntries) && !hasCpuOrMemory(limitEntries)) errors.push(forbidden(limitsPath, 'HugePages require cpu or memory'));
  if (hasHugePages(requests) && !hasCpuOrMemory(requests)) errors.push(forbidden(requestsPath, 'HugePages require cpu or memory'));
  return errors;
}

function placedOnEntry(error: FieldError, entry: FieldPath, target: 'key' | 'value' = 'value'): FieldError {
  return { ...error, placeAt: { path: [...entry.segments], target } };
}

/** validatePodResources and validatePodResourceConsistency: the pod-level budget must cover what its containers ask for. */
function podLevelResourceErrors(spec: PlainObject, path: FieldPath): FieldError[] {
  const resources = objectAt(spec, 'resources');
  if (!resources) return [];
  const at = path.child('resources');
  if (objectAt(spec, 'os')?.['name'] === 'windows') return [forbidden(at, 'may not be set for a windows pod')];
  const errors = resourceErrors(resources, at, 'pod');
  const podRequests = readResourceList(objectAt(resources, 'requests'));
  const podLimits = readResourceList(objectAt(resources, 'limits'));
  for (const [name, aggregate] of [...aggregateContainerResources(spec, 'requests')].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const requested = podRequests.get(name);
    if (requested && aggregate.nanos > requested.nanos) {
      errors.push(invalid(at.child('requests').key(name), formatQuantity(requested), `must be greater than or equal to aggregate container requests of ${formatQuantity(aggregate)}`));
    }
  }
  listAt(spec, 'containers').forEach((container, i) => {
    if (!isObject(container)) return;
    for (const [name, limit] of readResourceList(objectAt(container, 'resources', 'limits'))) {
      const podLimit = podLimits.get(name);
      // The API server names this path from the pod's resources, not the container's.
      const reported = at.child('containers').index(i).key(name).child('limits');
      if (podLimit && limit.nanos > podLimit.nanos) {
        errors.push(
          placedOnEntry(
            invalid(reported, formatQuantity(limit), `must be less than or equal to pod limits of ${formatQuantity(podLimit)}`),
            path.child('containers').index(i).child('resources', 'limits').key(name),
          ),
        );
      }
    }
  });
  return errors;
}

/** Pod-level resources (PodLevelResources) are on by default from 1.34; before, the API server drops the field. */
const POD_LEVEL_RESOURCE_VERSIONS: ReadonlySet<KubernetesVersion> = new Set(['1.34', '1.36']);

export const resourcesRule = podSpecRule(
  'resources',
  'Container and pod-level resources: standard names, quantities not negative, requests not above limits, extended resources and huge pages requested exactly at their limit, a pod-level budget that covers its containers.',
  ({ spec, path }, version) => [
    ...containersOf(spec, path, ['containers', 'initContainers']).flatMap(({ container, path: at }) => {
      const resources = objectAt(container, 'resources');
      return resources ? resourceErrors(resources, at.child('resources')) : [];
    }),
    ...(POD_LEVEL_RESOURCE_VERSIONS.has(version) ? podLevelResourceErrors(spec, path) : []),
  ],
);

const ENV_VAR_NAME = '[-._a-zA-Z][-._a-zA-Z0-9]*';
const ENV_VAR_NAME_ERROR = `a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '${ENV_VAR_NAME}')`;
const RELAXED_ENV_VAR_NAME_ERROR = "a valid environment variable name must consist only of printable ASCII characters other than '='";
/** fileKeyRef (EnvFiles, 1.34+) counts as a source, though the API server's message does not name it. */
const VALUE_FROM_SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef'];

/** IsEnvVarName: the classic pattern, and not `.`, `..` or `..`-prefixed. */
function strictEnvVarNameErrors(name: string): string[] {
  const errors = new RegExp(`^${ENV_VAR_NAME}$`).test(name) ? [] : [ENV_VAR_NAME_ERROR];
  if (name === '.') errors.push("must not be '.'");
  else if (name === '..') errors.push("must not be '..'");
  else if (name.startsWith('..')) errors.push("must not start with '..'");
  return errors;
}

/** IsRelaxedEnvVarName: printable ASCII but `=`. */
function relaxedEnvVarNameErrors(name: string): string[] {
  return /^[\x20-\x7e]*$/.test(name) && !name.includes('=') ? [] : [RELAXED_ENV_VAR_NAME_ERROR];
}

/**
 * RelaxedEnvironmentVariableValidation: alpha (off) in 1.30, beta and on from 1.32, GA in 1.34. Older clusters
 * hold names to the C-identifier-like pattern.
 */
function envVarNameErrors(name: string, version: KubernetesVersion): string[] {
  return version === '1.30' ? strictEnvVarNameErrors(name) : relaxedEnvVarNameErrors(name);
}

/** ValidateEnv and validateEnvVarValueFrom, with its fieldRef and resourceFieldRef selectors (downward-api.ts). */
/**
 * validateConfigMapKeySelector and validateSecretKeySelector: the name a DNS subdomain (an empty one too, the error
 * Helm charts with an unset value meet), the key required and a valid ConfigMap key.
 */
function keySelectorErrors(selector: PlainObject, path: FieldPath): FieldError[] {
  const name = textOf(selector['name']);
  const errors = isDns1123Subdomain(name).map((message) => invalid(path.child('name'), name, message));
  const key = textOf(selector['key']);
  if (key === '') errors.push(required(path.child('key')));
  else for (const message of isConfigMapKey(key)) errors.push(invalid(path.child('key'), key, message));
  return errors;
}

export const envVarsRule = podSpecRule(
  'env-vars',
  'Environment variables: valid names for the Kubernetes version, and valueFrom with exactly one source and no value, its configMapKeyRef and secretKeyRef naming an object and a valid key, its fieldRef naming a field the downward API exposes and its resourceFieldRef a container resource with a supported divisor.',
  ({ spec, path }, version) => {
    const errors: FieldError[] = [];
    for (const { container, path: at } of containersOf(spec, path)) {
      objectsAt(container, 'env').forEach((env, i) => {
        const envPath = at.child('env').index(i);
        const name = textOf(env['name']);
        if (name === '') errors.push(required(envPath.child('name')));
        else for (const message of envVarNameErrors(name, version)) errors.push(invalid(envPath.child('name'), name, message));
        const valueFrom = objectAt(env, 'valueFrom');
        if (!valueFrom) return;
        const fromPath = envPath.child('valueFrom');
        const fieldRef = objectAt(valueFrom, 'fieldRef');
        if (fieldRef) errors.push(...objectFieldSelectorErrors(fieldRef, ENV_FIELD_PATHS, fromPath.child('fieldRef')));
        const resourceFieldRef = objectAt(valueFrom, 'resourceFieldRef');
        if (resourceFieldRef) errors.push(...resourceFieldSelectorErrors(resourceFieldRef, fromPath.child('resourceFieldRef'), false));
        for (const source of ['configMapKeyRef', 'secretKeyRef']) {
          const selector = objectAt(valueFrom, source);
          if (selector) errors.push(...keySelectorErrors(selector, fromPath.child(source)));
        }
        const sources = VALUE_FROM_SOURCES.filter((source) => isObject(valueFrom[source])).length;
        if (sources === 0) errors.push(invalid(fromPath, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
        else if (textOf(env['value']) !== '') errors.push(placedOnEntry(invalid(fromPath, '', 'may not be specified when `value` is not empty'), fromPath, 'key'));
        else if (sources > 1) errors.push(invalid(fromPath, '', 'may not have more than one field specified at a time'));
      });
    }
    return errors;
  },
);

/** validateLocalDescendingPath: relative, and no `..` element. */
function localDescendingPathErrors(target: string, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (target.startsWith('/')) errors.push(invalid(path, target, 'must be a relative path'));
  if (hasBacksteps(target)) errors.push(invalid(path, target, "must not contain '..'"));
  return errors;
}

/** validatePathNoBacksteps */
function hasBacksteps(target: string): boolean {
  return target.split('/').includes('..');
}

/** RecursiveReadOnlyMounts: alpha (off, the field dropped) in 1.30, beta and on from 1.31. */
const RECURSIVE_READ_ONLY_VERSIONS: ReadonlySet<KubernetesVersion> = new Set(['1.32', '1.33', '1.34', '1.36']);
const RECURSIVE_READ_ONLY_VALUES = ['Disabled', 'Enabled', 'IfPossible'];

/**
 * ValidateVolumeMounts for one mount, after its name and mount path: overlap with the container's volume devices,
 * subPath and subPathExpr, mount propagation and recursive read-only. The API server names these paths on the
 * container's volumeMounts list, without the mount's index; each finding is placed on the field it is about.
 */
function mountErrors(mount: PlainObject, at: FieldPath, list: FieldPath, devices: Map<string, string>, privileged: boolean, version: KubernetesVersion): FieldError[] {
  const errors: FieldError[] = [];
  const name = textOf(mount['name']);
  const target = textOf(mount['mountPath']);
  if (devices.has(name)) errors.push(invalid(at.child('name'), name, 'must not already exist in volumeDevices'));
  if ([...devices.values()].includes(target)) errors.push(invalid(at.child('mountPath'), target, 'must not already exist as a path in volumeDevices'));
  const subPath = textOf(mount['subPath']);
  const subPathExpr = textOf(mount['subPathExpr']);
  if (subPath !== '') errors.push(...localDescendingPathErrors(subPath, list.child('subPath')).map((error) => placedAt(error, at.child('subPath'), 'value')));
  if (subPathExpr !== '') {
    if (subPath !== '') errors.push(invalid(at.child('subPathExpr'), subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
    errors.push(...localDescendingPathErrors(subPathExpr, list.child('subPathExpr')).map((error) => placedAt(error, at.child('subPathExpr'), 'value')));
  }
  const propagation = mount['mountPropagation'];
  if (propagation === 'Bidirectional' && !privileged) {
    errors.push(placedAt(forbidden(list.child('mountPropagation'), 'Bidirectional mount propagation is available only to privileged containers'), at.child('mountPropagation'), 'value'));
  }
  const recursive = mount['recursiveReadOnly'];
  if (typeof recursive === 'string' && RECURSIVE_READ_ONLY_VERSIONS.has(version)) {
    const recursivePath = list.child('recursiveReadOnly');
    const place = at.child('recursiveReadOnly');
    if (recursive === 'Enabled' || recursive === 'IfPossible') {
      if (mount['readOnly'] !== true) errors.push(placedAt(forbidden(recursivePath, 'may only be specified when readOnly is true'), place, 'value'));
      if (typeof propagation === 'string' && propagation !== 'None') {
        errors.push(placedAt(forbidden(recursivePath, 'may only be specified when mountPropagation is None or not specified'), place, 'value'));
      }
    } else if (recursive !== 'Disabled') {
      errors.push(placedAt(notSupported(recursivePath, recursive, RECURSIVE_READ_ONLY_VALUES), place, 'value'));
    }
  }
  return errors;
}

/** ValidateVolumeDevices: block devices of PVC-backed volumes, at unique paths that no mount of the container uses. */
function deviceErrors(container: PlainObject, at: FieldPath, volumeSources: Map<string, PlainObject>, mounts: Map<string, string>): FieldError[] {
  const errors: FieldError[] = [];
  const paths = new Set<string>();
  const names = new Set<string>();
  objectsAt(container, 'volumeDevices').forEach((device, i) => {
    const devicePath = at.child('volumeDevices').index(i);
    const name = textOf(device['name']);
    const target = textOf(device['devicePath']);
    const volume = volumeSources.get(name);
    if (name === '') errors.push(required(devicePath.child('name')));
    if (names.has(name)) errors.push(invalid(devicePath.child('name'), name, 'must be unique'));
    if (volume && !isObject(volume['persistentVolumeClaim']) && !isObject(volume['ephemeral'])) {
      errors.push(invalid(devicePath.child('name'), name, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode'));
    }
    if (!volume) errors.push(notFound(devicePath.child('name'), name));
    if (target === '') errors.push(required(devicePath.child('devicePath')));
    if (paths.has(target)) errors.push(invalid(devicePath.child('devicePath'), target, 'must be unique'));
    if (target !== '' && hasBacksteps(target)) errors.push(invalid(devicePath.child('devicePath'), target, "can not contain backsteps ('..')"));
    else paths.add(target);
    if (mounts.has(name)) errors.push(invalid(devicePath.child('name'), name, 'must not already exist in volumeMounts'));
    if ([...mounts.values()].includes(target)) errors.push(invalid(devicePath.child('devicePath'), target, 'must not already exist as a path in volumeMounts'));
    if (name !== '') names.add(name);
  });
  return errors;
}

/** ValidateVolumes' names, and ValidateVolumeMounts and ValidateVolumeDevices against them. */
export const volumeMountsRule = podSpecRule(
  'volume-mounts',
  'Volume names are unique DNS-1123 labels; each volume mount names a declared volume at a unique mount path, with a relative subPath, Bidirectional propagation only when privileged and recursiveReadOnly only on read-only mounts; volume devices name a PVC-backed volume at a unique path no mount uses.',
  ({ spec, path }, version) => {
    const errors: FieldError[] = [];
    const volumes = new Map<string, PlainObject>();
    objectsAt(spec, 'volumes').forEach((volume, i) => {
      const namePath = path.child('volumes').index(i).child('name');
      const name = textOf(volume['name']);
      if (name === '') errors.push(required(namePath));
      else for (const message of isDns1123Label(name)) errors.push(invalid(namePath, name, message));
      if (volumes.has(name)) errors.push(duplicate(namePath, name));
      else volumes.set(name, volume);
    });
    for (const { container, path: at } of containersOf(spec, path)) {
      const mountPaths = new Set<string>();
      const mounts = new Map<string, string>();
      const devices = new Map<string, string>();
      for (const mount of objectsAt(container, 'volumeMounts')) mounts.set(textOf(mount['name']), textOf(mount['mountPath']));
      for (const device of objectsAt(container, 'volumeDevices')) devices.set(textOf(device['name']), textOf(device['devicePath']));
      const privileged = objectAt(container, 'securityContext')?.['privileged'] === true;
      const list = at.child('volumeMounts');
      objectsAt(container, 'volumeMounts').forEach((mount, i) => {
        const mountPath = list.index(i);
        const name = textOf(mount['name']);
        if (name === '') errors.push(required(mountPath.child('name')));
        if (!volumes.has(name)) errors.push(notFound(mountPath.child('name'), name));
        const target = textOf(mount['mountPath']);
        if (target === '') errors.push(required(mountPath.child('mountPath')));
        if (mountPaths.has(target)) errors.push(invalid(mountPath.child('mountPath'), target, 'must be unique'));
        mountPaths.add(target);
        errors.push(...mountErrors(mount, mountPath, list, devices, privileged, version));
      });
      errors.push(...deviceErrors(container, at, volumes, mounts));
    }
    return errors;
  },
);

/** The core.Toleration that the Exists-with-value error prints. */
export function tolerationValue(toleration: PlainObject): GoValue {
  const seconds = toleration['tolerationSeconds'];
  return goStruct('core.Toleration', [
    ['Key', goString(textOf(toleration['key']))],
    ['Operator', goString(textOf(toleration['operator']))],
    ['Value', goString(textOf(toleration['value']))],
    ['Effect', goString(textOf(toleration['effect']))],
    ['TolerationSeconds', goPointer('*int64', typeof seconds === 'number' ? goScalar(seconds) : undefined)],
  ]);
}

/** ValidateTolerations over a list of tolerations at `path` (a pod spec's, a RuntimeClass's scheduling). */
export function tolerationErrors(tolerations: readonly PlainObject[], path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  tolerations.forEach((toleration, i) => {
    const at = path.index(i);
    const key = textOf(toleration['key']);
    const operator = textOf(toleration['operator']);
    const value = textOf(toleration['value']);
    const effect = textOf(toleration['effect']);
    if (key !== '') for (const message of isQualifiedName(key)) errors.push(invalid(at.child('key'), key, message));
    if (key === '' && operator !== 'Exists') {
      errors.push(invalid(at.child('operator'), operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (toleration['tolerationSeconds'] !== undefined && toleration['tolerationSeconds'] !== null && effect !== 'NoExecute') {
      errors.push(invalid(at.child('effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (operator === 'Equal' || operator === '') {
      const messages = isValidLabelValue(value);
      if (messages.length > 0) errors.push(placedOnEntry(invalid(at.child('operator'), value, messages.join(';')), at.child('value')));
    } else if (operator === 'Exists' && value !== '') {
      errors.push(placedOnEntry(invalid(at.child('operator'), tolerationValue(toleration), "value must be empty when `operator` is 'Exists'"), at.child('value'), 'key'));
    }
  });
  return errors;
}

/** ValidateTolerations */
export const tolerationsRule = podSpecRule(
  'tolerations',
  'Tolerations: an empty key needs operator Exists, Exists takes no value, tolerationSeconds only with effect NoExecute.',
  ({ spec, path }) => tolerationErrors(objectsAt(spec, 'tolerations'), path.child('tolerations')),
);

export const POD_SPEC_RULES: readonly ObjectRule[] = [
  containerNamesRule,
  containerImageRule,
  containerPortsRule,
  hostPortsRule,
  probesRule,
  resourcesRule,
  envVarsRule,
  volumeMountsRule,
  tolerationsRule,
];
