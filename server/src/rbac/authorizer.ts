/**
 * The RBAC authorizer over a set of manifests: the Roles, ClusterRoles, RoleBindings and ClusterRoleBindings of the
 * inputs on top of the cluster's default roles and bindings (bootstrap-policy.ts), ClusterRoles aggregated as the
 * ClusterRole aggregation controller leaves them (pkg/controller/clusterroleaggregation), and a request decided as
 * RBACAuthorizer.Authorize decides it (plugin/pkg/auth/authorizer/rbac/rbac.go; the bindings visited in the order of
 * VisitRulesFor in pkg/registry/rbac/validation/rule.go: every ClusterRoleBinding, then the RoleBindings of the
 * request's namespace).
 */
import { compileLabelSelector, labelsOf } from '../kube/label-selectors';
import { isObject, listAt, objectAt, stringAt, type PlainObject } from '../kube/plain-values';
import { ALL_AUTHENTICATED, ALL_SERVICE_ACCOUNTS, ALL_UNAUTHENTICATED, BOOTSTRAP_CLUSTER_ROLE_BINDINGS, BOOTSTRAP_CLUSTER_ROLES } from './bootstrap-policy';
import { policyRulesOf, ruleAllows, type AccessRequest, type PolicyRule } from './policy-rules';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** user.Info: the name and groups the authenticator (or impersonation) gives the request. */
export interface UserInfo {
  name: string;
  groups: readonly string[];
}

export interface Subject {
  kind: string;
  name: string;
  namespace: string;
}

export interface Binding {
  kind: 'ClusterRoleBinding' | 'RoleBinding';
  name: string;
  /** "" for a ClusterRoleBinding. */
  namespace: string;
  roleRef: { kind: string; name: string };
  subjects: Subject[];
}

/** The roles and bindings the authorizer reads, as its listers would return them. */
export interface RbacPolicy {
  clusterRoles: ReadonlyMap<string, readonly PolicyRule[]>;
  /** Keyed `namespace/name`. */
  roles: ReadonlyMap<string, readonly PolicyRule[]>;
  clusterRoleBindings: readonly Binding[];
  roleBindings: readonly Binding[];
}

/** The binding and rule that allowed a request, with upstream's reason text. */
export interface Decision {
  allowed: boolean;
  /** `RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "y" to User "z"`, or "" when nothing allowed it. */
  reason: string;
  rule?: PolicyRule;
}

/** A rule a subject holds, and the binding it holds it through (for --list). */
export interface GrantedRule {
  rule: PolicyRule;
  source: string;
}

/**
 * The policy of the inputs (decoded objects of any kinds; the RBAC ones are picked out by apiVersion and kind), with
 * the default roles and bindings beneath them: an input object of the same name replaces a default one, as a
 * cluster's reconciled defaults are what an apply overwrites.
 */
export function rbacPolicyOf(objects: readonly PlainObject[]): RbacPolicy {
  const clusterRoles = new Map<string, PlainObject>();
  const roles = new Map<string, readonly PolicyRule[]>();
  const clusterRoleBindings = new Map<string, Binding>();
  const roleBindings = new Map<string, Binding>();
  for (const object of [...BOOTSTRAP_CLUSTER_ROLES, ...BOOTSTRAP_CLUSTER_ROLE_BINDINGS, ...objects]) {
    const apiVersion = stringAt(object, 'apiVersion') ?? '';
    if (!apiVersion.startsWith(`${RBAC_GROUP}/`)) continue;
    const name = stringAt(objectAt(object, 'metadata'), 'name');
    if (!name) continue;
    const namespace = stringAt(objectAt(object, 'metadata'), 'namespace') || 'default';
    switch (stringAt(object, 'kind')) {
      case 'ClusterRole':
        clusterRoles.set(name, object);
        break;
      case 'Role':
        roles.set(`${namespace}/${name}`, policyRulesOf(object));
        break;
      case 'ClusterRoleBinding':
        clusterRoleBindings.set(name, bindingOf(object, 'ClusterRoleBinding', name, ''));
        break;
      case 'RoleBinding':
        roleBindings.set(`${namespace}/${name}`, bindingOf(object, 'RoleBinding', name, namespace));
        break;
    }
  }
  return { clusterRoles: aggregateClusterRoles(clusterRoles), roles, clusterRoleBindings: [...clusterRoleBindings.values()], roleBindings: [...roleBindings.values()] };
}

function bindingOf(object: PlainObject, kind: Binding['kind'], name: string, namespace: string): Binding {
  const roleRef = objectAt(object, 'roleRef');
  return {
    kind,
    name,
    namespace,
    roleRef: { kind: stringAt(roleRef, 'kind') ?? '', name: stringAt(roleRef, 'name') ?? '' },
    subjects: listAt(object, 'subjects')
      .filter(isObject)
      .map((subject) => ({ kind: stringAt(subject, 'kind') ?? '', name: stringAt(subject, 'name') ?? '', namespace: stringAt(subject, 'namespace') ?? '' })),
  };
}

