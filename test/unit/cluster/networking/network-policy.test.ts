/**
 * NetworkPolicy semantics as networking.k8s.io/v1 defines them (staging/src/k8s.io/api/networking/v1/types.go:
 * NetworkPolicySpec, NetworkPolicyPeer, NetworkPolicyPort, IPBlock; pkg/apis/networking/v1/defaults.go
 * SetDefaults_NetworkPolicySpec) and as the conformance cases of test/e2e/network/netpol/network_policy.go probe
 * them. Each truth table below is worked by hand from those doc comments: who may connect to whom, on which port.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NetworkPolicy, NetworkPolicySpec } from 'kubernetes-types/networking/v1';
import { NetworkPolicyEvaluator, type PolicyPod } from '../../../../server/src/cluster/network-policy/evaluation';
import { isolatedDirections } from '../../../../server/src/cluster/network-policy/selection';
import { parseSloppyIP } from '../../../../server/src/kube/ip-address';
import type { DeclaredPorts } from '../../../../server/src/cluster/network-policy/ports';

function policy(namespace: string, name: string, spec: NetworkPolicySpec): NetworkPolicy {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

/** Namespaces carry `kubernetes.io/metadata.name` and whatever labels are given here. */
function pod(namespace: string, name: string, labels: Record<string, string>, options: { ip?: string; ports?: DeclaredPorts; namespaceLabels?: Record<string, string> } = {}): PolicyPod {
  const address = options.ip ? parseSloppyIP(options.ip) : undefined;
  return {
    key: `${namespace}/${name}`,
    namespace,
    labels,
    namespaceLabels: { 'kubernetes.io/metadata.name': namespace, ...options.namespaceLabels },
    ip: address ? Array.from(address) : undefined,
    ports: options.ports ?? [],
  };
}

const tcp = (port: number | null) => ({ port, protocol: 'TCP' });
const allowed = (evaluator: NetworkPolicyEvaluator, from: PolicyPod, to: PolicyPod, port = tcp(80)) => evaluator.decide(from, to, port).allowed;

const server = pod('x', 'server', { app: 'server' }, { ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }] });
const client = pod('x', 'client', { app: 'client' });

// types.go NetworkPolicySpec.PodSelector: a pod no policy selects is not isolated.
test('with no policy every connection is allowed and no policy decides it', () => {
  assert.deepEqual(new NetworkPolicyEvaluator([]).decide(client, server, tcp(80)), { allowed: true, by: [], reason: 'no policy isolates either end' });
});

// e2e "should support a 'default-deny-ingress' policy": ingress isolated, egress untouched.
test('a default-deny ingress policy refuses ingress to every pod of its namespace but leaves their egress open', () => {
  const evaluator = new NetworkPolicyEvaluator([policy('x', 'deny', { podSelector: {}, policyTypes: ['Ingress'] })]);
  assert.deepEqual(evaluator.decide(client, server, tcp(80)), { allowed: false, by: ['x/deny'], reason: 'ingress isolated by x/deny and no rule of it allows it' });
  const outside = pod('y', 'other', {});
  assert.equal(allowed(evaluator, server, outside), true);
});

// types.go NetworkPolicySpec: policies are additive; an allow in any one selecting policy wins over a default deny.
test('policies are additive: an allow next to a default deny admits its peers only', () => {
  const evaluator = new NetworkPolicyEvaluator([
    policy('x', 'deny', { podSelector: {}, policyTypes: ['Ingress'] }),
    policy('x', 'allow-client', { podSelector: { matchLabels: { app: 'server' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'client' } } }] }] }),
  ]);
  assert.deepEqual(evaluator.decide(client, server, tcp(80)), { allowed: true, by: ['x/allow-client'], reason: 'ingress allowed by x/allow-client' });
  assert.equal(allowed(evaluator, pod('x', 'intruder', { app: 'intruder' }), server), false);
});

