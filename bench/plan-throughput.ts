/**
 * `kubeplan plan` engine at scale, each scenario in a fresh Node process so that its peak memory is its own:
 * - placement: 1,000 nodes in three zones and 100 Deployments of 100 replicas (10,000 pods) applied at once;
 * - rolling update: one Deployment of 10,000 replicas running (applied with `current`), then a new image;
 * - what-if nodes: `--what-if nodes` over 100 nodes in three zones running 2,000 pods (500 Deployments of 2 to 5
 *   replicas, 5 StatefulSets of 10, 2 DaemonSets, a Service for each Deployment and StatefulSet): the apply settled
 *   once, then each node's failure played alone.
 * - scale-N and scale-N-mixed: N nodes in three zones and N/10 Deployments of 100 replicas (ten pods per node);
 *   mixed, a fifth of the Deployments spread over zones (DoNotSchedule, maxSkew 1), a tenth prefer and a twentieth
 *   require pod anti-affinity on the hostname: the constraints real workloads carry.
 * The time is planApply's, from objects already decoded (reading and validating YAML is the CLI's part).
 *
 * Usage as a worker: node plan-throughput.js SCENARIO [ENGINE_ROOT]   (prints one JSON line). ENGINE_ROOT is the
 * root of another checkout's build whose planApply runs the same scenario (out/server/src/cluster/simulation.js).
 */
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { Node } from 'kubernetes-types/core/v1';
import type { DecodedObject } from '../server/src/cluster/cluster-model';
import type { PlainObject } from '../server/src/kube/plain-values';
import * as path from 'node:path';
import type { PlanRequest } from '../server/src/cluster/simulation';
import type { Plan } from '../server/src/protocol/plan';
import { bestOf } from './stats';

/** The node counts of the scale scenarios, ten pods per node. */
export const SCALE_NODES = [1000, 5000, 10_000] as const;
export type ScaleScenario = `scale-${(typeof SCALE_NODES)[number]}` | `scale-${(typeof SCALE_NODES)[number]}-mixed`;
export type PlanScenario = 'placement' | 'rolling-update' | 'what-if-nodes' | ScaleScenario;
const SCENARIOS: readonly PlanScenario[] = ['placement', 'rolling-update', 'what-if-nodes', ...SCALE_NODES.flatMap((nodes) => [`scale-${nodes}`, `scale-${nodes}-mixed`] as const)];

export interface PlanThroughput {
  scenario: PlanScenario;
  nodes: number;
  pods: number;
  /** Pods bound to a node at the end. */
  scheduledPods: number;
  rolloutSteps: number;
  planMs: number;
  /** CPU time of the plan (user + system): on a loaded machine, closer to what the plan costs than wall time. */
  planCpuMs: number;
  /** Peak resident set size of the worker process (Node itself included). */
  peakRssBytes: number;
  /** Wall time of every run, when the figures are the best of several. */
  runsMs?: number[];
  /** `what-if-nodes`: the failures played, and how many of them the workloads survive. */
  failures?: number;
  survived?: number;
}

const NODES = 1000;
const ZONES = ['zone-a', 'zone-b', 'zone-c'];
const NOW = Date.parse('2026-01-01T00:00:00Z');

function node(index: number): Node {
  const name = `node-${String(index).padStart(4, '0')}`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'topology.kubernetes.io/zone': ZONES[index % ZONES.length]! } },
    spec: { podCIDR: `10.${64 + Math.floor(index / 256)}.${index % 256}.0/24` },
    status: { allocatable: { cpu: '8', memory: '32Gi', pods: '110' }, addresses: [{ type: 'InternalIP', address: `192.168.${Math.floor(index / 256)}.${index % 256}` }] },
  };
}

function deployment(name: string, replicas: number, image: string, constraints: Record<string, unknown> = {}): DecodedObject {
  return workload('Deployment', name, replicas, image, constraints);
}

function workload(kind: 'Deployment' | 'StatefulSet' | 'DaemonSet', name: string, replicas: number, image: string, constraints: Record<string, unknown> = {}): DecodedObject {
  const value = {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name, namespace: 'bench' },
    spec: {
      ...(kind === 'DaemonSet' ? {} : { replicas }),
      ...(kind === 'StatefulSet' ? { serviceName: name } : {}),
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { ...constraints, containers: [{ name: 'app', image, ports: [{ containerPort: 8080 }], resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
      },
    },
  };
  return { apiVersion: 'apps/v1', kind, value: value as unknown as PlainObject };
}

function service(name: string): DecodedObject {
  const value = { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'bench' }, spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] } };
  return { apiVersion: 'v1', kind: 'Service', value: value as unknown as PlainObject };
}

