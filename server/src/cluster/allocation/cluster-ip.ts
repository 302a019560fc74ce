/**
 * ClusterIP allocation from the service CIDR, as the API server's REST storage does it on create
 * (pkg/registry/core/service/storage/alloc.go, ipallocator): requested addresses are honoured or refused with the
 * API server's field error, `None` makes a headless Service, ExternalName Services get no address.
 *
 * Upstream picks a free address at random, first from the upper band of the range (beyond
 * min(max(16, size/16), 256) addresses from its start, which stay for static requests), then from the lower band.
 * We pick the lowest free address of the upper band, then the lowest of the lower band: with the default
 * 10.96.0.0/12 the first automatic address is 10.96.1.1, the next 10.96.1.2, and so on, while 10.96.0.1 is the
 * `kubernetes` Service's and 10.96.0.10 stays free for a DNS Service that asks for it.
 */
import type { Service } from 'kubernetes-types/core/v1';
import { minorOf, type KubernetesVersion } from '../../schema/versions';
import { renderValue } from '../../kube/field-errors';
import { takeLowestFree } from './lowest-free';
import { blockContains, formatCidr, formatIpv4, parseCidr, parseIpv4, type Ipv4Block } from './ipv4';

export const DEFAULT_SERVICE_CIDR = '10.96.0.0/12';

export type ClusterIpAssignment = { clusterIP?: string; clusterIPs?: string[] } | { error: string };

/** The upper band starts this many addresses after the first usable one (ipallocator calculateRangeOffset). */
function staticBandSize(block: Ipv4Block): number {
  if (block.size <= 16) return 0;
  return Math.min(Math.max(16, Math.floor(block.size / 16)), 256);
}

export class ClusterIpAllocator {
  private readonly block: Ipv4Block;
  private readonly first: number;
  private readonly last: number;
  private readonly upperStart: number;
  private readonly allocated = new Set<number>();

  /** The first usable address of the range goes to the `kubernetes` Service at once, as the API server does. */
  constructor(
    readonly kubernetesVersion: KubernetesVersion,
    serviceCidr = DEFAULT_SERVICE_CIDR,
  ) {
    const block = parseCidr(serviceCidr);
    if (!block || block.size < 4) throw new Error(`invalid service CIDR ${serviceCidr}: an IPv4 block of at least 4 addresses is needed`);
    this.block = block;
    // network and broadcast addresses are never handed out
    this.first = block.base + 1;
    this.last = block.base + block.size - 2;
    this.upperStart = this.first + staticBandSize(block);
    this.allocated.add(this.first);
  }

  /** The `kubernetes` Service's address (10.96.0.1 in the default range). */
  get kubernetesServiceIp(): string {
    return formatIpv4(this.first);
  }

  /** Reserves a requested address; the error is the allocator's, as the API server quotes it. */
  allocate(ip: string): { error: string } | undefined {
    const address = parseIpv4(ip);
    if (address === undefined) return { error: `${ip} is not an IPv4 address; the cluster model serves IPv4 only` };
    if (!blockContains(this.block, address)) {
      // From 1.33 every address goes through the ServiceCIDR allocators, which find none for a foreign address.
      if (minorOf(this.kubernetesVersion) >= 33) return { error: 'the provided network does not match the current range' };
      return { error: this.notInRange(ip) };
    }
    if (address < this.first || address > this.last) return { error: this.notInRange(ip) };
    if (this.allocated.has(address)) return { error: 'provided IP is already allocated' };
    this.allocated.add(address);
    return undefined;
  }

  allocateNext(): string | undefined {
    const address = takeLowestFree(this.allocated, [
      [this.upperStart, this.last],
      [this.first, this.upperStart - 1],
    ]);
    return address === undefined ? undefined : formatIpv4(address);
  }

  release(ip: string): void {
    const address = parseIpv4(ip);
    if (address !== undefined && address !== this.first) this.allocated.delete(address);
  }

  has(ip: string): boolean {
    const address = parseIpv4(ip);
    return address !== undefined && this.allocated.has(address);
  }

  private notInRange(ip: string): string {
    return `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${formatCidr(this.block)}`;
  }
}

/**
 * The addresses the API server writes into a new Service: `spec.clusterIP` and `spec.clusterIPs`, or the field
 * error it answers with (`spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP
 * 10.96.0.10: provided IP is already allocated`). An ExternalName Service gets neither field.
 */
export function assignClusterIPs(service: Service, allocator: ClusterIpAllocator): ClusterIpAssignment {
  const spec = service.spec ?? {};
  if (spec.type === 'ExternalName') return {};
  const requested = spec.clusterIPs?.length ? spec.clusterIPs : spec.clusterIP ? [spec.clusterIP] : [];
  const primary = requested[0] ?? '';
  if (primary === 'None') return { clusterIP: 'None', clusterIPs: ['None'] };
  if (primary === '') {
    const ip = allocator.allocateNext();
    if (ip === undefined) return { error: 'Internal error occurred: failed to allocate a serviceIP: range is full' };
    return { clusterIP: ip, clusterIPs: [ip] };
  }
  const failure = allocator.allocate(primary);
  if (failure) return { error: `spec.clusterIPs: Invalid value: ${renderValue(requested, minorOf(allocator.kubernetesVersion))}: failed to allocate IP ${primary}: ${failure.error}` };
  return { clusterIP: primary, clusterIPs: [primary] };
}
