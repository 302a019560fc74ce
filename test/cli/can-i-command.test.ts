/**
 * `kubeplan can-i` as a user runs it, answered as `kubectl auth can-i` answers (staging/src/k8s.io/kubectl/pkg/cmd/
 * auth/cani.go: Complete, Validate, RunAccessCheck, resourceFor) with the decision of the RBAC authorizer
 * (plugin/pkg/auth/authorizer/rbac/rbac.go) over test/fixtures/rbac/team-roles.yaml: a Role `pod-reader`
 * (get/list/watch pods and pods/log) in namespace team, bound to the ServiceAccount `ci` of the binding's namespace.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../helpers/run-cli';

const ROLES = 'test/fixtures/rbac/team-roles.yaml';
const CI = ['--as', 'system:serviceaccount:team:ci'];

test('an allowed request prints yes, exits 0, and names the binding and rule on stderr', () => {
  const run = runCli(['can-i', 'list', 'pods', '-n', 'team', ...CI, ROLES]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, 'yes\n');
  assert.equal(
    run.stderr,
    'RBAC: allowed by RoleBinding "ci-reads-pods/team" of Role "pod-reader" to ServiceAccount "ci/team": rule verbs=[get list watch] apiGroups=[""] resources=[pods pods/log]\n',
  );
});

test('a denied request prints no and exits 1', () => {
  const run = runCli(['can-i', 'delete', 'pods', '-n', 'team', ...CI, ROLES]);
  assert.equal(run.status, 1, run.stderr);
  assert.equal(run.stdout, 'no\n');
});

test('the namespace defaults to default, where the RoleBinding of team grants nothing', () => {
  assert.equal(runCli(['can-i', 'get', 'pods', ...CI, ROLES]).stdout, 'no\n');
});

test('TYPE/NAME names the object and short names resolve as kubectl resolves them', () => {
  assert.equal(runCli(['can-i', 'get', 'po/web', '-n', 'team', ...CI, ROLES]).stdout, 'yes\n');
});

test('--subresource asks for the subresource the rule must list', () => {
  assert.equal(runCli(['can-i', 'get', 'pods', '--subresource', 'log', '-n', 'team', ...CI, ROLES]).stdout, 'yes\n');
  assert.equal(runCli(['can-i', 'create', 'pods', '--subresource', 'exec', '-n', 'team', ...CI, ROLES]).stdout, 'no\n');
});

test('a non-resource URL is decided by the default system:discovery binding', () => {
  const run = runCli(['can-i', 'get', '/apis', ...CI, ROLES]);
  assert.equal(run.stdout, 'yes\n');
  assert.ok(run.stderr.startsWith('RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"'));
});

test('kubectl warnings: an unknown resource type, a cluster-scoped resource in a namespace, an unknown verb', () => {
  assert.equal(runCli(['can-i', 'get', 'portfoward', '-n', 'team', ...CI, ROLES]).stderr, "Warning: the server doesn't have a resource type 'portfoward'\n");
  assert.equal(runCli(['can-i', 'list', 'nodes', '-n', 'team', ...CI, ROLES]).stderr, "Warning: resource 'nodes' is not namespace scoped\n");
  assert.equal(runCli(['can-i', 'frob', 'pods', '-n', 'team', ...CI, ROLES]).stderr, "Warning: verb 'frob' is not a known verb\n");
});

test('-q prints nothing and keeps the exit status', () => {
  const run = runCli(['can-i', '-q', 'get', 'pods', '-n', 'team', ...CI, ROLES]);
  assert.equal(run.status, 0);
  assert.equal(run.stdout, '');
});

test('without --as, or without a file, it is a usage error', () => {
  const noUser = runCli(['can-i', 'get', 'pods', ROLES]);
  assert.equal(noUser.status, 2);
  assert.equal(noUser.stderr, 'kubeplan: can-i needs --as USER (a user name, or system:serviceaccount:NAMESPACE:NAME)\n');
  assert.equal(runCli(['can-i', 'get', 'pods', ...CI]).status, 2);
  assert.equal(runCli(['can-i', 'get', '/healthz', '--subresource', 'log', ...CI, ROLES]).stderr, 'kubeplan: --subresource can not be used with NonResourceURL\n');
});

// cani.go printStatus over RulesFor: rules broken down and compacted per group/resource/name, sorted by PolicyRule.String()
// (verbs first, so [create] < [get list watch] < [get]; `/` sorts before `]`, so `/api/*` before `/api`), non-resource
// URLs of the default roles listed once each per role — among them the OIDC discovery URLs every service account may
// read (bootstrappolicy/policy.go: system:service-account-issuer-discovery bound to system:serviceaccounts).
test('--list prints the rules held in the namespace as kubectl auth can-i --list does', () => {
  const run = runCli(['can-i', '--list', '-n', 'team', ...CI, ROLES]);
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.split('\n');
  assert.deepEqual(lines.slice(0, 10), [
    'Resources                                       Non-Resource URLs                      Resource Names   Verbs',
    'selfsubjectreviews.authentication.k8s.io        []                                     []               [create]',
    'selfsubjectaccessreviews.authorization.k8s.io   []                                     []               [create]',
    'selfsubjectrulesreviews.authorization.k8s.io    []                                     []               [create]',
    'pods/log                                        []                                     []               [get list watch]',
    'pods                                            []                                     []               [get list watch]',
    '                                                [/.well-known/openid-configuration/]   []               [get]',
    '                                                [/.well-known/openid-configuration]    []               [get]',
    '                                                [/api/*]                               []               [get]',
    '                                                [/api]                                 []               [get]',
  ]);
  // /healthz is in both system:discovery and system:public-info-viewer.
  assert.equal(lines.filter((line) => line.includes('[/healthz]')).length, 2);
});

test('--list refuses the flags of a single request, and --no-headers needs --list', () => {
  assert.equal(runCli(['can-i', '--list', '-A', ...CI, ROLES]).stderr, "kubeplan: list option can't be specified with neither quiet, all-namespaces nor subresource options\n");
  assert.equal(runCli(['can-i', '--no-headers', 'get', 'pods', ...CI, ROLES]).stderr, 'kubeplan: --no-headers cannot be set without --list specified\n');
});
