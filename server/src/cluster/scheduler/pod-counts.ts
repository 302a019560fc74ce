/**
 * Bound pods matching a selector, counted per node and summed per topology domain, kept current as pods are
 * bound and removed so that the pods of one workload share the work: a plan places thousands of pods with the
 * same selector, and counting every pod of the cluster for each of them would be quadratic. PodTopologySpread
 * counts its constraints' pods here (countPodsMatchSelector), InterPodAffinity the pods its terms match.
 *
 * Topology values are numbered per label key (`TopologyDomains`), so counts per domain are arrays.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { NodeInfo, ScheduledPod } from './node-info';
import { labelValue, type Labels } from '../../kube/label-selectors';

/** The values of one node label across the snapshot's nodes, numbered in order of first appearance. */
export interface TopologyDomains {
  /** Per node (NodeInfo.index): the number of its value, or -1 when the node lacks the label. */
  domainOf: Int32Array;
  /** The label value of each domain number. */
  values: string[];
}

/** Matching pods per domain of one topology key, over some of the nodes (those "counted"). */
export interface DomainTally {
  domains: TopologyDomains;
  counts: Int32Array;
  /** Per domain: 1 when at least one counted node is in it; other domains do not exist for the constraint. */
  present: Uint8Array;
  /** How many domains are present. */
  size: number;
  /** Matching pods over the present domains. */
  total: number;
}

/** Which bound pods are counted, identified by `countKey`. */
export interface CountedSelector {
  /** The same for selectors that count the same pods. */
  countKey: string;
  /** Whether a bound pod is counted; `namespaceLabels` for terms that select namespaces by their labels. */
  counts(pod: ScheduledPod, namespaceLabels: ReadonlyMap<string, Labels>): boolean;
  /**
   * `namespace\0key\0value` when every counted pod is in that namespace and carries that label (from matchLabels):
   * a newly bound pod is then tested only against the selectors its labels name. Undefined: tested on every pod.
   */
  indexKey: string | undefined;
}

/** The CountedSelector.indexKey of the pods of `namespace` carrying the label `key=value`. */
export function labelIndexKey(namespace: string, key: string, value: string): string {
  return `${namespace}\u0000${key}\u0000${value}`;
}

/** The CountedSelector.indexKey of pods of `namespace` matching `selector`: its first matchLabels entry, if any. */
export function selectorIndexKey(namespace: string, selector: LabelSelector | undefined): string | undefined {
  const matchLabels: unknown = selector?.matchLabels;
  if (typeof matchLabels !== 'object' || matchLabels === null || Array.isArray(matchLabels)) return undefined;
  for (const [key, value] of Object.entries(matchLabels)) if (typeof value === 'string') return labelIndexKey(namespace, key, value);
  return undefined;
}

interface CachedTally extends DomainTally {
  /** Per node: 1 when the node carries every required key and so is counted. */
  counted: Uint8Array;
}

interface MatchingPods {
  selector: CountedSelector;
  perNode: Int32Array;
  /** By topology key and required keys. */
  tallies: Map<string, CachedTally>;
}

export class PodCounts {
  private readonly topologies = new Map<string, TopologyDomains>();
  private readonly matching = new Map<string, MatchingPods>();
  /** Counted selectors by their index key. */
  private readonly byLabel = new Map<string, MatchingPods[]>();
  /** Counted selectors without an index key. */
  private readonly unindexed: MatchingPods[] = [];
  /** Bound pods and their nodes by `namespace\0key\0value` of each label, to count a new selector's pods quickly. */
  private readonly podsByLabel = new Map<string, Map<ScheduledPod, NodeInfo>>();

  constructor(
    private readonly nodes: readonly NodeInfo[],
    private readonly namespaceLabels: ReadonlyMap<string, Labels>,
  ) {}

  domains(key: string): TopologyDomains {
    let domains = this.topologies.get(key);
    if (domains === undefined) {
      const domainOf = new Int32Array(this.nodes.length).fill(-1);
      const values: string[] = [];
      const numbers = new Map<string, number>();
      for (const info of this.nodes) {
        const value = labelValue(info.labels, key);
        if (value === undefined) continue;
        let number = numbers.get(value);
        if (number === undefined) {
          number = values.length;
          numbers.set(value, number);
          values.push(value);
        }
        domainOf[info.index] = number;
      }
      domains = { domainOf, values };
      this.topologies.set(key, domains);
    }
    return domains;
  }

