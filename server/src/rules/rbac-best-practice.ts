/**
 * Best practice for RBAC: rules the API server accepts as written but that never match a request (a resource or verb
 * the chosen version's API does not have, usually a typo), and grants worth a second look (wildcards, cluster-admin,
 * reading Secrets, the verbs that escalate privilege: bind, escalate, impersonate), off by default.
 */
import { FieldPath, pathWarning, type FieldError } from '../kube/field-errors';
import { objectAt, objectsAt, stringAt, type PlainObject } from '../kube/plain-values';
import { groupOf } from '../schema/api-versions';
import { loadBundle } from '../schema/bundle';
import { closestName } from '../schema/did-you-mean';
import type { KubernetesVersion } from '../schema/versions';
import type { ObjectRule } from './rule';

/**
 * The subresources of the built-in resources (the REST storages of pkg/registry/…/rest), which discovery lists and
 * the schemas do not. `status` is served for most resources and always accepted. `deployments/rollback` is kept
 * because the default `edit` role still names it.
 */
const SUBRESOURCES: Readonly<Record<string, readonly string[]>> = {
  pods: ['attach', 'binding', 'ephemeralcontainers', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'resize'],
  services: ['proxy'],
  nodes: ['proxy', 'metrics', 'spec', 'stats', 'log'],
  namespaces: ['finalize'],
  serviceaccounts: ['token'],
  deployments: ['scale', 'rollback'],
  replicasets: ['scale'],
  statefulsets: ['scale'],
  replicationcontrollers: ['scale'],
  certificatesigningrequests: ['approval'],
  persistentvolumeclaims: [],
  horizontalpodautoscalers: [],
};

/** Resources the authorizer is asked about that no kind stands for: impersonation's users, groups and user extras, signers, the bindings of pods. */
const RESOURCES_WITHOUT_KIND: Readonly<Record<string, readonly string[]>> = {
  '': ['users', 'groups', 'bindings', 'componentstatuses'],
  'authentication.k8s.io': ['userextras', 'uids'],
  'certificates.k8s.io': ['signers'],
};

/** The verbs of resource rules kubectl knows (cani.go resourceVerbs), with `proxy` for nodes and services. */
const RESOURCE_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', 'approve', 'sign', 'escalate', 'attest', 'proxy'];
/** cani.go nonResourceURLVerbs: the HTTP methods a non-resource URL is asked with. */
const NON_RESOURCE_VERBS = ['get', 'put', 'post', 'head', 'options', 'delete', 'patch'];

const servedResources = new Map<KubernetesVersion, Map<string, Set<string>>>();

/** The resources each API group of the version serves, by REST plural; groups the version does not serve are absent. */
function resourcesByGroup(version: KubernetesVersion): Map<string, Set<string>> {
  let byGroup = servedResources.get(version);
  if (byGroup) return byGroup;
  byGroup = new Map();
  for (const info of Object.values(loadBundle(version).kinds)) {
    const group = groupOf(info.apiVersion);
    let resources = byGroup.get(group);
    if (!resources) byGroup.set(group, (resources = new Set()));
    resources.add(info.plural);
  }
  for (const [group, extra] of Object.entries(RESOURCES_WITHOUT_KIND)) for (const resource of extra) byGroup.get(group)?.add(resource);
  servedResources.set(version, byGroup);
  return byGroup;
}

/** Every resource/subresource name the groups serve, for suggestions. */
function candidateNames(resources: ReadonlySet<string>): string[] {
  const names = [...resources];
  for (const resource of resources) for (const subresource of ['status', ...(SUBRESOURCES[resource] ?? [])]) names.push(`${resource}/${subresource}`);
  return names;
}

function isKnownResource(resource: string, served: ReadonlySet<string>): boolean {
  if (resource === '*' || resource.startsWith('*/')) return true;
  const slash = resource.indexOf('/');
  if (slash === -1) return served.has(resource);
  const base = resource.slice(0, slash);
  const subresource = resource.slice(slash + 1);
  if (!served.has(base)) return false;
  // Only the subresources of resources listed above are known; others (custom resources' scale, say) are let through.
  const known = SUBRESOURCES[base];
  return subresource === 'status' || subresource === '*' || known === undefined || known.includes(subresource);
}

function withSuggestion(message: string, name: string, candidates: readonly string[]): string {
  const suggestion = closestName(name, candidates);
  return suggestion && suggestion !== name ? `${message}; did you mean "${suggestion}"?` : message;
}

