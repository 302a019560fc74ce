/**
 * PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread: filtering.go, scoring.go, plugin.go):
 * DoNotSchedule constraints filter, ScheduleAnyway constraints — or the system defaults for pods that
 * belong to a Service, ReplicationController, ReplicaSet or StatefulSet — score.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import type { ClusterSnapshot, NodeInfo, ScheduledPod } from './node-info';
import { compileLabelSelector, labelValue, setSelectorMatches, type LabelMatcher } from '../../kube/label-selectors';
import { firstUntoleratedTaint, isNoScheduleOrNoExecute, matchesRequiredNodeAffinity } from './node-selection';
import { selectorIndexKey, type CountedSelector, type DomainTally, type TopologyDomains } from './pod-counts';
import { reject, type FilterRejection } from './status';
import { MAX_NODE_SCORE } from './resource-fit';

const HOSTNAME_LABEL = 'kubernetes.io/hostname';
const ZONE_LABEL = 'topology.kubernetes.io/zone';

export interface SpreadConstraint extends CountedSelector {
  namespace: string;
  selector: LabelMatcher;
  maxSkew: number;
  topologyKey: string;
  minDomains: number;
  honorNodeAffinity: boolean;
  honorNodeTaints: boolean;
}

/** Namespace and selector as one text: the pods of one workload share their counts under it. */
function countKeyOf(namespace: string, selector: LabelSelector | undefined): string {
  return `${namespace}\u0000${JSON.stringify(selector ?? null)}`;
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
          matchExpressions: [...(constraint.labelSelector.matchExpressions ?? []), ...extra.map((key) => ({ key, operator: 'In', values: [podLabels[key]!] }))],
        };
  const namespace = pod.metadata?.namespace ?? 'default';
  const matches = compileLabelSelector(selector);
  return {
    maxSkew: constraint.maxSkew,
    topologyKey: constraint.topologyKey,
    minDomains: constraint.minDomains ?? 1,
    namespace,
    selector: matches,
    countKey: countKeyOf(namespace, selector),
    // countPodsMatchSelector: same namespace, not being deleted, labels matching.
    counts: (counted) => counted.namespace === namespace && !counted.pod.metadata?.deletionTimestamp && matches(counted.labels),
    indexKey: selectorIndexKey(namespace, selector),
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
    if (setSelectorMatches(selector, labels)) Object.assign(matchLabels, selector);
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
  // Labels in their own order: the pods of one template list them alike, and another order only costs a miss.
  const controller = pod.metadata?.ownerReferences?.find((owner) => owner.controller);
  let key = `${pod.metadata?.namespace ?? 'default'}\u0000${controller?.apiVersion}\u0000${controller?.kind}\u0000${controller?.name}`;
  const labels = pod.metadata?.labels ?? {};
  for (const name in labels) key += `\u0000${name}\u0000${labels[name]}`;
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
  return (pod.spec?.topologySpreadConstraints ?? []).filter((constraint) => constraint.whenUnsatisfiable === whenUnsatisfiable).map((constraint) => compileConstraint(pod, constraint));
}

/**
 * Matching pods per domain of `constraint` over all nodes that carry every key in `requiredKeys` and pass the
 * constraint's node inclusion policies for `pod`. When those policies let every node in, the counts are the
 * snapshot's, which binding keeps current.
 */
function domainTotals(snapshot: ClusterSnapshot, constraint: SpreadConstraint, requiredKeys: readonly string[], pod: Pod): DomainTally {
  const everyNodeIncluded =
    !constraint.honorNodeTaints &&
    (!constraint.honorNodeAffinity || (pod.spec?.nodeSelector === undefined && pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution === undefined));
  if (everyNodeIncluded) return snapshot.podCounts.perDomain(constraint, constraint.topologyKey, requiredKeys);
  const required = requiredKeys.map((key) => snapshot.podCounts.domains(key).domainOf);
  return snapshot.podCounts.perDomainOver(constraint, constraint.topologyKey, (info) => required.every((domainOf) => domainOf[info.index]! >= 0) && nodeIncluded(constraint, pod, info));
}

