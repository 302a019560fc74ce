/**
 * `--what-if nodes|zones`: the failure of each node, or of every node of each zone, played as `--fail-node` and
 * `--fail-zone` play it (node-failure.ts), each alone from the same settled state after the apply. The state is
 * settled once; each failure plays on a fork of it (SimulatedCluster.forkerWith: the settled state is walked once
 * and copied per failure), which is what replaying the apply would give, without settling it again per failure.
 * The Deployments whose syncs would write nothing are found once, before the forks (settle.ts
 * rememberQuietDeployments), rather than by the first settle of every fork, and so is the outage tracker's first
 * look at every Service and workload.
 *
 * PodDisruptionBudgets do not apply to failures: the taint eviction controller deletes pods
 * (pkg/controller/tainteviction/taint_eviction.go addConditionAndDeletePod calls Pods().Delete), and only the
 * eviction API (pkg/registry/core/pod/storage/eviction.go) checks budgets. What applies instead is where the
 * replicas run, their tolerations, and whether the scheduler finds room for the replacements.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { controllerOf } from '../../kube/owner-references';
import { compileLabelSelector, labelsOf } from '../../kube/label-selectors';
import type { PlainValue } from '../../kube/plain-values';
import type { PlannedFailure, PlannedResilience, PlannedScenario, ScenarioStep, ServiceOutage, WorkloadOutage } from '../../protocol/plan';
import { serviceEndpoints } from '../controllers/endpoint-slices';
import { isPodReady } from '../controllers/service-pods';
import type { SimulatedCluster } from '../simulated-cluster';
import type { Stored } from '../store';
import { UNREACHABLE_TAINT_KEY, zoneOf } from './node-lifecycle';
import { OutageTracker, workloadOf } from './outages';
import { playScenarioFollowingWorkloads } from './play';
import { rememberQuietDeployments } from '../settle';
import { podKey } from './scenario-play';
import type { Service } from 'kubernetes-types/core/v1';

export type WhatIf = PlannedResilience['whatIf'];

/** Plays every failure `whatIf` names on a fork of the settled cluster; `notes` receives what the plays could not model, once each. */
export function checkResilience(cluster: SimulatedCluster, whatIf: WhatIf, notes: string[]): PlannedResilience {
  const nodes = cluster.store.list<Node>('Node');
  const failures: { step: ScenarioStep; failed: string; nodes: string[] }[] = [];
  if (whatIf === 'nodes') {
    for (const node of nodes) failures.push({ step: { kind: 'fail-node', node: node.metadata.name }, failed: node.metadata.name, nodes: [node.metadata.name] });
  } else {
    const zones = [...new Set(nodes.map(zoneOf).filter((zone) => zone !== ''))].sort();
    for (const zone of zones) {
      failures.push({ step: { kind: 'fail-zone', zone }, failed: zone, nodes: nodes.filter((node) => zoneOf(node) === zone).map((node) => node.metadata.name) });
    }
    const unzoned = nodes.filter((node) => zoneOf(node) === '').map((node) => node.metadata.name);
    if (zones.length === 0) notes.push('--what-if zones: no node has a topology.kubernetes.io/zone label, so there is no zone to fail');
    else if (unzoned.length > 0)
      notes.push(`--what-if zones: ${unzoned.join(', ')} ${unzoned.length === 1 ? 'has' : 'have'} no topology.kubernetes.io/zone label and fail${unzoned.length === 1 ? 's' : ''} in no zone`);
  }
  const playNotes = new Set<string>();
  const before = readiness(cluster);
  const budgets = cluster.store.list<PodDisruptionBudget>('PodDisruptionBudget');
  // Frozen before the quiet Deployments are remembered, so that they are remembered as the forks will read them.
  cluster.freezeUnchangingParts();
  rememberQuietDeployments(cluster);
  // Every failure starts from the same first look at the Services and workloads: taken once, copied with each fork.
  const forkOfSettled = cluster.forkerWith(new OutageTracker(cluster.store));
  const results = failures.map(({ step, failed, nodes: failedNodes }) => {
    const { fork, companion: outages } = forkOfSettled();
    const found: string[] = [];
    const { scenario, workloadOutages } = playScenarioFollowingWorkloads(fork, [step], found, outages);
    for (const note of found) playNotes.add(note);
    const where = whatIf === 'nodes' ? `on ${failed}` : `in ${failed}`;
    return judge({ fork, scenario, workloadOutages, failed, failedNodes, label: `${whatIf === 'nodes' ? 'node' : 'zone'} ${failed}`, where, before, budgets });
  });
  notes.push(...[...playNotes].filter((note) => !notes.includes(note)));
  return { whatIf, failures: results };
}

