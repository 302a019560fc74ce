/**
 * What the quota system counts for each kind of object (quota.Evaluator of pkg/quota/v1): the pod evaluator
 * (pkg/quota/v1/evaluator/core/pods.go), the Service and PersistentVolumeClaim evaluators (services.go,
 * persistent_volume_claims.go) and, for every other resource, the generic object-count evaluator
 * (staging/src/k8s.io/apiserver/pkg/quota/v1/generic/evaluator.go) that the admission controller makes on the fly
 * for `count/<resource>.<group>`, with the legacy names of the core kinds (configmaps, secrets …, from
 * pkg/quota/v1/install/registry.go).
 */
import type { PersistentVolumeClaim, Pod, PodAffinityTerm, ScopedResourceSelectorRequirement, Service, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1';
import { compileLabelSelector } from '../../kube/label-selectors';
import { quantityOf } from '../../kube/quantity';
import { type AdmissionOperation, groupResource } from './admission';
import { addLists, countOf, podTotal } from './resource-lists';
import { readResourceList, type ResourceList } from '../../kube/resource-lists';
import type { StoredObject } from '../store';

export interface QuotaEvaluator {
  /** Whether a request of this operation can change usage (Handles). */
  handles(operation: AdmissionOperation): boolean;
  /** The names among a quota's hard ones this evaluator counts (MatchingResources). */
  matchingResources(names: readonly string[]): string[];
  /** Whether the object falls under one scope requirement of a quota (MatchingScopes' scope function). */
  matchesScope(requirement: ScopedResourceSelectorRequirement, object: StoredObject): boolean;
  /** Constraints: the reason the object cannot be counted against `required` names, if any. */
  constraints(required: readonly string[], object: StoredObject): string | undefined;
  /** Usage: what the object uses. */
  usage(object: StoredObject): ResourceList;
  /** Names among a quota's hard ones upstream counts for this kind and the model does not. */
  uncountedResources?(names: readonly string[]): string[];
}

const ONE = countOf(1);

/** generic.MatchesNoScopeFunc: objects other than pods fall under no scope. */
const NO_SCOPE = (): boolean => false;

/** The evaluator of the object's group resource. */
export function evaluatorFor(object: StoredObject): QuotaEvaluator {
  const resource = groupResource(object);
  switch (resource) {
    case 'pods':
      return POD_EVALUATOR;
    case 'services':
      return SERVICE_EVALUATOR;
    case 'persistentvolumeclaims':
      return CLAIM_EVALUATOR;
    default:
      return objectCountEvaluator(resource);
  }
}

/** Core resources whose object count a quota also names without `count/` (install/registry.go NewEvaluators). */
const LEGACY_COUNT_NAMES = new Set(['configmaps', 'secrets', 'replicationcontrollers', 'resourcequotas']);

/** generic.NewObjectCountEvaluator: one of each object, created only. */
function objectCountEvaluator(resource: string): QuotaEvaluator {
  const names = [`count/${resource}`, ...(LEGACY_COUNT_NAMES.has(resource) ? [resource] : [])];
  return {
    handles: (operation) => operation === 'CREATE',
    matchingResources: (input) => input.filter((name) => names.includes(name)),
    matchesScope: NO_SCOPE,
    constraints: () => undefined,
    usage: () => new Map(names.map((name) => [name, ONE])),
  };
}

const POD_RESOURCES = new Set([
  'count/pods',
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
]);
/** validationSet: the names every container must request or limit explicitly once a quota counts them. */
const MUST_SPECIFY = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

/** podComputeUsageHelper: the pod count, and cpu, memory and ephemeral storage as requests and limits. */
function podComputeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const result: ResourceList = new Map([['pods', ONE]]);
  for (const name of ['cpu', 'memory', 'ephemeral-storage']) {
    const request = requests.get(name);
    if (request) {
      result.set(name, request);
      result.set(`requests.${name}`, request);
    }
    const limit = limits.get(name);
    if (limit) result.set(`limits.${name}`, limit);
  }
  return result;
}

/** QuotaV1Pod: a pod that reached Succeeded or Failed no longer uses compute resources. */
function isPodCounted(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}

const POD_EVALUATOR: QuotaEvaluator = {
  handles: (operation) => operation === 'CREATE',
  matchingResources: (input) => input.filter((name) => POD_RESOURCES.has(name)),
  // Huge pages (`hugepages-*`, `requests.hugepages-*`) and extended resources (`requests.<domain>/<name>`).
  uncountedResources: (input) => input.filter((name) => /^(requests\.)?hugepages-/.test(name) || (name.startsWith('requests.') && name.includes('/'))),
  matchesScope: (requirement, object) => podMatchesScope(requirement, object as unknown as Pod),
  constraints(required, object) {
    const pod = object as unknown as Pod;
    const requiredSet = required.filter((name) => MUST_SPECIFY.has(name));
    const missing = new Map<string, Set<string>>();
    for (const container of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
      const usage = podComputeUsage(readResourceList(container.resources?.requests), readResourceList(container.resources?.limits));
      for (const name of requiredSet) {
        if (usage.has(name)) continue;
        const containers = missing.get(name) ?? new Set<string>();
        containers.add(container.name);
        missing.set(name, containers);
      }
    }
    if (missing.size === 0) return undefined;
    const parts = [...missing.keys()].sort().map((name) => `${name} for: ${[...missing.get(name)!].sort().join(',')}`);
    return `must specify ${parts.join('; ')}`;
  },
  usage(object) {
    const pod = object as unknown as Pod;
    // count/pods counts every pod stored; `pods` and compute resources only those not terminal.
    const result: ResourceList = new Map([['count/pods', ONE]]);
    if (!isPodCounted(pod)) return result;
    return addLists(result, podComputeUsage(podTotal(pod, 'requests', true), podTotal(pod, 'limits', true)));
  },
};

