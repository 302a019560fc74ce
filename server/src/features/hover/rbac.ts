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
import { loadBundle } from '../../schema/bundle';
import { clusterScopedResources } from '../../schema/resource-names';
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
  const granted = grantedRules(binding, written, clusterScopedResources(loadBundle(target.kubernetesVersion)));
  const lines = [`**Grants** ${role}${aggregatedNote(target, binding)} to ${who}, ${scope}`, ''];
  if (written.length === 0) lines.push(`${role} has no rules: the binding grants nothing.`);
  else if (granted.rows.length > 0) lines.push('| Verbs | Resources |', '| --- | --- |', ...capped(granted.rows.map((row) => `| ${row.verbs} | ${row.resources} |`)));
  const notes = withheldNotes(granted);
  for (const [index, note] of notes.entries()) lines.push(...(index > 0 || granted.rows.length > 0 ? [''] : []), note);
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
  const clusterScoped = clusterScopedResources(loadBundle(target.kubernetesVersion));
  for (const grant of grantsFor(policy, user)) {
    const where = grant.binding.kind === 'RoleBinding' ? `\`${grant.binding.namespace}\`` : 'all';
    const by = `${grant.binding.kind} \`${grant.binding.name}\` (${grant.binding.roleRef.kind} \`${grant.binding.roleRef.name}\`, as ${grant.through})`;
    for (const row of grantedRules(grant.binding, grant.rules, clusterScoped).rows) rows.push(`| ${where} | ${row.verbs} | ${row.resources} | ${by} |`);
  }
  const lines = [
    `**May do**, as \`${user.name}\` in the groups ${user.groups.map((group) => `\`${group}\``).join(', ')}, through the bindings of the workspace and the cluster's default ones:`,
    '',
  ];
  lines.push('| Namespace | Verbs | Resources | Granted by |', '| --- | --- | --- | --- |', ...capped(rows));
  return lines.join('\n');
};

/** A row of what a binding grants: the verbs, and the resources (`resource.group`, with resourceNames) or URLs. */
interface GrantedRow {
  verbs: string;
  resources: string;
}

interface GrantedRules {
  rows: GrantedRow[];
  /** Through a RoleBinding: whether the role had non-resource URLs, and its cluster-scoped resources, none granted. */
  withheldUrls: boolean;
  withheldClusterScoped: string[];
}

/**
 * What a binding grants of its role's rules. A RoleBinding is consulted only for requests in its namespace
 * (pkg/registry/rbac/validation/rule.go VisitRulesFor visits RoleBindings only when the request has a namespace), and
 * neither a non-resource URL nor a cluster-scoped resource (`nodes`, `persistentvolumes`) is asked for with one: so
 * through a RoleBinding those rules, or those resources of a rule, grant nothing.
 */
function grantedRules(binding: Binding, rules: readonly PolicyRule[], clusterScoped: ReadonlyMap<string, ReadonlySet<string>>): GrantedRules {
  const granted: GrantedRules = { rows: [], withheldUrls: false, withheldClusterScoped: [] };
  const inNamespace = binding.kind === 'RoleBinding';
  for (const rule of rules) {
    if (rule.resources.length === 0) {
      if (inNamespace) granted.withheldUrls = true;
      else granted.rows.push({ verbs: verbsOf(rule), resources: `URLs ${rule.nonResourceURLs.map((url) => `\`${url}\``).join(' ')}` });
      continue;
    }
    const resources: string[] = [];
    for (const group of rule.apiGroups) {
      for (const resource of rule.resources) {
        const named = `\`${combineResourceGroup([resource], [group])}\``;
        if (inNamespace && isClusterScoped(clusterScoped, group, resource)) {
          if (!granted.withheldClusterScoped.includes(named)) granted.withheldClusterScoped.push(named);
        } else resources.push(named);
      }
    }
    if (resources.length === 0) continue;
    const names = rule.resourceNames.length > 0 ? ` named ${rule.resourceNames.map((name) => `\`${name}\``).join(' ')}` : '';
    granted.rows.push({ verbs: verbsOf(rule), resources: `${resources.join(' ')}${names}` });
  }
  return granted;
}

/** `nodes`, `nodes/status` in the core group; under `*` groups, a resource no group serves in a namespace. */
function isClusterScoped(clusterScoped: ReadonlyMap<string, ReadonlySet<string>>, group: string, resource: string): boolean {
  const base = resource.split('/')[0]!;
  if (base === '*') return false;
  if (group === '*') return [...clusterScoped.values()].some((resources) => resources.has(base));
  return clusterScoped.get(group)?.has(base) ?? false;
}

function withheldNotes(granted: GrantedRules): string[] {
  const notes: string[] = [];
  if (granted.withheldClusterScoped.length > 0) {
    notes.push(
      `The role's cluster-scoped resources (${granted.withheldClusterScoped.join(' ')}) are not granted: a RoleBinding is consulted only for requests in its namespace (VisitRulesFor), and they are asked for without one.`,
    );
  }
  if (granted.withheldUrls) notes.push("The role's non-resource URLs are not granted: a RoleBinding is consulted only for requests in its namespace (VisitRulesFor).");
  return notes;
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

function capped(rows: readonly string[]): string[] {
  if (rows.length <= SHOWN_ROWS) return [...rows];
  return [...rows.slice(0, SHOWN_ROWS), '', `… and ${plural(rows.length - SHOWN_ROWS, 'more rule')}`];
}

function namespaceOf(object: PlainObject): string {
  return stringAt(objectAt(object, 'metadata'), 'namespace') || 'default';
}
