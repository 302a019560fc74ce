/**
 * What RBAC grants, against the workspace and the cluster's default roles and bindings (rbac/): on a RoleBinding's
 * or ClusterRoleBinding's `roleRef` or `subjects`, the rules its subjects get from it (aggregated ClusterRoles
 * resolved); on a ServiceAccount's `metadata.name`, every rule the account holds, with the binding that grants it —
 * the account's user name `system:serviceaccount:NS:NAME` in the groups its token carries (`system:serviceaccounts`,
 * `system:serviceaccounts:NS`, `system:authenticated`), matched against every binding as the RBAC authorizer matches
 * them (plugin/pkg/auth/authorizer/rbac/rbac.go, appliesTo).
 */
import type { Catalog } from '../../catalog/catalog';
import { isObject, objectAt, stringAt, type PlainObject } from '../../kube/plain-values';
import { combineResourceGroup } from '../../rbac/access-list';
import { describeSubject, findBinding, grantsFor, impersonatedUser, rbacPolicyOf, roleExists, roleReferenceRules, type Binding, type RbacPolicy } from '../../rbac/authorizer';
import { BOOTSTRAP_CLUSTER_ROLES } from '../../rbac/bootstrap-policy';
import type { PolicyRule } from '../../rbac/policy-rules';
import { plural, startsWith, type Explainer, type HoverTarget } from './target';

/** Table rows shown; beyond them, a count. */
const SHOWN_ROWS = 25;

const RBAC_KINDS = ['ClusterRole', 'Role', 'ClusterRoleBinding', 'RoleBinding'];

export const explainBinding: Explainer = (target) => {
  if (target.kind !== 'RoleBinding' && target.kind !== 'ClusterRoleBinding') return undefined;
  if (!startsWith(target.path, ['roleRef']) && !startsWith(target.path, ['subjects'])) return undefined;
  const name = stringAt(objectAt(target.object, 'metadata'), 'name');
  if (!name) return undefined;
  const namespace = target.kind === 'RoleBinding' ? namespaceOf(target.object) : '';
  const policy = policyOf(target);
  const binding = findBinding(policy, target.kind, namespace, name);
  if (!binding?.roleRef.name) return undefined;
  const role = `${binding.roleRef.kind} \`${binding.roleRef.name}\``;
  const who = binding.subjects.length > 0 ? binding.subjects.map((subject) => describeSubject(subject, binding.namespace)).join(', ') : 'no subjects';
  const scope = binding.kind === 'RoleBinding' ? `in namespace \`${binding.namespace}\` only` : 'in every namespace and cluster-wide';
  if (!roleExists(policy, binding)) {
    const where = binding.roleRef.kind === 'ClusterRole' ? 'neither in the workspace nor a default ClusterRole' : `not in the workspace in namespace \`${binding.namespace}\``;
    return `**Grants** nothing known: ${role} is ${where}, and a binding to a role that does not exist grants nothing`;
  }
  const written = roleReferenceRules(policy, binding);
  const rules = effectiveRules(binding, written);
  const lines = [`**Grants** ${role}${aggregatedNote(target, binding)} to ${who}, ${scope}`, ''];
  if (written.length === 0) lines.push(`${role} has no rules: the binding grants nothing.`);
  else if (rules.length > 0) lines.push('| Verbs | Resources |', '| --- | --- |', ...capped(rules.map((rule) => `| ${verbsOf(rule)} | ${resourcesOf(rule)} |`)));
  if (rules.length < written.length) lines.push(...(rules.length > 0 ? [''] : []), NON_RESOURCE_NOTE);
  return lines.join('\n');
};