/** matchNodeInclusionPolicies: nodeAffinityPolicy Honor (default) and nodeTaintsPolicy Honor (default Ignore). */
function nodeIncluded(constraint: SpreadConstraint, pod: Pod, info: NodeInfo): boolean {
  if (constraint.honorNodeAffinity && !matchesRequiredNodeAffinity(pod, info.node)) return false;
  if (constraint.honorNodeTaints && firstUntoleratedTaint(info.taints, pod.spec?.tolerations ?? [], isNoScheduleOrNoExecute)) return false;
  return true;
}

export interface SpreadFilterState {
  constraints: SpreadConstraint[];
  /** Per constraint: matching pods per domain over the eligible nodes. */
  tallies: DomainTally[];
  /** Per constraint: the global minimum of the skew formula. */
  minimums: number[];
  selfMatches: boolean[];
}

/** The global minimum counts as 0 while fewer domains than minDomains exist; with no domain at all nothing is skewed. */
function globalMinimum(tally: DomainTally, minDomains: number): number {
  if (tally.size < minDomains) return 0;
  let minimum = Number.MAX_SAFE_INTEGER;
  for (let domain = 0; domain < tally.counts.length; domain++) if (tally.present[domain] === 1) minimum = Math.min(minimum, tally.counts[domain]!);
  return minimum;
}

/** PreFilter; undefined when the pod has no DoNotSchedule constraint (the plugin is skipped). */
export function topologySpreadPreFilter(incoming: ScheduledPod, snapshot: ClusterSnapshot): SpreadFilterState | undefined {
  const constraints = explicitConstraints(incoming.pod, 'DoNotSchedule');
  if (constraints.length === 0) return undefined;
  const requiredKeys = constraints.map((constraint) => constraint.topologyKey);
  const tallies = constraints.map((constraint) => domainTotals(snapshot, constraint, requiredKeys, incoming.pod));
  return {
    constraints,
    tallies,
    minimums: constraints.map((constraint, index) => globalMinimum(tallies[index]!, constraint.minDomains)),
    selfMatches: constraints.map((constraint) => constraint.selector(incoming.labels)),
  };
}

const MISSING_REQUIRED_LABEL = reject('PodTopologySpread', 'UnschedulableAndUnresolvable', "node(s) didn't match pod topology spread constraints (missing required label)");
const CONSTRAINTS_NOT_MATCH = reject('PodTopologySpread', 'Unschedulable', "node(s) didn't match pod topology spread constraints");

export function topologySpreadFilter(state: SpreadFilterState | undefined, info: NodeInfo): FilterRejection | undefined {
  if (!state) return undefined;
  const { constraints, tallies, selfMatches, minimums } = state;
  for (let index = 0; index < constraints.length; index++) {
    const tally = tallies[index]!;
    const domain = tally.domains.domainOf[info.index]!;
    if (domain < 0) return MISSING_REQUIRED_LABEL;
    const skew = tally.counts[domain]! + (selfMatches[index] ? 1 : 0) - minimums[index]!;
    if (skew > constraints[index]!.maxSkew) return CONSTRAINTS_NOT_MATCH;
  }
  return undefined;
}

/** What Score reads of one constraint for every node (scoring.go preScoreState). */
interface ConstraintScore {
  /** Per node (NodeInfo.index): its domain of the constraint's key, or -1 when the node lacks the key. */
  domainOf: Int32Array;
  /** Matching pods by NodeInfo.index for hostname (each node its own domain), else by domain number. */
  counts: Int32Array;
  perNode: boolean;
  /** topologyNormalizingWeight: log(domains among the scored nodes + 2). */
  weight: number;
  /** maxSkew − 1, added for every node the constraint scores. */
  skewTerm: number;
}

/**
 * PreScore state: the soft constraints with their counts and weights, computed once per pod. `requireAllTopologies`
 * (explicit constraints) leaves out of scoring the nodes missing any constraint's key (IgnoredNodes); system
 * defaults leave none out, so nodes without a zone still spread by hostname.
 */
export interface SpreadScoreState {
  constraints: ConstraintScore[];
  requireAllTopologies: boolean;
}

/** Score's mark for a node in IgnoredNodes: raw scores are never negative. */
const IGNORED = -1;