// types.go NetworkPolicyPeer: podSelector and namespaceSelector in one peer select pods matching both; separate
// peers are ORed, and a podSelector alone means the policy's namespace (e2e "should enforce policy to allow traffic
// only from a pod in a different namespace based on PodSelector and NamespaceSelector" and "... based on any
// PodSelectors").
test('one peer with a podSelector and a namespaceSelector ANDs them; two peers OR them', () => {
  const inA = { namespaceLabels: { team: 'a' } };
  const sources = {
    'a/client': pod('a', 'client', { app: 'client' }, inA),
    'a/other': pod('a', 'other', { app: 'other' }, inA),
    'b/client': pod('b', 'client', { app: 'client' }),
    'x/client': client,
    'x/other': pod('x', 'other', { app: 'other' }),
  };
  const anded = new NetworkPolicyEvaluator([
    policy('x', 'and', {
      podSelector: { matchLabels: { app: 'server' } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'a' } }, podSelector: { matchLabels: { app: 'client' } } }] }],
    }),
  ]);
  const ored = new NetworkPolicyEvaluator([
    policy('x', 'or', {
      podSelector: { matchLabels: { app: 'server' } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'a' } } }, { podSelector: { matchLabels: { app: 'client' } } }] }],
    }),
  ]);
  const table = (evaluator: NetworkPolicyEvaluator) => Object.fromEntries(Object.entries(sources).map(([key, source]) => [key, allowed(evaluator, source, server)]));
  assert.deepEqual(table(anded), { 'a/client': true, 'a/other': false, 'b/client': false, 'x/client': false, 'x/other': false });
  assert.deepEqual(table(ored), { 'a/client': true, 'a/other': true, 'b/client': false, 'x/client': true, 'x/other': false });
});

// types.go NetworkPolicyPeer.NamespaceSelector selects namespaces by their labels; the API server gives every
// namespace only `kubernetes.io/metadata.name` (NamespaceDefaultLabelName) unless its manifest adds more.
test('a namespaceSelector on a label the namespace does not carry admits nothing; kubernetes.io/metadata.name always matches', () => {
  const source = pod('monitoring', 'prometheus', { app: 'prometheus' });
  const byTeam = new NetworkPolicyEvaluator([policy('x', 'team', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'monitoring' } } }] }] })]);
  const byName = new NetworkPolicyEvaluator([
    policy('x', 'name', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }] }] }),
  ]);
  assert.equal(allowed(byTeam, source, server), false);
  assert.equal(allowed(byName, source, server), true);
});

// types.go NetworkPolicyPeer.NamespaceSelector: `{}` selects all namespaces (e2e "should enforce policy to allow
// ingress traffic from pods in all namespaces").
test('namespaceSelector {} admits the selected pods of every namespace', () => {
  const evaluator = new NetworkPolicyEvaluator([policy('x', 'all-ns', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'client' } } }] }] })]);
  assert.equal(allowed(evaluator, pod('far', 'client', { app: 'client' }), server), true);
  assert.equal(allowed(evaluator, pod('far', 'other', { app: 'other' }), server), false);
});