export const explainServiceAccountAccess: Explainer = (target) => {
  if (target.kind !== 'ServiceAccount' || target.path.length !== 2 || target.path[0] !== 'metadata' || target.path[1] !== 'name') return undefined;
  const name = stringAt(objectAt(target.object, 'metadata'), 'name');
  if (!name) return undefined;
  const namespace = namespaceOf(target.object);
  const user = impersonatedUser(`system:serviceaccount:${namespace}:${name}`, []);
  const policy = policyOf(target);
  const rows: string[] = [];
  for (const grant of grantsFor(policy, user)) {
    const where = grant.binding.kind === 'RoleBinding' ? `\`${grant.binding.namespace}\`` : 'all';
    const by = `${grant.binding.kind} \`${grant.binding.name}\` (${grant.binding.roleRef.kind} \`${grant.binding.roleRef.name}\`, as ${grant.through})`;
    for (const rule of effectiveRules(grant.binding, grant.rules)) rows.push(`| ${where} | ${verbsOf(rule)} | ${resourcesOf(rule)} | ${by} |`);
  }
  const lines = [
    `**May do**, as \`${user.name}\` in the groups ${user.groups.map((group) => `\`${group}\``).join(', ')}, through the bindings of the workspace and the cluster's default ones:`,
    '',
  ];
  lines.push('| Namespace | Verbs | Resources | Granted by |', '| --- | --- | --- | --- |', ...capped(rows));
  return lines.join('\n');
};

const NON_RESOURCE_NOTE = "The role's non-resource URLs are not granted: a RoleBinding is consulted only for requests in its namespace (VisitRulesFor).";

/** A RoleBinding grants only what a namespaced request can ask for: the role's non-resource rules never match through it. */
function effectiveRules(binding: Binding, rules: readonly PolicyRule[]): readonly PolicyRule[] {
  return binding.kind === 'RoleBinding' ? rules.filter((rule) => rule.resources.length > 0) : rules;
}

/** The workspace's roles and bindings, the hovered object as written in the editor over its version in the index. */
function policyOf(target: HoverTarget): RbacPolicy {
  const catalog: Catalog | undefined = target.catalog?.();
  const objects: PlainObject[] = [];
  if (catalog) for (const kind of RBAC_KINDS) for (const object of catalog.ofKind(kind)) objects.push(object.value);
  objects.push(target.object);
  return rbacPolicyOf(objects);
}

/** Names the aggregation, since an aggregated ClusterRole's rules are not written in it. */
function aggregatedNote(target: HoverTarget, binding: Binding): string {
  if (binding.roleRef.kind !== 'ClusterRole') return '';
  const written = target
    .catalog?.()
    .ofKind('ClusterRole')
    .find((role) => role.name === binding.roleRef.name)?.value;
  const role = written ?? BOOTSTRAP_CLUSTER_ROLES.find((candidate) => stringAt(objectAt(candidate, 'metadata'), 'name') === binding.roleRef.name);
  return isObject(role?.['aggregationRule']) ? ' (aggregated: the rules of the ClusterRoles its aggregationRule selects)' : '';
}

function verbsOf(rule: PolicyRule): string {
  return rule.verbs.map((verb) => `\`${verb}\``).join(' ');
}

/** `pods`, `deployments.apps`, with resourceNames; or the non-resource URLs. */
function resourcesOf(rule: PolicyRule): string {
  if (rule.resources.length === 0) return `URLs ${rule.nonResourceURLs.map((url) => `\`${url}\``).join(' ')}`;
  const resources = rule.apiGroups.flatMap((group) => rule.resources.map((resource) => `\`${combineResourceGroup([resource], [group])}\``));
  const names = rule.resourceNames.length > 0 ? ` named ${rule.resourceNames.map((name) => `\`${name}\``).join(' ')}` : '';
  return `${resources.join(' ')}${names}`;
}

function capped(rows: readonly string[]): string[] {
  if (rows.length <= SHOWN_ROWS) return [...rows];
  return [...rows.slice(0, SHOWN_ROWS), '', `… and ${plural(rows.length - SHOWN_ROWS, 'more rule')}`];
}

function namespaceOf(object: PlainObject): string {
  return stringAt(objectAt(object, 'metadata'), 'namespace') || 'default';
}