/**
 * The rules of every ClusterRole once the aggregation controller has settled. For a role with an aggregationRule,
 * syncClusterRole takes, selector by selector, the ClusterRoles it selects (by name, never the role itself) and
 * appends each of their rules not already present; an aggregated role selected by another (edit by admin's selector)
 * contributes its aggregated rules, so the controller's passes are repeated here until nothing changes.
 */
function aggregateClusterRoles(objects: ReadonlyMap<string, PlainObject>): Map<string, readonly PolicyRule[]> {
  const rules = new Map<string, readonly PolicyRule[]>();
  const aggregated: [name: string, selectors: ReturnType<typeof compileLabelSelector>[]][] = [];
  for (const [name, object] of objects) {
    const aggregationRule = objectAt(object, 'aggregationRule');
    if (aggregationRule) {
      aggregated.push([name, listAt(aggregationRule, 'clusterRoleSelectors').map((selector) => compileLabelSelector(selector))]);
      rules.set(name, []);
    } else rules.set(name, policyRulesOf(object));
  }
  const byName = [...objects.keys()].sort();
  const labels = new Map(byName.map((name) => [name, labelsOf(objectAt(objects.get(name), 'metadata', 'labels'))]));
  // Each pass can carry rules one more step along a chain of aggregated roles; a chain is never longer than the roles.
  for (let pass = 0; pass <= aggregated.length; pass++) {
    let changed = false;
    for (const [name, selectors] of aggregated) {
      const next: PolicyRule[] = [];
      const held = new Set<string>();
      for (const selects of selectors) {
        for (const other of byName) {
          if (other === name || !selects(labels.get(other)!)) continue;
          for (const rule of rules.get(other)!) {
            const key = ruleKey(rule);
            if (held.has(key)) continue;
            held.add(key);
            next.push(rule);
          }
        }
      }
      if (!sameRules(next, rules.get(name)!)) {
        rules.set(name, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return rules;
}

/**
 * ruleExists (pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go) compares rules with
 * equality.Semantic.DeepEqual; a PolicyRule here is five lists of strings (empty where
 * the manifest has none), so two rules are equal exactly when their lists are, which this key says in one string.
 * Kept per rule object: the same rules are compared on every pass.
 */
const ruleKeys = new WeakMap<PolicyRule, string>();
function ruleKey(rule: PolicyRule): string {
  let key = ruleKeys.get(rule);
  if (key === undefined) ruleKeys.set(rule, (key = JSON.stringify([rule.verbs, rule.apiGroups, rule.resources, rule.resourceNames, rule.nonResourceURLs])));
  return key;
}

function sameRules(a: readonly PolicyRule[], b: readonly PolicyRule[]): boolean {
  return a.length === b.length && a.every((rule, index) => rule === b[index] || ruleKey(rule) === ruleKey(b[index]!));
}

/**
 * The user a `--as` name (and `--as-group`s) stands for after impersonation (staging/src/k8s.io/apiserver/pkg/endpoints/
 * filters/impersonation.go): a service account's username `system:serviceaccount:NS:NAME` gets the groups
 * `system:serviceaccounts` and `system:serviceaccounts:NS` when no group is given, and every user but
 * `system:anonymous` is in `system:authenticated` (the anonymous user in `system:unauthenticated`).
 */
export function impersonatedUser(name: string, groups: readonly string[]): UserInfo {
  const held = [...groups];
  const serviceAccount = serviceAccountOfUsername(name);
  if (serviceAccount && held.length === 0) held.push(ALL_SERVICE_ACCOUNTS, `${ALL_SERVICE_ACCOUNTS}:${serviceAccount.namespace}`);
  const implied = name === 'system:anonymous' ? ALL_UNAUTHENTICATED : ALL_AUTHENTICATED;
  if (!held.includes(implied)) held.push(implied);
  return { name, groups: held };
}

/** serviceaccount.SplitUsername: the namespace and name of `system:serviceaccount:NS:NAME`, or undefined. */
export function serviceAccountOfUsername(username: string): { namespace: string; name: string } | undefined {
  const prefix = 'system:serviceaccount:';
  if (!username.startsWith(prefix)) return undefined;
  const parts = username.slice(prefix.length).split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return { namespace: parts[0], name: parts[1] };
}

/** appliesToUser: a User by name, a Group by membership, a ServiceAccount by its username (its namespace defaulting to a RoleBinding's). */
function appliesToUser(user: UserInfo, subject: Subject, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.name === subject.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const namespace = subject.namespace || bindingNamespace;
      return namespace !== '' && user.name === `system:serviceaccount:${namespace}:${subject.name}`;
    }
    default:
      return false;
  }
}

/** describeSubject: `User "alice"`, `ServiceAccount "name/namespace"`. */
export function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind === 'ServiceAccount') return `${subject.kind} ${JSON.stringify(`${subject.name}/${subject.namespace || bindingNamespace}`)}`;
  return `${subject.kind} ${JSON.stringify(subject.name)}`;
}