/** Where the ready replicas of each workload and the ready endpoints of each Service ran before any failure (pod keys → node). */
interface Readiness {
  workloads: Map<string, Map<string, string>>;
  services: Map<string, Map<string, string>>;
  /** Each pod by key, with its node. */
  podNodes: Map<string, string>;
  pods: Stored<Pod>[];
}

function readiness(cluster: SimulatedCluster): Readiness {
  const pods = cluster.store.list<Pod>('Pod');
  const nodes = cluster.store.list<Node>('Node');
  const workloads = new Map<string, Map<string, string>>();
  const podNodes = new Map<string, string>();
  for (const pod of pods) {
    const node = pod.spec?.nodeName;
    if (node) podNodes.set(podKey(pod), node);
    const workload = workloadOf(cluster.store, pod);
    if (!workload || !node || !isPodReady(pod) || pod.metadata.deletionTimestamp) continue;
    let ready = workloads.get(workload);
    if (!ready) workloads.set(workload, (ready = new Map()));
    ready.set(podKey(pod), node);
  }
  const services = new Map<string, Map<string, string>>();
  for (const service of cluster.store.list<Service>('Service')) {
    const ready = new Map<string, string>();
    for (const entry of serviceEndpoints(service, pods, nodes)) {
      if (entry.endpoint.conditions?.ready === true && entry.pod.spec?.nodeName) ready.set(podKey(entry.pod), entry.pod.spec.nodeName);
    }
    services.set(`${service.metadata.namespace ?? 'default'}/${service.metadata.name}`, ready);
  }
  return { workloads, services, podNodes, pods };
}

interface Judged {
  fork: SimulatedCluster;
  scenario: PlannedScenario;
  workloadOutages: WorkloadOutage[];
  failed: string;
  failedNodes: readonly string[];
  label: string;
  /** `on worker-1`, `in eu-west-1a`. */
  where: string;
  before: Readiness;
  budgets: readonly Stored<PodDisruptionBudget>[];
}

function judge(judged: Judged): PlannedFailure {
  const { scenario, workloadOutages, failed, failedNodes, label, where, before } = judged;
  const reasons: string[] = [];
  const explain = (ready: Map<string, string> | undefined): string | undefined => {
    if (!ready || ready.size === 0 || ![...ready.values()].every((node) => failedNodes.includes(node))) return undefined;
    return ready.size === 1 ? `its only ready replica runs ${where}` : `all ${ready.size} replicas run ${where}`;
  };
  const outageLines: string[] = [];
  for (const outage of worstPerService(scenario.outages)) {
    const why = explain(before.services.get(outage.service));
    const line = `Service ${outage.service} loses every ready endpoint ${span(outage)}`;
    outageLines.push(why ? `${line}: ${why}` : line);
    if (why) reasons.push(`Service ${outage.service}: ${why}`);
  }
  for (const outage of workloadOutages) {
    const why = explain(before.workloads.get(outage.workload));
    const line = `${outage.workload} loses every ready replica ${span(outage)}`;
    outageLines.push(why ? `${line}: ${why}` : line);
    if (why) reasons.push(`${outage.workload}: ${why}`);
  }
  reasons.push(...scenario.pending.map((pending) => `${pending.pod} stays Pending: ${pending.message}`));
  reasons.push(...neverReplaced(judged));
  reasons.push(...scenario.events.filter((event) => event.what.includes(` is not tainted ${UNREACHABLE_TAINT_KEY}:NoExecute`)).map((event) => event.what));
  reasons.push(...budgetsNotApplying(judged));
  const survives = scenario.outages.length === 0 && workloadOutages.length === 0;
  const pendingText = scenario.pending.length === 0 ? '' : `, with ${scenario.pending.length} replacement${scenario.pending.length === 1 ? '' : 's'} Pending`;
  const verdict = survives ? `${label}: survives${pendingText}` : `${label}: ${outageLines.join('; ')}`;
  return { failed, nodes: [...failedNodes], survives, verdict, outages: scenario.outages, workloadOutages, pending: scenario.pending, reasons: [...new Set(reasons)] };
}

