/**
 * InterPodAffinity (pkg/scheduler/framework/plugins/interpodaffinity: filtering.go, scoring.go): required
 * affinity and anti-affinity of the incoming pod, required anti-affinity of pods already running, and the
 * preferred terms of both sides for scoring. Counts are kept per topology pair (`key=value` of a node label).
 */
import type { Pod, PodAffinityTerm, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1';
import type { ClusterSnapshot, NodeInfo, ScheduledPod } from './node-info';
import { compileLabelSelector, labelValue, type LabelMatcher, type Labels } from '../../kube/label-selectors';
import { reject, type FilterRejection } from './status';
import { MAX_NODE_SCORE } from './resource-fit';

interface AffinityTerm {
  namespaces: ReadonlySet<string>;
  /** Absent namespaceSelector matches no namespace; `{}` matches every one. */
  namespaceSelector: LabelMatcher | undefined;
  selector: LabelMatcher;
  topologyKey: string;
}

interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

function affinityTerm(ownerNamespace: string, term: PodAffinityTerm): AffinityTerm {
  const listed = term.namespaces ?? [];
  const namespaces = listed.length === 0 && term.namespaceSelector === undefined ? [ownerNamespace] : listed;
  return {
    namespaces: new Set(namespaces),
    namespaceSelector: term.namespaceSelector === undefined ? undefined : compileLabelSelector(term.namespaceSelector),
    selector: compileLabelSelector(term.labelSelector),
    topologyKey: term.topologyKey,
  };
}

function weightedTerms(ownerNamespace: string, terms: readonly WeightedPodAffinityTerm[] | undefined): WeightedAffinityTerm[] {
  return (terms ?? []).map((term) => ({ ...affinityTerm(ownerNamespace, term.podAffinityTerm), weight: term.weight }));
}

/** AffinityTerm.Matches: the pod's namespace is listed or selected, and its labels match. */
function termMatches(term: AffinityTerm, namespace: string, labels: Labels, snapshot: ClusterSnapshot): boolean {
  const namespaceOk = term.namespaces.has(namespace) || (term.namespaceSelector?.(snapshot.namespaceLabels.get(namespace) ?? {}) ?? false);
  return namespaceOk && term.selector(labels);
}

type TopologyCounts = Map<string, number>;

function pairKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

function addCount(counts: TopologyCounts, key: string, value: string, amount: number): void {
  counts.set(pairKey(key, value), (counts.get(pairKey(key, value)) ?? 0) + amount);
}

interface PodTerms {
  requiredAffinity: AffinityTerm[];
  requiredAntiAffinity: AffinityTerm[];
  preferredAffinity: WeightedAffinityTerm[];
  preferredAntiAffinity: WeightedAffinityTerm[];
}

const termsCache = new WeakMap<Pod, PodTerms>();

function termsOf(pod: Pod): PodTerms {
  const cached = termsCache.get(pod);
  if (cached) return cached;
  const namespace = pod.metadata?.namespace ?? 'default';
  const affinity = pod.spec?.affinity;
  const terms: PodTerms = {
    requiredAffinity: (affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((term) => affinityTerm(namespace, term)),
    requiredAntiAffinity: (affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((term) => affinityTerm(namespace, term)),
    preferredAffinity: weightedTerms(namespace, affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAntiAffinity: weightedTerms(namespace, affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
  };
  termsCache.set(pod, terms);
  return terms;
}

export interface InterPodAffinityState {
  terms: PodTerms;
  incoming: ScheduledPod;
  existingAntiAffinityCounts: TopologyCounts;
  affinityCounts: TopologyCounts;
  antiAffinityCounts: TopologyCounts;
}

/** PreFilter; undefined when nothing constrains the pod (the plugin is skipped). */
export function interPodAffinityPreFilter(incoming: ScheduledPod, snapshot: ClusterSnapshot): InterPodAffinityState | undefined {
  const terms = termsOf(incoming.pod);
  const existingAntiAffinityCounts: TopologyCounts = new Map();
  for (const info of snapshot.podsWithRequiredAntiAffinity > 0 ? snapshot.nodes : []) {
    if (info.podsWithRequiredAntiAffinity === 0) continue;
    for (const existing of info.pods) {
      if (!existing.hasRequiredAntiAffinity) continue;
      for (const term of termsOf(existing.pod).requiredAntiAffinity) {
        const value = labelValue(info.labels, term.topologyKey);
        if (value !== undefined && termMatches(term, incoming.namespace, incoming.labels, snapshot)) addCount(existingAntiAffinityCounts, term.topologyKey, value, 1);
      }
    }
  }
  const affinityCounts: TopologyCounts = new Map();
  const antiAffinityCounts: TopologyCounts = new Map();
  if (terms.requiredAffinity.length > 0 || terms.requiredAntiAffinity.length > 0) {
    for (const info of snapshot.nodes) {
      for (const existing of info.pods) {
        if (terms.requiredAffinity.length > 0 && terms.requiredAffinity.every((term) => termMatches(term, existing.namespace, existing.labels, snapshot))) {
          for (const term of terms.requiredAffinity) {
            const value = labelValue(info.labels, term.topologyKey);
            if (value !== undefined) addCount(affinityCounts, term.topologyKey, value, 1);
          }
        }
        for (const term of terms.requiredAntiAffinity) {
          const value = labelValue(info.labels, term.topologyKey);
          if (value !== undefined && termMatches(term, existing.namespace, existing.labels, snapshot)) addCount(antiAffinityCounts, term.topologyKey, value, 1);
        }
      }
    }
  }
  if (existingAntiAffinityCounts.size === 0 && terms.requiredAffinity.length === 0 && terms.requiredAntiAffinity.length === 0) return undefined;
  return { terms, incoming, existingAntiAffinityCounts, affinityCounts, antiAffinityCounts };
}

function satisfiesPodAffinity(state: InterPodAffinityState, info: NodeInfo, snapshot: ClusterSnapshot): boolean {
  let podsExist = true;
  for (const term of state.terms.requiredAffinity) {
    const value = labelValue(info.labels, term.topologyKey);
    if (value === undefined) return false;
    if ((state.affinityCounts.get(pairKey(term.topologyKey, value)) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself may go anywhere its topology labels exist.
  const { incoming } = state;
  return state.affinityCounts.size === 0 && state.terms.requiredAffinity.every((term) => termMatches(term, incoming.namespace, incoming.labels, snapshot));
}

function satisfiesPodAntiAffinity(state: InterPodAffinityState, info: NodeInfo): boolean {
  if (state.antiAffinityCounts.size === 0) return true;
  return state.terms.requiredAntiAffinity.every((term) => {
    const value = labelValue(info.labels, term.topologyKey);
    return value === undefined || (state.antiAffinityCounts.get(pairKey(term.topologyKey, value)) ?? 0) <= 0;
  });
}

function satisfiesExistingPodsAntiAffinity(state: InterPodAffinityState, info: NodeInfo): boolean {
  if (state.existingAntiAffinityCounts.size === 0) return true;
  return Object.entries(info.labels).every(([key, value]) => (state.existingAntiAffinityCounts.get(pairKey(key, value)) ?? 0) <= 0);
}

export function interPodAffinityFilter(state: InterPodAffinityState | undefined, info: NodeInfo, snapshot: ClusterSnapshot): FilterRejection | undefined {
  if (!state) return undefined;
  if (!satisfiesPodAffinity(state, info, snapshot)) return reject('InterPodAffinity', 'UnschedulableAndUnresolvable', "node(s) didn't match pod affinity rules");
  if (!satisfiesPodAntiAffinity(state, info)) return reject('InterPodAffinity', 'Unschedulable', "node(s) didn't match pod anti-affinity rules");
  if (!satisfiesExistingPodsAntiAffinity(state, info)) return reject('InterPodAffinity', 'Unschedulable', "node(s) didn't satisfy existing pods anti-affinity rules");
  return undefined;
}

/** Default InterPodAffinityArgs.hardPodAffinityWeight: an existing pod's required affinity counts this much in scoring. */
const HARD_POD_AFFINITY_WEIGHT = 1;

/**
 * PreScore + Score: for every existing pod, weights of the incoming pod's preferred terms it matches (anti
 * terms subtract), plus the existing pod's preferred terms (and required affinity at the hard weight) that the
 * incoming pod matches, credited to the existing pod's topology domain, written to `scores`. Returns false when skipped.
 */
export function interPodAffinityScores(incoming: ScheduledPod, snapshot: ClusterSnapshot, feasible: readonly NodeInfo[], scores: Float64Array): boolean {
  const terms = termsOf(incoming.pod);
  const incomingHasPreferred = terms.preferredAffinity.length > 0 || terms.preferredAntiAffinity.length > 0;
  if (!incomingHasPreferred && snapshot.podsWithAffinity === 0) return false;
  const topologyScore: TopologyCounts = new Map();
  const credit = (info: NodeInfo, term: AffinityTerm, weight: number): void => {
    const value = labelValue(info.labels, term.topologyKey);
    if (value !== undefined) addCount(topologyScore, term.topologyKey, value, weight);
  };
  for (const info of snapshot.nodes) {
    if (!incomingHasPreferred && info.podsWithAffinity === 0) continue;
    for (const existing of info.pods) {
      if (!incomingHasPreferred && !existing.hasAffinity) continue;
      for (const term of terms.preferredAffinity) if (termMatches(term, existing.namespace, existing.labels, snapshot)) credit(info, term, term.weight);
      for (const term of terms.preferredAntiAffinity) if (termMatches(term, existing.namespace, existing.labels, snapshot)) credit(info, term, -term.weight);
      if (!existing.hasAffinity) continue;
      const theirs = termsOf(existing.pod);
      for (const term of theirs.requiredAffinity) if (termMatches(term, incoming.namespace, incoming.labels, snapshot)) credit(info, term, HARD_POD_AFFINITY_WEIGHT);
      for (const term of theirs.preferredAffinity) if (termMatches(term, incoming.namespace, incoming.labels, snapshot)) credit(info, term, term.weight);
      for (const term of theirs.preferredAntiAffinity) if (termMatches(term, incoming.namespace, incoming.labels, snapshot)) credit(info, term, -term.weight);
    }
  }
  if (topologyScore.size === 0) return false;
  let min = Infinity;
  let max = -Infinity;
  for (let node = 0; node < feasible.length; node++) {
    let score = 0;
    for (const [key, value] of Object.entries(feasible[node]!.labels)) score += topologyScore.get(pairKey(key, value)) ?? 0;
    scores[node] = score;
    min = Math.min(min, score);
    max = Math.max(max, score);
  }
  // NormalizeScore: min–max scaling to 0..100, all zero when every node scores the same.
  const spread = max - min;
  for (let node = 0; node < feasible.length; node++) scores[node] = spread > 0 ? Math.trunc((MAX_NODE_SCORE * (scores[node]! - min)) / spread) : 0;
  return true;
}
