/**
 * The value the API server gives a field that is left unset. Unconditional defaults are read off the defaulting
 * code itself: a minimal object with the path's parents present is defaulted (server/src/defaulting), and the
 * value that appears at the path is the default. Defaults that depend on other fields — or that defaulting a
 * minimal object would get wrong — are facts in a table, worded as pkg/apis/<group>/v1/defaults.go decides them.
 */
import { isObject, type PlainObject, type PlainValue } from '../kube/plain-values';
import { applyDefaults } from '../defaulting/index';

/** Keyed by the Go struct that holds the field and the field's name. */
const CONDITIONAL_DEFAULTS: Readonly<Record<string, string>> = {
  'Container.imagePullPolicy': '`Always` when the image tag is `latest` or the image has neither tag nor digest; `IfNotPresent` otherwise',
  'EphemeralContainer.imagePullPolicy': '`Always` when the image tag is `latest` or the image has neither tag nor digest; `IfNotPresent` otherwise',
  'ImageVolumeSource.pullPolicy': "`Always` when the reference's tag is `latest` or it has neither tag nor digest; `IfNotPresent` otherwise",
  'ServicePort.targetPort': 'the value of `port`',
  'ServiceSpec.externalTrafficPolicy': '`Cluster` for NodePort and LoadBalancer Services, and ClusterIP Services with `externalIPs`',
  'ServiceSpec.internalTrafficPolicy': '`Cluster` for ClusterIP, NodePort and LoadBalancer Services',
  'ServiceSpec.allocateLoadBalancerNodePorts': '`true` for LoadBalancer Services',
  'ClientIPConfig.timeoutSeconds': '`10800` (3 hours) when `sessionAffinity` is `ClientIP`',
  'JobSpec.completions': '`1` when `parallelism` is unset too; otherwise unset (a work queue)',
  'JobSpec.backoffLimit': '`6`; `2147483647` when `backoffLimitPerIndex` is set',
  'JobSpec.podReplacementPolicy': '`TerminatingOrFailed`; `Failed` when `podFailurePolicy` is set',
  'NetworkPolicySpec.policyTypes': '`[Ingress]`, or `[Ingress, Egress]` when there are `egress` rules',
  'ResourceRequirements.requests': 'each resource in `limits` without a request gets the limit as its request (on Pods; a template keeps what it says, the Pods made from it get the default)',
  'ContainerPort.hostPort': 'the value of `containerPort`, in a Pod with `hostNetwork: true`',
};

/**
 * The default of the field at `path` (keys and list indexes) in an object of this kind, written for a reader
 * (`` `25%` ``, `` `600` ``), or undefined when the API server leaves it unset.
 */
export function defaultOf(apiVersion: string, kind: string, path: readonly (string | number)[], declaringStruct: string | undefined): string | undefined {
  const name = path[path.length - 1];
  if (typeof name !== 'string') return undefined;
  const conditional = declaringStruct ? CONDITIONAL_DEFAULTS[`${declaringStruct}.${name}`] : undefined;
  if (conditional) return conditional;
  const value = defaultedValueAt(apiVersion, kind, path);
  return value === undefined ? undefined : formatDefault(value);
}

function defaultedValueAt(apiVersion: string, kind: string, path: readonly (string | number)[]): PlainValue | undefined {
  const minimal: PlainObject = { apiVersion, kind };
  let parent: PlainValue = minimal;
  for (const [index, key] of path.slice(0, -1).entries()) {
    const child: PlainValue = typeof path[index + 1] === 'number' ? [] : {};
    parent = place(parent, key, child);
  }
  let value: PlainValue | undefined = applyDefaults(apiVersion, kind, minimal);
  for (const key of path) {
    if (Array.isArray(value) && typeof key === 'number') value = value[key];
    else if (isObject(value) && typeof key === 'string') value = value[key];
    else return undefined;
  }
  // A struct the defaulter allocates (securityContext: {}) is not a default worth stating.
  if (value === null || value === undefined || isObject(value)) return undefined;
  return value;
}

function place(parent: PlainValue, key: string | number, child: PlainValue): PlainValue {
  if (Array.isArray(parent) && typeof key === 'number') {
    while (parent.length <= key) parent.push({});
    parent[key] = child;
  } else if (isObject(parent)) {
    parent[String(key)] = child;
  }
  return child;
}

function formatDefault(value: PlainValue): string {
  if (Array.isArray(value)) return `\`[${value.map((item) => String(item)).join(', ')}]\``;
  if (value === '') return '`""`';
  return `\`${String(value)}\``;
}
