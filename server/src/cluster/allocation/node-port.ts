/**
 * NodePort allocation from the service-node-port-range (default 30000-32767), as the API server's REST storage
 * does it on create (pkg/registry/core/service/storage/alloc.go initNodePorts, portallocator).
 *
 * Upstream picks a free port at random, first from the upper band of the range (beyond
 * min(max(16, size/32), 128) ports from its start, which stay for static requests), then from the lower band.
 * We pick the lowest free port of the upper band, then the lowest of the lower band: with the default range the
 * first automatic port is 30086, then 30087, and so on.
 */
import type { Service, ServicePort } from 'kubernetes-types/core/v1';
import { takeLowestFree } from './lowest-free';

export const DEFAULT_NODE_PORT_RANGE = { base: 30000, size: 2768 } as const;

/** `healthCheckNodePort`: for a LoadBalancer with `externalTrafficPolicy: Local`. */
export type NodePortAssignment = { ports: ServicePort[]; healthCheckNodePort?: number } | { error: string };

function staticBandSize(size: number): number {
  if (size <= 16) return 0;
  return Math.min(Math.max(16, Math.floor(size / 32)), 128);
}

export class NodePortAllocator {
  private readonly allocated = new Set<number>();
  private readonly upperStart: number;

  constructor(private readonly range: { base: number; size: number } = DEFAULT_NODE_PORT_RANGE) {
    this.upperStart = range.base + staticBandSize(range.size);
  }

  /** Reserves a requested port; the error is the allocator's, as the API server quotes it. */
  allocate(port: number): { error: string } | undefined {
    const last = this.range.base + this.range.size - 1;
    if (!Number.isInteger(port) || port < this.range.base || port > last) {
      return { error: `provided port is not in the valid range. The range of valid ports is ${this.range.base}-${last}` };
    }
    if (this.allocated.has(port)) return { error: 'provided port is already allocated' };
    this.allocated.add(port);
    return undefined;
  }

  allocateNext(): number | undefined {
    const last = this.range.base + this.range.size - 1;
    return takeLowestFree(this.allocated, [
      [this.upperStart, last],
      [this.range.base, this.upperStart - 1],
    ]);
  }

  release(port: number): void {
    this.allocated.delete(port);
  }

  has(port: number): boolean {
    return this.allocated.has(port);
  }
}

/** NodePort and LoadBalancer Services get node ports, the latter unless `allocateLoadBalancerNodePorts: false`. */
function allocatesNodePorts(service: Service): boolean {
  const spec = service.spec ?? {};
  if (spec.type === 'NodePort') return true;
  return spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false;
}

/**
 * The ports of a new Service with their node ports, or the field error the API server answers with
 * (`spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated`). Ports sharing a port
 * number (TCP and UDP 53, say) share one node port, the one requested for the first of them if any. A
 * LoadBalancer with `externalTrafficPolicy: Local` also gets its health check node port, after the others.
 */
export function assignNodePorts(service: Service, allocator: NodePortAllocator): NodePortAssignment {
  const ports = (service.spec?.ports ?? []).map((port) => ({ ...port }));
  const byPortNumber = new Map<number, number>();
  const taken: number[] = [];
  // A refused Service keeps none of the ports reserved for it on the way.
  const refuse = (error: string) => {
    for (const port of taken) allocator.release(port);
    return { error };
  };
  const take = (index: number, nodePort: number) => {
    const failure = allocator.allocate(nodePort);
    if (failure) return `spec.ports[${index}].nodePort: Invalid value: ${nodePort}: ${failure.error}`;
    taken.push(nodePort);
    return undefined;
  };
  for (const [index, port] of ports.entries()) {
    const requested = port.nodePort ?? 0;
    if (requested === 0 && !allocatesNodePorts(service)) continue;
    const shared = byPortNumber.get(port.port);
    if (shared === undefined) {
      const firstRequested = ports.find((other) => other.port === port.port && (other.nodePort ?? 0) !== 0)?.nodePort ?? 0;
      if (firstRequested !== 0) {
        const failure = take(index, firstRequested);
        if (failure) return refuse(failure);
        port.nodePort = firstRequested;
      } else {
        const next = allocator.allocateNext();
        if (next === undefined) return refuse('Internal error occurred: failed to allocate a nodePort: range is full');
        taken.push(next);
        port.nodePort = next;
      }
      byPortNumber.set(port.port, port.nodePort);
    } else if (requested === 0) {
      port.nodePort = shared;
    } else if (requested !== shared) {
      const failure = take(index, requested);
      if (failure) return refuse(failure);
    }
  }
  if (service.spec?.type !== 'LoadBalancer' || service.spec.externalTrafficPolicy !== 'Local') return { ports };
  const requestedHealthCheck = service.spec.healthCheckNodePort ?? 0;
  if (requestedHealthCheck !== 0) {
    const failure = allocator.allocate(requestedHealthCheck);
    if (failure) return refuse(`Internal error occurred: failed to allocate requested HealthCheck NodePort ${requestedHealthCheck}: ${failure.error}`);
    return { ports, healthCheckNodePort: requestedHealthCheck };
  }
  const healthCheckNodePort = allocator.allocateNext();
  if (healthCheckNodePort === undefined) return refuse('Internal error occurred: failed to allocate a HealthCheck NodePort 0: range is full');
  return { ports, healthCheckNodePort };
}
