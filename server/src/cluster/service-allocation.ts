/**
 * What the API server's Service storage adds on create: a ClusterIP from the service CIDR and node ports from
 * the node-port range. On apply over an existing Service the addresses it already holds are kept, as
 * `kubectl apply` of a manifest without them keeps them.
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { KubernetesVersion } from '../schema/versions';
import { assignClusterIPs, ClusterIpAllocator } from './allocation/cluster-ip';
import { assignNodePorts, NodePortAllocator } from './allocation/node-port';

export class ServiceAllocation {
  private readonly clusterIps: ClusterIpAllocator;
  private readonly nodePorts = new NodePortAllocator();

  constructor(kubernetesVersion: KubernetesVersion) {
    this.clusterIps = new ClusterIpAllocator(kubernetesVersion);
  }

  /**
   * Marks the addresses a Service of the cluster holds already as taken. What the allocators refuse (an address out
   * of the embedded service CIDR, the `kubernetes` Service's own) cannot be handed out anyway.
   */
  hold(service: Service): void {
    const spec = service.spec;
    for (const ip of spec?.clusterIPs ?? (spec?.clusterIP ? [spec.clusterIP] : [])) this.clusterIps.allocate(ip);
    for (const port of spec?.ports ?? []) if (port.nodePort) this.nodePorts.allocate(port.nodePort);
    if (spec?.healthCheckNodePort) this.nodePorts.allocate(spec.healthCheckNodePort);
  }

  /** Fills in spec.clusterIP(s) and node ports; the API server's error when it would refuse the Service. */
  admit(service: Service, existing: Service | undefined): string | undefined {
    const spec = service.spec;
    if (!spec) return undefined;
    if (existing?.spec) {
      if (!spec.clusterIP && existing.spec.clusterIP) {
        spec.clusterIP = existing.spec.clusterIP;
        if (existing.spec.clusterIPs) spec.clusterIPs = existing.spec.clusterIPs;
      }
      for (const port of spec.ports ?? []) {
        const before = existing.spec.ports?.find((candidate) => candidate.port === port.port && (candidate.protocol ?? 'TCP') === (port.protocol ?? 'TCP'));
        if (!port.nodePort && before?.nodePort) port.nodePort = before.nodePort;
      }
      return undefined;
    }
    const addresses = assignClusterIPs(service, this.clusterIps);
    if ('error' in addresses) return addresses.error;
    const ports = assignNodePorts(service, this.nodePorts);
    if ('error' in ports) return ports.error;
    Object.assign(spec, addresses);
    spec.ports = ports.ports;
    return undefined;
  }
}
