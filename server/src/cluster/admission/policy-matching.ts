/**
 * Which requests a ValidatingAdmissionPolicy's matchConstraints, or its binding's matchResources, select
 * (staging/src/k8s.io/apiserver/pkg/admission/plugin/policy/matching/matching.go, Matcher.Matches, with the
 * webhook matchers it reuses: namespace.Matcher.MatchNamespaceSelector, object.Matcher.MatchObjectSelector and
 * rules.Matcher in staging/src/k8s.io/apiserver/pkg/admission/plugin/webhook/predicates/).
 */
import type { MatchResources, NamedRuleWithOperations } from 'kubernetes-types/admissionregistration/v1';
import type { Namespace } from 'kubernetes-types/core/v1';
import { compileLabelSelector, type Labels, labelsOf } from '../../kube/label-selectors';
import type { PlainValue } from '../../kube/plain-values';
import type { ObjectStore } from '../store';
import { type AdmissionRequest, groupResource } from './admission';

/** What the rules of a match compare: the request's group, version, resource and scope. */
export interface RequestResource {
  readonly group: string;
  readonly version: string;
  /** The REST resource: `deployments`. */
  readonly resource: string;
  readonly kind: string;
}

/** The group, version and REST resource of the request's object (our objects are stored in the version applied). */
export function requestResourceOf(request: AdmissionRequest): RequestResource {
  const apiVersion = request.object.apiVersion ?? 'v1';
  const slash = apiVersion.indexOf('/');
  const groupAndResource = groupResource(request.object);
  const dot = groupAndResource.indexOf('.');
  return {
    group: slash === -1 ? '' : apiVersion.slice(0, slash),
    version: slash === -1 ? apiVersion : apiVersion.slice(slash + 1),
    resource: dot === -1 ? groupAndResource : groupAndResource.slice(0, dot),
    kind: request.object.kind,
  };
}

/**
 * The Namespace of a namespaced request as the API server's informer holds it. A namespace the cluster model does
 * not store (`default`, or one the plan never created) is read as the API server creates it: with only the
 * `kubernetes.io/metadata.name` label it gives every namespace.
 */
export function namespaceOf(store: ObjectStore, name: string): Namespace {
  const stored = store.get<Namespace>('Namespace', '', name);
  if (stored) return { ...stored, metadata: { ...stored.metadata, labels: { ...stored.metadata.labels, 'kubernetes.io/metadata.name': name } } };
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } } };
}

/**
 * matching.Matcher.Matches: the namespace selector, the object selector, no excluded rule, then some rule (or no
 * rules at all). An absent match selects everything (a binding without matchResources). matchPolicy Equivalent also matches the
 * request through another version of the same resource; the cluster model serves each kind in the version applied,
 * so an exact rule and an equivalent one select the same requests here.
 */
export function matchesResources(match: MatchResources | undefined, request: AdmissionRequest, store: ObjectStore): boolean {
  if (!match) return true;
  if (!matchesNamespaceSelector(match, request, store)) return false;
  if (!matchesObjectSelector(match, request)) return false;
  const resource = requestResourceOf(request);
  if ((match.excludeResourceRules ?? []).some((rule) => matchesRule(rule, request, resource))) return false;
  // No resourceRules (a binding narrowing its policy by selectors only): every resource not excluded.
  const rules = match.resourceRules ?? [];
  return rules.length === 0 || rules.some((rule) => matchesRule(rule, request, resource));
}

/**
 * namespace.Matcher.MatchNamespaceSelector: a cluster-scoped object other than a Namespace always matches; a
 * Namespace is matched by its own labels; any other object by its namespace's.
 */
function matchesNamespaceSelector(match: MatchResources, request: AdmissionRequest, store: ObjectStore): boolean {
  const selector = match.namespaceSelector;
  if (!selector) return true;
  let labels: Labels;
  if (request.object.kind === 'Namespace' && request.object.apiVersion === 'v1') labels = labelsOf(request.object.metadata.labels as PlainValue);
  else if (!request.namespace) return true;
  else labels = (namespaceOf(store, request.namespace).metadata?.labels ?? {}) as Labels;
  return compileLabelSelector(selector)(labels);
}

/** object.Matcher.MatchObjectSelector: the object's labels, or the old object's on an update. */
function matchesObjectSelector(match: MatchResources, request: AdmissionRequest): boolean {
  const selector = match.objectSelector;
  if (!selector) return true;
  const selects = compileLabelSelector(selector);
  if (selects(labelsOf(request.object.metadata.labels as PlainValue))) return true;
  return request.oldObject !== undefined && selects(labelsOf(request.oldObject.metadata.labels as PlainValue));
}

/** A rule of a match: kubernetes-types leaves out the fields NamedRuleWithOperations has from RuleWithOperations. */
type PolicyRule = NamedRuleWithOperations & { resources?: string[]; scope?: string };

/** rules.Matcher.Matches: operation, group, version, resource (without subresource), scope and resource name. */
function matchesRule(rule: PolicyRule, request: AdmissionRequest, resource: RequestResource): boolean {
  const listed = (values: readonly string[] | undefined, value: string) => (values ?? []).some((candidate) => candidate === '*' || candidate === value);
  if (!listed(rule.operations, request.operation)) return false;
  if (!listed(rule.apiGroups, resource.group) || !listed(rule.apiVersions, resource.version)) return false;
  // A request without a subresource: `deployments`, `*` and `*/*` match it, `deployments/status` does not.
  const resourceMatches = (rule.resources ?? []).some((entry) => {
    const [name, subresource = ''] = entry.split('/', 2);
    return (name === '*' || name === resource.resource) && (subresource === '*' || subresource === '');
  });
  if (!resourceMatches) return false;
  const scope = rule.scope ?? '*';
  if (scope === 'Cluster' && request.namespace !== '') return false;
  if (scope === 'Namespaced' && request.namespace === '') return false;
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(request.name);
}
