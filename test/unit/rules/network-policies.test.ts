/** NetworkPolicy and IngressClass validation, in the API server's words (pkg/apis/networking/validation). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding } from '../../helpers/check-text';

const policy = (spec: string) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db, namespace: default}\nspec:\n  podSelector: {matchLabels: {app: db}}\n${spec}`;
const ingressClass = (spec: string) => `apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: nginx}\nspec:\n${spec}`;

test('a policy with a pod peer, an ipBlock peer and a port range is accepted', () => {
  const text = policy(
    '  ingress:\n  - from:\n    - podSelector: {matchLabels: {app: web}}\n      namespaceSelector: {}\n    - ipBlock: {cidr: 10.0.0.0/16, except: [10.0.1.0/24]}\n    ports:\n    - {port: 8000, endPort: 8080}\n    - {port: http}\n',
  );
  assert.deepEqual(checkText(text).findings, []);
});

// ValidateNetworkPolicyPeer: an ipBlock stands alone.
test('an ipBlock with a pod selector in the same peer is forbidden', () => {
  const finding = onlyFinding(policy('  ingress:\n  - from:\n    - podSelector: {}\n      ipBlock: {cidr: 10.0.0.0/8}\n'));
  assert.equal(finding.rule, 'network-policy');
  assert.equal(finding.message, 'spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer');
});

// ValidateNetworkPolicyPeer: numPeers == 0.
test('an empty peer is refused', () => {
  const finding = onlyFinding(policy('  egress:\n  - to:\n    - {}\n'));
  assert.equal(finding.message, 'spec.egress[0].to[0]: Required value: must specify a peer');
});

// ValidateNetworkPolicyPort: protocol is TCP, UDP or SCTP.
test('an unknown port protocol is not supported', () => {
  const finding = onlyFinding(policy('  ingress:\n  - ports:\n    - {protocol: HTTP, port: 80}\n'));
  assert.equal(finding.message, 'spec.ingress[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "TCP", "UDP", "SCTP"');
  assert.equal(finding.text, 'HTTP');
});

// ValidateNetworkPolicyPort: endPort below port.
test('an endPort below the port is refused', () => {
  const finding = onlyFinding(policy('  ingress:\n  - ports:\n    - {port: 9000, endPort: 8000}\n'));
  assert.equal(finding.message, 'spec.ingress[0].ports[0].endPort: Invalid value: 8000: must be greater than or equal to `port`');
  assert.equal(finding.text, '8000');
});

// ValidateNetworkPolicyPort: endPort with a named port.
test('an endPort with a named port is refused', () => {
  const finding = onlyFinding(policy('  ingress:\n  - ports:\n    - {port: http, endPort: 8080}\n'));
  assert.equal(finding.message, 'spec.ingress[0].ports[0].endPort: Invalid value: 8080: may not be specified when `port` is non-numeric');
});

// ValidateNetworkPolicyPort: a port number out of range.
test('a port number out of range is refused', () => {
  const finding = onlyFinding(policy('  egress:\n  - ports:\n    - {port: 70000}\n'));
  assert.equal(finding.message, 'spec.egress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive');
});

// ValidateIPBlock: except must lie inside cidr and be smaller.
test('an except entry outside the cidr is refused', () => {
  const finding = onlyFinding(policy('  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.0.0/16, except: [192.168.0.0/24]}\n'));
  assert.equal(finding.message, 'spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "192.168.0.0/24": must be a strict subset of `cidr`');
  assert.equal(finding.text, '192.168.0.0/24');
});

test('an except entry as large as the cidr is refused', () => {
  const finding = onlyFinding(policy('  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.0.0/16, except: [10.0.0.0/16]}\n'));
  assert.equal(finding.message, 'spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "10.0.0.0/16": must be a strict subset of `cidr`');
});

// ValidateIPBlock → IsValidCIDRForLegacyField (1.33 and later).
test('a cidr without a prefix length is not a CIDR', () => {
  const finding = onlyFinding(policy('  egress:\n  - to:\n    - ipBlock: {cidr: 10.0.0.1}\n'));
  assert.equal(finding.message, 'spec.egress[0].to[0].ipBlock.cidr: Invalid value: "10.0.0.1": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)');
});

test('IPv6 blocks and their exceptions are compared as IPv6', () => {
  assert.deepEqual(checkText(policy('  egress:\n  - to:\n    - ipBlock: {cidr: "2001:db8::/32", except: ["2001:db8:1::/48"]}\n')).findings, []);
});

// ValidateNetworkPolicySpec: at most two policyTypes, each Ingress or Egress.
test('an unknown policy type is not supported', () => {
  const finding = onlyFinding(policy('  policyTypes: [Ingress, Outbound]\n'));
  assert.equal(finding.message, 'spec.policyTypes[1]: Unsupported value: "Outbound": supported values: "Ingress", "Egress"');
});

test('three policy types are too many', () => {
  const finding = onlyFinding(policy('  policyTypes: [Ingress, Egress, Ingress]\n'), '1.33');
  assert.equal(finding.message, 'spec.policyTypes: Invalid value: []networking.PolicyType{"Ingress", "Egress", "Ingress"}: may not specify more than two policyTypes');
});

// ValidateNetworkPolicySpec → ValidateLabelSelector on podSelector.
test('a pod selector In expression without values is refused', () => {
  const finding = onlyFinding('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db}\nspec:\n  podSelector:\n    matchExpressions:\n    - {key: app, operator: In}\n');
  assert.equal(finding.message, "spec.podSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'");
});

// validateIngressClassSpec: controller is a domain-prefixed path.
test('an IngressClass controller without a domain is refused', () => {
  const finding = onlyFinding(ingressClass('  controller: nginx\n'));
  assert.equal(finding.rule, 'ingress-class');
  assert.equal(finding.message, 'spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")');
  assert.equal(finding.text, 'nginx');
});

test('an IngressClass with a domain-prefixed controller is accepted', () => {
  assert.deepEqual(checkText(ingressClass('  controller: k8s.io/ingress-nginx\n')).findings, []);
});

test('an IngressClass controller longer than 250 characters is too long', () => {
  const finding = onlyFinding(ingressClass(`  controller: example.com/${'a'.repeat(240)}\n`));
  assert.equal(finding.message, 'spec.controller: Too long: may not be more than 250 bytes');
});

test('an IngressClass without a controller is refused', () => {
  assert.equal(onlyFinding(ingressClass('  parameters: {kind: Config, name: main}\n')).message, 'spec.controller: Required value');
});

// validateIngressClassParametersReference: scope Namespace needs a namespace.
test('namespace-scoped parameters need a namespace', () => {
  const finding = onlyFinding(ingressClass('  controller: example.com/lb\n  parameters: {kind: Config, name: main, scope: Namespace}\n'));
  assert.equal(finding.message, "spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'");
});

test('cluster-scoped parameters may not name a namespace', () => {
  const finding = onlyFinding(ingressClass('  controller: example.com/lb\n  parameters: {kind: Config, name: main, namespace: edge}\n'));
  assert.equal(finding.message, "spec.parameters.namespace: Forbidden: `parameters.scope` is set to 'Cluster'");
});

test('an unknown parameters scope is not supported', () => {
  const finding = onlyFinding(ingressClass('  controller: example.com/lb\n  parameters: {kind: Config, name: main, scope: Global}\n'));
  assert.equal(finding.message, 'spec.parameters.scope: Unsupported value: "Global": supported values: "Cluster", "Namespace"');
});