  /** Matching pods on each node, by NodeInfo.index. */
  perNode(selector: CountedSelector): Int32Array {
    return this.matchingPods(selector).perNode;
  }

  /** Matching pods per domain of `topologyKey` over every node that carries all `requiredKeys`. */
  perDomain(selector: CountedSelector, topologyKey: string, requiredKeys: readonly string[]): DomainTally {
    const matching = this.matchingPods(selector);
    const tallyKey = [topologyKey, ...requiredKeys].join('\u0000');
    let tally = matching.tallies.get(tallyKey);
    if (tally === undefined) {
      const required = requiredKeys.map((key) => this.domains(key).domainOf);
      const counted = new Uint8Array(this.nodes.length);
      for (let node = 0; node < counted.length; node++) counted[node] = required.every((domainOf) => domainOf[node]! >= 0) ? 1 : 0;
      tally = { ...this.tally(this.domains(topologyKey), matching.perNode, (node) => counted[node] === 1), counted };
      matching.tallies.set(tallyKey, tally);
    }
    return tally;
  }

  /** Matching pods per domain of `topologyKey` over the nodes `counted` lets in; not kept. */
  perDomainOver(selector: CountedSelector, topologyKey: string, counted: (info: NodeInfo) => boolean): DomainTally {
    return this.tally(this.domains(topologyKey), this.perNode(selector), (node) => counted(this.nodes[node]!));
  }

  /** Records a pod bound to (`sign` 1) or removed from (-1) `info`. */
  podMoved(info: NodeInfo, pod: ScheduledPod, sign: 1 | -1): void {
    for (const key in pod.labels) {
      const value = labelValue(pod.labels, key);
      if (value === undefined) continue;
      const indexKey = labelIndexKey(pod.namespace, key, value);
      this.indexPod(indexKey, info, pod, sign);
      for (const matching of this.byLabel.get(indexKey) ?? []) this.count(matching, info, pod, sign);
    }
    for (const matching of this.unindexed) this.count(matching, info, pod, sign);
  }

  private indexPod(labelKey: string, info: NodeInfo, pod: ScheduledPod, sign: 1 | -1): void {
    let pods = this.podsByLabel.get(labelKey);
    if (pods === undefined) {
      pods = new Map();
      this.podsByLabel.set(labelKey, pods);
    }
    if (sign === 1) pods.set(pod, info);
    else pods.delete(pod);
  }

  private count(matching: MatchingPods, info: NodeInfo, pod: ScheduledPod, sign: 1 | -1): void {
    if (!matching.selector.counts(pod, this.namespaceLabels)) return;
    matching.perNode[info.index]! += sign;
    for (const tally of matching.tallies.values()) {
      if (tally.counted[info.index] !== 1) continue;
      tally.counts[tally.domains.domainOf[info.index]!]! += sign;
      tally.total += sign;
    }
  }

  private matchingPods(selector: CountedSelector): MatchingPods {
    let matching = this.matching.get(selector.countKey);
    if (matching === undefined) {
      const perNode = new Int32Array(this.nodes.length);
      if (selector.indexKey === undefined) {
        for (const info of this.nodes) for (const pod of info.pods) if (selector.counts(pod, this.namespaceLabels)) perNode[info.index]! += 1;
      } else {
        for (const [pod, info] of this.podsByLabel.get(selector.indexKey) ?? []) if (selector.counts(pod, this.namespaceLabels)) perNode[info.index]! += 1;
      }
      matching = { selector, perNode, tallies: new Map() };
      this.matching.set(selector.countKey, matching);
      if (selector.indexKey === undefined) this.unindexed.push(matching);
      else {
        let list = this.byLabel.get(selector.indexKey);
        if (list === undefined) {
          list = [];
          this.byLabel.set(selector.indexKey, list);
        }
        list.push(matching);
      }
    }
    return matching;
  }

  private tally(domains: TopologyDomains, perNode: Int32Array, counted: (node: number) => boolean): DomainTally {
    const counts = new Int32Array(domains.values.length);
    const present = new Uint8Array(domains.values.length);
    let size = 0;
    let total = 0;
    for (let node = 0; node < perNode.length; node++) {
      const domain = domains.domainOf[node]!;
      if (domain < 0 || !counted(node)) continue;
      counts[domain]! += perNode[node]!;
      total += perNode[node]!;
      if (present[domain] === 0) {
        present[domain] = 1;
        size++;
      }
    }
    return { domains, counts, present, size, total };
  }
}