export const rbacUnknownResourceRule: ObjectRule = {
  id: 'rbac-unknown-resource',
  family: 'best-practice',
  defaultSeverity: 'warning',
  description: 'A Role or ClusterRole rule naming a resource or verb the API of the chosen version does not have: the rule never matches a request.',
  kinds: ['Role', 'ClusterRole'],
  check({ object, kubernetesVersion }) {
    const byGroup = resourcesByGroup(kubernetesVersion);
    const errors: FieldError[] = [];
    objectsAt(object, 'rules').forEach((rule, index) => {
      const path = FieldPath.of('rules').index(index);
      const urls = stringsOf(rule, 'nonResourceURLs');
      const verbs = stringsOf(rule, 'verbs');
      const knownVerbs = urls.length > 0 ? NON_RESOURCE_VERBS : RESOURCE_VERBS;
      verbs.forEach((verb, v) => {
        if (verb !== '*' && !knownVerbs.includes(verb)) errors.push(pathWarning(path.child('verbs').index(v), withSuggestion(`unknown verb "${verb}"`, verb, knownVerbs)));
      });
      const groups = stringsOf(rule, 'apiGroups');
      // A group the version does not serve (a custom resource's, an aggregated API's) is not ours to judge.
      if (groups.length === 0 || groups.some((group) => group === '*' || !byGroup.has(group))) return;
      const served = new Set(groups.flatMap((group) => [...byGroup.get(group)!]));
      stringsOf(rule, 'resources').forEach((resource, r) => {
        if (isKnownResource(resource, served)) return;
        const where = groups.map((group) => `"${group}"`).join(', ');
        errors.push(
          pathWarning(path.child('resources').index(r), withSuggestion(`API group ${where} has no resource "${resource}" in Kubernetes ${kubernetesVersion}`, resource, candidateNames(served))),
        );
      });
    });
    return errors;
  },
};

function stringsOf(rule: PlainObject, field: string): string[] {
  const values = rule[field];
  return Array.isArray(values) ? values.filter((value): value is string => typeof value === 'string') : [];
}

function policyRule(id: string, description: string, check: (rule: PlainObject, path: FieldPath) => FieldError[]): ObjectRule {
  return {
    id,
    family: 'best-practice',
    defaultSeverity: 'off',
    description,
    kinds: ['Role', 'ClusterRole'],
    check: ({ object }) => objectsAt(object, 'rules').flatMap((rule, index) => check(rule, FieldPath.of('rules').index(index))),
  };
}

export const rbacWildcardRule = policyRule(
  'rbac-wildcard',
  'A Role or ClusterRole rule with * in its verbs, API groups or resources: it grants what future versions and custom resources add too.',
  (rule, path) =>
    (['verbs', 'apiGroups', 'resources'] as const).flatMap((field) => {
      const index = stringsOf(rule, field).indexOf('*');
      return index === -1
        ? []
        : [pathWarning(path.child(field).index(index), `* in ${field} grants every ${field === 'verbs' ? 'verb' : field === 'apiGroups' ? 'API group' : 'resource'}, including those added later`)];
    }),
);

export const rbacSecretsAccessRule = policyRule('rbac-secrets-access', 'A Role or ClusterRole rule that lets its subjects read Secrets (get, list or watch on secrets).', (rule, path) => {
  const groups = stringsOf(rule, 'apiGroups');
  const resources = stringsOf(rule, 'resources');
  const verbs = stringsOf(rule, 'verbs');
  const coreGroup = groups.includes('') || groups.includes('*');
  const secrets = resources.includes('secrets') || resources.includes('*');
  const reads = verbs.some((verb) => verb === '*' || verb === 'get' || verb === 'list' || verb === 'watch');
  if (!coreGroup || !secrets || !reads) return [];
  // list and watch return every Secret's data, not only the names.
  return [pathWarning(path.child('resources'), 'this rule lets its subjects read Secrets; list and watch return every Secret of the namespace with its data')];
});

/** The verbs RBAC checks before a subject grants more than it holds (pkg/registry/rbac/escalation_check.go) or acts as another. */
const ESCALATION_VERBS = ['bind', 'escalate', 'impersonate'];

export const rbacEscalationVerbsRule = policyRule(
  'rbac-escalation-verbs',
  'A Role or ClusterRole rule with the bind, escalate or impersonate verb: its subjects can grant permissions they do not hold, or act as someone else.',
  (rule, path) =>
    stringsOf(rule, 'verbs').flatMap((verb, index) =>
      ESCALATION_VERBS.includes(verb)
        ? [
            pathWarning(
              path.child('verbs').index(index),
              `the "${verb}" verb lets its subjects ${verb === 'impersonate' ? 'act as other users, groups or service accounts' : 'grant permissions they do not hold'}`,
            ),
          ]
        : [],
    ),
);

export const rbacClusterAdminBindingRule: ObjectRule = {
  id: 'rbac-cluster-admin-binding',
  family: 'best-practice',
  defaultSeverity: 'off',
  description: 'A RoleBinding or ClusterRoleBinding to the cluster-admin ClusterRole.',
  kinds: ['RoleBinding', 'ClusterRoleBinding'],
  check({ kind, object }) {
    const roleRef = objectAt(object, 'roleRef');
    if (stringAt(roleRef, 'kind') !== 'ClusterRole' || stringAt(roleRef, 'name') !== 'cluster-admin') return [];
    const scope = kind === 'ClusterRoleBinding' ? 'every resource of the cluster' : 'every resource of the namespace, its Roles and RoleBindings included';
    return [pathWarning(FieldPath.of('roleRef', 'name'), `cluster-admin grants its subjects ${scope}`)];
  },
};

export const RBAC_BEST_PRACTICE_RULES: readonly ObjectRule[] = [rbacUnknownResourceRule, rbacWildcardRule, rbacSecretsAccessRule, rbacEscalationVerbsRule, rbacClusterAdminBindingRule];
