/**
 * `network-policy-port-name`. A NetworkPolicyPort's `port` given as a name matches the destination pod's container
 * port of that name and protocol (TCP when unset) (staging/src/k8s.io/api/networking/v1/types.go NetworkPolicyPort):
 * for ingress the destinations are the pods the policy selects, for egress the pods the rule's `to` peers select.
 * Container ports are those of `containers` and of init containers with `restartPolicy: Always`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossCheck, deployment, rulesOf } from './workspace';

const policy = (spec: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
${spec}
`;
// Declares the TCP port `http` (8080).
const web = deployment('web', '{app: web}', { namespace: 'shop' });
const db = deployment('db', '{app: db}', {
  namespace: 'shop',
  podSpec: '      containers:\n        - name: db\n          image: postgres:17\n          ports: [{name: pg, containerPort: 5432}]',
});

test('an ingress port name no selected pod declares is a warning on the port', () => {
  const findings = crossCheck({ 'np.yaml': policy('  ingress:\n    - ports:\n        - port: metrics'), 'web.yaml': web });
  assert.deepEqual(
    findings.map((f) => [f.rule, f.severity, f.path, f.line, f.text, f.message]),
    [
      [
        'network-policy-port-name',
        'warning',
        'spec.ingress[0].ports[0].port',
        8,
        'metrics',
        'port "metrics" names no TCP container port of the pods this NetworkPolicy selects (Deployment/web): this entry allows no ingress traffic',
      ],
    ],
  );
});

test('a port name is matched with its protocol', () => {
  const findings = crossCheck({ 'np.yaml': policy('  ingress:\n    - ports:\n        - {port: http, protocol: UDP}'), 'web.yaml': web });
  assert.deepEqual(
    findings.map((f) => [f.path, f.text, f.message]),
    [['spec.ingress[0].ports[0].port', 'http', 'port "http" names no UDP container port of the pods this NetworkPolicy selects (Deployment/web): this entry allows no ingress traffic']],
  );
});

test('an ingress port name a selected pod declares, or a port number, is quiet', () => {
  assert.deepEqual(rulesOf({ 'np.yaml': policy('  ingress:\n    - ports:\n        - port: http\n        - port: 9090'), 'web.yaml': web }), []);
});

test("an egress port name is looked up on the pods the rule's peers select", () => {
  const egress = (port: string) => policy(`  egress:\n    - to:\n        - podSelector: {matchLabels: {app: db}}\n      ports:\n        - port: ${port}`);
  assert.deepEqual(rulesOf({ 'np.yaml': egress('pg'), 'web.yaml': web, 'db.yaml': db }), []);
  const findings = crossCheck({ 'np.yaml': egress('http'), 'web.yaml': web, 'db.yaml': db });
  assert.deepEqual(
    findings.map((f) => [f.path, f.line, f.text, f.message]),
    [['spec.egress[0].ports[0].port', 10, 'http', 'port "http" names no TCP container port of the pods this rule\'s peers select (Deployment/db): this entry allows no egress traffic']],
  );
});

test('an egress rule with a namespaceSelector or ipBlock peer, or without peers, is not judged', () => {
  const egress = (to: string) => policy(`  egress:\n    - ${to}ports:\n        - port: nope`);
  for (const to of ['', 'to: [{namespaceSelector: {}}]\n      ', 'to: [{ipBlock: {cidr: 10.0.0.0/8}}]\n      ']) {
    assert.deepEqual(rulesOf({ 'np.yaml': egress(to), 'web.yaml': web, 'db.yaml': db }), [], to);
  }
});

test('a namespace where a role of the workspace may create pods is not judged', () => {
  const operator = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: operator, namespace: shop}
rules:
  - {apiGroups: [""], resources: [pods], verbs: [create]}
`;
  assert.deepEqual(rulesOf({ 'np.yaml': policy('  ingress:\n    - ports:\n        - port: metrics'), 'web.yaml': web, 'role.yaml': operator }), []);
});
