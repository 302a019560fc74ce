/**
 * The API server's warnings: what it accepts but answers with `Warning: …` lines (kubectl prints them) on a
 * successful create. Each rule reproduces one group of the warnings the registry strategies' WarningsOnCreate
 * return — deprecation.WarningMessage for a deprecated API version, pkg/api/pod/warnings.go
 * (warningsForPodSpecAndMeta) for Pods and every pod template, pkg/api/persistentvolumeclaim and pkg/api/service —
 * with the server's text and field path, on the object after defaulting.
 */
import { textOf, isObject, listAt, objectAt, type PlainObject, type PlainValue } from '../kube/plain-values';
import { FieldPath, pathWarning, placedAt, unpathedWarning, type FieldError } from '../kube/field-errors';
import { formatQuantity, quantityOf } from '../kube/quantity';
import { POD_TEMPLATE_KINDS, podTemplatePath } from '../kube/pod-templates';
import { DEPRECATED_API_KINDS, deprecationWarning } from '../schema/api-versions';
import type { KubernetesVersion } from '../schema/versions';
import { isDns1123Label } from './apimachinery-validation';
import { objectNameRule } from './names-and-labels';
import type { ObjectRule, RuleContext } from './rule';

function apiWarningRule(id: string, description: string, kinds: readonly string[], check: (context: RuleContext) => FieldError[]): ObjectRule {
  return { id, family: 'api-warnings', defaultSeverity: 'warning', description, kinds, check };
}

/** A Pod or pod template: its metadata and spec, and the path prefix warnings carry (none for a Pod). */
interface Template {
  meta: PlainObject | undefined;
  spec: PlainObject;
  /** `spec.template`, `spec.jobTemplate.spec.template`, `template`, or empty for a Pod. */
  at: FieldPath;
  isPod: boolean;
  /** Found on first use (containersOf). */
  containers?: readonly ContainerAt[];
}

/** The object asked about last and its template: every rule of this file asks for the same object in turn. */
let lastTemplate: { object: PlainObject; template: Template | undefined } | undefined;

function templateOf({ kind, defaulted }: RuleContext): Template | undefined {
  if (lastTemplate?.object === defaulted) return lastTemplate.template;
  const fields = podTemplatePath(kind);
  const template = fields && (fields.length === 0 ? defaulted : objectAt(defaulted, ...fields));
  const spec = objectAt(template, 'spec');
  const found = fields && template && spec ? { meta: objectAt(template, 'metadata'), spec, at: FieldPath.of(...fields), isPod: kind === 'Pod' } : undefined;
  lastTemplate = { object: defaulted, template: found };
  return found;
}

interface ContainerAt {
  container: PlainObject;
  path: FieldPath;
}

/** pods.VisitContainersWithPath: init containers, then containers, then ephemeral containers. */
function containersOf(template: Template): readonly ContainerAt[] {
  template.containers ??= visitContainers(template);
  return template.containers;
}

function visitContainers(template: Template): ContainerAt[] {
  const out: ContainerAt[] = [];
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    listAt(template.spec, list).forEach((item, index) => {
      if (isObject(item)) out.push({ container: item, path: template.at.child('spec', list).index(index) });
    });
  }
  return out;
}

function int(value: PlainValue | undefined): number {
  return typeof value === 'number' ? value : 0;
}

