/**
 * Whether this build plans exactly as another build does: seeded clusters of a few hundred nodes with workloads
 * carrying a random mix of scheduling constraints (topology spread of both kinds, required and preferred pod
 * affinity and anti-affinity, node selectors, Services for default spreading, a rolling update, pods that do not
 * fit; every third seed also `--what-if zones`) are planned by both builds' planApply, and the plans compared
 * whole: every pod's node and every event.
 * For changes to the scheduler that must not change a placement.
 *
 * Usage: node out/bench/plan-agreement.js OTHER_ROOT [SEEDS] [NODES] [plain]   (OTHER_ROOT: a built checkout; default 20 seeds,
 * 300 nodes; `plain`: the same clusters and workloads without their pod constraints, so only default spreading and
 * resources decide)
 */
import * as path from 'node:path';
import type { Node } from 'kubernetes-types/core/v1';
import type { DecodedObject } from '../server/src/cluster/cluster-model';
import type { PlainObject } from '../server/src/kube/plain-values';
import type { PlanRequest } from '../server/src/cluster/simulation';
import type { Plan } from '../server/src/protocol/plan';
// One seeded generator for every randomised check, so that a seed names one scenario.
import { seededRandom } from '../test/helpers/seeded-random';

type PlanApply = (request: PlanRequest) => Plan;

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

function object(value: Record<string, unknown>): DecodedObject {
  return { apiVersion: value['apiVersion'] as string, kind: value['kind'] as string, value: value as unknown as PlainObject };
}

function scenario(seed: number, nodeCount: number, plain: boolean): PlanRequest {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const zones = ['zone-a', 'zone-b', 'zone-c', 'zone-d'].slice(0, 2 + Math.floor(random() * 3));
  const nodes: Node[] = Array.from({ length: nodeCount }, (_, index) => {
    const name = `node-${String(index).padStart(4, '0')}`;
    const labels: Record<string, string> = { [HOST]: name, 'kubernetes.io/os': 'linux' };
    if (random() > 0.03) labels[ZONE] = pick(zones);
    if (random() > 0.5) labels['rack'] = `rack-${index % 7}`;
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels },
      spec: { podCIDR: `10.${64 + Math.floor(index / 256)}.${index % 256}.0/24`, ...(random() < 0.05 ? { taints: [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }] } : {}) },
      status: {
        allocatable: { cpu: pick(['2', '4', '8']), memory: pick(['4Gi', '8Gi', '16Gi']), pods: '110' },
        addresses: [{ type: 'InternalIP', address: `192.168.${Math.floor(index / 256)}.${index % 256}` }],
      },
    };
  });
  const namespaces = ['shop', 'data'];
  const apps = Array.from({ length: Math.max(8, Math.floor(nodeCount / 6)) }, (_, index) => ({ name: `app-${index}`, namespace: pick(namespaces) }));
  const constraintsOf = (app: { name: string; namespace: string }): Record<string, unknown> => {
    const own = { matchLabels: { app: app.name } };
    const other = pick(apps);
    const otherSelector = { matchLabels: { app: other.name } };
    const spec: Record<string, unknown> = {};
    const podAffinity: Record<string, unknown[]> = {};
    const podAntiAffinity: Record<string, unknown[]> = {};
    const spread: unknown[] = [];
    const roll = random();
    if (roll < 0.2) spread.push({ maxSkew: 1 + Math.floor(random() * 2), topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: own });
    else if (roll < 0.3) spread.push({ maxSkew: 1, topologyKey: HOST, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: own });
    else if (roll < 0.35) spread.push({ maxSkew: 2, topologyKey: ZONE, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: own });
    const term = random();
    if (term < 0.15)
      podAntiAffinity['preferredDuringSchedulingIgnoredDuringExecution'] = [{ weight: 1 + Math.floor(random() * 100), podAffinityTerm: { labelSelector: own, topologyKey: pick([HOST, ZONE]) } }];
    else if (term < 0.22) podAntiAffinity['requiredDuringSchedulingIgnoredDuringExecution'] = [{ labelSelector: own, topologyKey: HOST }];
    else if (term < 0.3)
      podAffinity['preferredDuringSchedulingIgnoredDuringExecution'] = [
        { weight: 1 + Math.floor(random() * 100), podAffinityTerm: { labelSelector: otherSelector, topologyKey: ZONE, namespaces: [other.namespace] } },
      ];
    else if (term < 0.34)
      podAffinity['requiredDuringSchedulingIgnoredDuringExecution'] = [{ labelSelector: pick([own, otherSelector]), topologyKey: ZONE, namespaces: [other.namespace, app.namespace] }];
    else if (term < 0.38)
      podAntiAffinity['preferredDuringSchedulingIgnoredDuringExecution'] = [
        { weight: 50, podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }] }, topologyKey: HOST, namespaceSelector: {} } },
      ];
    else if (term < 0.4) {
      podAffinity['requiredDuringSchedulingIgnoredDuringExecution'] = [
        { labelSelector: own, topologyKey: ZONE },
        { labelSelector: { matchLabels: { tier: 'web' } }, topologyKey: 'rack' },
      ];
      podAntiAffinity['preferredDuringSchedulingIgnoredDuringExecution'] = [{ weight: 10, podAffinityTerm: { labelSelector: own, topologyKey: HOST } }];
    }
    if (random() < 0.05) spec['nodeSelector'] = { [ZONE]: pick(zones) };
    if (spread.length > 0) spec['topologySpreadConstraints'] = spread;
    const affinity: Record<string, unknown> = {};
    if (Object.keys(podAffinity).length > 0) affinity['podAffinity'] = podAffinity;
    if (Object.keys(podAntiAffinity).length > 0) affinity['podAntiAffinity'] = podAntiAffinity;
    if (Object.keys(affinity).length > 0) spec['affinity'] = affinity;
    // Drawn either way, so that a plain scenario's other draws are those of the constrained one.
    return plain ? {} : spec;
  };
  const shapes = apps.map((app) => ({
    ...app,
    replicas: 1 + Math.floor(random() * 25),
    tier: pick(['web', 'api', 'worker']),
    cpu: pick(['100m', '250m', '500m', '1']),
    memory: pick(['128Mi', '512Mi', '1Gi']),
    spec: constraintsOf(app),
    service: random() < 0.4,
    updated: random() < 0.3,
  }));
  const deployment = (shape: (typeof shapes)[number], image: string) =>
    object({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: shape.name, namespace: shape.namespace },
      spec: {
        replicas: shape.replicas,
        selector: { matchLabels: { app: shape.name } },
        template: {
          metadata: { labels: { app: shape.name, tier: shape.tier } },
          spec: { ...shape.spec, containers: [{ name: 'app', image, resources: { requests: { cpu: shape.cpu, memory: shape.memory } } }] },
        },
      },
    });
  const namespaceObjects = namespaces.map((name) => object({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { team: name } } }));
  const services = shapes
    .filter((shape) => shape.service)
    .map((shape) => object({ apiVersion: 'v1', kind: 'Service', metadata: { name: shape.name, namespace: shape.namespace }, spec: { selector: { app: shape.name }, ports: [{ port: 80 }] } }));
  return {
    kubernetesVersion: '1.33',
    cluster: { nodes, pods: [], objects: [], notes: [] },
    current: [...namespaceObjects, ...services, ...shapes.map((shape) => deployment(shape, 'app:1'))],
    manifests: shapes.filter((shape) => shape.updated).map((shape) => deployment(shape, 'app:2')),
    newPodsReady: true,
    now: Date.parse('2026-01-01T00:00:00Z'),
    // Every third seed also fails each zone on a copy of the settled cluster, with the scheduler's counts copied.
    ...(seed % 3 === 0 ? { whatIf: 'zones' as const } : {}),
  };
}

