/**
 * Hover over a NetworkPolicy, worked by hand from networking.k8s.io/v1 NetworkPolicySpec and NetworkPolicyPeer
 * (staging/src/k8s.io/api/networking/v1/types.go): podSelector selects pods of the policy's namespace; within one
 * peer podSelector and namespaceSelector are ANDed, across a rule's peers ORed; policyTypes defaults to Ingress, plus
 * Egress when the policy has egress rules (pkg/apis/networking/v1/defaults.go SetDefaults_NetworkPolicySpec); every
 * namespace carries `kubernetes.io/metadata.name` and, beyond it, only the labels its Namespace object gives it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hoverText } from './hover-helpers';

const deployment = (name: string, namespace: string, labels: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  selector: {matchLabels: ${labels}}
  template:
    metadata: {labels: ${labels}}
    spec:
      containers:
        - name: ${name}
          image: nginx:1.27
`;

const WORKSPACE = {
  'namespaces.yaml': `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: shop}}
---
apiVersion: v1
kind: Namespace
metadata: {name: other}
`,
  'web.yaml': deployment('web', 'shop', '{app: web}'),
  'frontend.yaml': deployment('frontend', 'shop', '{app: frontend}'),
  'other.yaml': deployment('frontend', 'other', '{app: frontend}'),
  'lab.yaml': deployment('frontend', 'lab', '{app: frontend}'),
};

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
    - from:
        - namespaceSelector: {matchLabels: {team: shop}}
          podSelector: {matchLabels: {app: frontend}}
    - from:
        - namespaceSelector: {matchLabels: {team: shop}}
        - podSelector: {matchLabels: {app: frontend}}
  egress:
    - to:
        - ipBlock: {cidr: 10.0.0.0/16, except: [10.0.5.0/24]}
`;

/** The section of the hover that starts with `head`. */
function section(markdown: string, head: string): string {
  const found = markdown.split('\n\n---\n\n').find((part) => part.startsWith(head));
  assert.ok(found, `a section starting with ${head} in:\n${markdown}`);
  return found;
}

test("a policy's podSelector lists the workloads of its namespace it selects, and why it does not select the others", () => {
  const markdown = hoverText(POLICY, 'podSelector: {matchLabels: {app: web}}', { workspace: WORKSPACE });
  assert.equal(
    section(markdown, '**Selects**'),
    ['**Selects** (`app=web`) pods of namespace `shop` only', '', '- ✓ Deployment/web in `shop`', '- ✗ Deployment/frontend in `shop`: `app` is `frontend`, not `web`'].join('\n'),
  );
});

test('a peer with podSelector and namespaceSelector admits the pods matching both, in every namespace', () => {
  const markdown = hoverText(POLICY, 'namespaceSelector: {matchLabels: {team: shop}}\n          podSelector', { workspace: WORKSPACE });
  assert.equal(
    section(markdown, '**Peer**'),
    [
      '**Peer** (ingress rule 1, peer 1 of 1): pods with (`app=frontend`) in the namespaces with (`team=shop`) — both selectors of this one peer must match',
      '',
      '- ✓ Deployment/frontend in `shop`',
      '- ✗ Deployment/frontend in `lab`: namespace `lab`: no label `team` (no Namespace `lab` in the workspace: only its `kubernetes.io/metadata.name` label is known)',
      '- ✗ Deployment/frontend in `other`: namespace `other`: no label `team`',
      '- ✗ Deployment/web in `shop`: `app` is `web`, not `frontend`',
    ].join('\n'),
  );
});

test("a rule's separate peers are alternatives: a namespaceSelector alone admits every pod of its namespaces", () => {
  const markdown = hoverText(POLICY, '- namespaceSelector: {matchLabels: {team: shop}}\n        - podSelector', { n: 2, workspace: WORKSPACE });
  assert.equal(
    section(markdown, '**Peer**'),
    [
      '**Peer** (ingress rule 2, peer 1 of 2): every pod in the namespaces with (`team=shop`)',
      '',
      "The rule's 2 peers are alternatives: traffic from a pod or address any one of them admits is allowed.",
      '',
      '- ✓ Deployment/web in `shop`',
      '- ✓ Deployment/frontend in `shop`',
      '- ✗ Deployment/frontend in `lab`: namespace `lab`: no label `team` (no Namespace `lab` in the workspace: only its `kubernetes.io/metadata.name` label is known)',
      '- ✗ Deployment/frontend in `other`: namespace `other`: no label `team`',
    ].join('\n'),
  );
});

