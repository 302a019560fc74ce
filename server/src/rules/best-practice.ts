/**
 * Best practice: things the API server accepts but that make workloads fragile or unsafe. Most are off (or a hint)
 * by default, since a manifest may have good reasons for any of them; users turn on the ones they want. The
 * exceptions are warnings: what the kubelet is known to break on at run time.
 */
import { objectAt, type PlainObject } from '../kube/plain-values';
import { FieldPath, pathWarning, placedAt, type FieldError } from '../kube/field-errors';
import type { ObjectRule, RuleContext } from './rule';
import type { KubernetesVersion } from '../schema/versions';
import { isValidPortName } from './apimachinery-validation';
import { POD_TEMPLATE_KINDS, podSpecPath } from '../kube/pod-templates';
import { isValidSysctlName, normalizeSysctlName } from '../kube/sysctls';

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

function onContainer(container: Container, message: string): FieldError {
  return placedAt(pathWarning(container.path, message), container.path.child('name'), 'value');
}

function workloadRule(id: string, defaultSeverity: 'off' | 'hint' | 'warning', description: string, check: (pod: PodSpec, context: RuleContext) => FieldError[]): ObjectRule {
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
    if (tag === undefined) return [pathWarning(path.child('image'), `image "${image}" has no tag, so it means :latest and changes under the workload; pin a version or digest`)];
    if (tag === 'latest') return [pathWarning(path.child('image'), `image "${image}" uses :latest, which changes under the workload; pin a version or digest`)];
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
      ? [pathWarning(path.child('securityContext', 'privileged'), `container "${containerName(container)}" runs privileged, with full access to the node`)]
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
      return [pathWarning(path, `container "${name}" runs as root (runAsUser: 0)`)];
    }
    return runAsNonRoot === true ? [] : [onContainer(container, `container "${name}" may run as root: set securityContext.runAsNonRoot: true`)];
  });
});

export const hostNamespacesRule = workloadRule('host-namespaces', 'off', "Pods that share the node's network, process or IPC namespace.", (pod) =>
  ['hostNetwork', 'hostPID', 'hostIPC'].filter((field) => pod.spec[field] === true).map((field) => pathWarning(pod.path.child(field), `the pod shares the node's ${field.slice(4)} namespace`)),
);

export const hostPathRule = workloadRule('host-path', 'off', "hostPath volumes expose the node's file system to the pod.", (pod) => {
  const volumes = pod.spec['volumes'];
  if (!Array.isArray(volumes)) return [];
  return volumes.flatMap((volume, index) => {
    const hostPath = objectAt(volume, 'hostPath');
    if (!hostPath) return [];
    const path = pod.path.child('volumes').index(index).child('hostPath');
    return [pathWarning(path, `volume mounts the node's ${typeof hostPath['path'] === 'string' ? `"${hostPath['path']}"` : 'file system'}`, 'key')];
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
      return [pathWarning(path.child('env').index(index).child('value'), `${name} holds a literal value that looks like a secret; read it from a Secret with valueFrom.secretKeyRef`)];
    });
  }),
);

export const deprecatedServiceAccountRule = workloadRule('deprecated-service-account', 'hint', 'spec.serviceAccount is a deprecated alias of serviceAccountName.', (pod) =>
  pod.spec['serviceAccount'] === undefined ? [] : [pathWarning(pod.path.child('serviceAccount'), 'serviceAccount is deprecated; use serviceAccountName', 'key')],
);

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

/**
 * pkg/probe/util.go ResolveContainerPort / findPortByName: the kubelet resolves a probe's named httpGet or tcpSocket
 * port among the ports of the probed container only; an unknown name fails every probe (grpc ports are numbers).
 * Ephemeral containers cannot have probes. A name that is not a valid port name is the API server's error already.
 */
export const probePortNameRule = workloadRule(
  'probe-port-name',
  'warning',
  'A probe whose httpGet or tcpSocket port names a port its container does not declare: the kubelet cannot resolve it, so the probe always fails.',
  (pod) =>
    containersOf(pod, ['initContainers', 'containers']).flatMap(({ container, path }) => {
      const declared = new Set<string>();
      const ports = container['ports'];
      if (Array.isArray(ports)) for (const port of ports) if (typeof objectAt(port)?.['name'] === 'string') declared.add(objectAt(port)!['name'] as string);
      return PROBES.flatMap((probe) =>
        (['httpGet', 'tcpSocket'] as const).flatMap((handler) => {
          const port = objectAt(container[probe], handler)?.['port'];
          if (typeof port !== 'string' || declared.has(port) || isValidPortName(port).length > 0) return [];
          return [
            pathWarning(
              path.child(probe, handler, 'port'),
              `container "${containerName(container)}" declares no port named "${port}": the kubelet cannot resolve the ${probe}'s port, so the probe always fails`,
            ),
          ];
        }),
      );
    }),
);

/**
 * pkg/kubelet/sysctl/safe_sysctls.go safeSysctls, by the release that added each (the minimum kernel each needs is
 * not checked). The kubelet admits only these and the node's --allowed-unsafe-sysctls (pkg/kubelet/sysctl/allowlist.go).
 */
const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];
const SAFE_SYSCTLS_SINCE_1_32 = ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];
const SAFE_SYSCTLS_1_30 = new Set(SAFE_SYSCTLS);
const SAFE_SYSCTLS_1_32 = new Set([...SAFE_SYSCTLS, ...SAFE_SYSCTLS_SINCE_1_32]);

function safeSysctls(version: KubernetesVersion): ReadonlySet<string> {
  return version === '1.30' ? SAFE_SYSCTLS_1_30 : SAFE_SYSCTLS_1_32;
}

export const unsafeSysctlRule = workloadRule(
  'unsafe-sysctl',
  'warning',
  "A pod sysctl outside the kubelet's safe set: the kubelet rejects the pod (SysctlForbidden) unless the node allows it with --allowed-unsafe-sysctls.",
  (pod, { kubernetesVersion }) => {
    const sysctls = objectAt(pod.spec['securityContext'])?.['sysctls'];
    if (!Array.isArray(sysctls)) return [];
    const safe = safeSysctls(kubernetesVersion);
    return sysctls.flatMap((sysctl, index) => {
      const name = objectAt(sysctl)?.['name'];
      // A name the API server refuses (pod-security-context) never reaches a kubelet.
      if (typeof name !== 'string' || !isValidSysctlName(name) || safe.has(normalizeSysctlName(name))) return [];
      return [
        pathWarning(
          pod.path.child('securityContext', 'sysctls').index(index).child('name'),
          `sysctl "${name}" is not in the kubelet's safe set: the kubelet rejects the pod with SysctlForbidden unless the node runs with --allowed-unsafe-sysctls allowing it`,
        ),
      ];
    });
  },
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
  probePortNameRule,
  unsafeSysctlRule,
];
