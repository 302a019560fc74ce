/**
 * What `kubectl auth can-i --list` prints for the rules a user holds in a namespace (staging/src/k8s.io/kubectl/pkg/
 * cmd/auth/cani.go printStatus, over the SelfSubjectRulesReview the API server answers from the RBAC authorizer's
 * RulesFor): each rule broken down to one group, resource, name and verb (pkg/util/rbac BreakdownRule), the rules of
 * one group, resource and name merged with their verbs appended in order, duplicates kept (CompactRules), sorted by
 * the rule's Go String() (SortableRuleSlice), and printed as the rows Resources, Non-Resource URLs, Resource Names,
 * Verbs (printAccess, describe.CombineResourceGroup).
 */
import type { PolicyRule } from './policy-rules';

export const ACCESS_LIST_HEADERS = ['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs'] as const;

/** The table's rows, one cell per column, in kubectl's order. */
export function accessListRows(rules: readonly PolicyRule[]): string[][] {
  // The review's resource rules come first, then its non-resource rules, each from the rules that have them.
  const reviewed = [
    ...rules.filter((rule) => rule.resources.length > 0).map((rule) => ({ ...rule, nonResourceURLs: [] })),
    ...rules.filter((rule) => rule.nonResourceURLs.length > 0).map((rule) => ({ verbs: rule.verbs, apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: rule.nonResourceURLs })),
  ];
  const compacted = compactRules(reviewed.flatMap(breakdownRule));
  const keyed = compacted.map((rule) => ({ rule, key: goString(rule) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map(({ rule }) => [combineResourceGroup(rule.resources, rule.apiGroups), goSlice(rule.nonResourceURLs), goSlice(rule.resourceNames), goSlice(rule.verbs)]);
}

function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const subrules: PolicyRule[] = [];
  for (const group of rule.apiGroups) {
    for (const resource of rule.resources) {
      for (const verb of rule.verbs) {
        const names = rule.resourceNames.length > 0 ? rule.resourceNames.map((name) => [name]) : [[]];
        for (const resourceNames of names) subrules.push({ verbs: [verb], apiGroups: [group], resources: [resource], resourceNames, nonResourceURLs: [] });
      }
    }
  }
  for (const url of rule.nonResourceURLs) for (const verb of rule.verbs) subrules.push({ verbs: [verb], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [url] });
  return subrules;
}

/** Rules of one API group, one resource and at most one name are merged; every other rule is kept as it is, before them. */
function compactRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of rules) {
    const isSimple = rule.resourceNames.length <= 1 && rule.nonResourceURLs.length === 0 && rule.apiGroups.length === 1 && rule.resources.length === 1;
    if (!isSimple) {
      compacted.push(rule);
      continue;
    }
    const key = JSON.stringify([rule.apiGroups[0], rule.resources[0], rule.resourceNames]);
    const existing = simple.get(key);
    if (existing) simple.set(key, { ...existing, verbs: [...existing.verbs, ...rule.verbs] });
    else simple.set(key, rule);
  }
  return [...compacted, ...simple.values()];
}

/** fmt's %v of a []string: `[a b]`, an empty string printing as nothing. */
function goSlice(values: readonly string[]): string {
  return `[${values.join(' ')}]`;
}

/** The generated PolicyRule.String(), which SortableRuleSlice compares. */
function goString(rule: PolicyRule): string {
  return `&PolicyRule{Verbs:${goSlice(rule.verbs)},APIGroups:${goSlice(rule.apiGroups)},Resources:${goSlice(rule.resources)},ResourceNames:${goSlice(rule.resourceNames)},NonResourceURLs:${goSlice(rule.nonResourceURLs)},}`;
}

/** `pods`, `deployments.apps`, `deployments.apps/scale`: the first resource with the first group, the subresource last. */
export function combineResourceGroup(resources: readonly string[], groups: readonly string[]): string {
  const [resource] = resources;
  if (resource === undefined) return '';
  const slash = resource.indexOf('/');
  const base = slash === -1 ? resource : resource.slice(0, slash);
  const group = groups[0] ?? '';
  return `${base}${group !== '' ? `.${group}` : ''}${slash === -1 ? '' : resource.slice(slash)}`;
}