// types.go IPBlock: the CIDR minus its except CIDRs (e2e "should enforce except clause while egress access to
// server in CIDR block"); a pod without an address is in no block.
test('an ipBlock admits addresses of its CIDR outside its exceptions', () => {
  const evaluator = new NetworkPolicyEvaluator([policy('x', 'cidr', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.1.0/24'] } }] }] })]);
  assert.equal(allowed(evaluator, pod('y', 'in', {}, { ip: '10.244.2.5' }), server), true);
  assert.equal(allowed(evaluator, pod('y', 'excepted', {}, { ip: '10.244.1.7' }), server), false);
  assert.equal(allowed(evaluator, pod('y', 'outside', {}, { ip: '10.245.0.1' }), server), false);
  assert.equal(allowed(evaluator, pod('y', 'pending', {}), server), false);
});

// types.go NetworkPolicyPort: protocol defaults to TCP; port through endPort is a range (e2e "should enforce
// policy based on Ports", "should support allow-all policy", the endPort cases).
test('ports match by number and protocol, and port through endPort is inclusive', () => {
  const evaluator = new NetworkPolicyEvaluator([
    policy('x', 'ports', {
      podSelector: {},
      ingress: [
        {
          ports: [
            { port: 8000, endPort: 8080 },
            { protocol: 'UDP', port: 53 },
          ],
        },
      ],
    }),
  ]);
  const truth = [
    [tcp(8000), true],
    [tcp(8080), true],
    [tcp(8081), false],
    [{ port: 53, protocol: 'UDP' }, true],
    [tcp(53), false],
    [tcp(null), false],
  ] as const;
  for (const [port, expected] of truth) assert.equal(evaluator.decide(client, server, port).allowed, expected, `${port.port}/${port.protocol}`);
});

// types.go NetworkPolicyPort.Port: a name is a named port on the destination pod (e2e "should allow ingress access
// on one named port"; for egress "should allow egress access on one named port").
test('a named port resolves on the destination pod, so the same name admits different numbers on different pods', () => {
  const evaluator = new NetworkPolicyEvaluator([policy('x', 'named', { podSelector: {}, ingress: [{ ports: [{ port: 'http' }] }] })]);
  const other = pod('x', 'other-server', { app: 'server' }, { ports: [{ name: 'http', containerPort: 9090, protocol: 'TCP' }] });
  assert.equal(allowed(evaluator, client, server, tcp(80)), true);
  assert.equal(allowed(evaluator, client, other, tcp(80)), false);
  assert.equal(allowed(evaluator, client, other, tcp(9090)), true);
});

// SetDefaults_NetworkPolicySpec: no policyTypes means Ingress, plus Egress when there are egress rules.
test('policyTypes default to Ingress, and to Ingress and Egress when egress rules are present', () => {
  assert.deepEqual([...isolatedDirections(policy('x', 'a', { podSelector: {}, ingress: [{}] }))], ['Ingress']);
  assert.deepEqual([...isolatedDirections(policy('x', 'b', { podSelector: {}, egress: [{}] }))], ['Ingress', 'Egress']);
  assert.deepEqual([...isolatedDirections(policy('x', 'c', { podSelector: {}, policyTypes: ['Egress'] }))], ['Egress']);
});

// e2e "should support denying of egress traffic on the client side (even if the server explicitly allows this
// traffic)": both ends must allow.
test('an egress deny on the client wins over an ingress allow on the server', () => {
  const evaluator = new NetworkPolicyEvaluator([
    policy('x', 'client-deny', { podSelector: { matchLabels: { app: 'client' } }, policyTypes: ['Egress'] }),
    policy('x', 'server-allow', { podSelector: { matchLabels: { app: 'server' } }, ingress: [{}] }),
  ]);
  assert.deepEqual(evaluator.decide(client, server, tcp(80)), { allowed: false, by: ['x/client-deny'], reason: 'egress isolated by x/client-deny and no rule of it allows it' });
});

// types.go NetworkPolicyIngressRule: an empty rule (no from, no ports) matches all traffic.
test('an empty ingress rule admits every source on every port', () => {
  const evaluator = new NetworkPolicyEvaluator([policy('x', 'allow-all', { podSelector: {}, ingress: [{}] })]);
  assert.equal(allowed(evaluator, pod('far', 'anyone', {}), server, tcp(null)), true);
});

// types.go NetworkPolicySpec.PodSelector selects pods in the policy's own namespace only.
test('a policy selects pods of its own namespace only', () => {
  const evaluator = new NetworkPolicyEvaluator([policy('other', 'deny', { podSelector: {}, policyTypes: ['Ingress'] })]);
  assert.equal(allowed(evaluator, client, server), true);
});

// types.go NetworkPolicySpec: policies are additive; an isolated pod admits what at least one isolating policy allows,
// and the decision names those that allow it. Pods isolated by the same policies are answered per source, never alike.
test('pods isolated by the same policies are each answered by the policies that allow their source', () => {
  const evaluator = new NetworkPolicyEvaluator([
    policy('x', 'from-a', { podSelector: { matchLabels: { app: 'server' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } } }] }] }),
    policy('x', 'from-b', { podSelector: { matchLabels: { app: 'server' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'b' } } }] }] }),
  ]);
  const [a, b, c] = ['a', 'b', 'c'].map((app) => pod('x', app, { app }));
  const servers = [server, pod('x', 'server-2', { app: 'server' })];
  for (const destination of servers) {
    assert.deepEqual(evaluator.decide(a!, destination, tcp(80)), { allowed: true, by: ['x/from-a'], reason: 'ingress allowed by x/from-a' });
    assert.deepEqual(evaluator.decide(b!, destination, tcp(80)), { allowed: true, by: ['x/from-b'], reason: 'ingress allowed by x/from-b' });
    assert.deepEqual(evaluator.decide(c!, destination, tcp(80)), {
      allowed: false,
      by: ['x/from-a', 'x/from-b'],
      reason: 'ingress isolated by x/from-a, x/from-b and no rule of them allows it',
    });
  }
});

