/**
 * `--fail-node NODE` and `--fail-zone ZONE`: nodes whose kubelet stops posting status, and what the control plane
 * does about it (kubernetes pkg/controller/nodelifecycle/node_lifecycle_controller.go monitorNodeHealth,
 * tryUpdateNodeHealth, processTaintBaseEviction, handleDisruption, doNoExecuteTaintingPass;
 * pkg/controller/util/node/controller_utils.go MarkPodsNotReady; pkg/controller/tainteviction/taint_eviction.go
 * processPodOnNode). The node's last heartbeat is the moment it fails; after the grace period its conditions turn
 * Unknown, it gets the unreachable NoSchedule taint and its pods turn not Ready; one monitor period later it is
 * queued for the unreachable NoExecute taint, which each zone's rate limiter lets on; each pod is then deleted
 * after its tolerationSeconds. A pod deleted on an unreachable node stays Terminating, since no kubelet confirms
 * that it stopped: ReplicaSets and Jobs replace it at once, a StatefulSet waits for it to be gone.
 */
import type { Node, Pod, Taint } from 'kubernetes-types/core/v1';
import type { ScenarioStep } from '../../protocol/plan';
import { controllerOf } from '../../kube/owner-references';
import { taintEviction, taintEvictionMessage } from '../controllers/taint-eviction';
import { eventObject } from '../events';
import { setCondition } from '../kubelet';
import { bindPod, removePod } from '../scheduler/node-info';
import { formatTime } from '../rfc3339';
import { settle } from '../settle';
import type { SimulatedCluster } from '../simulated-cluster';
import type { Stored } from '../store';
import {
  computeZoneState,
  excludedFromDisruption,
  isMasterDisruption,
  NODE_MONITOR_PERIOD_SECONDS,
  nodeMonitorGracePeriodSeconds,
  readyCondition,
  taintingRate,
  UNREACHABLE_TAINT_KEY,
  zoneKey,
  zoneOf,
  type ZoneState,
} from './node-lifecycle';
import { podKey, type ScenarioPlay } from './scenario-play';

export type FailureStep = Extract<ScenarioStep, { kind: 'fail-node' | 'fail-zone' }>;

/** The conditions tryUpdateNodeHealth turns Unknown (NetworkUnavailable is left to the network plugin). */
const MONITORED_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'] as const;

/** The pod's spec.terminationGracePeriodSeconds default (SetDefaults_PodSpec): how long a plain delete lets it run. */
const DEFAULT_TERMINATION_GRACE_SECONDS = 30;

/** Why a PartialDisruption zone of the plan's size gets no NoExecute taints (ReducedQPSFunc). */
const LARGE_ZONE_TEXT = '50 nodes or fewer (--large-cluster-size-threshold), where the secondary eviction rate is 0';

/** What the node lifecycle controller remembers between the steps of one scenario. */
interface ControllerMemory {
  /** Per zone key, the state handleDisruption last set. */
  zoneStates: Map<string, ZoneState>;
  /** Per zone key, when (epoch ms) the tainter's token bucket (burst 1, EvictionRateLimiterBurst) has a token again. */
  nextToken: Map<string, number>;
}

const memories = new WeakMap<ScenarioPlay['scenario'], ControllerMemory>();

function memoryOf(play: ScenarioPlay): ControllerMemory {
  let memory = memories.get(play.scenario);
  if (!memory) {
    memory = { zoneStates: zoneStates(play.cluster.store.list<Node>('Node')), nextToken: new Map() };
    memories.set(play.scenario, memory);
  }
  return memory;
}

type Happening = { at: number; kind: 'taint'; node: string } | { at: number; kind: 'evict'; pod: Stored<Pod>; node: string };

/**
 * Consecutive failure flags: their nodes stop at the same instant, and the step lasts until the last eviction
 * their NoExecute taints cause has been made and the cluster has settled.
 */
