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

interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  minDomains: number;
  selector: LabelMatcher;
  /** Identifies the selector, so per-node counts can be reused by the next pod with the same one. */
  selectorKey: string;
  honorNodeAffinity: boolean;
  honorNodeTaints: boolean;
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
    selectorKey: JSON.stringify(selector ?? null),
    honorNodeAffinity: (constraint.nodeAffinityPolicy ?? 'Honor') === 'Honor',
    honorNodeTaints: (constraint.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
  };
}

/** helper.DefaultSelector: selectors of the Services selecting the pod and of its controller, ANDed. */
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

/** countPodsMatchSelector on one node, remembered until the node's pods change. */
function matchingPodsOn(info: NodeInfo, constraint: SpreadConstraint, namespace: string): number {
  const key = `${namespace}\u0000${constraint.selectorKey}`;
  const cached = info.selectorCounts.get(key);
  if (cached !== undefined) return cached;
  let count = 0;
  for (const existing of info.pods) {
    if (existing.namespace === namespace && !existing.pod.metadata?.deletionTimestamp && constraint.selector(existing.labels)) count++;
  }
  info.selectorCounts.set(key, count);
  return count;
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
  selfMatches: boolean[];
}

/** PreFilter; undefined when the pod has no DoNotSchedule constraint (the plugin is skipped). */
export function topologySpreadPreFilter(incoming: ScheduledPod, snapshot: ClusterSnapshot): SpreadFilterState | undefined {
  const constraints = explicitConstraints(incoming.pod, 'DoNotSchedule');
  if (constraints.length === 0) return undefined;
  const counts = constraints.map(() => new Map<string, number>());
  for (const info of snapshot.nodes) {
    if (!hasAllTopologyKeys(info, constraints)) continue;
    constraints.forEach((constraint, index) => {
      if (!nodeIncluded(constraint, incoming.pod, info)) return;
      const value = info.labels[constraint.topologyKey]!;
      counts[index]!.set(value, (counts[index]!.get(value) ?? 0) + matchingPodsOn(info, constraint, incoming.namespace));
    });
  }
  return { constraints, counts, selfMatches: constraints.map((constraint) => constraint.selector(incoming.labels)) };
}

export function topologySpreadFilter(state: SpreadFilterState | undefined, info: NodeInfo): FilterRejection | undefined {
  if (!state) return undefined;
  for (const [index, constraint] of state.constraints.entries()) {
    const value = labelValue(info.labels, constraint.topologyKey);
    if (value === undefined) {
      return reject('PodTopologySpread', 'UnschedulableAndUnresolvable', "node(s) didn't match pod topology spread constraints (missing required label)");
    }
    const counts = state.counts[index]!;
    // The global minimum counts as 0 while fewer domains than minDomains exist; with no domain at all nothing is skewed.
    const minimum = counts.size < constraint.minDomains ? 0 : counts.size === 0 ? Number.MAX_SAFE_INTEGER : Math.min(...counts.values());
    const skew = (counts.get(value) ?? 0) + (state.selfMatches[index] ? 1 : 0) - minimum;
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
  const ignored = new Set<NodeInfo>();
  const domainCounts = constraints.map(() => new Map<string, number>());
  for (const info of feasible) {
    if (requireAllTopologies && !hasAllTopologyKeys(info, constraints)) {
      ignored.add(info);
      continue;
    }
    constraints.forEach((constraint, index) => {
      const value = labelValue(info.labels, constraint.topologyKey);
      if (constraint.topologyKey !== HOSTNAME_LABEL && value !== undefined) domainCounts[index]!.set(value, 0);
    });
  }
  const weights = constraints.map((constraint, index) =>
    Math.log((constraint.topologyKey === HOSTNAME_LABEL ? feasible.length - ignored.size : domainCounts[index]!.size) + 2),
  );
  for (const info of snapshot.nodes) {
    if (requireAllTopologies && !hasAllTopologyKeys(info, constraints)) continue;
    constraints.forEach((constraint, index) => {
      if (!nodeIncluded(constraint, pod, info)) return;
      const value = labelValue(info.labels, constraint.topologyKey);
      const counts = domainCounts[index]!;
      if (value === undefined || !counts.has(value)) return;
      counts.set(value, counts.get(value)! + matchingPodsOn(info, constraint, incoming.namespace));
    });
  }
  const raw = feasible.map((info) => {
    if (ignored.has(info)) return 0;
    let score = 0;
    constraints.forEach((constraint, index) => {
      const value = labelValue(info.labels, constraint.topologyKey);
      if (value === undefined) return;
      const count = constraint.topologyKey === HOSTNAME_LABEL ? matchingPodsOn(info, constraint, incoming.namespace) : domainCounts[index]!.get(value)!;
      score += count * weights[index]! + (constraint.maxSkew - 1);
    });
    return Math.round(score);
  });
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  feasible.forEach((info, index) => {
    if (ignored.has(info)) return;
    min = Math.min(min, raw[index]!);
    max = Math.max(max, raw[index]!);
  });
  return feasible.map((info, index) => {
    if (ignored.has(info)) return 0;
    if (max === 0) return MAX_NODE_SCORE;
    return Math.trunc((MAX_NODE_SCORE * (max + min - raw[index]!)) / max);
  });
}