test("a peer's podSelector alone admits pods of the policy's own namespace only", () => {
  const markdown = hoverText(POLICY, '- podSelector: {matchLabels: {app: frontend}}', { n: 3, workspace: WORKSPACE });
  assert.equal(
    section(markdown, '**Peer**'),
    [
      "**Peer** (ingress rule 2, peer 2 of 2): pods with (`app=frontend`) in the policy's namespace `shop` (no namespaceSelector)",
      '',
      "The rule's 2 peers are alternatives: traffic from a pod or address any one of them admits is allowed.",
      '',
      '- ✓ Deployment/frontend in `shop`',
      '- ✗ Deployment/web in `shop`: `app` is `web`, not `frontend`',
    ].join('\n'),
  );
});

test('an ipBlock peer shows the addresses it covers and those it excepts', () => {
  const markdown = hoverText(POLICY, 'cidr: 10.0.0.0/16', { n: 8, workspace: WORKSPACE });
  assert.equal(
    section(markdown, '**ipBlock**'),
    [
      '**ipBlock** (egress rule 1, peer 1 of 1): `10.0.0.0/16`: 10.0.0.0 – 10.0.255.255 (65,536 addresses)',
      '- except `10.0.5.0/24`: 10.0.5.0 – 10.0.5.255 (256 addresses)',
      '',
      'An ipBlock admits addresses, not pods by their labels: pod addresses are given at run time, so no workload of the workspace is listed (`kubeplan plan` and `kubeplan can-connect` match the addresses they assign).',
    ].join('\n'),
  );
});

test('without policyTypes, a policy with egress rules isolates both directions', () => {
  const markdown = hoverText(POLICY, 'egress:', { workspace: WORKSPACE });
  assert.equal(
    section(markdown, '**Isolates**'),
    [
      '**Isolates** the pods it selects for Ingress, Egress: `policyTypes` is not written, so the API server sets it to [Ingress, Egress] — Ingress always, Egress because the policy has egress rules',
      '',
      '- Ingress: isolated — only the ingress traffic its 2 ingress rules admit is allowed (with what other policies selecting these pods allow)',
      '- Egress: isolated — only the egress traffic its 1 egress rule admits is allowed (with what other policies selecting these pods allow)',
    ].join('\n'),
  );
});

test('without policyTypes or egress rules, a policy isolates ingress only', () => {
  const text = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec:
  podSelector: {}
  ingress: []
`;
  assert.equal(
    section(hoverText(text, 'ingress'), '**Isolates**'),
    [
      '**Isolates** the pods it selects for Ingress: `policyTypes` is not written, so the API server sets it to [Ingress] — Ingress always, Egress only when the policy has egress rules',
      '',
      '- Ingress: isolated, with no ingress rules — all ingress traffic is refused unless another policy selecting these pods allows it',
      '- Egress: not isolated by this policy — all egress traffic is allowed unless another policy isolates these pods',
    ].join('\n'),
  );
});

test('ingress rules of a policy whose policyTypes lists only Egress change nothing', () => {
  const text = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: out, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
  ingress:
    - from: [{podSelector: {}}]
`;
  assert.equal(
    section(hoverText(text, 'policyTypes'), '**Isolates**'),
    [
      '**Isolates** the pods it selects for Egress',
      '',
      '- Ingress: not isolated — `policyTypes` does not list Ingress, so its 1 ingress rule changes nothing',
      '- Egress: isolated, with no egress rules — all egress traffic is refused unless another policy selecting these pods allows it',
    ].join('\n'),
  );
});
