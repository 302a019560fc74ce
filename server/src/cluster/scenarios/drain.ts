/**
 * `--drain NODE`: what `kubectl drain NODE --ignore-daemonsets` does to the settled cluster (kubectl
 * pkg/cmd/drain/drain.go RunDrain, deleteOrEvictPodsSimple; pkg/drain/drain.go GetPodsForDeletion, evictPods;
 * pkg/drain/cordon.go): cordon the node, refuse the whole node when a pod may not be deleted under the flags,
 * otherwise evict every pod through the Eviction API, trying a refused eviction again every 5 seconds until it
 * goes through. kubectl waits forever (its default --timeout 0); the plan says a drain never finishes when two
 * rounds of attempts in a row, each followed by the cluster settling, evicted nothing.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { settle } from '../settle';
import type { SimulatedCluster } from '../simulated-cluster';
import type { Stored } from '../store';
import { drainCommand, drainRefusal, MODELLED_DRAIN_FLAGS, podDeleteStatus } from './drain-filters';
import { evictPod, type EvictionAnswer } from './eviction';
import { podKey, type ScenarioPlay } from './scenario-play';

/** kubectl drain's EvictErrorRetryDelay. */
export const EVICTION_RETRY_SECONDS = 5;

/** Rounds of eviction attempts one drain makes at most, a guard far above what settling replacements takes. */
const MAX_ATTEMPT_ROUNDS = 1000;

/** Consecutive rounds that evict nothing after which a drain is taken never to finish. */
const IDLE_ROUNDS_TO_GIVE_UP = 2;

type Refusal = Extract<EvictionAnswer, { allowed: false }>;

/** One `--drain NODE` step: cordon, kubectl's filters, then the evictions until they finish or never can. */
export function drainNode(play: ScenarioPlay, node: string): void {
  const { cluster, scenario, event } = play;
  const { store } = cluster;
  const command = drainCommand(node);
  const stored = store.get<Node>('Node', '', node);
  if (!stored) {
    event(`${command}: Error from server (NotFound): nodes "${node}" not found`);
    return;
  }
  event(`${command}: ${cordon(cluster, stored)}`);

  const pods = store.list<Pod>('Pod').filter((pod) => pod.spec?.nodeName === node);
  const statuses = pods.map((pod) => ({
    pod,
    status: podDeleteStatus(pod, MODELLED_DRAIN_FLAGS, (namespace, name) => store.get('DaemonSet', namespace, name) !== undefined),
  }));
  const refusal = drainRefusal(statuses.map(({ pod, status }) => ({ pod: podKey(pod), status })));
  if (refusal) {
    for (const { pod, status } of statuses) {
      if (status.reason === 'Error') scenario.evictions.push({ pod: podKey(pod), node, result: 'blocked', message: `cannot delete ${status.message || 'unexpected error'}` });
    }
    event(unableToDrain(node, refusal));
    return;
  }
  const warned = new Map<string, string[]>();
  for (const { pod, status } of statuses) {
    if (status.delete) continue;
    scenario.evictions.push({ pod: podKey(pod), node, result: 'skipped', message: status.reason === 'Warning' ? status.message : 'mirror pod: kubectl drain leaves it to the kubelet' });
    if (status.reason === 'Warning') warned.set(status.message, [...(warned.get(status.message) ?? []), podKey(pod)]);
  }
  // PodDeleteList.Warnings, printed before the evictions start.
  if (warned.size > 0) event(`Warning: ${[...warned].map(([message, keys]) => `${message}: ${keys.join(', ')}`).join('; ')}`);
  evictAll(
    play,
    node,
    statuses.filter(({ status }) => status.delete).map(({ pod }) => pod),
  );
}

/** RunCordonOrUncordon: spec.unschedulable set, and the scheduler's NodeUnschedulable filter sees it at once. */
function cordon(cluster: SimulatedCluster, node: Stored<Node>): string {
  if (node.spec?.unschedulable === true) return `node/${node.metadata.name} already cordoned`;
  const cordoned = cluster.store.update({ ...node, spec: { ...node.spec, unschedulable: true } });
  const info = cluster.scheduler().byName.get(node.metadata.name);
  if (info) {
    info.node = cordoned;
    info.unschedulable = true;
  }
  return `node/${node.metadata.name} cordoned`;
}

