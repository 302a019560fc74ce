/** `network-policy-selects-nothing`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossCheck, deployment, rulesOf } from './workspace';

const policy = (spec: string, namespace = 'shop') => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: ${namespace}}
spec:
${spec}
`;
const namespace = (name: string, labels = '{}') => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}, labels: ${labels}}\n`;
const web = deployment('web', '{app: web}', { namespace: 'shop' });

// A NetworkPolicy applies to the pods of its namespace its podSelector matches (k8s.io/api networking/v1 NetworkPolicySpec.podSelector).
test('a podSelector that matches no pod template of its namespace is a warning on podSelector', () => {
  const findings = crossCheck({ 'np.yaml': policy('  podSelector: {matchLabels: {app: wbe}}\n  policyTypes: [Ingress]'), 'deploy.yaml': web });
  assert.deepEqual(
    findings.map((f) => [f.rule, f.severity, f.path, f.text, f.message]),
    [['network-policy-selects-nothing', 'warning', 'spec.podSelector', 'podSelector', 'NetworkPolicy "web" selects no pods: no pod template in namespace "shop" matches spec.podSelector']],
  );
});

test('a podSelector matching a pod template, or empty, is quiet', () => {
  assert.deepEqual(rulesOf({ 'np.yaml': policy('  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Ingress]'), 'deploy.yaml': web }), []);
  assert.deepEqual(rulesOf({ 'np.yaml': policy('  podSelector: {}\n  policyTypes: [Ingress]'), 'deploy.yaml': web }), []);
});

test('a policy in a namespace with no workload in the workspace is quiet', () => {
  assert.deepEqual(rulesOf({ 'np.yaml': policy('  podSelector: {matchLabels: {app: wbe}}', 'billing'), 'deploy.yaml': web }), []);
});

// NetworkPolicyPeer: a podSelector without a namespaceSelector selects pods in the policy's namespace.
test('an ingress peer podSelector that matches no pod template of the namespace is a warning on it', () => {
  const findings = crossCheck({
    'np.yaml': policy('  podSelector: {matchLabels: {app: web}}\n  ingress:\n    - from:\n        - podSelector: {matchLabels: {app: frontend}}'),
    'deploy.yaml': web,
  });
  assert.deepEqual(
    findings.map((f) => [f.path, f.text, f.message]),
    [['spec.ingress[0].from[0].podSelector', 'podSelector', 'no pod template in namespace "shop" matches this podSelector: the rule allows no traffic from it']],
  );
});

test('an egress peer podSelector that matches a pod template is quiet', () => {
  assert.deepEqual(rulesOf({ 'np.yaml': policy('  podSelector: {}\n  egress:\n    - to:\n        - podSelector: {matchLabels: {app: web}}'), 'deploy.yaml': web }), []);
});

// NetworkPolicyPeer.namespaceSelector: matched against the Namespaces' labels.
test('a namespaceSelector on a label the workspace gives its Namespaces, matching none of them, is a warning on it', () => {
  const findings = crossCheck({
    'np.yaml': policy('  podSelector: {}\n  ingress:\n    - from:\n        - namespaceSelector: {matchLabels: {team: payments}}'),
    'deploy.yaml': web,
    'ns.yaml': `${namespace('shop', '{team: shop}')}---\n${namespace('billing', '{team: billing}')}`,
  });
  assert.deepEqual(
    findings.map((f) => [f.path, f.text, f.message]),
    [['spec.ingress[0].from[0].namespaceSelector', 'namespaceSelector', 'no Namespace in the workspace matches this namespaceSelector (shop, billing do not): the rule allows no traffic from it']],
  );
});

// Every namespace carries kubernetes.io/metadata.name (NamespaceDefaultLabelName), declared in the workspace or not.
test('namespaceSelectors by name, on labels no declared Namespace carries, or matching one are quiet', () => {
  const ns = namespace('shop', '{team: shop}');
  const peer = (selector: string) => policy(`  podSelector: {}\n  egress:\n    - to:\n        - namespaceSelector: ${selector}`);
  assert.deepEqual(rulesOf({ 'np.yaml': peer('{matchLabels: {kubernetes.io/metadata.name: kube-system}}'), 'deploy.yaml': web, 'ns.yaml': ns }), []);
  assert.deepEqual(rulesOf({ 'np.yaml': peer('{matchLabels: {name: ingress-nginx}}'), 'deploy.yaml': web, 'ns.yaml': ns }), []);
  assert.deepEqual(rulesOf({ 'np.yaml': peer('{matchLabels: {team: shop}}'), 'deploy.yaml': web, 'ns.yaml': ns }), []);
  assert.deepEqual(rulesOf({ 'np.yaml': peer('{matchLabels: {team: shop}}'), 'deploy.yaml': web }), []);
});

test('pod selectors on keys no pod template carries, or where a role may create pods, are quiet', () => {
  const peer = (selector: string) => policy(`  podSelector: {}\n  ingress:\n    - from:\n        - podSelector: ${selector}`);
  assert.deepEqual(rulesOf({ 'np.yaml': peer('{matchLabels: {component: instance-manager}}'), 'deploy.yaml': web }), []);
  const operator = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: operator}\nrules:\n  - {apiGroups: [apps], resources: [daemonsets], verbs: [create, delete]}\n';
  assert.deepEqual(rulesOf({ 'np.yaml': peer('{matchLabels: {app: csi-plugin}}'), 'deploy.yaml': web, 'rbac.yaml': operator }), []);
});
