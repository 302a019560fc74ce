/**
 * `kubeplan plan` engine at scale, each scenario in a fresh Node process so that its peak memory is its own:
 * - placement: 1,000 nodes in three zones and 100 Deployments of 100 replicas (10,000 pods) applied at once;
 * - rolling update: one Deployment of 10,000 replicas running (applied with `current`), then a new image;
 * - what-if nodes: `--what-if nodes` over 100 nodes in three zones running 2,000 pods (500 Deployments of 2 to 5
 *   replicas, 5 StatefulSets of 10, 2 DaemonSets, a Service for each Deployment and StatefulSet): the apply settled
 *   once, then each node's failure played alone.
 * The time is planApply's, from objects already decoded (reading and validating YAML is the CLI's part).
 *
 * Usage as a worker: node plan-throughput.js placement|rolling-update|what-if-nodes   (prints one JSON line)
 */
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { Node } from 'kubernetes-types/core/v1';
import type { DecodedObject } from '../server/src/cluster/cluster-model';
import type { PlainObject } from '../server/src/kube/plain-values';
import { planApply } from '../server/src/cluster/simulation';
import { bestOf } from './stats';

export type PlanScenario = 'placement' | 'rolling-update' | 'what-if-nodes';
const SCENARIOS: readonly PlanScenario[] = ['placement', 'rolling-update', 'what-if-nodes'];

export interface PlanThroughput {
  scenario: PlanScenario;
  nodes: number;
  pods: number;
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

function deployment(name: string, replicas: number, image: string): DecodedObject {
  return workload('Deployment', name, replicas, image);
}

function workload(kind: 'Deployment' | 'StatefulSet' | 'DaemonSet', name: string, replicas: number, image: string): DecodedObject {
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
        spec: { containers: [{ name: 'app', image, ports: [{ containerPort: 8080 }], resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
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

function runScenario(scenario: PlanScenario): PlanThroughput {
  const whatIf = scenario === 'what-if-nodes';
  const nodes = Array.from({ length: whatIf ? 100 : NODES }, (_, index) => node(index));
  const current = scenario === 'rolling-update' ? [deployment('web', 10_000, 'app:1')] : [];
  const manifests =
    scenario === 'rolling-update' ? [deployment('web', 10_000, 'app:2')] : whatIf ? mixedApplications() : Array.from({ length: 100 }, (_, index) => deployment(`app-${index}`, 100, 'app:1'));
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const plan = planApply({
    kubernetesVersion: '1.33',
    cluster: { nodes, pods: [], objects: [], notes: [] },
    current,
    manifests,
    newPodsReady: true,
    now: NOW,
    ...(whatIf ? { whatIf: 'nodes' as const } : {}),
  });
  const planMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    scenario,
    nodes: plan.nodes.length,
    pods: plan.pods.length,
    rolloutSteps: plan.rollouts.reduce((sum, rollout) => sum + rollout.steps.length, 0),
    planMs,
    planCpuMs: (cpu.user + cpu.system) / 1000,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    ...(plan.resilience ? { failures: plan.resilience.failures.length, survived: plan.resilience.failures.filter((failure) => failure.survives).length } : {}),
  };
}

/** Runs one scenario in its own process; `worker` is this file, or the same file of another checkout's build. */
export function measurePlan(scenario: PlanScenario, timeoutMs: number, worker = __filename): Promise<PlanThroughput> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [worker, scenario], { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1 << 20 }, (error, out, err) => {
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
  if (!chosen) throw new Error(`usage: plan-throughput ${SCENARIOS.join('|')}`);
  process.stdout.write(`${JSON.stringify(runScenario(chosen))}\n`);
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
