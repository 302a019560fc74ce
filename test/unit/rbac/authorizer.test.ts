/**
 * The RBAC authorizer worked by hand from kubernetes/kubernetes: plugin/pkg/auth/authorizer/rbac/rbac.go
 * (RBACAuthorizer.Authorize, RuleAllows, the describers of the reason), pkg/apis/rbac/v1/evaluation_helpers.go
 * (VerbMatches, APIGroupMatches, ResourceMatches, ResourceNameMatches, NonResourceURLMatches),
 * pkg/registry/rbac/validation/rule.go (VisitRulesFor, appliesToUser), pkg/controller/clusterroleaggregation
 * (syncClusterRole), staging/src/k8s.io/apiserver/pkg/endpoints/filters/impersonation.go (the groups of an
 * impersonated user) and plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-roles.yaml (the defaults).
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import type { PlainObject } from '../../../server/src/kube/plain-values';
import { authorize, impersonatedUser, rbacPolicyOf, rulesFor } from '../../../server/src/rbac/authorizer';
import { nonResourceURLMatches, resourceMatches, ruleAllows, type AccessRequest, type PolicyRule } from '../../../server/src/rbac/policy-rules';

const RBAC = 'rbac.authorization.k8s.io/v1';

function rule(fields: Partial<PolicyRule>): PolicyRule {
  return { verbs: [], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [], ...fields };
}

function resourceRequest(verb: string, resource: string, fields: Partial<Extract<AccessRequest, { resource: string }>> = {}): AccessRequest {
  return { verb, apiGroup: '', resource, subresource: '', name: '', namespace: 'default', ...fields };
}

function role(kind: 'Role' | 'ClusterRole', name: string, rules: PlainObject[], labels: Record<string, string> = {}): PlainObject {
  return { apiVersion: RBAC, kind, metadata: kind === 'Role' ? { name, namespace: 'team', labels } : { name, labels }, rules };
}

function binding(kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, roleRef: [string, string], subjects: PlainObject[], namespace = 'team'): PlainObject {
  return { apiVersion: RBAC, kind, metadata: { name, namespace }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleRef[0], name: roleRef[1] }, subjects };
}

// ResourceMatches: "*" matches all; the combined resource must equal; "*/sub" only for a subresource of that name.
test('a rule matches a resource by exact name, by *, and a subresource by */subresource', () => {
  const table: [ruleResources: string[], combined: string, subresource: string, matches: boolean][] = [
    [['pods'], 'pods', '', true],
    [['pods'], 'pods/log', 'log', false],
    [['pods/log'], 'pods/log', 'log', true],
    [['*'], 'pods/log', 'log', true],
    [['*/log'], 'pods/log', 'log', true],
    [['*/log'], 'pods', '', false],
    [['*/status'], 'pods/log', 'log', false],
    [['*/scale'], 'deployments/scale', 'scale', true],
  ];
  for (const [resources, combined, subresource, matches] of table) assert.equal(resourceMatches(rule({ resources }), combined, subresource), matches, `${resources} vs ${combined}`);
});

// NonResourceURLMatches: exact, "*", or a trailing "*" as a prefix (TrimRight of every "*").
test('a non-resource URL matches exactly, by *, or by a prefix ending in *', () => {
  const table: [urls: string[], path: string, matches: boolean][] = [
    [['/healthz'], '/healthz', true],
    [['/healthz'], '/healthz/ping', false],
    [['/healthz/*'], '/healthz/ping', true],
    [['/healthz/*'], '/healthz', false],
    [['/api*'], '/apis/apps', true],
    [['*'], '/anything', true],
  ];
  for (const [nonResourceURLs, path, matches] of table) assert.equal(nonResourceURLMatches(rule({ nonResourceURLs }), path), matches, `${nonResourceURLs} vs ${path}`);
});

