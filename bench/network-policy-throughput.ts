/**
 * The plan's NetworkPolicy sections at scale, in a fresh Node process: 500 Deployments (2 replicas each) in 20
 * namespaces with labels and named ports, a Service for each, and 200 NetworkPolicies — per namespace a default deny
 * of both directions, a DNS allowance, tier-to-tier rules with named and numbered ports, peers by namespace labels,
 * an ipBlock with exceptions for ingress and another for egress, a port range and a per-workload rule.
 *
 * What is timed is what the plan spends on the policies once the cluster has settled: the view of the pods
 * (`networkPolicyView`), the DNS note, the `networkPolicies` section and the `reachability` rows, called in the order
 * planApplyWithPolicies calls them, on the cluster `settleRequest` leaves. Timing planApply with and without the
 * policies and subtracting would carry the noise of two settles of 1,000 pods (each longer than the policies' part) into a
 * figure smaller than either; the settle time is reported beside it.
 *
 * Usage as a worker: node network-policy-throughput.js   (prints one JSON line)
 */
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { Node } from 'kubernetes-types/core/v1';
import type { DecodedObject } from '../server/src/cluster/cluster-model';
import { networkPolicyNotes, networkPolicyView, planNetworkPolicies, planReachability } from '../server/src/cluster/plan-network-policies';
import { planServices } from '../server/src/cluster/plan-services';
import { networkPolicyObjects, settleRequest } from '../server/src/cluster/simulation';
import type { PlainObject } from '../server/src/kube/plain-values';
import type { Service, Pod, Endpoints } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { bestOf, median } from './stats';

export interface NetworkPolicyThroughput {
  namespaces: number;
  deployments: number;
  services: number;
  policies: number;
  /** Objects the cluster refused on apply (the input is meant to be all valid: 0). */
  refused: number;
  pods: number;
  /** Workloads the plan's view summarises the pods into. */
  workloads: number;
  reachabilityRows: number;
  allowedRows: number;
  /** The view, the DNS note, the networkPolicies section and the reachability rows, on the settled cluster. */
  policiesMs: number;
  reachabilityMs: number;
  /** CPU time (user + system) of the same span: on a loaded machine, closer to what it costs than wall time. */
  policiesCpuMs: number;
  /** Applying the objects and settling the cluster (not part of the figure; for scale). */
  settleMs: number;
  peakRssBytes: number;
  runsMs?: number[];
  medianMs?: number;
}

export const NAMESPACES = 20;
const DEPLOYMENTS_PER_NAMESPACE = 25;
const REPLICAS = 2;
const NODES = 40;
const NOW = Date.parse('2026-01-01T00:00:00Z');

type Tier = 'frontend' | 'backend' | 'db';

function tierOf(app: number): Tier {
  return app < 8 ? 'frontend' : app < 20 ? 'backend' : 'db';
}

/** Container ports by tier: names the policies refer to, and the numbers behind them. */
const PORTS: Record<Tier, { name: string; containerPort: number; protocol?: string }[]> = {
  frontend: [
    { name: 'http', containerPort: 8080 },
    { name: 'metrics', containerPort: 9090 },
  ],
  backend: [
    { name: 'grpc', containerPort: 9000 },
    { name: 'http', containerPort: 8080 },
    { name: 'metrics', containerPort: 9090 },
  ],
  db: [
    { name: 'pg', containerPort: 5432 },
    { name: 'metrics', containerPort: 9187 },
  ],
};

function namespaceName(index: number): string {
  return index === NAMESPACES - 1 ? 'monitoring' : `team-${String(index).padStart(2, '0')}`;
}

function appName(index: number): string {
  return `app-${String(index).padStart(2, '0')}`;
}

function decoded(value: PlainObject): DecodedObject {
  return { apiVersion: value['apiVersion'] as string, kind: value['kind'] as string, value };
}

function node(index: number): Node {
  const name = `node-${String(index).padStart(3, '0')}`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'topology.kubernetes.io/zone': `zone-${index % 3}` } },
    spec: { podCIDR: `10.64.${index}.0/24` },
    status: { allocatable: { cpu: '8', memory: '32Gi', pods: '110' }, addresses: [{ type: 'InternalIP', address: `192.168.0.${index + 10}` }] },
  };
}