/** PreScore over the feasible nodes; undefined when the pod has no soft constraint (the plugin is skipped). */
export function topologySpreadPreScore(incoming: ScheduledPod, snapshot: ClusterSnapshot, feasible: readonly NodeInfo[]): SpreadScoreState | undefined {
  const pod = incoming.pod;
  const explicit = (pod.spec?.topologySpreadConstraints ?? []).length > 0;
  const constraints = explicit ? explicitConstraints(pod, 'ScheduleAnyway') : systemDefaultConstraints(pod, snapshot);
  if (constraints.length === 0) return undefined;
  const counts = snapshot.podCounts;
  const domainsOf = constraints.map((constraint) => counts.domains(constraint.topologyKey).domainOf);
  // The scored nodes: all feasible ones, less those missing a key when every key is required.
  let scoredNodes = feasible.length;
  if (explicit) for (const info of feasible) if (domainsOf.some((domainOf) => domainOf[info.index]! < 0)) scoredNodes--;
  const allKeys = constraints.map((constraint) => constraint.topologyKey);
  const scored = constraints.map((constraint): ConstraintScore => {
    const domains = counts.domains(constraint.topologyKey);
    const skewTerm = constraint.maxSkew - 1;
    if (constraint.topologyKey === HOSTNAME_LABEL) {
      return { domainOf: domains.domainOf, counts: counts.perNode(constraint), perNode: true, weight: Math.log(scoredNodes + 2), skewTerm };
    }
    const perDomain = domainTotals(snapshot, constraint, explicit ? allKeys : [constraint.topologyKey], pod).counts;
    const weight = Math.log(distinctDomains(domains, feasible, explicit ? domainsOf : []) + 2);
    return { domainOf: domains.domainOf, counts: perDomain, perNode: false, weight, skewTerm };
  });
  return { constraints: scored, requireAllTopologies: explicit };
}

/**
 * Score: Σ over constraints of matching pods × weight + (maxSkew − 1), added constraint by constraint in order so
 * that the float sum is upstream's, then rounded; IGNORED for a node left out.
 */
export function topologySpreadScore(state: SpreadScoreState, info: NodeInfo): number {
  const index = info.index;
  const constraints = state.constraints;
  let score = 0;
  for (let constraint = 0; constraint < constraints.length; constraint++) {
    const { domainOf, counts, perNode, weight, skewTerm } = constraints[constraint]!;
    const domain = domainOf[index]!;
    if (domain < 0) {
      if (state.requireAllTopologies) return IGNORED;
      continue;
    }
    score += counts[perNode ? index : domain]! * weight + skewTerm;
  }
  return Math.round(score);
}

/** NormalizeScore: fewer matching pods is better; the highest raw score gets 0, nodes left out 0. */
export function topologySpreadNormalizeScore(scores: Float64Array, count: number): void {
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  for (let node = 0; node < count; node++) {
    const raw = scores[node]!;
    if (raw === IGNORED) continue;
    if (raw < min) min = raw;
    if (raw > max) max = raw;
  }
  for (let node = 0; node < count; node++) {
    const raw = scores[node]!;
    if (raw === IGNORED) scores[node] = 0;
    else scores[node] = max === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (max + min - raw)) / max);
  }
}

/**
 * PreScore, Score per feasible node and NormalizeScore, written to `scores`; false when the pod has no soft
 * constraint (the plugin is skipped and contributes nothing).
 */
export function topologySpreadScores(incoming: ScheduledPod, snapshot: ClusterSnapshot, feasible: readonly NodeInfo[], scores: Float64Array): boolean {
  const state = topologySpreadPreScore(incoming, snapshot, feasible);
  if (state === undefined) return false;
  for (let node = 0; node < feasible.length; node++) scores[node] = topologySpreadScore(state, feasible[node]!);
  topologySpreadNormalizeScore(scores, feasible.length);
  return true;
}

/** How many domains of `domains` the feasible nodes are in, leaving out nodes missing any of `required`. */
function distinctDomains({ domainOf, values }: TopologyDomains, feasible: readonly NodeInfo[], required: readonly Int32Array[]): number {
  const seen = new Uint8Array(values.length);
  let distinct = 0;
  for (const info of feasible) {
    const domain = domainOf[info.index]!;
    if (domain < 0 || seen[domain] === 1) continue;
    if (required.length > 0 && required.some((other) => other[info.index]! < 0)) continue;
    seen[domain] = 1;
    distinct++;
  }
  return distinct;
}