/** The what-if scenario's applications: 1,750 Deployment pods, 50 StatefulSet pods and 200 DaemonSet pods on 100 nodes. */
function mixedApplications(): DecodedObject[] {
  const objects: DecodedObject[] = [];
  for (let index = 0; index < 500; index++) objects.push(workload('Deployment', `app-${index}`, 2 + (index % 4), 'app:1'), service(`app-${index}`));
  for (let index = 0; index < 5; index++) objects.push(workload('StatefulSet', `db-${index}`, 10, 'db:1'), service(`db-${index}`));
  for (let index = 0; index < 2; index++) objects.push(workload('DaemonSet', `agent-${index}`, 0, 'agent:1'));
  return objects;
}

/**
 * The constraints of the `index`th Deployment of a mixed scale scenario: of every twenty, four spread over zones
 * (DoNotSchedule), two prefer and one requires not to share a node with their own pods; the rest have none.
 */
function scaleConstraints(name: string, index: number): Record<string, unknown> {
  const own = { matchLabels: { app: name } };
  const slot = index % 20;
  if (slot < 4) return { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: own }] };
  if (slot < 6) {
    return {
      affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: own, topologyKey: 'kubernetes.io/hostname' } }] } },
    };
  }
  if (slot === 6) return { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: own, topologyKey: 'kubernetes.io/hostname' }] } } };
  return {};
}

/** `scale-N[-mixed]`: N nodes, N/10 Deployments of 100 replicas. */
function scaleRequest(scenario: ScaleScenario): PlanRequest {
  const [, count, mixed] = /^scale-(\d+)(-mixed)?$/.exec(scenario)!;
  const nodeCount = Number(count);
  const manifests = Array.from({ length: nodeCount / 10 }, (_, index) => {
    const name = `app-${index}`;
    return deployment(name, 100, 'app:1', mixed ? scaleConstraints(name, index) : {});
  });
  return {
    kubernetesVersion: '1.33',
    cluster: { nodes: Array.from({ length: nodeCount }, (_, index) => node(index)), pods: [], objects: [], notes: [] },
    current: [],
    manifests,
    newPodsReady: true,
    now: NOW,
  };
}

function scenarioRequest(scenario: PlanScenario): PlanRequest {
  if (scenario.startsWith('scale-')) return scaleRequest(scenario as ScaleScenario);
  const whatIf = scenario === 'what-if-nodes';
  const nodes = Array.from({ length: whatIf ? 100 : NODES }, (_, index) => node(index));
  const current = scenario === 'rolling-update' ? [deployment('web', 10_000, 'app:1')] : [];
  const manifests =
    scenario === 'rolling-update' ? [deployment('web', 10_000, 'app:2')] : whatIf ? mixedApplications() : Array.from({ length: 100 }, (_, index) => deployment(`app-${index}`, 100, 'app:1'));
  return {
    kubernetesVersion: '1.33',
    cluster: { nodes, pods: [], objects: [], notes: [] },
    current,
    manifests,
    newPodsReady: true,
    now: NOW,
    ...(whatIf ? { whatIf: 'nodes' as const } : {}),
  };
}

/** planApply of this build, or of the build under `engineRoot`. */
function loadPlanApply(engineRoot: string | undefined): (request: PlanRequest) => Plan {
  const module = engineRoot === undefined ? '../server/src/cluster/simulation' : path.join(engineRoot, 'out', 'server', 'src', 'cluster', 'simulation.js');
  return (require(module) as { planApply: (request: PlanRequest) => Plan }).planApply;
}

function runScenario(scenario: PlanScenario, engineRoot: string | undefined): PlanThroughput {
  const planApply = loadPlanApply(engineRoot);
  const request = scenarioRequest(scenario);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const plan = planApply(request);
  const planMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    scenario,
    nodes: plan.nodes.length,
    pods: plan.pods.length,
    scheduledPods: plan.pods.filter((pod) => pod.node !== null).length,
    rolloutSteps: plan.rollouts.reduce((sum, rollout) => sum + rollout.steps.length, 0),
    planMs,
    planCpuMs: (cpu.user + cpu.system) / 1000,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    ...(plan.resilience ? { failures: plan.resilience.failures.length, survived: plan.resilience.failures.filter((failure) => failure.survives).length } : {}),
  };
}