export function failNodes(play: ScenarioPlay, failures: readonly FailureStep[]): void {
  const { cluster, event } = play;
  const memory = memoryOf(play);
  const nodes = targets(play, failures);
  if (nodes.length === 0) return;

  const grace = nodeMonitorGracePeriodSeconds(cluster.kubernetesVersion);
  cluster.clock.advance(grace * 1000);
  // monitorNodeHealth's first pass past the grace period: conditions Unknown, NodeNotReady, pods not Ready.
  for (const name of nodes) markUnknown(play, name);
  const states = zoneStates(cluster.store.list<Node>('Node'));
  const master = isMasterDisruption(states);
  reportZoneStates(play, memory, states, master);
  if (master) removeUnreachableNoExecuteTaints(play);
  play.outages.observe(play.at(), `pods of ${nodes.join(', ')} not Ready: node unreachable`);
  settleAndReport(play, `pods of ${nodes.join(', ')} not Ready: node unreachable`);

  // The next pass sees the Unknown condition it wrote (processTaintBaseEviction on the observed condition) and
  // queues the node for its NoExecute taint; each zone's limiter decides when the taint goes on.
  cluster.clock.advance(NODE_MONITOR_PERIOD_SECONDS * 1000);
  const queue: Happening[] = [];
  for (const name of nodes) {
    const node = cluster.store.get<Node>('Node', '', name)!;
    const key = zoneKey(node);
    const zoneSize = cluster.store.list<Node>('Node').filter((other) => zoneKey(other) === key && !excludedFromDisruption(other)).length;
    const rate = taintingRate(states.get(key) ?? 'Normal', zoneSize, master);
    if (rate === 0) {
      event(
        `node/${name} is not tainted ${UNREACHABLE_TAINT_KEY}:NoExecute: ${master ? 'master disruption mode stops every eviction' : `zone ${zoneOf(node) || '(none)'} is in PartialDisruption with ${LARGE_ZONE_TEXT}`}; its pods stay`,
      );
      continue;
    }
    const at = Math.max(cluster.clock.now(), memory.nextToken.get(key) ?? Number.NEGATIVE_INFINITY);
    memory.nextToken.set(key, at + 1000 / rate);
    queue.push({ at, kind: 'taint', node: name });
  }
  runQueue(play, queue);
}

/** The nodes the failures name, in the order given, each once; a line for each name or zone that matches none. */
function targets(play: ScenarioPlay, failures: readonly FailureStep[]): string[] {
  const { cluster, event } = play;
  const all = cluster.store.list<Node>('Node');
  const names: string[] = [];
  const add = (node: Node) => {
    const name = node.metadata?.name ?? '';
    if (names.includes(name)) return;
    if (readyCondition(node)?.status === 'Unknown') {
      event(`node/${name} is unreachable already`);
      return;
    }
    names.push(name);
  };
  for (const failure of failures) {
    if (failure.kind === 'fail-node') {
      const node = cluster.store.get<Node>('Node', '', failure.node);
      if (!node) {
        event(`--fail-node ${failure.node}: Error from server (NotFound): nodes "${failure.node}" not found`);
        continue;
      }
      event(`node/${failure.node} stops responding: its kubelet posts no more status or lease renewals`);
      add(node);
      continue;
    }
    const inZone = all.filter((node) => zoneOf(node) === failure.zone);
    if (inZone.length === 0) {
      const zones = [...new Set(all.map(zoneOf).filter((zone) => zone !== ''))].sort();
      event(
        `--fail-zone ${failure.zone}: no node is in zone "${failure.zone}" (label topology.kubernetes.io/zone); ${zones.length > 0 ? `the nodes' zones are ${zones.join(', ')}` : 'no node has a zone label'}`,
      );
      continue;
    }
    event(`zone ${failure.zone} stops responding: the kubelets of ${inZone.map((node) => node.metadata?.name ?? '').join(', ')} post no more status or lease renewals`);
    for (const node of inZone) add(node);
  }
  return names;
}

