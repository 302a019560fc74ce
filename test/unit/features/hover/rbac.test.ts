/**
 * Hover over RBAC bindings and ServiceAccounts, worked by hand from upstream's RBAC authorizer
 * (plugin/pkg/auth/authorizer/rbac/rbac.go appliesTo, describeSubject; pkg/registry/rbac/validation/rule.go
 * VisitRulesFor, GetRoleReferenceRules), the ClusterRole aggregation controller
 * (pkg/controller/clusterroleaggregation syncClusterRole: the selected roles' rules, roles in name order) and the
 * default bindings (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go clusterRoleBindings: system:basic-user,
 * system:discovery and system:public-info-viewer to system:authenticated, system:service-account-issuer-discovery to
 * system:serviceaccounts). A service account's token carries the groups system:serviceaccounts,
 * system:serviceaccounts:NS and system:authenticated.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hoverText } from './hover-helpers';

const ROLES = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: monitoring}
aggregationRule:
  clusterRoleSelectors:
    - matchLabels: {example.com/aggregate-to-monitoring: "true"}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: pods-reader, labels: {example.com/aggregate-to-monitoring: "true"}}
rules:
  - {apiGroups: [""], resources: [pods], verbs: [get, list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: nodes-reader, labels: {example.com/aggregate-to-monitoring: "true"}}
rules:
  - {apiGroups: [""], resources: [nodes], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: deployer, namespace: shop}
rules:
  - {apiGroups: [apps], resources: [deployments], verbs: [get, update, patch]}
`;

const CLUSTER_BINDING = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ci-monitoring}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring}
subjects:
  - {kind: ServiceAccount, name: ci, namespace: shop}
`;

const ROLE_BINDINGS = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ci-deployer, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer}
subjects:
  - {kind: ServiceAccount, name: ci}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ci-ops, namespace: ops}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pods-reader}
subjects:
  - {kind: ServiceAccount, name: ci, namespace: shop}
`;

const WORKSPACE = { 'roles.yaml': ROLES, 'cluster-binding.yaml': CLUSTER_BINDING, 'role-bindings.yaml': ROLE_BINDINGS };

function section(markdown: string, head: string): string {
  const found = markdown.split('\n\n---\n\n').find((part) => part.startsWith(head));
  assert.ok(found, `a section starting with ${head} in:\n${markdown}`);
  return found;
}

test('a ClusterRoleBinding to an aggregated ClusterRole grants the rules of the roles its aggregationRule selects', () => {
  const markdown = hoverText(CLUSTER_BINDING, 'name: monitoring', { n: 7, workspace: WORKSPACE });
  assert.equal(
    section(markdown, '**Grants**'),
    [
      '**Grants** ClusterRole `monitoring` (aggregated: the rules of the ClusterRoles its aggregationRule selects) to ServiceAccount "ci/shop", in every namespace and cluster-wide',
      '',
      '| Verbs | Resources |',
      '| --- | --- |',
      '| `get` | `nodes` |',
      '| `get` `list` | `pods` |',
    ].join('\n'),
  );
});

test("a RoleBinding's ServiceAccount subject without a namespace is the binding namespace's, granted the Role there only", () => {
  const markdown = hoverText(ROLE_BINDINGS, 'kind: ServiceAccount, name: ci}', { n: 7, workspace: WORKSPACE });
  assert.equal(
    section(markdown, '**Grants**'),
    ['**Grants** Role `deployer` to ServiceAccount "ci/shop", in namespace `shop` only', '', '| Verbs | Resources |', '| --- | --- |', '| `get` `update` `patch` | `deployments.apps` |'].join(
      '\n',
    ),
  );
});

test('a RoleBinding to a role of non-resource URLs grants nothing', () => {
  const text = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: discovery, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:discovery}
subjects:
  - {kind: Group, name: devs}
`;
  assert.equal(
    section(hoverText(text, 'roleRef'), '**Grants**'),
    [
      '**Grants** ClusterRole `system:discovery` to Group "devs", in namespace `shop` only',
      '',
      "The role's non-resource URLs are not granted: a RoleBinding is consulted only for requests in its namespace (VisitRulesFor).",
    ].join('\n'),
  );
});

test('a binding to a Role that does not exist grants nothing', () => {
  const text = ROLE_BINDINGS.replace('name: deployer}', 'name: deployers}');
  assert.equal(
    section(hoverText(text, 'roleRef', { workspace: { 'roles.yaml': ROLES } }), '**Grants**'),
    '**Grants** nothing known: Role `deployers` is not in the workspace in namespace `shop`, and a binding to a role that does not exist grants nothing',
  );
});

test("a ServiceAccount's name shows what it may do, the defaults every service account gets included, and which binding grants each rule", () => {
  const account = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ci, namespace: shop}\n';
  const markdown = hoverText(account, 'name: ci', { n: 7, workspace: WORKSPACE });
  const authenticated = (name: string) => `ClusterRoleBinding \`${name}\` (ClusterRole \`${name}\`, as Group "system:authenticated")`;
  assert.equal(
    section(markdown, '**May do**'),
    [
      "**May do**, as `system:serviceaccount:shop:ci` in the groups `system:serviceaccounts`, `system:serviceaccounts:shop`, `system:authenticated`, through the bindings of the workspace and the cluster's default ones:",
      '',
      '| Namespace | Verbs | Resources | Granted by |',
      '| --- | --- | --- | --- |',
      `| all | \`create\` | \`selfsubjectaccessreviews.authorization.k8s.io\` \`selfsubjectrulesreviews.authorization.k8s.io\` | ${authenticated('system:basic-user')} |`,
      `| all | \`create\` | \`selfsubjectreviews.authentication.k8s.io\` | ${authenticated('system:basic-user')} |`,
      `| all | \`get\` | URLs \`/api\` \`/api/*\` \`/apis\` \`/apis/*\` \`/healthz\` \`/livez\` \`/openapi\` \`/openapi/*\` \`/readyz\` \`/version\` \`/version/\` | ${authenticated('system:discovery')} |`,
      `| all | \`get\` | URLs \`/healthz\` \`/livez\` \`/readyz\` \`/version\` \`/version/\` | ${authenticated('system:public-info-viewer')} |`,
      '| all | `get` | URLs `/.well-known/openid-configuration` `/.well-known/openid-configuration/` `/openid/v1/jwks` `/openid/v1/jwks/` | ClusterRoleBinding `system:service-account-issuer-discovery` (ClusterRole `system:service-account-issuer-discovery`, as Group "system:serviceaccounts") |',
      '| all | `get` | `nodes` | ClusterRoleBinding `ci-monitoring` (ClusterRole `monitoring`, as ServiceAccount "ci/shop") |',
      '| all | `get` `list` | `pods` | ClusterRoleBinding `ci-monitoring` (ClusterRole `monitoring`, as ServiceAccount "ci/shop") |',
      '| `shop` | `get` `update` `patch` | `deployments.apps` | RoleBinding `ci-deployer` (Role `deployer`, as ServiceAccount "ci/shop") |',
      '| `ops` | `get` `list` | `pods` | RoleBinding `ci-ops` (ClusterRole `pods-reader`, as ServiceAccount "ci/shop") |',
    ].join('\n'),
  );
});

// VisitRulesFor consults RoleBindings only for a request with a namespace; a request for a cluster-scoped resource
// (`nodes`: pkg/registry/core/node/storage NamespaceScoped() false) carries none, so the RoleBinding grants it nothing.
test("a RoleBinding to a ClusterRole grants the role's namespaced resources only, and says which cluster-scoped ones it leaves out", () => {
  const text = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ops-monitoring, namespace: ops}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring}
subjects:
  - {kind: Group, name: devs}
`;
  assert.equal(
    section(hoverText(text, 'roleRef', { workspace: { 'roles.yaml': ROLES } }), '**Grants**'),
    [
      '**Grants** ClusterRole `monitoring` (aggregated: the rules of the ClusterRoles its aggregationRule selects) to Group "devs", in namespace `ops` only',
      '',
      '| Verbs | Resources |',
      '| --- | --- |',
      '| `get` `list` | `pods` |',
      '',
      "The role's cluster-scoped resources (`nodes`) are not granted: a RoleBinding is consulted only for requests in its namespace (VisitRulesFor), and they are asked for without one.",
    ].join('\n'),
  );
});

test("a ServiceAccount's hover leaves out the cluster-scoped resources a RoleBinding's ClusterRole names", () => {
  const binding = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ops-monitoring, namespace: ops}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: nodes-reader}
subjects:
  - {kind: ServiceAccount, name: watcher, namespace: ops}
`;
  const account = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: watcher, namespace: ops}\n';
  const markdown = section(hoverText(account, 'name: watcher', { n: 7, workspace: { 'roles.yaml': ROLES, 'binding.yaml': binding } }), '**May do**');
  assert.doesNotMatch(markdown, /ops-monitoring/);
});
