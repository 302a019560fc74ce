/**
 * RBAC policy rules and whether one allows a request, as the API server's RBAC authorizer decides it
 * (kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/rbac.go RuleAllows, and the matchers of
 * pkg/apis/rbac/v1/evaluation_helpers.go: VerbMatches, APIGroupMatches, ResourceMatches, ResourceNameMatches,
 * NonResourceURLMatches).
 */
import { isObject, listAt, type PlainValue } from '../kube/plain-values';

/** rbacv1.PolicyRule: empty lists where the manifest has none. */
export interface PolicyRule {
  verbs: readonly string[];
  apiGroups: readonly string[];
  resources: readonly string[];
  resourceNames: readonly string[];
  nonResourceURLs: readonly string[];
}

/** What is asked: a resource request (`resource` set) or a non-resource request (`path` set). */
export type AccessRequest =
  | { verb: string; apiGroup: string; resource: string; subresource: string; name: string; namespace: string; path?: undefined }
  | { verb: string; path: string; resource?: undefined };

/** rbacv1.VerbAll, APIGroupAll, ResourceAll, NonResourceAll. */
const ALL = '*';

/** The policy rules of a decoded Role or ClusterRole (`rules`); entries of any other shape are skipped. */
export function policyRulesOf(role: PlainValue | undefined): PolicyRule[] {
  return listAt(role, 'rules')
    .filter(isObject)
    .map((rule) => ({
      verbs: stringsAt(rule, 'verbs'),
      apiGroups: stringsAt(rule, 'apiGroups'),
      resources: stringsAt(rule, 'resources'),
      resourceNames: stringsAt(rule, 'resourceNames'),
      nonResourceURLs: stringsAt(rule, 'nonResourceURLs'),
    }));
}

function stringsAt(value: PlainValue, key: string): string[] {
  return listAt(value, key).filter((item): item is string => typeof item === 'string');
}

/** RuleAllows: a resource request needs verb, group, resource (with its subresource) and name to match; a non-resource request verb and URL. */
export function ruleAllows(request: AccessRequest, rule: PolicyRule): boolean {
  if (request.resource !== undefined) {
    const combined = request.subresource ? `${request.resource}/${request.subresource}` : request.resource;
    return verbMatches(rule, request.verb) && apiGroupMatches(rule, request.apiGroup) && resourceMatches(rule, combined, request.subresource) && resourceNameMatches(rule, request.name);
  }
  return verbMatches(rule, request.verb) && nonResourceURLMatches(rule, request.path);
}

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((ruleVerb) => ruleVerb === ALL || ruleVerb === verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return rule.apiGroups.some((ruleGroup) => ruleGroup === ALL || ruleGroup === group);
}

/**
 * `*` matches every resource and subresource; otherwise the combined `resource/subresource` must be listed, or
 * `*∕subresource` (any resource's subresource of that name) when a subresource is asked for.
 */
export function resourceMatches(rule: PolicyRule, combinedResource: string, subresource: string): boolean {
  return rule.resources.some(
    (ruleResource) =>
      ruleResource === ALL ||
      ruleResource === combinedResource ||
      (subresource !== '' && ruleResource.length === subresource.length + 2 && ruleResource.startsWith('*/') && ruleResource.endsWith(subresource)),
  );
}

/** No resourceNames means every name; otherwise the name must be listed (so a request without a name, a list or a create, never matches). */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  return rule.resourceNames.length === 0 || rule.resourceNames.includes(name);
}

/** `*` matches every path; a URL ending in `*` matches the paths it is a prefix of. */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return rule.nonResourceURLs.some((url) => url === ALL || url === path || (url.endsWith('*') && path.startsWith(url.replace(/\*+$/, ''))));
}
