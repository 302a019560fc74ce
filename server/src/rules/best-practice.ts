/**
 * Best practice: things the API server accepts but that make workloads fragile or unsafe. Each is off (or a hint)
 * by default, since a manifest may have good reasons for any of them; users turn on the ones they want.
 */
import { objectAt, type PlainObject } from '../kube/plain-values';
import { FieldPath, placedAt, type FieldError } from '../kube/field-errors';
import type { ObjectRule, RuleContext } from './rule';
import { POD_TEMPLATE_KINDS, podSpecPath } from '../kube/pod-templates';

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

interface PodSpec {
  spec: PlainObject;
  path: FieldPath;
}

interface Container {
  container: PlainObject;
  path: FieldPath;
  list: (typeof CONTAINER_LISTS)[number];
}

function podSpecOf({ kind, object }: RuleContext): PodSpec | undefined {
  const fields = podSpecPath(kind);
  if (!fields) return undefined;
  let value: PlainObject | undefined = object;
  for (const field of fields) value = objectAt(value?.[field]);
  return value ? { spec: value, path: FieldPath.of(...fields) } : undefined;
}

function containersOf(pod: PodSpec, lists: readonly Container['list'][] = CONTAINER_LISTS): Container[] {
  const out: Container[] = [];
  for (const list of lists) {
    const items = pod.spec[list];
    if (!Array.isArray(items)) continue;
    items.forEach((item, index) => {
      const container = objectAt(item);
      if (container) out.push({ container, path: pod.path.child(list).index(index), list });
    });
  }
  return out;
}

function containerName(container: PlainObject): string {
  return typeof container['name'] === 'string' ? container['name'] : '';
}

/** A best-practice finding: the path it names, a plain-words message, underlined where the user has to act. */
function advice(path: FieldPath, message: string, target: 'key' | 'value' = 'value'): FieldError {
  return { path: [...path.segments], message: `${path.toString()}: ${message}`, target };
}

function onContainer(container: Container, message: string): FieldError {
  return placedAt(advice(container.path, message), container.path.child('name'), 'value');
}

function workloadRule(id: string, defaultSeverity: 'off' | 'hint', description: string, check: (pod: PodSpec, context: RuleContext) => FieldError[]): ObjectRule {
  return {
    id,
    family: 'best-practice',
    defaultSeverity,
    description,
    kinds: POD_TEMPLATE_KINDS,
    check(context) {
      const pod = podSpecOf(context);
      return pod ? check(pod, context) : [];
    },
  };
}

/** An image reference's tag: after the last `:` that follows the last `/` (a registry port is not a tag). */
function imageTag(image: string): string | undefined {
  const name = image.split('@')[0]!;
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? name.slice(colon + 1) : undefined;
}

export const imageTagRule = workloadRule('image-tag', 'off', 'Container images pinned neither by tag nor digest, or tagged :latest, change under a running workload.', (pod) =>
  containersOf(pod).flatMap(({ container, path }) => {
    const image = container['image'];
    if (typeof image !== 'string' || image === '' || image.includes('@')) return [];
    const tag = imageTag(image);
    if (tag === undefined) return [advice(path.child('image'), `image "${image}" has no tag, so it means :latest and changes under the workload; pin a version or digest`)];
    if (tag === 'latest') return [advice(path.child('image'), `image "${image}" uses :latest, which changes under the workload; pin a version or digest`)];
    return [];
  }),
);

export const resourcesMissingRule = workloadRule('resources-missing', 'off', 'Containers without resource requests or limits are scheduled blind and can starve their neighbours.', (pod) =>
  containersOf(pod, ['initContainers', 'containers']).flatMap((container) => {
    const resources = objectAt(container.container['resources']);
    const missing = ['requests', 'limits'].filter((field) => !objectAt(resources, field));
    return missing.length === 0 ? [] : [onContainer(container, `container "${containerName(container.container)}" sets no resource ${missing.join(' or ')}`)];
  }),
);

/** Pods that run to completion have no use for readiness or liveness. */
function isLongRunning(pod: PodSpec, kind: string): boolean {
  if (kind === 'Job' || kind === 'CronJob') return false;
  const policy = pod.spec['restartPolicy'];
  return policy === undefined || policy === 'Always';
}

export const probesMissingRule = workloadRule(
  'probes-missing',
  'off',
  'Long-running containers without a readiness or liveness probe receive traffic before they are ready and are never restarted when stuck.',
  (pod, { kind }) => {
    if (!isLongRunning(pod, kind)) return [];
    return containersOf(pod, ['containers']).flatMap((container) => {
      const missing = ['readinessProbe', 'livenessProbe'].filter((probe) => !objectAt(container.container[probe]));
      return missing.length === 0 ? [] : [onContainer(container, `container "${containerName(container.container)}" has no ${missing.join(' or ')}`)];
    });
  },
);

