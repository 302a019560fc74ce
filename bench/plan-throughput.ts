/**
 * `kubeplan plan` engine at scale, each scenario in a fresh Node process so that its peak memory is its own:
 * - placement: 1,000 nodes in three zones and 100 Deployments of 100 replicas (10,000 pods) applied at once;
 * - rolling update: one Deployment of 10,000 replicas running (applied with `current`), then a new image.
 * The time is planApply's, from objects already decoded (reading and validating YAML is the CLI's part).
 *
 * Usage as a worker: node plan-throughput.js placement|rolling-update   (prints one JSON line)
 */
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { Node } from 'kubernetes-types/core/v1';
import type { DecodedObject } from '../server/src/cluster/cluster-model';
import type { PlainObject } from '../server/src/kube/plain-values';
import { planApply } from '../server/src/cluster/simulation';
import { bestOf } from './stats';

export type PlanScenario = 'placement' | 'rolling-update';

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
  const value = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'bench' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image, resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
      },
    },
  };
  return { apiVersion: 'apps/v1', kind: 'Deployment', value: value as unknown as PlainObject };
}

function runScenario(scenario: PlanScenario): PlanThroughput {
  const nodes = Array.from({ length: NODES }, (_, index) => node(index));
  const current = scenario === 'rolling-update' ? [deployment('web', 10_000, 'app:1')] : [];
  const manifests = scenario === 'rolling-update' ? [deployment('web', 10_000, 'app:2')] : Array.from({ length: 100 }, (_, index) => deployment(`app-${index}`, 100, 'app:1'));
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const plan = planApply({ kubernetesVersion: '1.33', cluster: { nodes, pods: [], objects: [], notes: [] }, current, manifests, newPodsReady: true, now: NOW });
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
  };
}

/** Runs one scenario in its own process. */
export function measurePlan(scenario: PlanScenario, timeoutMs: number): Promise<PlanThroughput> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [__filename, scenario], { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1 << 20 }, (error, out, err) => {
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
  if (scenario !== 'placement' && scenario !== 'rolling-update') throw new Error('usage: plan-throughput placement|rolling-update');
  process.stdout.write(`${JSON.stringify(runScenario(scenario))}\n`);
}