/** evictPods: every pod evicted, a 429 tried again after EVICTION_RETRY_SECONDS, any other refusal fatal for the pod. */
function evictAll(play: ScenarioPlay, node: string, pods: readonly Stored<Pod>[]): void {
  const { cluster, scenario, outages, event } = play;
  const failures: string[] = [];
  const lastRefusal = new Map<Stored<Pod>, Refusal>();
  let remaining = [...pods];
  let idleRounds = 0;
  for (let round = 0; round < MAX_ATTEMPT_ROUNDS && remaining.length > 0; round++) {
    const attemptAt = cluster.clock.now();
    let evicted = false;
    const refused: Stored<Pod>[] = [];
    for (const pod of remaining) {
      const { name, namespace = 'default' } = pod.metadata;
      // Kubelets and controllers replace the stored pod as they write its status: the same pod is the same uid.
      const current = cluster.store.get<Pod>('Pod', namespace, name);
      if (current?.metadata.uid !== pod.metadata.uid) {
        // IsNotFound: something else deleted it meanwhile; the drain is done with it.
        scenario.evictions.push({ pod: podKey(pod), node, result: 'evicted', message: `pod/${name} was gone before its eviction` });
        continue;
      }
      const answer = evictPod(cluster, current);
      if (answer.allowed) {
        evicted = true;
        scenario.evictions.push({ pod: podKey(pod), node, result: 'evicted', message: `pod/${name} evicted` });
        event(`pod/${name} evicted (${podKey(pod)})`);
        outages.observe(play.at(), `${podKey(pod)} was evicted from ${node}`);
      } else if (answer.code === 429) {
        if (!lastRefusal.has(pod)) event(retryLine(pod, answer));
        lastRefusal.set(pod, answer);
        refused.push(pod);
      } else {
        const failure = `error when evicting pods/"${name}" -n "${namespace}": ${answer.message}`;
        failures.push(failure);
        scenario.evictions.push({ pod: podKey(pod), node, result: 'blocked', message: failure });
        event(failure);
      }
    }
    remaining = refused;
    settle(cluster, new Set(), []);
    outages.observe(play.at(), `no ready endpoint after the cluster settled, draining ${node}`);
    if (remaining.length === 0) break;
    idleRounds = evicted ? 0 : idleRounds + 1;
    if (idleRounds >= IDLE_ROUNDS_TO_GIVE_UP) break;
    const retryAt = attemptAt + EVICTION_RETRY_SECONDS * 1000;
    if (cluster.clock.now() < retryAt) cluster.clock.advance(retryAt - cluster.clock.now());
  }
  for (const pod of remaining) {
    const refusal = lastRefusal.get(pod);
    scenario.evictions.push({ pod: podKey(pod), node, result: 'blocked', message: refusal ? `${retryLine(pod, refusal)} (${refusalCause(pod, refusal)})` : 'not evicted' });
  }
  if (remaining.length > 0) {
    const blockers = remaining.map((pod) => {
      const refusal = lastRefusal.get(pod);
      return refusal ? `${podKey(pod)} by ${refusalCause(pod, refusal)}` : podKey(pod);
    });
    event(`${drainCommand(node)} never finishes: evictions stay refused: ${blockers.join('; ')}`);
  } else if (failures.length > 0) {
    event(unableToDrain(node, failures.length === 1 ? failures[0]! : `[${failures.join(', ')}]`));
  } else {
    event(`node/${node} drained`);
  }
}

/** What kubectl prints on stderr for a 429 before it sleeps. */
function retryLine(pod: Stored<Pod>, refusal: Refusal): string {
  return `error when evicting pods/"${pod.metadata.name}" -n "${pod.metadata.namespace ?? 'default'}" (will retry after ${EVICTION_RETRY_SECONDS}s): ${refusal.message}`;
}

/** The budget behind a 429, from the status cause the handler adds. */
function refusalCause(pod: Stored<Pod>, refusal: Refusal): string {
  return 'cause' in refusal ? `PodDisruptionBudget ${pod.metadata.namespace ?? 'default'}/${refusal.budget}: ${refusal.cause}` : refusal.message;
}

function unableToDrain(node: string, error: string): string {
  return `error: unable to drain node "${node}" due to error: ${error}, continuing command...`;
}