function namespace(index: number): DecodedObject {
  const name = namespaceName(index);
  const labels: PlainObject = name === 'monitoring' ? { purpose: 'monitoring' } : { team: name, env: index % 2 === 0 ? 'prod' : 'staging' };
  return decoded({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
}

function deployment(ns: string, app: number): DecodedObject {
  const name = appName(app);
  const tier = tierOf(app);
  const labels = { app: name, tier, 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': ns };
  return decoded({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns, labels },
    spec: {
      replicas: REPLICAS,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'app', image: `registry.example.com/${name}:1`, ports: PORTS[tier], resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
      },
    },
  });
}

function service(ns: string, app: number): DecodedObject {
  const name = appName(app);
  const ports = PORTS[tierOf(app)].map((port) => ({ name: port.name, port: port.containerPort === 8080 ? 80 : port.containerPort, targetPort: port.name }));
  return decoded({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec: { selector: { app: name }, ports } });
}

function policy(ns: string, name: string, spec: PlainObject): DecodedObject {
  return decoded({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec });
}

/** Ten policies per namespace, of the kinds real clusters hold. */
function policies(index: number): DecodedObject[] {
  const ns = namespaceName(index);
  const tier = (value: Tier) => ({ matchLabels: { tier: value } });
  const neighbour = namespaceName((index + 1) % (NAMESPACES - 1));
  return [
    policy(ns, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    policy(ns, 'allow-dns', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [
            { port: 53, protocol: 'UDP' },
            { port: 53, protocol: 'TCP' },
          ],
        },
      ],
    }),
    policy(ns, 'frontend-from-nodes', {
      podSelector: tier('frontend'),
      ingress: [{ from: [{ ipBlock: { cidr: '10.64.0.0/16', except: ['10.64.3.0/24', '10.64.17.0/24'] } }], ports: [{ port: 'http' }] }],
    }),
    policy(ns, 'backend-from-frontend', {
      podSelector: tier('backend'),
      ingress: [{ from: [{ podSelector: tier('frontend') }], ports: [{ port: 'grpc' }, { port: 'http' }] }],
    }),
    policy(ns, 'db-from-backend', { podSelector: tier('db'), ingress: [{ from: [{ podSelector: tier('backend') }], ports: [{ port: 5432 }] }] }),
    policy(ns, 'frontend-to-backend', {
      podSelector: tier('frontend'),
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: tier('backend') }], ports: [{ port: 9000 }, { port: 8080 }] }],
    }),
    policy(ns, 'backend-egress', {
      podSelector: tier('backend'),
      policyTypes: ['Egress'],
      egress: [
        { to: [{ podSelector: tier('db') }], ports: [{ port: 5432 }] },
        { to: [{ namespaceSelector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }, podSelector: tier('backend') }], ports: [{ port: 'grpc' }] },
      ],
    }),
    policy(ns, 'metrics-from-monitoring', {
      podSelector: {},
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { purpose: 'monitoring' } } }], ports: [{ port: 'metrics' }, { port: 9100, endPort: 9200 }] }],
    }),
    policy(ns, 'external-https', {
      podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [0, 1, 2, 3, 4].map(appName) }] },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } }], ports: [{ port: 443 }] }],
    }),
    policy(ns, `${appName(index % DEPLOYMENTS_PER_NAMESPACE)}-from-${neighbour}`, {
      podSelector: { matchLabels: { app: appName(index % DEPLOYMENTS_PER_NAMESPACE) } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: neighbour } }, podSelector: tier('frontend') }], ports: [{ port: 8080, protocol: 'TCP' }] }],
    }),
  ];
}

/** The generated manifests: namespaces first, then per namespace its Deployments, Services and policies. */
export function networkPolicyManifests(): DecodedObject[] {
  const objects: DecodedObject[] = [];
  for (let index = 0; index < NAMESPACES; index++) objects.push(namespace(index));
  for (let index = 0; index < NAMESPACES; index++) {
    const ns = namespaceName(index);
    for (let app = 0; app < DEPLOYMENTS_PER_NAMESPACE; app++) objects.push(deployment(ns, app), service(ns, app));
    objects.push(...policies(index));
  }
  return objects;
}

/** One measurement in this process. */
export function measureNetworkPolicies(): NetworkPolicyThroughput {
  const manifests = networkPolicyManifests();
  const nodes = Array.from({ length: NODES }, (_, index) => node(index));
  const settleStarted = performance.now();
  const settled = settleRequest({ kubernetesVersion: '1.33', cluster: { nodes, pods: [], objects: [], notes: [] }, current: [], manifests, newPodsReady: true, now: NOW });
  const { cluster } = settled;
  // The Services section is planned whether or not policies exist; the policies read it.
  const services = planServices({
    services: cluster.store.list<Service>('Service'),
    pods: cluster.store.list<Pod>('Pod'),
    nodes: cluster.store.list<Node>('Node'),
    endpointSlices: cluster.store.list<EndpointSlice>('EndpointSlice'),
    endpoints: cluster.store.list<Endpoints>('Endpoints'),
  });
  const settleMs = performance.now() - settleStarted;

  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const view = networkPolicyView(networkPolicyObjects(cluster, services));
  networkPolicyNotes(view);
  planNetworkPolicies(view);
  const reachabilityStarted = performance.now();
  const rows = planReachability(view);
  const ended = performance.now();
  const cpu = process.cpuUsage(cpuBefore);

  return {
    namespaces: NAMESPACES,
    deployments: manifests.filter((object) => object.kind === 'Deployment').length,
    services: services.length,
    policies: view.policies.length,
    refused: settled.applied.filter((apply) => apply.outcome === 'refused').length,
    pods: view.pods.size,
    workloads: view.workloads.size,
    reachabilityRows: rows.length,
    allowedRows: rows.filter((row) => row.allowed).length,
    policiesMs: ended - started,
    reachabilityMs: ended - reachabilityStarted,
    policiesCpuMs: (cpu.user + cpu.system) / 1000,
    settleMs,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

function measureInProcess(timeoutMs: number): Promise<NetworkPolicyThroughput> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [__filename], { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1 << 20 }, (error, out, err) => {
      if (error) reject(new Error(`network policies: ${error.killed ? `killed after ${timeoutMs} ms` : error.message}${err ? `\n${err.slice(-1000)}` : ''}`));
      else resolve(JSON.parse(out.trim().split('\n').pop()!) as NetworkPolicyThroughput);
    });
  });
}

/** The fastest of `runs` runs, each in its own process, with every run's time and their median. */
export async function measureNetworkPoliciesBestOf(runs: number, timeoutMs: number): Promise<NetworkPolicyThroughput> {
  const best = await bestOf(
    runs,
    () => measureInProcess(timeoutMs),
    (result) => result.policiesMs,
  );
  return { ...best, medianMs: median(best.runsMs) };
}

if (require.main === module) process.stdout.write(`${JSON.stringify(measureNetworkPolicies())}\n`);