/** `from 50s, never recovers`, `from 50s to 355s`. */
function span(outage: { from: number; to: number | null }): string {
  if (outage.to === null) return `from ${outage.from}s, never recovers`;
  return outage.to === outage.from ? `at ${outage.from}s, until a replacement is Ready at once` : `from ${outage.from}s to ${outage.to}s`;
}

/** The longest outage of each Service over its ports (one never ending is the longest), in the order first seen. */
export function worstPerService(outages: readonly ServiceOutage[]): ServiceOutage[] {
  const worst = new Map<string, ServiceOutage>();
  for (const outage of outages) {
    const current = worst.get(outage.service);
    if (!current || outageLength(outage) > outageLength(current)) worst.set(outage.service, outage);
  }
  return [...worst.values()];
}

export function outageLength(outage: { from: number; to: number | null }): number {
  return outage.to === null ? Number.POSITIVE_INFINITY : outage.to - outage.from;
}

/**
 * Pods the failure took that nothing replaces: a StatefulSet's pod stays Terminating on the unreachable node, and
 * its controller creates no pod of that ordinal until it is gone (pkg/controller/statefulset/stateful_set_control.go
 * processReplica waits for a terminating replica); a pod that tolerates the unreachable NoExecute taint without
 * tolerationSeconds stays bound there, not Ready. A DaemonSet's pods tolerate it so by design (one per node), and
 * are left out.
 */
function neverReplaced({ fork, scenario }: Judged): string[] {
  const lines: string[] = [];
  for (const eviction of scenario.evictions) {
    const [namespace = 'default', name = ''] = eviction.pod.split('/');
    const pod = fork.store.get<Pod>('Pod', namespace, name);
    const owner = controllerOf(pod?.metadata);
    if (owner?.kind === 'DaemonSet') continue;
    if (eviction.result === 'evicted' && owner?.kind === 'StatefulSet') {
      lines.push(`StatefulSet ${namespace}/${owner.name} does not replace ${name} while it is Terminating on the unreachable node ${eviction.node}`);
    } else if (eviction.result === 'skipped') {
      lines.push(`${eviction.pod} tolerates ${UNREACHABLE_TAINT_KEY}:NoExecute without tolerationSeconds: it stays on ${eviction.node}, not Ready, and is not replaced`);
    }
  }
  return lines;
}

/** Each budget that selects a pod of the failed nodes: it holds back drains, not this. */
function budgetsNotApplying({ budgets, before, failedNodes }: Judged): string[] {
  const lines: string[] = [];
  for (const budget of budgets) {
    const namespace = budget.metadata.namespace ?? 'default';
    const selects = compileLabelSelector(budget.spec?.selector);
    const covered = before.pods.some(
      (pod) => (pod.metadata.namespace ?? 'default') === namespace && failedNodes.includes(before.podNodes.get(podKey(pod)) ?? '') && selects(labelsOf(pod.metadata.labels as PlainValue)),
    );
    if (covered) {
      lines.push(`PodDisruptionBudget ${namespace}/${budget.metadata.name} does not apply: the taint eviction controller deletes pods, and only evictions (kubectl drain) are held to budgets`);
    }
  }
  return lines;
}
