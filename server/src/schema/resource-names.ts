/**
 * Resource names as kubectl accepts them — the REST plural (`deployments`), the singular (the kind in lower case:
 * `deployment`), the kind itself, and the short names the API server advertises (`deploy`, `svc`, `po`) — resolved
 * to a kind of the bundle. Where a resource is served in several versions, the one kubectl prefers is taken: the
 * core group first, then the highest version by Kubernetes' version priority (v2 > v1 > v1beta2 > v1alpha1).
 */
import type { KindInfo, SchemaBundle } from './bundle-types';

/** ShortNames() of the built-in REST storages (pkg/registry/.../storage), as `kubectl api-resources` lists them. */
const SHORT_NAMES: Readonly<Record<string, readonly string[]>> = {
  certificatesigningrequests: ['csr'],
  configmaps: ['cm'],
  cronjobs: ['cj'],
  customresourcedefinitions: ['crd', 'crds'],
  daemonsets: ['ds'],
  deployments: ['deploy'],
  endpoints: ['ep'],
  events: ['ev'],
  horizontalpodautoscalers: ['hpa'],
  ingresses: ['ing'],
  limitranges: ['limits'],
  namespaces: ['ns'],
  networkpolicies: ['netpol'],
  nodes: ['no'],
  persistentvolumeclaims: ['pvc'],
  persistentvolumes: ['pv'],
  poddisruptionbudgets: ['pdb'],
  pods: ['po'],
  priorityclasses: ['pc'],
  replicasets: ['rs'],
  replicationcontrollers: ['rc'],
  resourcequotas: ['quota'],
  serviceaccounts: ['sa'],
  services: ['svc'],
  statefulsets: ['sts'],
  storageclasses: ['sc'],
};

export type ResourceResolution = { ok: true; info: KindInfo } | { ok: false; message: string };

export function resolveResource(bundle: SchemaBundle, name: string, apiVersion?: string): ResourceResolution {
  const wanted = name.toLowerCase();
  const candidates = Object.values(bundle.kinds).filter((info) => namesOf(info).includes(wanted));
  if (candidates.length === 0) return { ok: false, message: `the server doesn't have a resource type "${name}"` };
  if (apiVersion !== undefined) {
    const served = candidates.find((info) => info.apiVersion === apiVersion);
    if (served) return { ok: true, info: served };
    return { ok: false, message: `couldn't find resource for "${candidates[0]!.plural}" in api version ${apiVersion}` };
  }
  return { ok: true, info: [...candidates].sort(preferred)[0]! };
}

function namesOf(info: KindInfo): string[] {
  return [info.plural, info.kind.toLowerCase(), ...(SHORT_NAMES[info.plural] ?? [])];
}

function groupAndVersion(apiVersion: string): [string, string] {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}

function preferred(a: KindInfo, b: KindInfo): number {
  const [groupA, versionA] = groupAndVersion(a.apiVersion);
  const [groupB, versionB] = groupAndVersion(b.apiVersion);
  if ((groupA === '') !== (groupB === '')) return groupA === '' ? -1 : 1;
  return versionPriority(versionB) - versionPriority(versionA);
}

/**
 * apimachinery's version ordering (k8s.io/apimachinery/pkg/version/helpers.go CompareKubeAwareVersionStrings): GA
 * over beta over alpha, then the higher major, then the higher minor; higher is preferred, 0 for other versions.
 */
export function versionPriority(version: string): number {
  const match = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
  if (!match) return 0;
  const stability = match[2] === undefined ? 3 : match[2] === 'beta' ? 2 : 1;
  return stability * 1_000_000 + Number(match[1]) * 1000 + Number(match[3] ?? 0);
}

const clusterScopedByBundle = new WeakMap<SchemaBundle, ReadonlyMap<string, ReadonlySet<string>>>();

/**
 * The REST plurals a version serves only at cluster scope (`nodes`, `persistentvolumes`, `clusterroles`), by API
 * group ("" for core): the resources a request without a namespace asks for.
 */
export function clusterScopedResources(bundle: SchemaBundle): ReadonlyMap<string, ReadonlySet<string>> {
  let byGroup = clusterScopedByBundle.get(bundle);
  if (byGroup) return byGroup;
  const namespaced = new Set<string>();
  const clusterScoped = new Map<string, Set<string>>();
  for (const info of Object.values(bundle.kinds)) {
    const [group] = groupAndVersion(info.apiVersion);
    if (info.namespaced) namespaced.add(`${group}/${info.plural}`);
    else {
      let resources = clusterScoped.get(group);
      if (!resources) clusterScoped.set(group, (resources = new Set()));
      resources.add(info.plural);
    }
  }
  // A resource namespaced in any version of its group is not cluster-scoped.
  for (const [group, resources] of clusterScoped) for (const resource of resources) if (namespaced.has(`${group}/${resource}`)) resources.delete(resource);
  byGroup = clusterScoped;
  clusterScopedByBundle.set(bundle, byGroup);
  return byGroup;
}
