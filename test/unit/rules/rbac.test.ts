/**
 * RBAC validation, worked by hand from pkg/apis/rbac/validation/validation.go (ValidateRole, ValidateClusterRole,
 * ValidatePolicyRule, ValidateRoleBinding, ValidateClusterRoleBinding, ValidateRoleBindingSubject, ValidateRBACName)
 * and pkg/apis/rbac/v1/defaults.go.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding, yaml } from '../../helpers/check-text';

const role = (rules: string, kind = 'Role') => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata: {name: reader, namespace: apps}\nrules:\n${rules}`;
const binding = (body: string, kind = 'RoleBinding') => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata: {name: readers, namespace: apps}\n${body}`;
const clusterRef = 'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\n';

// ValidateRBACName is path.IsValidPathSegmentName: colons and capitals are fine, '/' and '%' are not.
test('RBAC objects may have names that are not DNS names', () => {
  const text = yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: "system:aggregate-to-Admin"}
    rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
  `;
  assert.deepEqual(checkText(text).findings, []);
});

// ValidateObjectMeta(…, ValidateRBACName) → path.IsValidPathSegmentName
test('an RBAC name containing a slash is rejected', () => {
  const finding = onlyFinding(yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: {name: "team/readers", namespace: apps}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
    subjects: [{kind: Group, name: team}]
  `);
  assert.equal(finding.rule, 'object-name');
  assert.equal(finding.message, `metadata.name: Invalid value: "team/readers": may not contain '/'`);
  assert.equal(finding.line, 3);
  assert.equal(finding.text, '"team/readers"');
});

// path.IsValidPathSegmentName: '.' and '..' are reported alone.
test('an RBAC name of two dots is rejected', () => {
  const finding = onlyFinding(role('- {apiGroups: [""], resources: [pods], verbs: [get]}\n').replace('name: reader', 'name: ".."'));
  assert.equal(finding.message, `metadata.name: Invalid value: "..": may not be '..'`);
});

// ValidatePolicyRule: len(rule.Verbs) == 0
test('a rule without verbs is rejected', () => {
  const finding = onlyFinding(role('- apiGroups: [""]\n  resources: [pods]\n  verbs: []\n'));
  assert.equal(finding.rule, 'policy-rules');
  assert.equal(finding.message, 'rules[0].verbs: Required value: verbs must contain at least one value');
  assert.equal(finding.line, 7);
  assert.equal(finding.text, 'verbs');
});

// ValidatePolicyRule(rule, isNamespaced=true, …) from ValidateRole
test('a Role rule may not name non-resource URLs', () => {
  const finding = onlyFinding(role('- nonResourceURLs: [/healthz, /metrics]\n  verbs: [get]\n'), '1.33');
  assert.equal(finding.message, 'rules[0].nonResourceURLs: Invalid value: []string{"/healthz", "/metrics"}: namespaced rules cannot apply to non-resource URLs');
  assert.equal(finding.line, 5);
  assert.equal(finding.text, '[/healthz, /metrics]');
});

// ValidatePolicyRule(rule, isNamespaced=false, …) from ValidateClusterRole
test('a ClusterRole rule may name non-resource URLs alone', () => {
  assert.deepEqual(checkText(role('- nonResourceURLs: [/healthz]\n  verbs: [get]\n', 'ClusterRole').replace(', namespace: apps', '')).findings, []);
});

// ValidatePolicyRule: NonResourceURLs with APIGroups, Resources or ResourceNames
test('a rule may not mix non-resource URLs with resources', () => {
  const finding = onlyFinding(role('- nonResourceURLs: [/healthz]\n  resourceNames: [x]\n  verbs: [get]\n', 'ClusterRole').replace(', namespace: apps', ''), '1.33');
  assert.equal(finding.message, 'rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: rules cannot apply to both regular resources and non-resource URLs');
});

// ValidatePolicyRule: both the namespaced error and the mixing error, in that order, then return
test('a Role rule with URLs and API groups gets both URL errors', () => {
  const messages = checkText(role('- nonResourceURLs: [/healthz]\n  apiGroups: [""]\n  verbs: [get]\n'), '1.33').findings.map((f) => f.message);
  assert.deepEqual(messages, [
    'rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs',
    'rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: rules cannot apply to both regular resources and non-resource URLs',
  ]);
});

// ValidatePolicyRule: resource rules need api groups and resources (an absent field is placed on its rule)
test('a resource rule needs API groups and resources', () => {
  const findings = checkText(role('- verbs: [get]\n  apiGroups: []\n')).findings;
  assert.deepEqual(findings.map((f) => [f.message, f.line]).sort(), [
    ['rules[0].apiGroups: Required value: resource rules must supply at least one api group', 6],
    ['rules[0].resources: Required value: resource rules must supply at least one resource', 5],
  ]);
});

// ValidateClusterRole: AggregationRule non-nil with no ClusterRoleSelectors
test('an aggregationRule needs a clusterRoleSelector', () => {
  const finding = onlyFinding(yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: monitoring}
    aggregationRule:
      clusterRoleSelectors: []
  `);
  assert.equal(finding.rule, 'aggregation-rule');
  assert.equal(finding.message, 'aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil');
  assert.equal(finding.line, 5);
});

// ValidateClusterRole: ValidateLabelSelector, then LabelSelectorAsSelector's failure with its nil selector
test('an invalid clusterRoleSelector is reported, and again as an invalid label selector', () => {
  const findings = checkText(
    yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: monitoring}
    aggregationRule:
      clusterRoleSelectors:
        - matchExpressions: [{key: rbac.example.com/aggregate-to-monitoring, operator: In}]
  `,
    '1.33',
  ).findings;
  assert.deepEqual(
    findings.map((f) => f.message),
    [
      'aggregationRule.clusterRoleSelectors[0]: Invalid value: "null": invalid label selector.',
      "aggregationRule.clusterRoleSelectors[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    ],
  );
});

test('a ClusterRole aggregating by label is accepted', () => {
  const text = yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: monitoring}
    aggregationRule:
      clusterRoleSelectors:
        - matchLabels: {rbac.example.com/aggregate-to-monitoring: "true"}
    rules: []
  `;
  assert.deepEqual(checkText(text).findings, []);
});

// ValidateRoleBinding: RoleRef.APIGroup != rbac.GroupName (after SetDefaults_RoleBinding)
test('a roleRef in another API group is rejected', () => {
  const finding = onlyFinding(binding('roleRef: {apiGroup: authorization.k8s.io, kind: Role, name: reader}\n'));
  assert.equal(finding.rule, 'role-ref');
  assert.equal(finding.message, 'roleRef.apiGroup: Unsupported value: "authorization.k8s.io": supported values: "rbac.authorization.k8s.io"');
  assert.equal(finding.text, 'authorization.k8s.io');
});

// SetDefaults_RoleBinding: an empty roleRef.apiGroup becomes rbac.authorization.k8s.io
test('an empty roleRef apiGroup is defaulted, not rejected', () => {
  assert.deepEqual(checkText(binding('roleRef: {apiGroup: "", kind: Role, name: reader}\n')).findings, []);
});

// ValidateRoleBinding: RoleRef.Kind must be Role or ClusterRole
test('a RoleBinding roleRef kind other than Role or ClusterRole is rejected', () => {
  const finding = onlyFinding(binding('roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ServiceAccount, name: reader}\n'));
  assert.equal(finding.message, 'roleRef.kind: Unsupported value: "ServiceAccount": supported values: "Role", "ClusterRole"');
  assert.equal(finding.line, 4);
});

// ValidateClusterRoleBinding: RoleRef.Kind must be ClusterRole
test('a ClusterRoleBinding may not reference a Role', () => {
  const finding = onlyFinding(binding('roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}\n', 'ClusterRoleBinding').replace(', namespace: apps', ''));
  assert.equal(finding.message, 'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"');
  assert.equal(finding.text, 'Role');
});

// ValidateRoleBinding: len(RoleRef.Name) == 0 → Required with no detail; else ValidateRBACName
test('a roleRef name is required and must be a path segment', () => {
  assert.equal(onlyFinding(binding('roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: ""}\n')).message, 'roleRef.name: Required value');
  assert.equal(onlyFinding(binding('roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: "100%"}\n')).message, `roleRef.name: Invalid value: "100%": may not contain '%'`);
});

// ValidateRoleBindingSubject: ServiceAccount → apiGroup must be ""
test('a ServiceAccount subject in the RBAC API group is rejected', () => {
  const finding = onlyFinding(binding(`${clusterRef}subjects:\n- kind: ServiceAccount\n  name: builder\n  apiGroup: rbac.authorization.k8s.io\n`));
  assert.equal(finding.rule, 'role-binding-subjects');
  assert.equal(finding.message, 'subjects[0].apiGroup: Unsupported value: "rbac.authorization.k8s.io": supported values: ""');
  assert.equal(finding.line, 8);
  assert.equal(finding.text, 'rbac.authorization.k8s.io');
});

// ValidateRoleBindingSubject: ServiceAccount name → ValidateServiceAccountName (DNS-1123 subdomain)
test('a ServiceAccount subject name must be a DNS-1123 subdomain', () => {
  const finding = onlyFinding(binding(`${clusterRef}subjects:\n- {kind: ServiceAccount, name: Builder}\n`));
  assert.match(finding.message, /^subjects\[0\]\.name: Invalid value: "Builder": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters/);
  assert.equal(finding.text, 'Builder');
});

// ValidateRoleBindingSubject(subject, isNamespaced=false, …): ServiceAccount needs a namespace
test('a ClusterRoleBinding ServiceAccount subject needs a namespace', () => {
  const text = binding(`${clusterRef}subjects:\n- {kind: ServiceAccount, name: builder}\n`, 'ClusterRoleBinding').replace(', namespace: apps', '');
  const finding = onlyFinding(text);
  assert.equal(finding.message, 'subjects[0].namespace: Required value');
  assert.equal(finding.line, 6);
});

// ValidateRoleBindingSubject(subject, isNamespaced=true, …): a RoleBinding's ServiceAccount needs none
test('a RoleBinding ServiceAccount subject needs no namespace', () => {
  assert.deepEqual(checkText(binding(`${clusterRef}subjects:\n- {kind: ServiceAccount, name: builder}\n`)).findings, []);
});

// SetDefaults_Subject gives User and Group subjects the RBAC API group; ValidateRoleBindingSubject requires it
test('User and Group subjects without an apiGroup are defaulted, with another one rejected', () => {
  assert.deepEqual(checkText(binding(`${clusterRef}subjects:\n- {kind: User, name: alice}\n- {kind: Group, name: "system:authenticated"}\n`)).findings, []);
  const finding = onlyFinding(binding(`${clusterRef}subjects:\n- {kind: Group, name: devs, apiGroup: ""}\n- {kind: User, name: alice, apiGroup: v1}\n`));
  assert.equal(finding.message, 'subjects[1].apiGroup: Unsupported value: "v1": supported values: "rbac.authorization.k8s.io"');
  assert.equal(finding.line, 7);
});

// ValidateRoleBindingSubject: default case of the kind switch; empty name is Required first
test('a subject of an unknown kind with an empty name gets both errors', () => {
  const findings = checkText(binding(`${clusterRef}subjects:\n- {kind: Team, name: ""}\n`)).findings;
  assert.deepEqual(
    findings.map((f) => f.message),
    ['subjects[0].kind: Unsupported value: "Team": supported values: "ServiceAccount", "User", "Group"', 'subjects[0].name: Required value'],
  );
});
