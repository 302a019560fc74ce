/**
 * PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread: filtering.go, scoring.go, plugin.go):
 * DoNotSchedule constraints filter, ScheduleAnyway constraints — or the system defaults for pods that
 * belong to a Service, ReplicationController, ReplicaSet or StatefulSet — score.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import type { ClusterSnapshot, NodeInfo, ScheduledPod } from './node-info';
import { compileLabelSelector, firstUntoleratedTaint, isNoScheduleOrNoExecute, labelValue, matchesRequiredNodeAffinity, type LabelMatcher } from './node-selection';
import { reject, type FilterRejection } from './status';
import { MAX_NODE_SCORE } from './resource-fit';

const HOSTNAME_LABEL = 'kubernetes.io/hostname';
const ZONE_LABEL = 'topology.kubernetes.io/zone';

export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  minDomains: number;
  selector: LabelMatcher;
  /** Identifies namespace and selector, so per-node counts can be reused by the next pod with the same ones. */
  countKey: number;
  honorNodeAffinity: boolean;
  honorNodeTaints: boolean;
}

/** Numbers for namespace + selector texts, so per-node count caches are keyed by a small integer. */
const countKeys = new Map<string, number>();

function countKeyOf(namespace: string, selector: LabelSelector | undefined): number {
  const text = `${namespace}\u0000${JSON.stringify(selector ?? null)}`;
  let key = countKeys.get(text);
  if (key === undefined) {
    key = countKeys.size;
    countKeys.set(text, key);
  }
  return key;
}

