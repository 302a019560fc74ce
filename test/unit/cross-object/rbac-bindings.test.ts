/**
 * `rbac-role-missing` and `rbac-subject-missing`. A binding whose role does not exist grants nothing
 * (pkg/registry/rbac/validation/rule.go GetRoleReferenceRules: not found, the authorizer skips it), and a
 * ServiceAccount subject without a namespace is the RoleBinding's namespace's account (appliesToUser).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossCheck, rulesOf } from './workspace';

const roleBinding = (roleKind: string, role: string, subjects = '[{kind: User, name: alice}]') => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: grant, namespace: team}
subjects: ${subjects}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${roleKind}, name: ${role}}
`;
const podReader = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pod-reader, namespace: team}
rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
`;
const clusterRole = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: crontab-reader}
rules: [{apiGroups: [stable.example.com], resources: [crontabs], verbs: [get]}]
`;
const serviceAccount = (name: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ${name}, namespace: team}\n`;

test('a RoleBinding to a Role missing from a namespace that holds Roles is a warning on the role name', () => {
  assert.deepEqual(
    crossCheck({ 'binding.yaml': roleBinding('Role', 'pod-raeder'), 'role.yaml': podReader }).map((f) => [f.rule, f.severity, f.message, f.text, f.path]),
    [['rbac-role-missing', 'warning', 'Role "pod-raeder" not found in namespace "team": the binding grants nothing', 'pod-raeder', 'roleRef.name']],
  );
});

test('a Role missing from a namespace that holds no Role is quiet', () => {
  assert.deepEqual(rulesOf({ 'binding.yaml': roleBinding('Role', 'pod-raeder') }), []);
});

test('a ClusterRole missing from a workspace that holds ClusterRoles is a warning; default and system: roles never are', () => {
  assert.deepEqual(rulesOf({ 'binding.yaml': roleBinding('ClusterRole', 'crontab-raeder'), 'role.yaml': clusterRole }), ['rbac-role-missing']);
  for (const name of ['edit', 'view', 'admin', 'cluster-admin', 'system:node']) assert.deepEqual(rulesOf({ 'binding.yaml': roleBinding('ClusterRole', name), 'role.yaml': clusterRole }), [], name);
});

test('a ServiceAccount subject without a namespace missing from the binding namespace is a warning on its name', () => {
  const findings = crossCheck({ 'binding.yaml': roleBinding('ClusterRole', 'edit', '[{kind: ServiceAccount, name: deploy}]'), 'sa.yaml': serviceAccount('deployer') });
  assert.deepEqual(
    findings.map((f) => [f.rule, f.message, f.text, f.path]),
    [['rbac-subject-missing', 'ServiceAccount "deploy" not found in namespace "team"', 'deploy', 'subjects[0].name']],
  );
});

test('present, default, and elsewhere-held ServiceAccounts are quiet', () => {
  assert.deepEqual(
    rulesOf({ 'binding.yaml': roleBinding('ClusterRole', 'edit', '[{kind: ServiceAccount, name: deployer}, {kind: ServiceAccount, name: default}]'), 'sa.yaml': serviceAccount('deployer') }),
    [],
  );
  assert.deepEqual(rulesOf({ 'binding.yaml': roleBinding('ClusterRole', 'edit', '[{kind: ServiceAccount, name: ci, namespace: build}]'), 'sa.yaml': serviceAccount('deployer') }), []);
});
