/**
 * Pod IPs from per-node pod CIDRs, as a host-local IPAM plugin hands them out: the node's `spec.podCIDR`, or
 * 10.244.<i>.0/24 for the i-th node (0-based, in the order the model lists its nodes) when it has none, as the
 * node IPAM controller would give with the cluster CIDR 10.244.0.0/16. The first address of each block is the
 * node's bridge gateway, so pods get the lowest free address from the second on (10.244.0.2, 10.244.0.3 …);
 * a released address is reused by the next pod.
 */
import type { Node } from 'kubernetes-types/core/v1';
import { takeLowestFree } from './lowest-free';
import { formatIpv4, parseCidr, parseIpv4, type Ipv4Block } from './ipv4';

/** The pod CIDR of a node: its own, or the one the model gives the i-th node. */
export function podCidrOf(node: Node, index: number): string {
  return node.spec?.podCIDR || `10.244.${index}.0/24`;
}

export class PodIpAllocator {
  private readonly blocks = new Map<string, Ipv4Block>();
  private readonly allocated = new Set<number>();

  /** `nodes` in the order of their index: the i-th without `spec.podCIDR` gets 10.244.<i>.0/24. */
  constructor(nodes: readonly Node[]) {
    nodes.forEach((node, index) => {
      const name = node.metadata?.name;
      const block = parseCidr(podCidrOf(node, index));
      if (name !== undefined && block) this.blocks.set(name, block);
    });
  }

  /** The next free address on the node, or undefined when the node is unknown or its block is full. */
  allocate(nodeName: string): string | undefined {
    const block = this.blocks.get(nodeName);
    if (!block) return undefined;
    const address = takeLowestFree(this.allocated, [[block.base + 2, block.base + block.size - 2]]);
    return address === undefined ? undefined : formatIpv4(address);
  }

  release(ip: string): void {
    const address = parseIpv4(ip);
    if (address !== undefined) this.allocated.delete(address);
  }
}