function compileConstraint(pod: Pod, constraint: TopologySpreadConstraint): SpreadConstraint {
  // matchLabelKeys: the pod's own values for those keys join the selector (absent keys are ignored).
  const podLabels = pod.metadata?.labels ?? {};
  const extra = (constraint.matchLabelKeys ?? []).filter((key) => labelValue(podLabels, key) !== undefined);
  const selector: LabelSelector | undefined =
    constraint.labelSelector === undefined || extra.length === 0
      ? constraint.labelSelector
      : {
          ...constraint.labelSelector,
          matchExpressions: [
            ...(constraint.labelSelector.matchExpressions ?? []),
            ...extra.map((key) => ({ key, operator: 'In', values: [podLabels[key]!] })),
          ],
        };
  return {
    maxSkew: constraint.maxSkew,
    topologyKey: constraint.topologyKey,
    minDomains: constraint.minDomains ?? 1,
    selector: compileLabelSelector(selector),
    countKey: countKeyOf(pod.metadata?.namespace ?? 'default', selector),
    honorNodeAffinity: (constraint.nodeAffinityPolicy ?? 'Honor') === 'Honor',
    honorNodeTaints: (constraint.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
  };
}

/** DefaultSelector (framework/plugins, spread.go): selectors of the Services selecting the pod and of its controller, ANDed. */
function defaultSelector(pod: Pod, snapshot: ClusterSnapshot): LabelSelector | undefined {
  const namespace = pod.metadata?.namespace ?? 'default';
  const labels = pod.metadata?.labels ?? {};
  const matchLabels: Record<string, string> = {};
  const matchExpressions: NonNullable<LabelSelector['matchExpressions']> = [];
  for (const service of snapshot.owners.services ?? []) {
    if ((service.metadata?.namespace ?? 'default') !== namespace) continue;
    const selector = service.spec?.selector ?? {};
    if (Object.entries(selector).every(([key, value]) => labelValue(labels, key) === value)) Object.assign(matchLabels, selector);
  }
  const controller = pod.metadata?.ownerReferences?.find((owner) => owner.controller);
  const sameOwner = (object: { metadata?: { name?: string; namespace?: string } }): boolean =>
    object.metadata?.name === controller?.name && (object.metadata?.namespace ?? 'default') === namespace;
  if (controller?.kind === 'ReplicationController' && controller.apiVersion === 'v1') {
    Object.assign(matchLabels, snapshot.owners.replicationControllers?.find(sameOwner)?.spec?.selector ?? {});
  } else if (controller?.apiVersion === 'apps/v1' && (controller.kind === 'ReplicaSet' || controller.kind === 'StatefulSet')) {
    const owners = controller.kind === 'ReplicaSet' ? snapshot.owners.replicaSets : snapshot.owners.statefulSets;
    const selector = owners?.find(sameOwner)?.spec?.selector;
    if (selector) {
      Object.assign(matchLabels, selector.matchLabels ?? {});
      matchExpressions.push(...(selector.matchExpressions ?? []));
    }
  }
  if (Object.keys(matchLabels).length === 0 && matchExpressions.length === 0) return undefined;
  return { matchLabels, matchExpressions };
}

/** PodTopologySpreadArgs defaulting: `List` defaults to hostname maxSkew 3 and zone maxSkew 5, ScheduleAnyway. */
function systemDefaultConstraints(pod: Pod, snapshot: ClusterSnapshot): SpreadConstraint[] {
  // The pods of one workload share their namespace, controller and labels, hence their default constraints.
  const controller = pod.metadata?.ownerReferences?.find((owner) => owner.controller);
  const labels = Object.entries(pod.metadata?.labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const key = JSON.stringify([pod.metadata?.namespace ?? 'default', controller?.apiVersion, controller?.kind, controller?.name, labels]);
  let constraints = snapshot.defaultSpreading.get(key);
  if (constraints === undefined) {
    constraints = compileSystemDefaults(pod, snapshot);
    snapshot.defaultSpreading.set(key, constraints);
  }
  return constraints;
}

function compileSystemDefaults(pod: Pod, snapshot: ClusterSnapshot): SpreadConstraint[] {
  const selector = defaultSelector(pod, snapshot);
  if (!selector) return [];
  return [
    compileConstraint(pod, { maxSkew: 3, topologyKey: HOSTNAME_LABEL, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: selector }),
    compileConstraint(pod, { maxSkew: 5, topologyKey: ZONE_LABEL, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: selector }),
  ];
}

function explicitConstraints(pod: Pod, whenUnsatisfiable: string): SpreadConstraint[] {
  return (pod.spec?.topologySpreadConstraints ?? [])
    .filter((constraint) => constraint.whenUnsatisfiable === whenUnsatisfiable)
    .map((constraint) => compileConstraint(pod, constraint));
}

/** countPodsMatchSelector: pods of the namespace, not being deleted, matching the selector. */
function counted(constraint: SpreadConstraint, namespace: string): (pod: ScheduledPod) => boolean {
  return (pod) => pod.namespace === namespace && !pod.pod.metadata?.deletionTimestamp && constraint.selector(pod.labels);
}

/** countPodsMatchSelector for every node (by NodeInfo.index), built once per selector and kept current by binding. */
function matchingPodsPerNode(snapshot: ClusterSnapshot, constraint: SpreadConstraint, namespace: string): Int32Array {
  let entry = snapshot.podCounts.get(constraint.countKey);
  if (entry === undefined) {
    const matches = counted(constraint, namespace);
    const perNode = new Int32Array(snapshot.nodes.length);
    for (const node of snapshot.nodes) for (const existing of node.pods) if (matches(existing)) perNode[node.index]! += 1;
    entry = { matches, perNode };
    snapshot.podCounts.set(constraint.countKey, entry);
  }
  return entry.perNode;
}

/**
 * Matching pods per topology value of `constraint` over all nodes that carry every key in `requiredKeys` and
 * pass the constraint's node inclusion policies for `pod`. When those policies let every node in, the counts
 * come from the snapshot's cache, which binding keeps current.
 */
function domainTotals(snapshot: ClusterSnapshot, constraint: SpreadConstraint, requiredKeys: readonly string[], pod: Pod, namespace: string): Map<string, number> {
  const everyNodeIncluded =
    !constraint.honorNodeTaints &&
    (!constraint.honorNodeAffinity || (pod.spec?.nodeSelector === undefined && pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution === undefined));
  const cacheKey = `${constraint.countKey}\u0000${constraint.topologyKey}\u0000${requiredKeys.join('\u0000')}`;
  const cached = everyNodeIncluded ? snapshot.domainCounts.get(cacheKey) : undefined;
  if (cached) return cached.counts;
  const counts = new Map<string, number>();
  const perNode = matchingPodsPerNode(snapshot, constraint, namespace);
  for (const info of snapshot.nodes) {
    if (!requiredKeys.every((key) => labelValue(info.labels, key) !== undefined)) continue;
    if (!nodeIncluded(constraint, pod, info)) continue;
    const value = info.labels[constraint.topologyKey]!;
    counts.set(value, (counts.get(value) ?? 0) + perNode[info.index]!);
  }
  if (everyNodeIncluded) snapshot.domainCounts.set(cacheKey, { topologyKey: constraint.topologyKey, requiredKeys, matches: counted(constraint, namespace), counts });
  return counts;
}

function hasAllTopologyKeys(info: NodeInfo, constraints: readonly SpreadConstraint[]): boolean {
  return constraints.every((constraint) => labelValue(info.labels, constraint.topologyKey) !== undefined);
}

/** matchNodeInclusionPolicies: nodeAffinityPolicy Honor (default) and nodeTaintsPolicy Honor (default Ignore). */
function nodeIncluded(constraint: SpreadConstraint, pod: Pod, info: NodeInfo): boolean {
  if (constraint.honorNodeAffinity && !matchesRequiredNodeAffinity(pod, info.node)) return false;
  if (constraint.honorNodeTaints && firstUntoleratedTaint(info.node.spec?.taints ?? [], pod.spec?.tolerations ?? [], isNoScheduleOrNoExecute)) return false;
  return true;
}

export interface SpreadFilterState {
  constraints: SpreadConstraint[];
  /** Per constraint: matching pods per topology value over the eligible nodes. */
  counts: Map<string, number>[];
  /** Per constraint: the global minimum of the skew formula. */
  minimums: number[];
  selfMatches: boolean[];
}

/** The global minimum counts as 0 while fewer domains than minDomains exist; with no domain at all nothing is skewed. */
function globalMinimum(counts: ReadonlyMap<string, number>, minDomains: number): number {
  if (counts.size < minDomains) return 0;
  let minimum = Number.MAX_SAFE_INTEGER;
  for (const count of counts.values()) minimum = Math.min(minimum, count);
  return minimum;
}

/** PreFilter; undefined when the pod has no DoNotSchedule constraint (the plugin is skipped). */
export function topologySpreadPreFilter(incoming: ScheduledPod, snapshot: ClusterSnapshot): SpreadFilterState | undefined {
  const constraints = explicitConstraints(incoming.pod, 'DoNotSchedule');
  if (constraints.length === 0) return undefined;
  const requiredKeys = constraints.map((constraint) => constraint.topologyKey);
  const counts = constraints.map((constraint) => domainTotals(snapshot, constraint, requiredKeys, incoming.pod, incoming.namespace));
  return {
    constraints,
    counts,
    minimums: constraints.map((constraint, index) => globalMinimum(counts[index]!, constraint.minDomains)),
    selfMatches: constraints.map((constraint) => constraint.selector(incoming.labels)),
  };
}

export function topologySpreadFilter(state: SpreadFilterState | undefined, info: NodeInfo): FilterRejection | undefined {
  if (!state) return undefined;
  for (const [index, constraint] of state.constraints.entries()) {
    const value = labelValue(info.labels, constraint.topologyKey);
    if (value === undefined) {
      return reject('PodTopologySpread', 'UnschedulableAndUnresolvable', "node(s) didn't match pod topology spread constraints (missing required label)");
    }
    const skew = (state.counts[index]!.get(value) ?? 0) + (state.selfMatches[index] ? 1 : 0) - state.minimums[index]!;
    if (skew > constraint.maxSkew) return reject('PodTopologySpread', 'Unschedulable', "node(s) didn't match pod topology spread constraints");
  }
  return undefined;
}

/**
 * PreScore + Score + NormalizeScore for the feasible nodes; undefined when the pod has no soft constraint
 * (the plugin is skipped and contributes nothing).
 */
export function topologySpreadScores(incoming: ScheduledPod, snapshot: ClusterSnapshot, feasible: readonly NodeInfo[]): number[] | undefined {
  const pod = incoming.pod;
  const explicit = (pod.spec?.topologySpreadConstraints ?? []).length > 0;
  const constraints = explicit ? explicitConstraints(pod, 'ScheduleAnyway') : systemDefaultConstraints(pod, snapshot);
  if (constraints.length === 0) return undefined;
  // System defaults do not require every topology label, so nodes without a zone still spread by hostname.
  const requireAllTopologies = explicit;
  const ignored = requireAllTopologies ? feasible.map((info) => !hasAllTopologyKeys(info, constraints)) : new Array<boolean>(feasible.length).fill(false);
  const scoredNodes = ignored.filter((isIgnored) => !isIgnored).length;
  const allKeys = constraints.map((constraint) => constraint.topologyKey);
  // Each feasible node's value for each constraint's key, read once.
  const values = constraints.map((constraint) => feasible.map((info) => labelValue(info.labels, constraint.topologyKey)));
  // Per constraint, the matching pods of each domain that holds a feasible node (hostname: per node, below).
  const domainCounts = constraints.map((constraint, index) => {
    const counts = new Map<string, number>();
    if (constraint.topologyKey === HOSTNAME_LABEL) return counts;
    values[index]!.forEach((value, node) => {
      if (!ignored[node] && value !== undefined) counts.set(value, 0);
    });
    const totals = domainTotals(snapshot, constraint, requireAllTopologies ? allKeys : [constraint.topologyKey], pod, incoming.namespace);
    for (const value of counts.keys()) counts.set(value, totals.get(value) ?? 0);
    return counts;
  });
  const weights = constraints.map((constraint, index) =>
    Math.log((constraint.topologyKey === HOSTNAME_LABEL ? scoredNodes : domainCounts[index]!.size) + 2),
  );
  const hostnameCounts = constraints.map((constraint) =>
    constraint.topologyKey === HOSTNAME_LABEL ? matchingPodsPerNode(snapshot, constraint, incoming.namespace) : undefined,
  );
  const raw = new Array<number>(feasible.length).fill(0);
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  for (let node = 0; node < feasible.length; node++) {
    if (ignored[node]) continue;
    const info = feasible[node]!;
    let score = 0;
    for (let index = 0; index < constraints.length; index++) {
      const value = values[index]![node];
      if (value === undefined) continue;
      const count = hostnameCounts[index]?.[info.index] ?? domainCounts[index]!.get(value)!;
      score += count * weights[index]! + (constraints[index]!.maxSkew - 1);
    }
    raw[node] = Math.round(score);
    min = Math.min(min, raw[node]!);
    max = Math.max(max, raw[node]!);
  }
  return raw.map((score, node) => {
    if (ignored[node]) return 0;
    if (max === 0) return MAX_NODE_SCORE;
    return Math.trunc((MAX_NODE_SCORE * (max + min - score)) / max);
  });
}