/** podMatchesScopeFunc */
function podMatchesScope(requirement: ScopedResourceSelectorRequirement, pod: Pod): boolean {
  switch (requirement.scopeName) {
    case 'Terminating':
      return isTerminating(pod);
    case 'NotTerminating':
      return !isTerminating(pod);
    case 'BestEffort':
      return isBestEffort(pod);
    case 'NotBestEffort':
      return !isBestEffort(pod);
    case 'PriorityClass': {
      const className = pod.spec?.priorityClassName ?? '';
      if (requirement.operator === 'Exists') return className.length > 0;
      // ScopedResourceSelectorRequirementsAsSelector: the scope name is the key, the class name its value.
      const selects = compileLabelSelector({ matchExpressions: [{ key: 'PriorityClass', operator: requirement.operator, values: requirement.values }] });
      return selects({ PriorityClass: className });
    }
    case 'CrossNamespacePodAffinity':
      return usesCrossNamespacePodAffinity(pod);
    default:
      return false;
  }
}

/** isTerminating: an activeDeadlineSeconds of zero or more. */
function isTerminating(pod: Pod): boolean {
  const deadline = pod.spec?.activeDeadlineSeconds;
  return deadline !== undefined && deadline !== null && deadline >= 0;
}

/** qos.GetPodQOS == BestEffort: no container requests or limits a positive amount of cpu or memory. */
function isBestEffort(pod: Pod): boolean {
  for (const container of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    for (const list of [container.resources?.requests, container.resources?.limits]) {
      for (const name of ['cpu', 'memory']) {
        const amount = quantityOf(list?.[name]);
        if (amount && amount.nanos > 0n) return false;
      }
    }
  }
  return true;
}

/** usesCrossNamespacePodAffinity: an affinity or anti-affinity term with namespaces or a namespaceSelector. */
function usesCrossNamespacePodAffinity(pod: Pod): boolean {
  const affinity = pod.spec?.affinity;
  const terms: PodAffinityTerm[] = [];
  for (const kind of [affinity?.podAffinity, affinity?.podAntiAffinity]) {
    terms.push(...(kind?.requiredDuringSchedulingIgnoredDuringExecution ?? []));
    terms.push(...(kind?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((weighted: WeightedPodAffinityTerm) => weighted.podAffinityTerm));
  }
  return terms.some((term) => (term.namespaces?.length ?? 0) > 0 || (term.namespaceSelector !== undefined && term.namespaceSelector !== null));
}

const SERVICE_RESOURCES = new Set(['services', 'count/services', 'services.loadbalancers', 'services.nodeports']);

const SERVICE_EVALUATOR: QuotaEvaluator = {
  handles: (operation) => operation === 'CREATE' || operation === 'UPDATE',
  matchingResources: (input) => input.filter((name) => SERVICE_RESOURCES.has(name)),
  matchesScope: NO_SCOPE,
  constraints: () => undefined,
  usage(object) {
    const spec = (object as unknown as Service).spec;
    const ports = spec?.ports ?? [];
    const result: ResourceList = new Map([
      ['services', ONE],
      ['count/services', ONE],
    ]);
    if (spec?.type === 'NodePort') result.set('services.nodeports', countOf(ports.length));
    if (spec?.type === 'LoadBalancer') {
      // Without node ports allocated for it, only the ports that ask for one explicitly count.
      const nodePorts = spec.allocateLoadBalancerNodePorts === false ? ports.filter((port) => port.nodePort).length : ports.length;
      result.set('services.nodeports', countOf(nodePorts));
      result.set('services.loadbalancers', ONE);
    }
    return result;
  },
};

const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';
const CLAIM_RESOURCES = ['persistentvolumeclaims', 'count/persistentvolumeclaims', 'requests.storage'];

const CLAIM_EVALUATOR: QuotaEvaluator = {
  handles: (operation) => operation === 'CREATE' || operation === 'UPDATE',
  matchingResources: (input) => input.filter((name) => CLAIM_RESOURCES.includes(name) || CLAIM_RESOURCES.some((resource) => name.endsWith(`${STORAGE_CLASS_SUFFIX}${resource}`))),
  matchesScope: NO_SCOPE,
  constraints: () => undefined,
  usage(object) {
    const claim = object as unknown as PersistentVolumeClaim;
    const result: ResourceList = new Map([
      ['persistentvolumeclaims', ONE],
      ['count/persistentvolumeclaims', ONE],
    ]);
    // storagehelpers.GetPersistentVolumeClaimClass: the beta annotation first, then spec.storageClassName.
    const storageClass = claim.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? claim.spec?.storageClassName ?? '';
    if (storageClass) result.set(`${storageClass}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`, ONE);
    const storage = quantityOf(claim.spec?.resources?.requests?.['storage']);
    if (storage) {
      result.set('requests.storage', storage);
      if (storageClass) result.set(`${storageClass}${STORAGE_CLASS_SUFFIX}requests.storage`, storage);
    }
    return result;
  },
};