function firstDifference(a: unknown, b: unknown, at: string): string | undefined {
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${at}: ${JSON.stringify(a)?.slice(0, 300)} ≠ ${JSON.stringify(b)?.slice(0, 300)}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}.${key}`);
    if (found) return found;
  }
  return `${at}: differs`;
}

function main(): void {
  const [otherRoot, seedsText, nodesText, mode] = process.argv.slice(2);
  if (!otherRoot) throw new Error('usage: plan-agreement OTHER_ROOT [SEEDS] [NODES] [plain]');
  const plain = mode === 'plain';
  const here = (require('../server/src/cluster/simulation') as { planApply: PlanApply }).planApply;
  const other = (require(path.resolve(otherRoot, 'out', 'server', 'src', 'cluster', 'simulation.js')) as { planApply: PlanApply }).planApply;
  const seeds = Number(seedsText ?? 20);
  const nodeCount = Number(nodesText ?? 300);
  let disagreements = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const ours = here(scenario(seed, nodeCount, plain));
    const theirs = other(scenario(seed, nodeCount, plain));
    const difference = firstDifference(ours, theirs, 'plan');
    const bound = ours.pods.filter((pod) => pod.node !== null).length;
    const failed = ours.events.filter((event) => event.reason === 'FailedScheduling').length;
    process.stdout.write(
      `seed ${seed}: ${ours.pods.length} pods (${bound} bound), ${ours.events.length} events (${failed} FailedScheduling): ${difference ? `DIFFERENT at ${difference}` : 'same plan'}\n`,
    );
    if (difference) disagreements++;
  }
  process.stdout.write(`${disagreements === 0 ? 'every plan the same' : `${disagreements} of ${seeds} plans differ`}\n`);
  process.exitCode = disagreements === 0 ? 0 : 1;
}

main();
