/**
 * Who a rule's peers admit (NetworkPolicyPeer, staging/src/k8s.io/api/networking/v1/types.go). Within one peer,
 * `podSelector` and `namespaceSelector` are ANDed: the pods the first selects in the namespaces the second
 * selects. `podSelector` alone means the policy's own namespace; `namespaceSelector` alone every pod of the
 * namespaces it selects, `{}` selecting all namespaces. Across a rule's peers the matches are ORed, and a rule
 * without peers (absent or empty `from`/`to`) admits every source or destination. `ipBlock` admits addresses of
 * its CIDR outside its `except` CIDRs; here the addresses are the plan's pod IPs.
 */
import type { NetworkPolicyPeer } from 'kubernetes-types/networking/v1';
import { cidrContains, parseCidrSloppy, type Cidr } from '../../kube/ip-address';
import { compileLabelSelector, type Labels } from '../../kube/label-selectors';

/** One end of a connection as a policy sees it. */
export interface TrafficEnd {
  namespace: string;
  labels: Labels;
  /** The namespace's labels, `kubernetes.io/metadata.name` included. */
  namespaceLabels: Labels;
  /** The pod's address as bytes, or undefined when it has none yet. */
  ip: readonly number[] | undefined;
}

export type PeerMatcher = (end: TrafficEnd) => boolean;

export function compilePeers(peers: readonly NetworkPolicyPeer[] | undefined, policyNamespace: string): PeerMatcher {
  if (!peers || peers.length === 0) return () => true;
  const matchers = peers.map((peer) => compilePeer(peer, policyNamespace));
  if (matchers.length === 1) return matchers[0]!;
  return (end) => matchers.some((matches) => matches(end));
}

function compilePeer(peer: NetworkPolicyPeer, policyNamespace: string): PeerMatcher {
  if (peer.ipBlock) return compileIpBlock(peer.ipBlock.cidr, peer.ipBlock.except ?? []);
  if (!peer.podSelector && !peer.namespaceSelector) return () => false; // validation refuses an empty peer
  const pods = peer.podSelector ? compileLabelSelector(peer.podSelector) : () => true;
  if (!peer.namespaceSelector) return (end) => end.namespace === policyNamespace && pods(end.labels);
  const namespaces = compileLabelSelector(peer.namespaceSelector);
  return (end) => namespaces(end.namespaceLabels) && pods(end.labels);
}

function compileIpBlock(cidr: string, except: readonly string[]): PeerMatcher {
  const network = parseCidrSloppy(cidr);
  if (!network) return () => false;
  const excluded = except.map(parseCidrSloppy).filter((parsed): parsed is Cidr => parsed !== undefined);
  return (end) => end.ip !== undefined && cidrContains(network, end.ip) && !excluded.some((exception) => cidrContains(exception, end.ip!));
}
