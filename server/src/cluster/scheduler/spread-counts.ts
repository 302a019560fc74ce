/**
 * PodTopologySpread's counting (countPodsMatchSelector per node, summed per topology domain), kept current as
 * pods are bound and removed so that the pods of one workload share the work: a plan places thousands of pods
 * with the same selector, and counting every pod of the cluster for each of them would be quadratic.
 *
 * Topology values are numbered per label key (`TopologyDomains`), so counts per domain are arrays.
 */
import type { NodeInfo, ScheduledPod } from './node-info';
import { labelValue, type LabelMatcher } from '../../kube/label-selectors';

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
}

/** What a spread constraint counts: pods of `namespace` matching `selector`, identified by `countKey`. */
export interface CountedSelector {
  /** The same for the same namespace and selector. */
  countKey: string;
  namespace: string;
  selector: LabelMatcher;
  /** A `key=value` the selector requires (from matchLabels), used to find the selectors a new pod may match. */
  requiredLabel: readonly [string, string] | undefined;
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

interface NamespaceIndex {
  /** Counted selectors by the `key\0value` they require. */
  byLabel: Map<string, MatchingPods[]>;
  /** Counted selectors that require no label. */
  unindexed: MatchingPods[];
}

/** countPodsMatchSelector's test: same namespace, not being deleted, labels matching. */
function isCounted(selector: CountedSelector, pod: ScheduledPod): boolean {
  return pod.namespace === selector.namespace && !pod.pod.metadata?.deletionTimestamp && selector.selector(pod.labels);
}

export class SpreadCounts {
  private readonly topologies = new Map<string, TopologyDomains>();
  private readonly matching = new Map<string, MatchingPods>();
  private readonly byNamespace = new Map<string, NamespaceIndex>();
  /** Bound pods and their nodes by `namespace\0key\0value` of each label, to count a new selector's pods quickly. */
  private readonly podsByLabel = new Map<string, Map<ScheduledPod, NodeInfo>>();

  constructor(private readonly nodes: readonly NodeInfo[]) {}

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
    const index = this.byNamespace.get(pod.namespace);
    for (const key in pod.labels) {
      const value = labelValue(pod.labels, key);
      if (value === undefined) continue;
      this.indexPod(`${pod.namespace}\u0000${key}\u0000${value}`, info, pod, sign);
      for (const matching of index?.byLabel.get(`${key}\u0000${value}`) ?? []) this.count(matching, info, pod, sign);
    }
    for (const matching of index?.unindexed ?? []) this.count(matching, info, pod, sign);
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
    if (!isCounted(matching.selector, pod)) return;
    matching.perNode[info.index]! += sign;
    for (const tally of matching.tallies.values()) {
      if (tally.counted[info.index] === 1) tally.counts[tally.domains.domainOf[info.index]!]! += sign;
    }
  }

  private matchingPods(selector: CountedSelector): MatchingPods {
    let matching = this.matching.get(selector.countKey);
    if (matching === undefined) {
      const perNode = new Int32Array(this.nodes.length);
      if (selector.requiredLabel === undefined) {
        for (const info of this.nodes) for (const pod of info.pods) if (isCounted(selector, pod)) perNode[info.index]! += 1;
      } else {
        const [key, value] = selector.requiredLabel;
        for (const [pod, info] of this.podsByLabel.get(`${selector.namespace}\u0000${key}\u0000${value}`) ?? []) if (isCounted(selector, pod)) perNode[info.index]! += 1;
      }
      matching = { selector, perNode, tallies: new Map() };
      this.matching.set(selector.countKey, matching);
      this.indexed(selector.namespace, selector.requiredLabel).push(matching);
    }
    return matching;
  }

  private indexed(namespace: string, requiredLabel: readonly [string, string] | undefined): MatchingPods[] {
    let index = this.byNamespace.get(namespace);
    if (index === undefined) {
      index = { byLabel: new Map(), unindexed: [] };
      this.byNamespace.set(namespace, index);
    }
    if (requiredLabel === undefined) return index.unindexed;
    const labelKey = `${requiredLabel[0]}\u0000${requiredLabel[1]}`;
    let list = index.byLabel.get(labelKey);
    if (list === undefined) {
      list = [];
      index.byLabel.set(labelKey, list);
    }
    return list;
  }

  private tally(domains: TopologyDomains, perNode: Int32Array, counted: (node: number) => boolean): DomainTally {
    const counts = new Int32Array(domains.values.length);
    const present = new Uint8Array(domains.values.length);
    let size = 0;
    for (let node = 0; node < perNode.length; node++) {
      const domain = domains.domainOf[node]!;
      if (domain < 0 || !counted(node)) continue;
      counts[domain]! += perNode[node]!;
      if (present[domain] === 0) {
        present[domain] = 1;
        size++;
      }
    }
    return { domains, counts, present, size };
  }
}