export const privilegedRule = workloadRule('privileged', 'off', 'Privileged containers have full access to the node.', (pod) =>
  containersOf(pod).flatMap(({ container, path }) =>
    objectAt(container['securityContext'])?.['privileged'] === true
      ? [advice(path.child('securityContext', 'privileged'), `container "${containerName(container)}" runs privileged, with full access to the node`)]
      : [],
  ),
);

export const runAsRootRule = workloadRule('run-as-root', 'off', 'Containers that may run as root (runAsNonRoot not true, or runAsUser 0).', (pod) => {
  const podContext = objectAt(pod.spec['securityContext']);
  return containersOf(pod).flatMap((container) => {
    const own = objectAt(container.container['securityContext']);
    const runAsUser = own?.['runAsUser'] ?? podContext?.['runAsUser'];
    const runAsNonRoot = own?.['runAsNonRoot'] ?? podContext?.['runAsNonRoot'];
    const name = containerName(container.container);
    if (runAsUser === 0) {
      const path = own?.['runAsUser'] !== undefined ? container.path.child('securityContext', 'runAsUser') : pod.path.child('securityContext', 'runAsUser');
      return [advice(path, `container "${name}" runs as root (runAsUser: 0)`)];
    }
    return runAsNonRoot === true ? [] : [onContainer(container, `container "${name}" may run as root: set securityContext.runAsNonRoot: true`)];
  });
});

export const hostNamespacesRule = workloadRule('host-namespaces', 'off', "Pods that share the node's network, process or IPC namespace.", (pod) =>
  ['hostNetwork', 'hostPID', 'hostIPC'].filter((field) => pod.spec[field] === true).map((field) => advice(pod.path.child(field), `the pod shares the node's ${field.slice(4)} namespace`)),
);

export const hostPathRule = workloadRule('host-path', 'off', "hostPath volumes expose the node's file system to the pod.", (pod) => {
  const volumes = pod.spec['volumes'];
  if (!Array.isArray(volumes)) return [];
  return volumes.flatMap((volume, index) => {
    const hostPath = objectAt(volume, 'hostPath');
    if (!hostPath) return [];
    const path = pod.path.child('volumes').index(index).child('hostPath');
    return [advice(path, `volume mounts the node's ${typeof hostPath['path'] === 'string' ? `"${hostPath['path']}"` : 'file system'}`, 'key')];
  });
});

const SECRET_NAME = /PASSWORD|PASSWD|TOKEN|SECRET|KEY/i;

/** Literal values that are not secrets even in such a variable: empty, a file path, a `$(VAR)` reference, a flag. */
function looksLikeSecretValue(value: string): boolean {
  return value.length >= 6 && !value.startsWith('/') && !value.startsWith('$(') && !/^(true|false|\d+)$/i.test(value);
}

export const secretInEnvRule = workloadRule('secret-in-env', 'off', 'Secret-looking literal values in environment variables named like PASSWORD, TOKEN, SECRET or KEY; use secretKeyRef.', (pod) =>
  containersOf(pod).flatMap(({ container, path }) => {
    const env = container['env'];
    if (!Array.isArray(env)) return [];
    return env.flatMap((variable, index) => {
      const entry = objectAt(variable);
      const name = entry?.['name'];
      const value = entry?.['value'];
      if (typeof name !== 'string' || typeof value !== 'string' || !SECRET_NAME.test(name) || !looksLikeSecretValue(value)) return [];
      return [advice(path.child('env').index(index).child('value'), `${name} holds a literal value that looks like a secret; read it from a Secret with valueFrom.secretKeyRef`)];
    });
  }),
);

export const deprecatedServiceAccountRule = workloadRule('deprecated-service-account', 'hint', 'spec.serviceAccount is a deprecated alias of serviceAccountName.', (pod) =>
  pod.spec['serviceAccount'] === undefined ? [] : [advice(pod.path.child('serviceAccount'), 'serviceAccount is deprecated; use serviceAccountName', 'key')],
);

export const BEST_PRACTICE_RULES: readonly ObjectRule[] = [
  imageTagRule,
  resourcesMissingRule,
  probesMissingRule,
  privilegedRule,
  runAsRootRule,
  hostNamespacesRule,
  hostPathRule,
  secretInEnvRule,
  deprecatedServiceAccountRule,
];