/**
 * tryUpdateNodeHealth past the grace period (every monitored condition Unknown: NodeStatusUnknown, or
 * NodeStatusNeverUpdated for one the kubelet never posted), the NodeNotReady event (RecordNodeStatusChange), the
 * unreachable NoSchedule taint (doNoScheduleTaintingPass, on the node's update) and MarkPodsNotReady.
 */
function markUnknown(play: ScenarioPlay, name: string): void {
  const { cluster, event } = play;
  const node = cluster.store.get<Node>('Node', '', name)!;
  const now = cluster.clock.timestamp();
  const conditions = [...(node.status?.conditions ?? [])];
  for (const type of MONITORED_CONDITIONS) {
    const index = conditions.findIndex((condition) => condition.type === type);
    const current = conditions[index];
    if (!current) {
      conditions.push({ type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastTransitionTime: now });
    } else if (current.status !== 'Unknown') {
      conditions[index] = { ...current, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: now };
    }
  }
  updateNode(cluster, { ...node, status: { ...node.status, conditions } }, [{ key: UNREACHABLE_TAINT_KEY, effect: 'NoSchedule', timeAdded: now }]);
  event(`node/${name} NotReady: condition Ready is Unknown (NodeStatusUnknown: Kubelet stopped posting node status.)`);
  cluster.record([{ type: 'Normal', reason: 'NodeNotReady', object: eventObject('Node', name), message: `Node ${name} status is now: NodeNotReady` }]);
  event(`NodeNotReady node/${name}: Node ${name} status is now: NodeNotReady`);
  event(`node/${name} tainted ${UNREACHABLE_TAINT_KEY}:NoSchedule`);

  const marked: string[] = [];
  for (const pod of podsOn(cluster, name)) {
    const ready = pod.status?.conditions?.find((condition) => condition.type === 'Ready');
    // UpdatePodCondition changes nothing for a pod without a Ready condition or already not Ready.
    if (!ready || ready.status === 'False') continue;
    setCondition(pod, { ...ready, status: 'False', lastTransitionTime: now });
    cluster.record([{ type: 'Warning', reason: 'NodeNotReady', object: eventObject('Pod', pod.metadata.name, pod.metadata.namespace ?? 'default'), message: 'Node is not ready' }]);
    marked.push(podKey(pod));
  }
  if (marked.length > 0) event(`NodeNotReady: pods of node/${name} marked not Ready (Node is not ready): ${marked.join(', ')}`);
}

/** Writes the node and gives the scheduler's snapshot its new taints, with `added` appended to spec.taints. */
function updateNode(cluster: SimulatedCluster, node: Stored<Node>, added: readonly Taint[], removed: (taint: Taint) => boolean = () => false): void {
  const taints = [...(node.spec?.taints ?? []).filter((taint) => !removed(taint)), ...added.filter((taint) => !(node.spec?.taints ?? []).some((existing) => sameTaint(existing, taint)))];
  const spec = { ...node.spec };
  if (taints.length > 0) spec.taints = taints;
  else delete spec.taints;
  const updated = cluster.store.update({ ...node, spec });
  const info = cluster.scheduler().byName.get(node.metadata.name);
  if (info) {
    info.node = updated;
    info.taints = taints;
  }
}

/** taints.MatchTaint: the same key and effect. */
function sameTaint(a: Taint, b: Taint): boolean {
  return a.key === b.key && a.effect === b.effect;
}

/** handleDisruption's zoneToNodeConditions, through ComputeZoneState; nodes without a Ready condition are taken as Ready (the plan's nodes are healthy until failed). */
function zoneStates(nodes: readonly Node[]): Map<string, ZoneState> {
  const readiness = new Map<string, boolean[]>();
  for (const node of nodes) {
    if (excludedFromDisruption(node)) continue;
    const key = zoneKey(node);
    const status = readyCondition(node)?.status ?? 'True';
    readiness.set(key, [...(readiness.get(key) ?? []), status === 'True']);
  }
  return new Map([...readiness].map(([key, ready]) => [key, computeZoneState(ready).state]));
}

