/**
 * Pod (anti-)affinity terms as InterPodAffinity reads them (framework/types.go AffinityTerm, WeightedAffinityTerm,
 * PodInfo's RequiredAffinityTerms … PreferredAntiAffinityTerms), and the terms of bound pods counted per topology
 * domain, kept current as pods are bound and removed. The pods of one workload carry the same terms, so the terms
 * of thousands of bound pods are a few groups: a scheduling cycle looks at the groups whose term matches the
 * incoming pod instead of at every bound pod with affinity (interpodaffinity: PreFilter's
 * getExistingAntiAffinityCounts, PreScore's processExistingPod).
 */
import type { Pod, PodAffinityTerm, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1';
import type { NodeInfo, ScheduledPod } from './node-info';
import { compileLabelSelector, labelValue, type LabelMatcher, type Labels } from '../../kube/label-selectors';
import { labelIndexKey, selectorIndexKey, type CountedSelector, type PodCounts, type TopologyDomains } from './pod-counts';

export interface AffinityTerm {
  namespaces: ReadonlySet<string>;
  /** Absent namespaceSelector matches no namespace; `{}` matches every one. */
  namespaceSelector: LabelMatcher | undefined;
  selector: LabelMatcher;
  topologyKey: string;
  /** The pods this term matches, as PodCounts counts them. */
  counted: CountedSelector;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

/** AffinityTerm.Matches: the pod's namespace is listed or selected, and its labels match. */
export function termMatches(term: AffinityTerm, namespace: string, labels: Labels, namespaceLabels: ReadonlyMap<string, Labels>): boolean {
  const namespaceOk = term.namespaces.has(namespace) || (term.namespaceSelector?.(namespaceLabels.get(namespace) ?? {}) ?? false);
  return namespaceOk && term.selector(labels);
}

function affinityTerm(ownerNamespace: string, term: PodAffinityTerm): AffinityTerm {
  const listed = term.namespaces ?? [];
  const namespaces = listed.length === 0 && term.namespaceSelector === undefined ? [ownerNamespace] : listed;
  const compiled: AffinityTerm = {
    namespaces: new Set(namespaces),
    namespaceSelector: term.namespaceSelector === undefined ? undefined : compileLabelSelector(term.namespaceSelector),
    selector: compileLabelSelector(term.labelSelector),
    topologyKey: term.topologyKey,
    counted: {
      countKey: `pod-affinity\u0000${[...new Set(namespaces)].sort().join(',')}\u0000${JSON.stringify(term.namespaceSelector ?? null)}\u0000${JSON.stringify(term.labelSelector ?? null)}`,
      counts: (pod, namespaceLabels) => termMatches(compiled, pod.namespace, pod.labels, namespaceLabels),
      indexKey: term.namespaceSelector === undefined && namespaces.length === 1 ? selectorIndexKey(namespaces[0]!, term.labelSelector) : undefined,
    },
  };
  return compiled;
}

function weightedTerms(ownerNamespace: string, terms: readonly WeightedPodAffinityTerm[] | undefined): WeightedAffinityTerm[] {
  return (terms ?? []).map((term) => ({ ...affinityTerm(ownerNamespace, term.podAffinityTerm), weight: term.weight }));
}

/**
 * The pods matching every one of `terms` (podMatchesAllAffinityTerms), as PodCounts counts them: the existing pods
 * a pod's required affinity is satisfied by.
 */
function allTermsCounted(terms: readonly AffinityTerm[]): CountedSelector {
  return {
    countKey: terms.map((term) => term.counted.countKey).join('\u0001'),
    counts: (pod, namespaceLabels) => terms.every((term) => term.counted.counts(pod, namespaceLabels)),
    indexKey: terms.find((term) => term.counted.indexKey !== undefined)?.counted.indexKey,
  };
}

export interface PodTerms {
  requiredAffinity: AffinityTerm[];
  /** The pods that match all of requiredAffinity. */
  allRequiredAffinity: CountedSelector;
  requiredAntiAffinity: AffinityTerm[];
  preferredAffinity: WeightedAffinityTerm[];
  preferredAntiAffinity: WeightedAffinityTerm[];
  /** Per term of the four lists above in that order, what identifies it among the terms of all pods (ExistingPodTerms). */
  groupKeys: string[];
}

const termsCache = new WeakMap<Pod, PodTerms>();

/** The terms of every pod without pod (anti-)affinity: most pods, which need no entry of their own. */
const NO_TERMS: PodTerms = {
  requiredAffinity: [],
  allRequiredAffinity: allTermsCounted([]),
  requiredAntiAffinity: [],
  preferredAffinity: [],
  preferredAntiAffinity: [],
  groupKeys: [],
};

function groupKey(kind: string, namespace: string, term: PodAffinityTerm, weight: number): string {
  return `${kind}\u0000${weight}\u0000${namespace}\u0000${JSON.stringify(term)}`;
}

export function termsOf(pod: Pod): PodTerms {
  const affinity = pod.spec?.affinity;
  if (affinity?.podAffinity === undefined && affinity?.podAntiAffinity === undefined) return NO_TERMS;
  const cached = termsCache.get(pod);
  if (cached) return cached;
  const namespace = pod.metadata?.namespace ?? 'default';
  const podAffinity = affinity?.podAffinity;
  const antiAffinity = affinity?.podAntiAffinity;
  const requiredAffinity = (podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((term) => affinityTerm(namespace, term));
  const terms: PodTerms = {
    requiredAffinity,
    allRequiredAffinity: allTermsCounted(requiredAffinity),
    requiredAntiAffinity: (antiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((term) => affinityTerm(namespace, term)),
    preferredAffinity: weightedTerms(namespace, podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAntiAffinity: weightedTerms(namespace, antiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    groupKeys: [
      ...(podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((term) => groupKey('requiredAffinity', namespace, term, 0)),
      ...(antiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((term) => groupKey('requiredAntiAffinity', namespace, term, 0)),
      ...(podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((term) => groupKey('preferredAffinity', namespace, term.podAffinityTerm, term.weight)),
      ...(antiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((term) => groupKey('preferredAntiAffinity', namespace, term.podAffinityTerm, term.weight)),
    ],
  };
  termsCache.set(pod, terms);
  return terms;
}

/** Default InterPodAffinityArgs.hardPodAffinityWeight: an existing pod's required affinity counts this much in scoring. */
export const HARD_POD_AFFINITY_WEIGHT = 1;

/**
 * One term as the bound pods carrying it have it, counted per domain of its topology key: how many times a bound
 * pod on a node of that domain carries it.
 */
export interface TermGroup {
  term: AffinityTerm;
  /** Required anti-affinity filters; the other kinds score. */
  required: 'antiAffinity' | undefined;
  /** What each carrier adds to its domain's InterPodAffinity score: + weight (hard weight for required affinity), − weight for preferred anti-affinity; 0 for required anti-affinity. */
  scoreWeight: number;
  domains: TopologyDomains;
  counts: Int32Array;
  /** Carriers on nodes that have the topology key. */
  total: number;
}

/** The (anti-)affinity terms of bound pods, grouped, counted per topology domain and indexed by the label their selector requires. */
export class ExistingPodTerms {
  private readonly groups = new Map<string, TermGroup>();
  private readonly byLabel = new Map<string, TermGroup[]>();
  private readonly unindexed: TermGroup[] = [];

  constructor(private readonly podCounts: PodCounts) {}

  /** Records a pod with pod (anti-)affinity bound to (`sign` 1) or removed from (-1) `info`. */
  podMoved(info: NodeInfo, pod: ScheduledPod, sign: 1 | -1): void {
    const terms = termsOf(pod.pod);
    const all: [AffinityTerm, TermGroup['required'], number][] = [
      ...terms.requiredAffinity.map((term): [AffinityTerm, TermGroup['required'], number] => [term, undefined, HARD_POD_AFFINITY_WEIGHT]),
      ...terms.requiredAntiAffinity.map((term): [AffinityTerm, TermGroup['required'], number] => [term, 'antiAffinity', 0]),
      ...terms.preferredAffinity.map((term): [AffinityTerm, TermGroup['required'], number] => [term, undefined, term.weight]),
      ...terms.preferredAntiAffinity.map((term): [AffinityTerm, TermGroup['required'], number] => [term, undefined, -term.weight]),
    ];
    all.forEach(([term, required, scoreWeight], index) => {
      const group = this.group(terms.groupKeys[index]!, term, required, scoreWeight);
      const domain = group.domains.domainOf[info.index]!;
      if (domain < 0) return;
      group.counts[domain]! += sign;
      group.total += sign;
    });
  }

  /** The groups with carriers whose term matches `pod` (AffinityTerm.Matches), each once. */
  matching(pod: ScheduledPod, namespaceLabels: ReadonlyMap<string, Labels>): TermGroup[] {
    const found: TermGroup[] = [];
    const consider = (group: TermGroup) => {
      if (group.total !== 0 && termMatches(group.term, pod.namespace, pod.labels, namespaceLabels)) found.push(group);
    };
    if (this.groups.size === 0) return found;
    for (const key in pod.labels) {
      const value = labelValue(pod.labels, key);
      if (value === undefined) continue;
      for (const group of this.byLabel.get(labelIndexKey(pod.namespace, key, value)) ?? []) consider(group);
    }
    for (const group of this.unindexed) consider(group);
    return found;
  }

  private group(key: string, term: AffinityTerm, required: TermGroup['required'], scoreWeight: number): TermGroup {
    let group = this.groups.get(key);
    if (group === undefined) {
      const domains = this.podCounts.domains(term.topologyKey);
      group = { term, required, scoreWeight, domains, counts: new Int32Array(domains.values.length), total: 0 };
      this.groups.set(key, group);
      const indexKey = term.counted.indexKey;
      if (indexKey === undefined) this.unindexed.push(group);
      else {
        let list = this.byLabel.get(indexKey);
        if (list === undefined) {
          list = [];
          this.byLabel.set(indexKey, list);
        }
        list.push(group);
      }
    }
    return group;
  }
}