// RuleAllows: verb, group, resource and name must all match; resourceNames never match a request without a name.
test('a rule with resourceNames allows only requests naming one of them', () => {
  const named = rule({ verbs: ['get', 'list'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['app-config'] });
  assert.equal(ruleAllows(resourceRequest('get', 'configmaps', { name: 'app-config' }), named), true);
  assert.equal(ruleAllows(resourceRequest('get', 'configmaps', { name: 'other' }), named), false);
  assert.equal(ruleAllows(resourceRequest('list', 'configmaps'), named), false);
});

test('a rule allows only its API groups and verbs, * standing for all', () => {
  const apps = rule({ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'] });
  assert.equal(ruleAllows(resourceRequest('get', 'deployments', { apiGroup: 'apps' }), apps), true);
  assert.equal(ruleAllows(resourceRequest('get', 'deployments', { apiGroup: 'extensions' }), apps), false);
  assert.equal(ruleAllows(resourceRequest('delete', 'deployments', { apiGroup: 'apps' }), apps), false);
  const everything = rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
  assert.equal(ruleAllows(resourceRequest('escalate', 'clusterroles', { apiGroup: 'rbac.authorization.k8s.io' }), everything), true);
  // A resource rule never allows a non-resource request.
  assert.equal(ruleAllows({ verb: 'get', path: '/healthz' }, everything), false);
});

// impersonation.go: a service account without groups gets system:serviceaccounts and system:serviceaccounts:NS; every
// user but system:anonymous gets system:authenticated.
test('an impersonated service account is in the service-account groups and system:authenticated', () => {
  assert.deepEqual(impersonatedUser('system:serviceaccount:ci:deployer', []).groups, ['system:serviceaccounts', 'system:serviceaccounts:ci', 'system:authenticated']);
  assert.deepEqual(impersonatedUser('alice', ['devs']).groups, ['devs', 'system:authenticated']);
  assert.deepEqual(impersonatedUser('system:anonymous', []).groups, ['system:unauthenticated']);
});

const inputs: PlainObject[] = [
  role('Role', 'pod-reader', [{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list'] }]),
  binding(
    'RoleBinding',
    'read-pods',
    ['Role', 'pod-reader'],
    [
      { kind: 'User', name: 'alice' },
      { kind: 'ServiceAccount', name: 'deployer' },
    ],
  ),
  binding('RoleBinding', 'devs-edit', ['ClusterRole', 'edit'], [{ kind: 'Group', name: 'devs' }]),
  binding('ClusterRoleBinding', 'ops-view', ['ClusterRole', 'view'], [{ kind: 'User', name: 'olga' }]),
  binding('ClusterRoleBinding', 'sa-without-namespace', ['ClusterRole', 'cluster-admin'], [{ kind: 'ServiceAccount', name: 'deployer' }]),
];
const policy = rbacPolicyOf(inputs);

test('a RoleBinding grants its Role in its own namespace only, with upstream reason text', () => {
  const alice = impersonatedUser('alice', []);
  const inTeam = authorize(policy, alice, resourceRequest('get', 'pods', { namespace: 'team' }));
  assert.equal(inTeam.allowed, true);
  assert.equal(inTeam.reason, 'RBAC: allowed by RoleBinding "read-pods/team" of Role "pod-reader" to User "alice"');
  assert.equal(authorize(policy, alice, resourceRequest('get', 'pods', { namespace: 'other' })).allowed, false);
  assert.equal(authorize(policy, alice, resourceRequest('delete', 'pods', { namespace: 'team' })).allowed, false);
  assert.equal(authorize(policy, alice, resourceRequest('get', 'pods', { namespace: 'team', subresource: 'log' })).allowed, true);
  assert.equal(authorize(policy, alice, resourceRequest('get', 'pods', { namespace: 'team', subresource: 'exec' })).allowed, false);
});

// appliesToUser: a ServiceAccount subject without a namespace takes the RoleBinding's; in a ClusterRoleBinding it applies to no one.
test('a ServiceAccount subject without a namespace is the binding namespace account, and no one in a ClusterRoleBinding', () => {
  const deployer = impersonatedUser('system:serviceaccount:team:deployer', []);
  const decision = authorize(policy, deployer, resourceRequest('list', 'pods', { namespace: 'team' }));
  assert.equal(decision.reason, 'RBAC: allowed by RoleBinding "read-pods/team" of Role "pod-reader" to ServiceAccount "deployer/team"');
  assert.equal(authorize(policy, deployer, resourceRequest('delete', 'nodes', { namespace: '' })).allowed, false);
  assert.equal(authorize(policy, impersonatedUser('system:serviceaccount:other:deployer', []), resourceRequest('list', 'pods', { namespace: 'team' })).allowed, false);
});

// edit aggregates system:aggregate-to-edit and view (labelled aggregate-to-edit), which aggregates system:aggregate-to-view.
test('edit holds the rules of system:aggregate-to-edit and, through view, of system:aggregate-to-view', () => {
  const dev = impersonatedUser('dan', ['devs']);
  const allowed = (request: AccessRequest): boolean => authorize(policy, dev, request).allowed;
  assert.equal(allowed(resourceRequest('create', 'deployments', { apiGroup: 'apps', namespace: 'team' })), true);
  assert.equal(allowed(resourceRequest('get', 'secrets', { namespace: 'team' })), true);
  assert.equal(allowed(resourceRequest('get', 'deployments', { apiGroup: 'apps', namespace: 'team', subresource: 'status' })), true);
  assert.equal(allowed(resourceRequest('create', 'pods', { namespace: 'team', subresource: 'portforward' })), true);
  // edit holds no rules on roles (those come from system:aggregate-to-admin) nor on resourcequotas writes.
  assert.equal(allowed(resourceRequest('create', 'roles', { apiGroup: 'rbac.authorization.k8s.io', namespace: 'team' })), false);
  assert.equal(allowed(resourceRequest('update', 'resourcequotas', { namespace: 'team' })), false);
  assert.equal(allowed(resourceRequest('create', 'deployments', { apiGroup: 'apps', namespace: 'other' })), false);
});

test('view bound cluster-wide reads in every namespace but never secrets, and writes nothing', () => {
  const olga = impersonatedUser('olga', []);
  const decision = authorize(policy, olga, resourceRequest('list', 'deployments', { apiGroup: 'apps', namespace: 'anywhere' }));
  assert.equal(decision.reason, 'RBAC: allowed by ClusterRoleBinding "ops-view" of ClusterRole "view" to User "olga"');
  assert.equal(authorize(policy, olga, resourceRequest('get', 'secrets', { namespace: 'anywhere' })).allowed, false);
  assert.equal(authorize(policy, olga, resourceRequest('delete', 'pods', { namespace: 'anywhere' })).allowed, false);
});

test('a ClusterRole in the inputs labelled aggregate-to-view extends view, edit and admin', () => {
  const crontabs = role('ClusterRole', 'crontab-reader', [{ apiGroups: ['stable.example.com'], resources: ['crontabs'], verbs: ['get'] }], {
    'rbac.authorization.k8s.io/aggregate-to-view': 'true',
  });
  const extended = rbacPolicyOf([...inputs, crontabs, binding('RoleBinding', 'admins', ['ClusterRole', 'admin'], [{ kind: 'User', name: 'ada' }])]);
  const request = resourceRequest('get', 'crontabs', { apiGroup: 'stable.example.com', namespace: 'team' });
  assert.equal(authorize(extended, impersonatedUser('olga', []), request).allowed, true);
  assert.equal(authorize(extended, impersonatedUser('dan', ['devs']), request).allowed, true);
  assert.equal(authorize(extended, impersonatedUser('ada', []), request).allowed, true);
  assert.equal(authorize(policy, impersonatedUser('olga', []), request).allowed, false);
});

// The default bindings: system:masters → cluster-admin; system:authenticated → basic-user, discovery, public-info-viewer;
// system:unauthenticated → public-info-viewer only.
test('the default bindings give the masters everything and anyone the discovery and self-review rules', () => {
  const master = impersonatedUser('root', ['system:masters']);
  assert.equal(
    authorize(policy, master, resourceRequest('delete', 'nodes', { namespace: '' })).reason,
    'RBAC: allowed by ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"',
  );
  assert.equal(authorize(policy, master, { verb: 'post', path: '/metrics' }).allowed, true);
  const anyone = impersonatedUser('nobody', []);
  assert.equal(authorize(policy, anyone, resourceRequest('create', 'selfsubjectaccessreviews', { apiGroup: 'authorization.k8s.io', namespace: '' })).allowed, true);
  assert.equal(
    authorize(policy, anyone, { verb: 'get', path: '/apis/apps/v1' }).reason,
    'RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"',
  );
  assert.equal(authorize(policy, anyone, resourceRequest('get', 'pods')).allowed, false);
  const anonymous = impersonatedUser('system:anonymous', []);
  assert.equal(authorize(policy, anonymous, { verb: 'get', path: '/version' }).allowed, true);
  assert.equal(authorize(policy, anonymous, { verb: 'get', path: '/apis' }).allowed, false);
});

test('a binding to a role missing from the inputs and the defaults grants nothing', () => {
  const dangling = rbacPolicyOf([binding('RoleBinding', 'gone', ['Role', 'missing'], [{ kind: 'User', name: 'alice' }])]);
  assert.equal(authorize(dangling, impersonatedUser('alice', []), resourceRequest('get', 'pods', { namespace: 'team' })).allowed, false);
  // A ClusterRoleBinding cannot grant a Role.
  const wrongKind = rbacPolicyOf([...inputs, binding('ClusterRoleBinding', 'odd', ['Role', 'pod-reader'], [{ kind: 'User', name: 'bob' }])]);
  assert.equal(authorize(wrongKind, impersonatedUser('bob', []), resourceRequest('get', 'pods', { namespace: 'team' })).allowed, false);
});

test('the rules a user holds are listed cluster bindings first, then the namespace bindings', () => {
  const sources = [...new Set(rulesFor(policy, impersonatedUser('alice', []), 'team').map((granted) => granted.source))];
  assert.deepEqual(sources, [
    'ClusterRoleBinding "system:basic-user" of ClusterRole "system:basic-user" to Group "system:authenticated"',
    'ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"',
    'ClusterRoleBinding "system:public-info-viewer" of ClusterRole "system:public-info-viewer" to Group "system:authenticated"',
    'RoleBinding "read-pods/team" of Role "pod-reader" to User "alice"',
  ]);
});

// clusterroleaggregation_controller.go syncClusterRole: selected roles by name, each rule appended unless ruleExists
// (equality.Semantic.DeepEqual) finds it already there; a rule differing only in its resourceNames is another rule.
test('an aggregated ClusterRole holds a rule two selected roles share once, in the order the roles are named', () => {
  const label = { 'example.com/aggregate-to-ops': 'true' };
  const shared = { apiGroups: [''], resources: ['pods'], verbs: ['get'] };
  const objects = [
    { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: 'ops' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: label }] }, rules: [] },
    role('ClusterRole', 'b-pods', [shared, { ...shared, resourceNames: ['web'] }], label),
    role('ClusterRole', 'a-pods', [shared, { apiGroups: [''], resources: ['services'], verbs: ['get'] }], label),
  ];
  const rule = (resources: string[], resourceNames: string[] = []): PolicyRule => ({ verbs: ['get'], apiGroups: [''], resources, resourceNames, nonResourceURLs: [] });
  assert.deepEqual(rbacPolicyOf(objects).clusterRoles.get('ops'), [rule(['pods']), rule(['services']), rule(['pods'], ['web'])]);
});