/** A line for each zone whose state changed, and for entering master disruption mode. */
function reportZoneStates(play: ScenarioPlay, memory: ControllerMemory, states: ReadonlyMap<string, ZoneState>, master: boolean): void {
  const nodes = play.cluster.store.list<Node>('Node');
  if (master && !isMasterDisruption(memory.zoneStates)) {
    play.event(
      'every zone is in FullDisruption: the node lifecycle controller enters master disruption mode (all Nodes are not-Ready), removes the unreachable NoExecute taints and stops every eviction',
    );
  }
  for (const [key, state] of states) {
    if (memory.zoneStates.get(key) === state) continue;
    const inZone = nodes.filter((node) => zoneKey(node) === key && !excludedFromDisruption(node));
    const notReady = inZone.filter((node) => readyCondition(node)?.status === 'Unknown' || readyCondition(node)?.status === 'False').length;
    const zone = zoneOf(inZone[0]!) || '(nodes without a zone)';
    play.event(`zone ${zone}: ${state} (${notReady} of ${inZone.length} nodes not Ready)`);
  }
  memory.zoneStates = new Map(states);
}

/** markNodeAsReachable on every node, as master disruption mode does: the unreachable and not-ready NoExecute taints go. */
function removeUnreachableNoExecuteTaints(play: ScenarioPlay): void {
  for (const node of play.cluster.store.list<Node>('Node')) {
    const noExecute = (taint: Taint) => taint.effect === 'NoExecute' && (taint.key === UNREACHABLE_TAINT_KEY || taint.key === 'node.kubernetes.io/not-ready');
    if ((node.spec?.taints ?? []).some(noExecute)) updateNode(play.cluster, node, [], noExecute);
  }
}

/** Taints and evictions in time order; evictions that fall due together are made together, then the cluster settles. */
function runQueue(play: ScenarioPlay, queue: Happening[]): void {
  const { cluster } = play;
  while (queue.length > 0) {
    queue.sort((a, b) => a.at - b.at);
    const at = queue[0]!.at;
    // Settling may have moved the clock past a due time (a rollout's progress deadline); the happening is then late.
    if (at > cluster.clock.now()) cluster.clock.advance(at - cluster.clock.now());
    const due = queue.filter((happening) => happening.at <= at);
    queue.splice(0, due.length);
    const evicted: string[] = [];
    for (const happening of due) {
      if (happening.kind === 'taint') queue.push(...taintNoExecute(play, happening.node));
      else if (markForDeletion(play, happening.pod, happening.node)) evicted.push(podKey(happening.pod));
    }
    if (evicted.length > 0) settleAndReport(play, `${evicted.join(', ')} deleted by the taint eviction controller`);
  }
}

/**
 * doNoExecuteTaintingPass: the unreachable NoExecute taint goes on; the taint eviction controller then works out
 * each pod's deletion time (processPodOnNode: at once when not tolerated, after the shortest tolerationSeconds of
 * the tolerations used, never without one).
 */