function podTemplateRule(id: string, description: string, check: (template: Template, version: KubernetesVersion) => FieldError[]): ObjectRule {
  return apiWarningRule(id, description, POD_TEMPLATE_KINDS, (context) => {
    const template = templateOf(context);
    return template ? check(template, context.kubernetesVersion) : [];
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Deprecated API versions

/** k8s.io/apiserver/pkg/endpoints/deprecation: WarningMessage, for a version IsDeprecated says is deprecated. */
export const deprecatedApiVersionRule = apiWarningRule(
  'deprecated-api-version',
  'An apiVersion the chosen Kubernetes version still serves but has deprecated, with the version that replaces it.',
  DEPRECATED_API_KINDS,
  ({ apiVersion, kind, kubernetesVersion }) => {
    const message = deprecationWarning(apiVersion, kind, kubernetesVersion);
    return message ? [unpathedWarning(FieldPath.of('apiVersion'), message, 'value')] : [];
  },
);

// ---------------------------------------------------------------------------------------------------------------
// Object names used as hostnames

/** The registry strategies' WarningsOnCreate: the name becomes (part of) a hostname, so a DNS label is recommended. */
const HOSTNAME_USE: Readonly<Record<string, string>> = {
  Pod: "the Pod's hostname",
  Deployment: 'Pod names and hostnames',
  ReplicaSet: 'Pod names and hostnames',
  ReplicationController: 'Pod names and hostnames',
  Job: 'Pod names and hostnames',
  CronJob: 'Pod names and hostnames',
};

export const nameDnsLabelRule = apiWarningRule(
  'name-dns-label',
  'A Pod, or a workload whose name its Pods carry, named with something other than a DNS label (dots, over 63 characters).',
  Object.keys(HOSTNAME_USE),
  (context) => {
    const name = objectAt(context.object, 'metadata')?.['name'];
    if (typeof name !== 'string' || name === '') return [];
    const messages = isDns1123Label(name);
    // A name the kind's own validation rejects fails the create: the API server returns the error, not warnings.
    if (messages.length === 0 || objectNameRule.check(context).length > 0) return [];
    const path = FieldPath.of('metadata', 'name');
    return [pathWarning(path, `this is used in ${HOSTNAME_USE[context.kind]}, which can result in surprising behavior; a DNS label is recommended: [${messages.join(' ')}]`)];
  },
);

// ---------------------------------------------------------------------------------------------------------------
// Deprecated node labels (pkg/api/node: deprecatedNodeLabels, GetWarningsForNodeSelectorTerm)

const DEPRECATED_NODE_LABELS: Readonly<Record<string, string>> = {
  'beta.kubernetes.io/arch': 'deprecated since v1.14; use "kubernetes.io/arch" instead',
  'beta.kubernetes.io/os': 'deprecated since v1.14; use "kubernetes.io/os" instead',
  'failure-domain.beta.kubernetes.io/region': 'deprecated since v1.17; use "topology.kubernetes.io/region" instead',
  'failure-domain.beta.kubernetes.io/zone': 'deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
  'beta.kubernetes.io/instance-type': 'deprecated since v1.17; use "node.kubernetes.io/instance-type" instead',
  'app.kubernetes.io/created-by': 'deprecated since v1.9',
  'scheduler.alpha.kubernetes.io/preferAvoidPods': 'deprecated since v1.22; use Taints and Tolerations instead',
  'node-role.kubernetes.io/master': 'use "node-role.kubernetes.io/control-plane" instead',
};

function deprecatedNodeLabel(key: string): string | undefined {
  return Object.hasOwn(DEPRECATED_NODE_LABELS, key) ? DEPRECATED_NODE_LABELS[key] : undefined;
}

function nodeSelectorTermWarnings(term: PlainValue | undefined, path: FieldPath): FieldError[] {
  const out: FieldError[] = [];
  listAt(term, 'matchExpressions').forEach((expression, index) => {
    const key = textOf(objectAt(expression)?.['key']);
    const message = deprecatedNodeLabel(key);
    if (message) out.push(pathWarning(path.child('matchExpressions').index(index).child('key'), `${key} is ${message}`));
  });
  return out;
}

export const deprecatedNodeLabelRule = podTemplateRule(
  'deprecated-node-label',
  'A deprecated node label (beta.kubernetes.io/os, failure-domain.beta.kubernetes.io/zone …) in a nodeSelector, node affinity or topology spread constraint.',
  ({ spec, at }) => {
    const out: FieldError[] = [];
    const specPath = at.child('spec');
    for (const [key] of Object.entries(objectAt(spec, 'nodeSelector') ?? {})) {
      const message = deprecatedNodeLabel(key);
      if (message) out.push(pathWarning(specPath.child('nodeSelector').key(key), message, 'key'));
    }
    const nodeAffinity = objectAt(spec, 'affinity', 'nodeAffinity');
    const required = objectAt(nodeAffinity, 'requiredDuringSchedulingIgnoredDuringExecution');
    if (required) {
      const termsPath = specPath.child('affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms');
      listAt(required, 'nodeSelectorTerms').forEach((term, index) => out.push(...nodeSelectorTermWarnings(term, termsPath.index(index))));
    }
    const preferredPath = specPath.child('affinity', 'nodeAffinity', 'preferredDuringSchedulingIgnoredDuringExecution');
    listAt(nodeAffinity, 'preferredDuringSchedulingIgnoredDuringExecution').forEach((term, index) =>
      out.push(...nodeSelectorTermWarnings(objectAt(term, 'preference'), preferredPath.index(index).child('preference'))),
    );
    listAt(spec, 'topologySpreadConstraints').forEach((constraint, index) => {
      const key = textOf(objectAt(constraint)?.['topologyKey']);
      const message = deprecatedNodeLabel(key);
      if (message) out.push(pathWarning(specPath.child('topologySpreadConstraints').index(index).child('topologyKey'), `${key} is ${message}`));
    });
    return out;
  },
);

// ---------------------------------------------------------------------------------------------------------------
// Deprecated annotations

const DEPRECATED_POD_ANNOTATIONS: readonly (readonly [string, string])[] = [
  ['scheduler.alpha.kubernetes.io/critical-pod', 'non-functional in v1.16+; use the "priorityClassName" field instead'],
  ['security.alpha.kubernetes.io/sysctls', 'non-functional in v1.11+; use the "sysctls" field instead'],
  ['security.alpha.kubernetes.io/unsafe-sysctls', 'non-functional in v1.11+; use the "sysctls" field instead'],
];
const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_CONTAINER_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const SECCOMP_MESSAGE = 'non-functional in v1.27+; use the "seccompProfile" field instead';
const APPARMOR_MESSAGE = 'deprecated since v1.30; use the "appArmorProfile" field instead';
/** core.BetaStorageClassAnnotation and pkg/api/persistentvolumeclaim's deprecatedStorageClassAnnotationsMsg. */
const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
const TOPOLOGY_AWARE_HINTS_ANNOTATION = 'service.kubernetes.io/topology-aware-hints';

function hasAnnotation(meta: PlainObject | undefined, key: string): boolean {
  const annotations = objectAt(meta, 'annotations');
  return annotations !== undefined && Object.hasOwn(annotations, key);
}

function podAnnotationWarnings({ meta, spec, at, isPod }: Template): FieldError[] {
  const out: FieldError[] = [];
  const annotationsPath = at.child('metadata', 'annotations');
  for (const [key, message] of DEPRECATED_POD_ANNOTATIONS) {
    if (hasAnnotation(meta, key)) out.push(pathWarning(annotationsPath.key(key), message, 'key'));
  }
  // A Pod's seccomp and AppArmor annotations are first copied into the fields (applySeccompVersionSkew,
  // applyAppArmorVersionSkew in the Pod strategy), which kubeplan does not model: only templates are judged here.
  if (isPod) return out;
  const podSecurity = objectAt(spec, 'securityContext');
  if (!isObject(podSecurity?.['seccompProfile']) && hasAnnotation(meta, SECCOMP_POD_ANNOTATION)) out.push(pathWarning(annotationsPath.key(SECCOMP_POD_ANNOTATION), SECCOMP_MESSAGE, 'key'));
  const podAppArmor = isObject(podSecurity?.['appArmorProfile']);
  for (const { container } of containersOf({ meta, spec, at, isPod })) {
    const name = textOf(container['name']);
    const security = objectAt(container, 'securityContext');
    if (!isObject(security?.['seccompProfile']) && hasAnnotation(meta, SECCOMP_CONTAINER_PREFIX + name))
      out.push(pathWarning(annotationsPath.key(SECCOMP_CONTAINER_PREFIX + name), SECCOMP_MESSAGE, 'key'));
    if (!podAppArmor && !isObject(security?.['appArmorProfile']) && hasAnnotation(meta, APPARMOR_CONTAINER_PREFIX + name))
      out.push(pathWarning(annotationsPath.key(APPARMOR_CONTAINER_PREFIX + name), APPARMOR_MESSAGE, 'key'));
  }
  return out;
}

export const deprecatedAnnotationRule = apiWarningRule(
  'deprecated-annotation',
  'A deprecated or non-functional annotation: critical-pod, sysctls, seccomp and AppArmor annotations without their fields, the beta storage-class annotation, topology-aware-hints.',
  [...POD_TEMPLATE_KINDS, 'PersistentVolumeClaim', 'Service'],
  (context) => {
    const meta = objectAt(context.object, 'metadata');
    const annotationsPath = FieldPath.of('metadata', 'annotations');
    if (context.kind === 'PersistentVolumeClaim') {
      return hasAnnotation(meta, BETA_STORAGE_CLASS_ANNOTATION)
        ? [pathWarning(annotationsPath.key(BETA_STORAGE_CLASS_ANNOTATION), 'deprecated since v1.8; use "storageClassName" attribute instead', 'key')]
        : [];
    }
    if (context.kind === 'Service') {
      return hasAnnotation(meta, TOPOLOGY_AWARE_HINTS_ANNOTATION)
        ? [
            unpathedWarning(
              annotationsPath.key(TOPOLOGY_AWARE_HINTS_ANNOTATION),
              `annotation ${TOPOLOGY_AWARE_HINTS_ANNOTATION} is deprecated, please use service.kubernetes.io/topology-mode instead`,
              'key',
            ),
          ]
        : [];
    }
    const template = templateOf(context);
    return template ? podAnnotationWarnings(template) : [];
  },
);

// ---------------------------------------------------------------------------------------------------------------
// Deprecated and removed volume plugins

const DEPRECATED_VOLUME_PLUGINS: readonly (readonly [string, string])[] = [
  ['photonPersistentDisk', 'deprecated in v1.11, non-functional in v1.16+'],
  ['gitRepo', 'deprecated in v1.11'],
  ['scaleIO', 'deprecated in v1.16, non-functional in v1.22+'],
  ['flocker', 'deprecated in v1.22, non-functional in v1.25+'],
  ['storageOS', 'deprecated in v1.22, non-functional in v1.25+'],
  ['quobyte', 'deprecated in v1.22, non-functional in v1.25+'],
  ['glusterfs', 'deprecated in v1.25, non-functional in v1.26+'],
  ['cephfs', 'deprecated in v1.28, non-functional in v1.31+'],
  ['rbd', 'deprecated in v1.28, non-functional in v1.31+'],
];

export const deprecatedVolumePluginRule = podTemplateRule('deprecated-volume-plugin', 'A volume of a deprecated or removed in-tree plugin (gitRepo, glusterfs, cephfs, rbd …).', ({ spec, at }) => {
  const out: FieldError[] = [];
  listAt(spec, 'volumes').forEach((volume, index) => {
    if (!isObject(volume)) return;
    for (const [plugin, message] of DEPRECATED_VOLUME_PLUGINS) {
      if (isObject(volume[plugin])) out.push(pathWarning(at.child('spec', 'volumes').index(index).child(plugin), message, 'key'));
    }
  });
  return out;
});

// ---------------------------------------------------------------------------------------------------------------
// Fractional byte values

const NANOS_PER_MILLI = 1_000_000n;

/** `value.MilliValue() % 1000 != 0`: MilliValue rounds up, away from zero, to a whole milli-unit. */
function fractionalBytes(path: FieldPath | (() => FieldPath), value: PlainValue | undefined): FieldError[] {
  if (value === undefined) return [];
  const quantity = quantityOf(value);
  if (!quantity) return [];
  const nanos = quantity.nanos;
  const abs = nanos < 0n ? -nanos : nanos;
  const milli = abs / NANOS_PER_MILLI + (abs % NANOS_PER_MILLI === 0n ? 0n : 1n);
  return milli % 1000n === 0n ? [] : [pathWarning(typeof path === 'function' ? path() : path, `fractional byte value "${formatQuantity(quantity)}" is invalid, must be an integer`)];
}

function storageRequestWarnings(path: FieldPath, pvcSpec: PlainObject | undefined): FieldError[] {
  const resources = objectAt(pvcSpec, 'resources');
  return [
    ...fractionalBytes(path.child('resources', 'requests').key('storage'), objectAt(resources, 'requests')?.['storage']),
    ...fractionalBytes(path.child('resources', 'limits').key('storage'), objectAt(resources, 'limits')?.['storage']),
  ];
}

function podFractionalBytes(template: Template): FieldError[] {
  const { spec, at } = template;
  const out: FieldError[] = [];
  listAt(spec, 'volumes').forEach((volume, index) => {
    const claimSpec = objectAt(volume, 'ephemeral', 'volumeClaimTemplate', 'spec');
    if (claimSpec) out.push(...storageRequestWarnings(at.child('spec', 'volumes').index(index).child('ephemeral', 'volumeClaimTemplate', 'spec'), claimSpec));
  });
  const overhead = objectAt(spec, 'overhead');
  // Paths are built only for a value that is there: most pods set none of these.
  for (const resource of ['memory', 'ephemeral-storage']) out.push(...fractionalBytes(() => at.child('spec', 'overhead').key(resource), overhead?.[resource]));
  for (const { container, path } of containersOf(template)) {
    const resources = objectAt(container, 'resources');
    for (const resource of ['memory', 'ephemeral-storage']) {
      for (const list of ['limits', 'requests']) out.push(...fractionalBytes(() => path.child('resources', list).key(resource), objectAt(resources, list)?.[resource]));
    }
  }
  return out;
}

export const fractionalByteValueRule = apiWarningRule(
  'fractional-byte-value',
  'A memory, ephemeral-storage or storage quantity that is not a whole number of bytes (such as 1.5 or 100m).',
  [...POD_TEMPLATE_KINDS, 'PersistentVolumeClaim'],
  (context) => {
    if (context.kind === 'PersistentVolumeClaim') return storageRequestWarnings(FieldPath.of('spec'), objectAt(context.defaulted, 'spec'));
    const template = templateOf(context);
    return template ? podFractionalBytes(template) : [];
  },
);

// ---------------------------------------------------------------------------------------------------------------
// Environment variables defined twice

export const duplicateEnvRule = podTemplateRule('duplicate-env', 'An environment variable defined again in the same container, hiding the earlier definition.', (template, version) => {
  // The warning gained its ", which may be dropped when using apply" in Kubernetes 1.31.
  const suffix = version === '1.30' ? '' : ', which may be dropped when using apply';
  const out: FieldError[] = [];
  for (const { container, path } of containersOf(template)) {
    const env = listAt(container, 'env');
    if (env.length < 2) continue;
    const seen = new Set<string>();
    env.forEach((item, index) => {
      const entry = objectAt(item);
      const name = textOf(entry?.['name']);
      if (!seen.has(name)) {
        seen.add(name);
        return;
      }
      const value = textOf(entry?.['value']);
      const reference = `$(${name})`;
      const hides = isObject(entry?.['valueFrom']) || value === reference || !value.includes(reference);
      if (hides) {
        const at = path.child('env').index(index);
        out.push(placedAt(pathWarning(at, `hides previous definition of ${JSON.stringify(name)}${suffix}`), at.child('name'), 'value'));
      }
    });
  }
  return out;
});

// ---------------------------------------------------------------------------------------------------------------
// Container ports

interface PortAt {
  path: FieldPath;
  hostIP: string;
  hostPort: number;
}

export const containerPortWarningsRule = podTemplateRule(
  'container-port-warnings',
  'Container ports that repeat or overlap another port with the same number and protocol, or set hostIP without hostPort.',
  (template) => {
    const out: FieldError[] = [];
    const byPort = new Map<string, PortAt[]>();
    for (const { container, path } of containersOf(template)) {
      listAt(container, 'ports').forEach((item, index) => {
        const port = objectAt(item);
        if (!port) return;
        const at = path.child('ports').index(index);
        const place = at.child('containerPort');
        const hostIP = textOf(port['hostIP']);
        const hostPort = int(port['hostPort']);
        const containerPort = int(port['containerPort']);
        const protocol = textOf(port['protocol']);
        if (hostIP !== '' && hostPort === 0) {
          const rendered = `{Name:${textOf(port['name'])} HostPort:${hostPort} ContainerPort:${containerPort} Protocol:${protocol} HostIP:${hostIP}}`;
          out.push(placedAt(pathWarning(at, `hostIP set without hostPort: ${rendered}`), at.child('hostIP'), 'value'));
        }
        const key = `${containerPort}/${protocol}`;
        const others = byPort.get(key) ?? [];
        for (const other of others) {
          if (hostIP === other.hostIP && hostPort === other.hostPort) {
            // With a host port, the same host port, protocol and IP twice is a validation error (the host-ports rule).
            if (hostPort === 0) out.push(placedAt(pathWarning(at, `duplicate port definition with ${other.path.toString()}`), place, 'value'));
          } else if (hostPort === 0 || other.hostPort === 0) {
            out.push(placedAt(pathWarning(at, `overlapping port definition with ${other.path.toString()}`), place, 'value'));
          } else if (hostPort === other.hostPort && (hostIP === '') !== (other.hostIP === '')) {
            out.push(placedAt(pathWarning(at, `dangerously ambiguous port definition with ${other.path.toString()}`), place, 'value'));
          }
        }
        others.push({ path: at, hostIP, hostPort });
        byPort.set(key, others);
      });
    }
    return out;
  },
);

// ---------------------------------------------------------------------------------------------------------------
// The rest of warningsForPodSpecAndMeta

function nullSelectorWarnings(terms: PlainValue[], path: FieldPath, weighted: boolean): FieldError[] {
  const out: FieldError[] = [];
  terms.forEach((term, index) => {
    const at = weighted ? path.index(index).child('podAffinityTerm') : path.index(index);
    const affinityTerm = weighted ? objectAt(term, 'podAffinityTerm') : objectAt(term);
    if (!isObject(affinityTerm?.['labelSelector'])) out.push(placedAt(pathWarning(at.child('labelSelector'), 'a null labelSelector results in matching no pod'), at, 'key'));
  });
  return out;
}

export const podSpecWarningsRule = podTemplateRule(
  'pod-spec-warnings',
  'Pod spec settings that do not do what they seem: duplicate host alias IPs or image pull secrets, an empty pull secret name, a negative grace period, a missing labelSelector in pod affinity or topology spread.',
  ({ spec, at }) => {
    const out: FieldError[] = [];
    const specPath = at.child('spec');
    listAt(spec, 'topologySpreadConstraints').forEach((constraint, index) => {
      const path = specPath.child('topologySpreadConstraints').index(index);
      if (!isObject(objectAt(constraint)?.['labelSelector'])) out.push(placedAt(pathWarning(path.child('labelSelector'), 'a null labelSelector results in matching no pod'), path, 'key'));
    });
    const hostAliases = listAt(spec, 'hostAliases');
    if (hostAliases.length > 1) {
      const seen = new Set<string>();
      hostAliases.forEach((alias, index) => {
        const ip = textOf(objectAt(alias)?.['ip']);
        if (seen.has(ip)) out.push(pathWarning(specPath.child('hostAliases').index(index).child('ip'), `duplicate ip ${JSON.stringify(ip)}`));
        else seen.add(ip);
      });
    }
    const pullSecrets = listAt(spec, 'imagePullSecrets');
    if (pullSecrets.length > 1) {
      const seen = new Set<string>();
      pullSecrets.forEach((secret, index) => {
        const name = textOf(objectAt(secret)?.['name']);
        if (seen.has(name)) out.push(pathWarning(specPath.child('imagePullSecrets').index(index).child('name'), `duplicate name ${JSON.stringify(name)}`));
        else seen.add(name);
      });
    }
    pullSecrets.forEach((secret, index) => {
      const name = textOf(objectAt(secret)?.['name']);
      const path = specPath.child('imagePullSecrets').index(index);
      if (name === '') out.push(placedAt(pathWarning(path.child('name'), 'invalid empty name ""'), path, 'key'));
    });
    const grace = spec['terminationGracePeriodSeconds'];
    if (typeof grace === 'number' && grace < 0) out.push(pathWarning(specPath.child('terminationGracePeriodSeconds'), 'must be >= 0; negative values are invalid and will be treated as 1'));
    for (const kind of ['podAffinity', 'podAntiAffinity']) {
      const affinity = objectAt(spec, 'affinity', kind);
      if (!affinity) continue;
      const path = specPath.child('affinity', kind);
      out.push(...nullSelectorWarnings(listAt(affinity, 'requiredDuringSchedulingIgnoredDuringExecution'), path.child('requiredDuringSchedulingIgnoredDuringExecution'), false));
      out.push(...nullSelectorWarnings(listAt(affinity, 'preferredDuringSchedulingIgnoredDuringExecution'), path.child('preferredDuringSchedulingIgnoredDuringExecution'), true));
    }
    return out;
  },
);

export const API_WARNING_RULES: readonly ObjectRule[] = [
  deprecatedApiVersionRule,
  nameDnsLabelRule,
  deprecatedNodeLabelRule,
  deprecatedAnnotationRule,
  deprecatedVolumePluginRule,
  fractionalByteValueRule,
  duplicateEnvRule,
  containerPortWarningsRule,
  podSpecWarningsRule,
];