/**
 * Runs one scenario in its own process; `worker` is this file, or the same file of another checkout's build;
 * `engineRoot`, another checkout's build whose planApply this file's scenario runs on.
 */
export function measurePlan(scenario: PlanScenario, timeoutMs: number, worker = __filename, engineRoot?: string): Promise<PlanThroughput> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [worker, scenario, ...(engineRoot === undefined ? [] : [engineRoot])], { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1 << 20 }, (error, out, err) => {
      if (error) reject(new Error(`plan ${scenario}: ${error.killed ? `killed after ${timeoutMs} ms` : error.message}${err ? `\n${err.slice(-1000)}` : ''}`));
      else resolve(JSON.parse(out.trim().split('\n').pop()!) as PlanThroughput);
    });
  });
}

/** The fastest of `runs` runs (by wall time), each in its own process, with every run's wall time. */
export function measurePlanBestOf(scenario: PlanScenario, runs: number, timeoutMs: number): Promise<PlanThroughput> {
  return bestOf(
    runs,
    () => measurePlan(scenario, timeoutMs),
    (result) => result.planMs,
  );
}

if (require.main === module) {
  const scenario = process.argv[2];
  const chosen = SCENARIOS.find((name) => name === scenario);
  if (!chosen) throw new Error(`usage: plan-throughput ${SCENARIOS.join('|')} [ENGINE_ROOT]`);
  process.stdout.write(`${JSON.stringify(runScenario(chosen, process.argv[3]))}\n`);
}

/** Every run of one scenario, here and in the code before, in fresh processes. */
export interface PlanComparison {
  scenario: PlanScenario;
  now: PlanThroughput[];
  before: PlanThroughput[];
}

/**
 * A scenario timed side by side with another checkout's build (`worker`: its out/bench/plan-throughput.js), the
 * two runs of each round back to back and the first of the pair alternating, so that a noisy neighbour weighs on
 * both alike; compare the minimums.
 */
export async function comparePlan(scenario: PlanScenario, rounds: number, timeoutMs: number, worker: string): Promise<PlanComparison> {
  const comparison: PlanComparison = { scenario, now: [], before: [] };
  for (let round = 0; round < rounds; round++) {
    const nowFirst = round % 2 === 0;
    if (nowFirst) comparison.now.push(await measurePlan(scenario, timeoutMs));
    comparison.before.push(await measurePlan(scenario, timeoutMs, worker));
    if (!nowFirst) comparison.now.push(await measurePlan(scenario, timeoutMs));
  }
  return comparison;
}

/** The scale scenarios' goals for the engine's wall time; the others are measured without one. */
export const SCALE_GOALS_MS: Partial<Record<ScaleScenario, number>> = {
  'scale-1000-mixed': 2000,
  'scale-5000-mixed': 15_000,
  'scale-10000': 30_000,
  'scale-10000-mixed': 30_000,
};

/** The code before is timed only where it finishes in reasonable time: at 5,000 nodes with the mix it takes minutes. */
const SCALE_BEFORE: readonly ScaleScenario[] = ['scale-1000', 'scale-1000-mixed', 'scale-5000'];

/** Every run of one scale scenario here and, where it is timed, in the code before. */
export interface PlanScaleRow {
  scenario: ScaleScenario;
  now: PlanThroughput[];
  before: PlanThroughput[];
}

/**
 * `plan-scale`: each scale scenario `runs` times in fresh processes; with `beforeRoot` (a built checkout of the
 * code before), the same scenario on its planApply too for the small ones, alternating which goes first.
 */
export async function measurePlanScale(runs: number, timeoutMs: number, beforeRoot: string | undefined): Promise<PlanScaleRow[]> {
  const rows: PlanScaleRow[] = [];
  for (const nodes of SCALE_NODES) {
    for (const scenario of [`scale-${nodes}`, `scale-${nodes}-mixed`] as const) {
      const row: PlanScaleRow = { scenario, now: [], before: [] };
      const withBefore = beforeRoot !== undefined && SCALE_BEFORE.includes(scenario);
      for (let run = 0; run < runs; run++) {
        const nowFirst = run % 2 === 0;
        if (nowFirst) row.now.push(await measurePlan(scenario, timeoutMs));
        if (withBefore) row.before.push(await measurePlan(scenario, timeoutMs, __filename, beforeRoot));
        if (!nowFirst) row.now.push(await measurePlan(scenario, timeoutMs));
      }
      rows.push(row);
    }
  }
  return rows;
}