/** clusterRoleBindingDescriber / roleBindingDescriber. */
function describeBinding(binding: Binding, subject: Subject): string {
  const name = binding.kind === 'RoleBinding' ? `${binding.name}/${binding.namespace}` : binding.name;
  return `${binding.kind} ${JSON.stringify(name)} of ${binding.roleRef.kind} ${JSON.stringify(binding.roleRef.name)} to ${describeSubject(subject, binding.namespace)}`;
}

/** GetRoleReferenceRules: a ClusterRole by name, a Role of the binding's namespace; a missing role grants nothing. */
export function roleReferenceRules(policy: RbacPolicy, binding: Binding): readonly PolicyRule[] {
  if (binding.roleRef.kind === 'ClusterRole') return policy.clusterRoles.get(binding.roleRef.name) ?? [];
  if (binding.roleRef.kind === 'Role' && binding.kind === 'RoleBinding') return policy.roles.get(`${binding.namespace}/${binding.roleRef.name}`) ?? [];
  return [];
}

/** VisitRulesFor: each rule the user holds in the namespace ("" for cluster scope), until `visit` returns false. */
function visitRulesFor(policy: RbacPolicy, user: UserInfo, namespace: string, visit: (source: string, rule: PolicyRule) => boolean): void {
  const bindings = [...policy.clusterRoleBindings, ...(namespace === '' ? [] : policy.roleBindings.filter((binding) => binding.namespace === namespace))];
  for (const binding of bindings) {
    // appliesTo: the first subject that names the user is the one the reason describes.
    const subject = binding.subjects.find((candidate) => appliesToUser(user, candidate, binding.namespace));
    if (!subject) continue;
    const source = describeBinding(binding, subject);
    for (const rule of roleReferenceRules(policy, binding)) if (!visit(source, rule)) return;
  }
}

/** RBACAuthorizer.Authorize: allowed by the first rule that allows the request, with its binding as the reason; no opinion otherwise. */
export function authorize(policy: RbacPolicy, user: UserInfo, request: AccessRequest): Decision {
  const namespace = request.resource !== undefined ? request.namespace : '';
  let decision: Decision = { allowed: false, reason: '' };
  visitRulesFor(policy, user, namespace, (source, rule) => {
    if (!ruleAllows(request, rule)) return true;
    decision = { allowed: true, reason: `RBAC: allowed by ${source}`, rule };
    return false;
  });
  return decision;
}

/** RulesFor: every rule the user holds in the namespace, in the order the authorizer visits them. */
export function rulesFor(policy: RbacPolicy, user: UserInfo, namespace: string): GrantedRule[] {
  const granted: GrantedRule[] = [];
  visitRulesFor(policy, user, namespace, (source, rule) => {
    granted.push({ rule, source });
    return true;
  });
  return granted;
}

/** What one binding gives a user: the rules of its role, where they apply, and the subject through which. */
export interface BindingGrant {
  binding: Binding;
  /** The first subject that names the user, described as the authorizer's reason does (`Group "system:authenticated"`). */
  through: string;
  rules: readonly PolicyRule[];
}

/**
 * Every binding of the policy that applies to the user, in the order VisitRulesFor visits them: the
 * ClusterRoleBindings (cluster-wide), then the RoleBindings of every namespace (each in its own namespace).
 */
export function grantsFor(policy: RbacPolicy, user: UserInfo): BindingGrant[] {
  const grants: BindingGrant[] = [];
  for (const binding of [...policy.clusterRoleBindings, ...policy.roleBindings]) {
    const subject = binding.subjects.find((candidate) => appliesToUser(user, candidate, binding.namespace));
    if (subject) grants.push({ binding, through: describeSubject(subject, binding.namespace), rules: roleReferenceRules(policy, binding) });
  }
  return grants;
}

/** The binding of the policy with this kind, namespace ("" for a ClusterRoleBinding) and name. */
export function findBinding(policy: RbacPolicy, kind: Binding['kind'], namespace: string, name: string): Binding | undefined {
  const bindings = kind === 'ClusterRoleBinding' ? policy.clusterRoleBindings : policy.roleBindings;
  return bindings.find((binding) => binding.name === name && binding.namespace === (kind === 'ClusterRoleBinding' ? '' : namespace));
}

/** Whether the role a binding refers to exists in the policy (a default ClusterRole or one of the inputs). */
export function roleExists(policy: RbacPolicy, binding: Binding): boolean {
  if (binding.roleRef.kind === 'ClusterRole') return policy.clusterRoles.has(binding.roleRef.name);
  return binding.roleRef.kind === 'Role' && policy.roles.has(`${binding.namespace}/${binding.roleRef.name}`);
}
