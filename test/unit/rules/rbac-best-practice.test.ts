/**
 * rbac-unknown-resource and the RBAC best-practice rules. A rule's strings are compared as they are
 * (pkg/apis/rbac/v1/evaluation_helpers.go ResourceMatches, VerbMatches), so a resource the API does not serve never
 * matches; which resources a group serves is the chosen version's API.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { validateText } from '../../../server/src/check/validate-text';
import { checkText, yaml } from '../../helpers/check-text';

const role = (rules: string) => yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: Role
  metadata: {name: debugger, namespace: team}
  rules:
  ${rules}`;

function unknownResourceFindings(text: string): [string, string, number, string][] {
  return checkText(text)
    .findings.filter((finding) => finding.rule === 'rbac-unknown-resource')
    .map((finding) => [finding.message, finding.severity, finding.line, finding.text]);
}

test('a misspelt subresource is a warning on the entry with the served name suggested', () => {
  assert.deepEqual(unknownResourceFindings(role('  - {apiGroups: [""], resources: ["pods/portfoward"], verbs: ["create"]}')), [
    ['rules[0].resources[0]: API group "" has no resource "pods/portfoward" in Kubernetes 1.36; did you mean "pods/portforward"?', 'warning', 5, '"pods/portfoward"'],
  ]);
});

test('a singular resource name is a warning suggesting the plural', () => {
  assert.deepEqual(unknownResourceFindings(role('  - {apiGroups: [apps], resources: [deployment], verbs: [get]}')), [
    ['rules[0].resources[0]: API group "apps" has no resource "deployment" in Kubernetes 1.36; did you mean "deployments"?', 'warning', 5, 'deployment'],
  ]);
});

test('a resource of another group is unknown in the group the rule names', () => {
  assert.deepEqual(
    unknownResourceFindings(role('  - {apiGroups: [apps], resources: [ingresses], verbs: [get]}')).map(([message]) => message),
    ['rules[0].resources[0]: API group "apps" has no resource "ingresses" in Kubernetes 1.36'],
  );
});

test('a misspelt verb is a warning suggesting the known verb', () => {
  assert.deepEqual(
    unknownResourceFindings(role('  - {apiGroups: [""], resources: [pods], verbs: [gett]}')).map(([message]) => message),
    ['rules[0].verbs[0]: unknown verb "gett"; did you mean "get"?'],
  );
});

test('served resources, subresources, wildcards, impersonation resources and unserved groups are quiet', () => {
  const rules = [
    '  - {apiGroups: [""], resources: [pods, pods/log, pods/exec, services/proxy, "*/status", users, groups], verbs: [get, impersonate, "*"]}',
    '  - {apiGroups: [apps], resources: [deployments/scale, statefulsets/status, "*"], verbs: [update]}',
    '  - {apiGroups: [stable.example.com], resources: [crontabs, crontabs/scale], verbs: [get]}',
    '  - {apiGroups: ["*"], resources: [anything], verbs: [get]}',
  ].join('\n');
  assert.deepEqual(unknownResourceFindings(role(rules)), []);
});

function optedIn(text: string, rule: string): [string, string][] {
  return validateText(text, { kubernetesVersion: '1.36', rules: { [rule]: 'warning' } })
    .findings.filter((finding) => finding.rule === rule)
    .map((finding) => [finding.message, text.slice(finding.range.start, finding.range.end)]);
}

test('rbac-wildcard marks each * of verbs, apiGroups and resources, in the order they are written, when turned on', () => {
  assert.deepEqual(optedIn(role('  - {apiGroups: ["*"], resources: [pods], verbs: ["*"]}'), 'rbac-wildcard'), [
    ['rules[0].apiGroups[0]: * in apiGroups grants every API group, including those added later', '"*"'],
    ['rules[0].verbs[0]: * in verbs grants every verb, including those added later', '"*"'],
  ]);
});

test('rbac-secrets-access fires on reading secrets and not on creating them', () => {
  assert.equal(optedIn(role('  - {apiGroups: [""], resources: [secrets], verbs: [watch]}'), 'rbac-secrets-access').length, 1);
  assert.deepEqual(optedIn(role('  - {apiGroups: [""], resources: [secrets], verbs: [create]}'), 'rbac-secrets-access'), []);
});

test('rbac-escalation-verbs marks bind, escalate and impersonate', () => {
  assert.deepEqual(
    optedIn(role('  - {apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: [get, escalate, bind]}'), 'rbac-escalation-verbs').map(([, text]) => text),
    ['escalate', 'bind'],
  );
});

test('rbac-cluster-admin-binding marks the roleRef name of a binding to cluster-admin', () => {
  const binding = yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRoleBinding
    metadata: {name: ci-admin}
    subjects: [{kind: Group, name: ci}]
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
  `;
  assert.deepEqual(optedIn(binding, 'rbac-cluster-admin-binding'), [['roleRef.name: cluster-admin grants its subjects every resource of the cluster', 'cluster-admin']]);
});

test('the opt-in RBAC rules are off by default', () => {
  const text = role('  - {apiGroups: ["*"], resources: [secrets], verbs: ["*", bind]}');
  assert.deepEqual(
    checkText(text).findings.map((finding) => finding.rule),
    [],
  );
});