function taintNoExecute(play: ScenarioPlay, name: string): Happening[] {
  const { cluster, event, scenario } = play;
  const node = cluster.store.get<Node>('Node', '', name);
  if (!node) return [];
  updateNode(cluster, node, [{ key: UNREACHABLE_TAINT_KEY, effect: 'NoExecute', timeAdded: cluster.clock.timestamp() }]);
  event(`node/${name} tainted ${UNREACHABLE_TAINT_KEY}:NoExecute`);
  const taints = cluster.store.get<Node>('Node', '', name)?.spec?.taints ?? [];
  const happenings: Happening[] = [];
  const staying: string[] = [];
  for (const pod of podsOn(cluster, name)) {
    if (pod.metadata.deletionTimestamp || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') continue;
    const eviction = taintEviction(pod, taints);
    if (!eviction) {
      staying.push(podKey(pod));
      scenario.evictions.push({
        pod: podKey(pod),
        node: name,
        result: 'skipped',
        message: `tolerates the NoExecute taints of ${name} without tolerationSeconds: stays bound to the unreachable node`,
      });
      continue;
    }
    happenings.push({ at: cluster.clock.now() + eviction.after * 1000, kind: 'evict', pod, node: name });
  }
  if (staying.length > 0) event(`pods that tolerate ${UNREACHABLE_TAINT_KEY}:NoExecute forever stay on node/${name}: ${staying.join(', ')}`);
  return happenings;
}

/**
 * The taint eviction controller's delete (addConditionAndDeletePod): the DisruptionTarget condition, then a
 * delete with the pod's grace period. No kubelet answers on an unreachable node, so the pod keeps its
 * deletionTimestamp and stays Terminating. False when the pod is gone or already being deleted.
 */
function markForDeletion(play: ScenarioPlay, pod: Stored<Pod>, node: string): boolean {
  const { cluster, event, scenario } = play;
  const { name, namespace = 'default' } = pod.metadata;
  const current = cluster.store.get<Pod>('Pod', namespace, name);
  if (current?.metadata.uid !== pod.metadata.uid || current.metadata.deletionTimestamp) return false;
  const now = cluster.clock.timestamp();
  setCondition(current, { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint', lastTransitionTime: now });
  const grace = current.spec?.terminationGracePeriodSeconds ?? DEFAULT_TERMINATION_GRACE_SECONDS;
  // The scheduler's cache counts the pod again as one being deleted (PodTopologySpread no longer counts it).
  const snapshot = cluster.scheduler();
  const wasBound = removePod(snapshot, current);
  // The API server's graceful delete writes both (rest.BeforeDelete); clients see them read-only.
  const metadata = current.metadata as { deletionTimestamp?: string; deletionGracePeriodSeconds?: number };
  metadata.deletionTimestamp = formatTime(cluster.clock.now() + grace * 1000);
  metadata.deletionGracePeriodSeconds = grace;
  if (wasBound) bindPod(snapshot, current, node);
  cluster.record([{ type: 'Normal', reason: 'TaintManagerEviction', object: eventObject('Pod', name, namespace), message: taintEvictionMessage(namespace, name) }]);
  event(`TaintManagerEviction pod/${name}: ${taintEvictionMessage(namespace, name)}`);
  event(`pod ${podKey(current)} stays Terminating on node/${node}: no kubelet there confirms that it stopped`);
  scenario.evictions.push({ pod: podKey(current), node, result: 'evicted', message: `${taintEvictionMessage(namespace, name)} (TaintManagerEviction); stays Terminating on the unreachable node` });
  play.outages.observeChangedPod(current, play.at(), `${podKey(current)} deleted on unreachable node ${node}`);
  const owner = controllerOf(current.metadata);
  if (owner?.kind === 'StatefulSet') {
    event(
      `StatefulSet ${namespace}/${owner.name} creates no new ${name} while the old one is Terminating: it stays Terminating until node/${node} comes back, the Node is deleted, or the pod is force-deleted`,
    );
  }
  return true;
}

/** Settles the cluster and puts the scheduler's verdicts on the pods created meanwhile in the timeline. */
function settleAndReport(play: ScenarioPlay, reason: string): void {
  const { cluster, event } = play;
  const before = cluster.events.length;
  settle(cluster, new Set(), []);
  for (const recorded of cluster.events.slice(before)) {
    if (recorded.reason !== 'Scheduled' && recorded.reason !== 'FailedScheduling') continue;
    const name = recorded.object.split('/').at(-1) ?? '';
    event(`${recorded.reason} pod/${name}: ${recorded.message}`);
  }
  play.outages.observe(play.at(), `no ready endpoint after the cluster settled (${reason})`);
}

function podsOn(cluster: SimulatedCluster, node: string): Stored<Pod>[] {
  return cluster.store.list<Pod>('Pod').filter((pod) => pod.spec?.nodeName === node);
}
