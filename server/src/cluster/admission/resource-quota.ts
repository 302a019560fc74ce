/**
 * The ResourceQuota admission plugin (plugin/pkg/admission/resourcequota/admission.go `Validate`, and
 * CheckRequest in staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go): a namespaced
 * object is checked against every quota of its namespace that counts one of its resources and whose scopes it
 * falls under. A pod that does not request or limit cpu or memory a quota counts is refused (`failed quota: …:
 * must specify …`); a request that would take a quota past `hard` is refused with what it asked, what was used
 * and the limit (`exceeded quota: …`).
 *
 * Usage is what the quota controller writes in `status.used`: the sum over the objects stored in the namespace
 * (resource_quota_controller.go syncResourceQuota with CalculateUsage), worked out when a request first needs it
 * and then kept up to date with what each admitted request adds, as the plugin itself adds it, until an object
 * of that kind is replaced or deleted. A written `status` of a quota is not read.
 */
import type { ResourceQuota, ScopedResourceSelectorRequirement } from 'kubernetes-types/core/v1';
import { type AdmissionContext, type AdmissionPlugin, type AdmissionRequest, forbidden } from './admission';
import { evaluatorFor, type QuotaEvaluator } from './quota-evaluators';
import { addLists, countOf, exceededNames, maskList, prettyPrint, removeZeros, subtractNonNegative } from './resource-lists';
import { readResourceList, type ResourceList } from '../../kube/resource-lists';
import type { Stored, StoredObject } from '../store';

export const resourceQuota: AdmissionPlugin = {
  name: 'ResourceQuota',
  validate(request, context) {
    if (!request.namespace) return undefined;
    const evaluator = evaluatorFor(request.object);
    if (!evaluator.handles(request.operation)) return undefined;
    const quotas = context.store.list<ResourceQuota>('ResourceQuota', request.namespace);
    if (quotas.length === 0) return undefined;
    const refused = checkRequest(quotas, request, evaluator, context);
    return refused === undefined ? undefined : { refused: forbidden(request, refused) };
  },
};

/** A quota's usage of one kind's resources, valid while the store's revision of that kind is `revision`. */
interface CountedUsage {
  revision: number;
  used: ResourceList;
}

/** Per quota object, per kind: usage already counted. A quota applied again is a new object and is counted afresh. */
const countedUsage = new WeakMap<StoredObject, Map<string, CountedUsage>>();

/** CheckRequest: the reason the request is refused, or undefined. */
function checkRequest(quotas: readonly Stored<ResourceQuota>[], request: AdmissionRequest, evaluator: QuotaEvaluator, context: AdmissionContext): string | undefined {
  const interesting: { quota: Stored<ResourceQuota>; hard: ResourceList; restricted: string[] }[] = [];
  for (const quota of quotas) {
    const hard = readResourceList(quota.spec?.hard);
    const restricted = evaluator.matchingResources([...hard.keys()]);
    const uncounted = evaluator.uncountedResources?.([...hard.keys()]) ?? [];
    if (uncounted.length > 0)
      context.note(`ResourceQuota "${quota.metadata.name}" in namespace ${quota.metadata.namespace}: ${uncounted.join(', ')} not counted (huge pages and extended resources are not modelled).`);
    if (restricted.length === 0 || !scopesOf(quota).every((scope) => evaluator.matchesScope(scope, request.object))) continue;
    const unmet = evaluator.constraints(restricted, request.object);
    if (unmet !== undefined) return `failed quota: ${quota.metadata.name}: ${unmet}`;
    interesting.push({ quota, hard, restricted });
  }
  if (interesting.length === 0) return undefined;
  let delta = removeZeros(evaluator.usage(request.object));
  if (request.operation === 'UPDATE' && request.oldObject) delta = removeZeros(subtractNonNegative(delta, evaluator.usage(request.oldObject)));
  if (delta.size === 0) return undefined;
  const kind = request.object.kind;
  const updates: [Stored<ResourceQuota>, ResourceList][] = [];
  for (const { quota, hard, restricted } of interesting) {
    const used = usageOf(quota, restricted, evaluator, kind, context);
    const requested = maskList(delta, hard.keys());
    const newUsage = addLists(used, requested);
    const exceeded = exceededNames(maskList(newUsage, requested.keys()), hard);
    if (exceeded.length > 0) {
      const name = quota.metadata.name;
      return `exceeded quota: ${name}, requested: ${prettyPrint(maskList(requested, exceeded))}, used: ${prettyPrint(maskList(used, exceeded))}, limited: ${prettyPrint(maskList(hard, exceeded))}`;
    }
    updates.push([quota, newUsage]);
  }
  // Admitted: the object is stored next, which moves the kind's revision on by one.
  const revision = context.store.revision(kind) + 1;
  for (const [quota, used] of updates) countsOf(quota).set(kind, { revision, used });
  return undefined;
}

/** getScopeSelectorsFromQuota: `scopes` as Exists requirements, then the scopeSelector's expressions. */
function scopesOf(quota: ResourceQuota): ScopedResourceSelectorRequirement[] {
  const scopes = (quota.spec?.scopes ?? []).map((scopeName): ScopedResourceSelectorRequirement => ({ scopeName, operator: 'Exists' }));
  return [...scopes, ...(quota.spec?.scopeSelector?.matchExpressions ?? [])];
}

function countsOf(quota: StoredObject): Map<string, CountedUsage> {
  let counts = countedUsage.get(quota);
  if (!counts) countedUsage.set(quota, (counts = new Map()));
  return counts;
}

/** The quota's status.used of the restricted names, from the objects of `kind` in its namespace. */
function usageOf(quota: Stored<ResourceQuota>, restricted: readonly string[], evaluator: QuotaEvaluator, kind: string, context: AdmissionContext): ResourceList {
  const store = context.store;
  const counted = countsOf(quota).get(kind);
  if (counted && counted.revision === store.revision(kind)) return counted.used;
  context.note(
    `ResourceQuota "${quota.metadata.name}" in namespace ${quota.metadata.namespace}: usage is counted from the objects in the cluster, as if the quota controller had synced the quota before each request.`,
  );
  const used = calculateUsage(quota, restricted, evaluator, store.list(kind, quota.metadata.namespace));
  countsOf(quota).set(kind, { revision: store.revision(kind), used });
  return used;
}

/** CalculateUsage for one evaluator: zero for each restricted name, plus each object under the quota's scopes. */
function calculateUsage(quota: ResourceQuota, restricted: readonly string[], evaluator: QuotaEvaluator, objects: readonly StoredObject[]): ResourceList {
  let used: ResourceList = new Map(restricted.map((name) => [name, countOf(0)]));
  const scopes = scopesOf(quota);
  for (const object of objects) {
    if (!scopes.every((scope) => evaluator.matchesScope(scope, object))) continue;
    used = addLists(used, maskList(evaluator.usage(object), restricted));
  }
  return used;
}
