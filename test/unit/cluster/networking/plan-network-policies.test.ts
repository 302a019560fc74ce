/**
 * NetworkPolicies in the plan: which pods each selects, which Service ports and workload pairs they decide, and the
 * note on cluster DNS. Truth from networking.k8s.io/v1 (staging/src/k8s.io/api/networking/v1/types.go) worked by
 * hand: a default deny of egress without an allowance for port 53 leaves a pod unable to resolve names, the first
 * thing the upstream guide's default-deny examples warn about.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1';
import { decoded, planManifests } from '../../../helpers/plan-manifests';
import { defaultCluster } from '../../../../server/src/cluster/cluster-model';
import { networkPolicyView, planNetworkPolicies, planReachability } from '../../../../server/src/cluster/plan-network-policies';
import { networkPolicyObjects, planApply, settleRequest } from '../../../../server/src/cluster/simulation';
import type { NetworkPolicy } from 'kubernetes-types/networking/v1';

const NOW = Date.parse('2026-03-01T10:00:00Z');

const deployment = (name: string, port: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:
  replicas: 1
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - {name: c, image: "x:1", ports: [${port}]}
`;
const policy = (name: string, spec: string) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: shop}\nspec:\n${spec}`;
const APP = `${deployment('web', '{name: http, containerPort: 8080}')}---\n${deployment('db', '{name: pg, containerPort: 5432}')}---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: shop}
spec:
  selector: {app: db}
  ports: [{port: 5432, targetPort: pg}]
`;
const DEFAULT_DENY = policy('default-deny', '  podSelector: {}\n  policyTypes: [Ingress, Egress]\n');
const WEB_TO_DB = policy('web-to-db', '  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Egress]\n  egress:\n  - to: [{podSelector: {matchLabels: {app: db}}}]\n');
const DB_FROM_WEB = policy('db-from-web', '  podSelector: {matchLabels: {app: db}}\n  ingress:\n  - from: [{podSelector: {matchLabels: {app: web}}}]\n    ports: [{port: pg}]\n');

test('each policy lists the pods it selects and the directions it isolates', () => {
  const plan = planManifests(`${APP}---\n${DEFAULT_DENY}---\n${DB_FROM_WEB}`, NOW);
  const pods = (app: string) => plan.pods.filter((pod) => pod.name.startsWith(`${app}-`)).map((pod) => `shop/${pod.name}`);
  assert.deepEqual(plan.networkPolicies, [
    { name: 'db-from-web', namespace: 'shop', selects: pods('db'), isolates: ['Ingress'] },
    { name: 'default-deny', namespace: 'shop', selects: [...pods('db'), ...pods('web')], isolates: ['Ingress', 'Egress'] },
  ]);
});

test('a Service port is reached through its endpoints on their target ports, and rows name the deciding policies', () => {
  const plan = planManifests(`${APP}---\n${DEFAULT_DENY}---\n${DB_FROM_WEB}---\n${WEB_TO_DB}`, NOW);
  const toDbService = plan.reachability.filter((row) => row.toKind === 'Service');
  assert.deepEqual(toDbService, [
    {
      from: 'shop/db',
      to: 'shop/db',
      toKind: 'Service',
      port: 5432,
      protocol: 'TCP',
      allowed: false,
      by: ['shop/db-from-web', 'shop/default-deny'],
      reason: 'egress isolated by shop/default-deny and no rule of it allows it; ingress isolated by shop/db-from-web, shop/default-deny and no rule of them allows it',
    },
    {
      from: 'shop/web',
      to: 'shop/db',
      toKind: 'Service',
      port: 5432,
      protocol: 'TCP',
      allowed: true,
      by: ['shop/db-from-web', 'shop/web-to-db'],
      reason: 'egress allowed by shop/web-to-db; ingress allowed by shop/db-from-web',
    },
  ]);
});

test('without policies there is no reachability to report', () => {
  const plan = planManifests(APP, NOW);
  assert.deepEqual([plan.networkPolicies, plan.reachability], [[], []]);
});

test('a default deny of egress without a DNS allowance is noted: name resolution fails', () => {
  const plan = planManifests(`${APP}---\n${DEFAULT_DENY}`, NOW);
  assert.ok(
    plan.notes.includes(
      'NetworkPolicies shop/default-deny block egress to cluster DNS (kube-system pods labelled k8s-app=kube-dns, port 53/UDP) from shop/db, shop/web: name resolution fails there; allow egress to port 53 UDP and TCP',
    ),
    plan.notes.join('\n'),
  );
});

test('an egress rule to kube-system on port 53 keeps DNS working under a default deny', () => {
  const dns = policy(
    'allow-dns',
    '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}}]\n    ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]\n',
  );
  const plan = planManifests(`${APP}---\n${DEFAULT_DENY}---\n${dns}`, NOW);
  assert.deepEqual(
    plan.notes.filter((note) => note.includes('cluster DNS (')),
    [],
  );
});

test('a Namespace among the inputs lends its labels to namespaceSelectors', () => {
  const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {team: shop}}\n';
  const byTeam = policy('from-team', '  podSelector: {matchLabels: {app: db}}\n  ingress:\n  - from: [{namespaceSelector: {matchLabels: {team: shop}}}]\n');
  const withLabels = planManifests(`${namespace}---\n${APP}---\n${byTeam}`, NOW);
  const without = planManifests(`${APP}---\n${byTeam}`, NOW);
  const webToDb = (rows: typeof withLabels.reachability) => rows.find((row) => row.from === 'shop/web' && row.to === 'shop/db' && row.toKind === 'Workload')?.allowed;
  assert.equal(webToDb(withLabels.reachability), true);
  assert.equal(webToDb(without.reachability), false);
});

// Every pod is selected by 10 to 20 policies here, so no pair escapes evaluation. How long it takes is measured in
// `npm run bench -- --only np`, not here.
test('reachability of 500 workloads under 200 policies answers every one of the 250,000 pairs', () => {
  const pods: Pod[] = [];
  for (let i = 0; i < 500; i++) {
    pods.push({
      metadata: { name: `w${i}`, namespace: `ns${i % 10}`, labels: { app: `w${i}`, tier: `t${i % 20}` } },
      spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 8080 }] }] },
      status: { phase: 'Running', podIP: `10.244.${Math.floor(i / 250)}.${i % 250}` },
    });
  }
  const policies: NetworkPolicy[] = [];
  for (let i = 0; i < 200; i++) {
    policies.push({
      metadata: { name: `p${i}`, namespace: `ns${i % 10}` },
      spec: {
        podSelector: i % 20 === 0 ? {} : { matchLabels: { tier: `t${i % 20}` } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': `ns${(i + 1) % 10}` } }, podSelector: { matchLabels: { tier: `t${(i + 3) % 20}` } } }] }],
        egress: [{ to: [{ ipBlock: { cidr: '10.244.0.0/24', except: ['10.244.0.128/25'] } }], ports: [{ port: 8080 }] }],
      },
    });
  }
  const view = networkPolicyView({ policies, pods, replicaSets: [], jobs: [], services: [], namespaceLabels: (name) => ({ 'kubernetes.io/metadata.name': name }) });
  const rows = planReachability(view);
  assert.equal(rows.length, 500 * 500);
});

test('the policy sections read from the settled cluster are the plan’s own', () => {
  const manifests = decoded(`${APP}---\n${DEFAULT_DENY}---\n${DB_FROM_WEB}---\n${WEB_TO_DB}`);
  const request = { kubernetesVersion: '1.33' as const, cluster: defaultCluster(), current: [], manifests, newPodsReady: true, now: NOW };
  const plan = planApply(request);
  const view = networkPolicyView(networkPolicyObjects(settleRequest(request).cluster, plan.services));
  assert.deepEqual(planNetworkPolicies(view), plan.networkPolicies);
  assert.deepEqual(planReachability(view), plan.reachability);
  assert.ok(plan.reachability.length > 0);
});

// types.go NetworkPolicySpec: a pod selected by a policy with policyType Ingress is isolated for ingress and admits
// what an ingress rule allows; web-1 and web-2 carry the tier the rule's peer reads, db does not. Sources alike to
// every policy have the same rows, each under its own name.
test('workloads alike to every policy each have their rows, under their own names', () => {
  const pod = (name: string, tier: string, port: number): Pod => ({
    metadata: { name, namespace: 'shop', labels: { app: name, tier } },
    spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: port }] }] },
    status: { phase: 'Running' },
  });
  const policies: NetworkPolicy[] = [
    {
      metadata: { name: 'db-from-web', namespace: 'shop' },
      spec: { podSelector: { matchLabels: { tier: 'db' } }, ingress: [{ from: [{ podSelector: { matchLabels: { tier: 'web' } } }], ports: [{ port: 5432 }] }] },
    },
  ];
  const view = networkPolicyView({
    policies,
    pods: [pod('web-2', 'web', 8080), pod('db', 'db', 5432), pod('web-1', 'web', 8080)],
    replicaSets: [],
    jobs: [],
    services: [],
    namespaceLabels: (name) => ({ 'kubernetes.io/metadata.name': name }),
  });
  const admitted = { to: 'shop/db', toKind: 'Workload', port: 5432, protocol: 'TCP', allowed: true, by: ['shop/db-from-web'], reason: 'ingress allowed by shop/db-from-web' };
  assert.deepEqual(planReachability(view), [
    {
      from: 'shop/db',
      to: 'shop/db',
      toKind: 'Workload',
      port: 5432,
      protocol: 'TCP',
      allowed: false,
      by: ['shop/db-from-web'],
      reason: 'ingress isolated by shop/db-from-web and no rule of it allows it',
    },
    { from: 'shop/web-1', ...admitted },
    { from: 'shop/web-2', ...admitted },
  ]);
});