// types.go NetworkPolicyPeer.PodSelector: a peer reads the labels its selector names and no other. Sources that
// differ only in other labels are answered alike, whichever is asked first; one the selector does not admit is not.
test('sources differing only in labels no policy reads get the same answer, and a label a peer reads sets one apart', () => {
  const evaluator = new NetworkPolicyEvaluator([
    policy('x', 'from-clients', { podSelector: { matchLabels: { app: 'server' } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }] }] }),
  ]);
  const outsider = pod('x', 'outsider', { role: 'other', build: 'one' });
  const [one, two] = ['one', 'two'].map((build) => pod('x', `client-${build}`, { role: 'client', build }));
  const refused = { allowed: false, by: ['x/from-clients'], reason: 'ingress isolated by x/from-clients and no rule of it allows it' };
  const admitted = { allowed: true, by: ['x/from-clients'], reason: 'ingress allowed by x/from-clients' };
  assert.deepEqual(evaluator.decide(outsider, server, tcp(80)), refused);
  assert.deepEqual(evaluator.decide(one!, server, tcp(80)), admitted);
  assert.deepEqual(evaluator.decide(two!, server, tcp(80)), admitted);
});

// types.go NetworkPolicySpec.PolicyTypes: a pod selected by a policy of type Egress is isolated for egress, so two
// sources every ingress rule admits alike still differ when only one of them is egress-isolated.
test('a source isolated for egress is answered apart from one no ingress rule tells it from', () => {
  const evaluator = new NetworkPolicyEvaluator([policy('x', 'lock-down', { podSelector: { matchLabels: { locked: 'yes' } }, policyTypes: ['Egress'] })]);
  const locked = pod('x', 'locked', { app: 'client', locked: 'yes' });
  assert.deepEqual(evaluator.decide(client, server, tcp(80)), { allowed: true, by: [], reason: 'no policy isolates either end' });
  assert.deepEqual(evaluator.decide(locked, server, tcp(80)), { allowed: false, by: ['x/lock-down'], reason: 'egress isolated by x/lock-down and no rule of it allows it' });
});

// types.go NetworkPolicyEgressRule.To: the destination is the peer of an egress rule, so destinations with the same
// ports and the same (absent) ingress isolation differ when only one of them is a peer the rule admits.
test('destinations alike but for a label an egress peer reads are answered apart', () => {
  const evaluator = new NetworkPolicyEvaluator([
    policy('x', 'to-zone-a', { podSelector: { matchLabels: { app: 'client' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { zone: 'a' } } }] }] }),
  ]);
  const ports = [{ name: 'http', containerPort: 80, protocol: 'TCP' }];
  const inA = pod('x', 'server-a', { app: 'server', zone: 'a' }, { ports });
  const inB = pod('x', 'server-b', { app: 'server', zone: 'b' }, { ports });
  assert.equal(allowed(evaluator, client, inA), true);
  assert.equal(allowed(evaluator, client, inB), false);
});

// Policies read a pod's labels, never its name: a pod the plan assumes (cluster DNS where none is given) is
// answered by its own labels even when a pod of the inputs has the same namespace and name.
test('two pods of one name are each answered by their own labels', () => {
  const evaluator = new NetworkPolicyEvaluator([
    policy('x', 'dns-only', {
      podSelector: { matchLabels: { app: 'client' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }] }],
    }),
  ]);
  const dnsPorts = [{ name: 'dns', containerPort: 53, protocol: 'UDP' }];
  const given = pod('kube-system', 'coredns', { app: 'coredns' }, { ports: dnsPorts });
  const assumed = pod('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, { ports: dnsPorts });
  const dns = { port: 53, protocol: 'UDP' };
  assert.equal(evaluator.decide(client, given, dns).allowed, false);
  assert.equal(evaluator.decide(client, assumed, dns).allowed, true);
});
