/**
 * InterPodAffinity (pkg/scheduler/framework/plugins/interpodaffinity: filtering.go, scoring.go): required
 * affinity and anti-affinity of the incoming pod, required anti-affinity of pods already running, and the
 * preferred terms of both sides for scoring. Upstream's PreFilter and PreScore count matching pods per topology
 * pair (`key=value` of a node label) by walking the bound pods; here those counts are kept current as pods are
 * bound (PodCounts for the pods an incoming pod's terms match, ExistingPodTerms for the terms bound pods carry),
 * so a cycle reads them per feasible node instead of walking every pod.
 */
import type { ClusterSnapshot, NodeInfo, ScheduledPod } from './node-info';
import { termMatches, termsOf, type PodTerms, type TermGroup } from './affinity-terms';
import type { DomainTally, TopologyDomains } from './pod-counts';
import { reject, type FilterRejection } from './status';
import { MAX_NODE_SCORE } from './resource-fit';

export interface InterPodAffinityState {
  terms: PodTerms;
  incoming: ScheduledPod;
  /** Required anti-affinity terms of bound pods that match the incoming pod (getExistingAntiAffinityCounts). */
  existingAntiAffinity: TermGroup[];
  /** Per required affinity term: pods matching all the terms, per domain of the term's key (affinityCounts). */
  affinity: DomainTally[];
  /** Whether any pod matching all required affinity terms is on a node with one of their keys (len(affinityCounts) > 0). */
  affinityMatched: boolean;
  /** Per required anti-affinity term: pods it matches, per domain of its key (antiAffinityCounts). */
  antiAffinity: DomainTally[];
}

/** PreFilter; undefined when nothing constrains the pod (the plugin is skipped). */
export function interPodAffinityPreFilter(incoming: ScheduledPod, snapshot: ClusterSnapshot): InterPodAffinityState | undefined {
  const terms = termsOf(incoming.pod);
  const existingAntiAffinity =
    snapshot.podsWithRequiredAntiAffinity > 0 ? snapshot.existingPodTerms.matching(incoming, snapshot.namespaceLabels).filter((group) => group.required === 'antiAffinity') : [];
  if (existingAntiAffinity.length === 0 && terms.requiredAffinity.length === 0 && terms.requiredAntiAffinity.length === 0) return undefined;
  const counts = snapshot.podCounts;
  const affinity = terms.requiredAffinity.map((term) => counts.perDomain(terms.allRequiredAffinity, term.topologyKey, []));
  return {
    terms,
    incoming,
    existingAntiAffinity,
    affinity,
    affinityMatched: affinity.some((tally) => tally.total > 0),
    antiAffinity: terms.requiredAntiAffinity.map((term) => counts.perDomain(term.counted, term.topologyKey, [])),
  };
}

/** The count of `tally` in the domain of `info`; undefined when the node lacks the key. */
function countOn(tally: { domains: TopologyDomains; counts: Int32Array }, info: NodeInfo): number | undefined {
  const domain = tally.domains.domainOf[info.index]!;
  return domain < 0 ? undefined : tally.counts[domain]!;
}

function satisfiesPodAffinity(state: InterPodAffinityState, info: NodeInfo, snapshot: ClusterSnapshot): boolean {
  let podsExist = true;
  for (const tally of state.affinity) {
    const count = countOn(tally, info);
    if (count === undefined) return false;
    if (count <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself may go anywhere its topology labels exist.
  const { incoming } = state;
  return !state.affinityMatched && state.terms.requiredAffinity.every((term) => termMatches(term, incoming.namespace, incoming.labels, snapshot.namespaceLabels));
}

/**
 * Upstream counts every term's matches in one map by topology pair, so terms sharing a key share counts; a node is
 * refused when any term's pair has a match, which is the same as any term's own count being positive there.
 */
function satisfiesPodAntiAffinity(state: InterPodAffinityState, info: NodeInfo): boolean {
  return state.antiAffinity.every((tally) => (countOn(tally, info) ?? 0) <= 0);
}

function satisfiesExistingPodsAntiAffinity(state: InterPodAffinityState, info: NodeInfo): boolean {
  return state.existingAntiAffinity.every((group) => (countOn(group, info) ?? 0) <= 0);
}

const AFFINITY_RULES_NOT_MATCH = reject('InterPodAffinity', 'UnschedulableAndUnresolvable', "node(s) didn't match pod affinity rules");
const ANTI_AFFINITY_RULES_NOT_MATCH = reject('InterPodAffinity', 'Unschedulable', "node(s) didn't match pod anti-affinity rules");
const EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH = reject('InterPodAffinity', 'Unschedulable', "node(s) didn't satisfy existing pods anti-affinity rules");

export function interPodAffinityFilter(state: InterPodAffinityState | undefined, info: NodeInfo, snapshot: ClusterSnapshot): FilterRejection | undefined {
  if (!state) return undefined;
  if (!satisfiesPodAffinity(state, info, snapshot)) return AFFINITY_RULES_NOT_MATCH;
  if (!satisfiesPodAntiAffinity(state, info)) return ANTI_AFFINITY_RULES_NOT_MATCH;
  if (!satisfiesExistingPodsAntiAffinity(state, info)) return EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH;
  return undefined;
}

/** What one term adds to a node's score: `weight` times the count in the node's domain. */
interface ScoreTerm {
  domainOf: Int32Array;
  counts: Int32Array;
  weight: number;
}

/**
 * PreScore + Score: upstream's topology score of a node is, for every existing pod in the node's domain of a term's
 * key, the weights of the incoming pod's preferred terms it matches (anti terms subtract), plus the existing pod's
 * preferred terms (and required affinity at the hard weight) that the incoming pod matches. Summed term by term
 * from the kept counts, written to `scores` and normalised. Returns false when no term applies (skipped).
 */
export function interPodAffinityScores(incoming: ScheduledPod, snapshot: ClusterSnapshot, feasible: readonly NodeInfo[], scores: Float64Array): boolean {
  const terms = termsOf(incoming.pod);
  const scoring: ScoreTerm[] = [];
  const counts = snapshot.podCounts;
  for (const [list, sign] of [
    [terms.preferredAffinity, 1],
    [terms.preferredAntiAffinity, -1],
  ] as const) {
    for (const term of list) {
      const tally = counts.perDomain(term.counted, term.topologyKey, []);
      if (tally.total !== 0) scoring.push({ domainOf: tally.domains.domainOf, counts: tally.counts, weight: sign * term.weight });
    }
  }
  if (snapshot.podsWithAffinity > 0) {
    for (const group of snapshot.existingPodTerms.matching(incoming, snapshot.namespaceLabels)) {
      if (group.scoreWeight !== 0) scoring.push({ domainOf: group.domains.domainOf, counts: group.counts, weight: group.scoreWeight });
    }
  }
  if (scoring.length === 0) return false;
  let min = Infinity;
  let max = -Infinity;
  for (let node = 0; node < feasible.length; node++) {
    const index = feasible[node]!.index;
    let score = 0;
    for (let term = 0; term < scoring.length; term++) {
      const { domainOf, counts: perDomain, weight } = scoring[term]!;
      const domain = domainOf[index]!;
      if (domain >= 0) score += weight * perDomain[domain]!;
    }
    scores[node] = score;
    min = Math.min(min, score);
    max = Math.max(max, score);
  }
  // NormalizeScore: min–max scaling to 0..100, all zero when every node scores the same.
  const spread = max - min;
  for (let node = 0; node < feasible.length; node++) scores[node] = spread > 0 ? Math.trunc((MAX_NODE_SCORE * (scores[node]! - min)) / spread) : 0;
  return true;
}
