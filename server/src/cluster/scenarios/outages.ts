/**
 * Service outages during a scenario: a Service port is out while the EndpointSlice controller would list no
 * ready endpoint for it (controllers/endpoint-slices.ts serviceEndpoints), from the moment its last ready pod
 * went until one is ready again.
 */
import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import { serviceEndpoints } from '../controllers/endpoint-slices';
import type { ServiceOutage } from '../../protocol/plan';
import type { ObjectStore } from '../store';

/** `namespace/name` and port of a Service port, as outages name it. */
interface ServicePortKey {
  service: string;
  port: number;
  key: string;
}

export class OutageTracker {
  readonly outages: ServiceOutage[] = [];
  /** Ports that had a ready endpoint at some observation: only those can go out. */
  private readonly served = new Set<string>();
  private readonly open = new Map<string, ServiceOutage>();

  constructor(private readonly store: ObjectStore) {
    this.observe(0, '');
  }

  /** Looks at every Service port at `at` seconds; a port that lost its last ready endpoint goes out for `reason`. */
  observe(at: number, reason: string): void {
    const pods = this.store.list<Pod>('Pod');
    const nodes = this.store.list<Node>('Node');
    for (const service of this.store.list<Service>('Service')) {
      const endpoints = serviceEndpoints(service, pods, nodes);
      for (const servicePort of service.spec?.ports ?? []) {
        const port = portKey(service, servicePort.port, servicePort.protocol ?? 'TCP');
        const portName = servicePort.name ?? '';
        const ready = endpoints.some((entry) => entry.endpoint.conditions?.ready === true && entry.ports.some((endpointPort) => endpointPort.name === portName));
        const outage = this.open.get(port.key);
        if (ready) {
          this.served.add(port.key);
          if (outage) {
            outage.to = at;
            this.open.delete(port.key);
          }
        } else if (!outage && this.served.has(port.key)) {
          const started: ServiceOutage = { service: port.service, port: port.port, from: at, to: null, reason };
          this.outages.push(started);
          this.open.set(port.key, started);
        }
      }
    }
  }
}

function portKey(service: Service, port: number, protocol: string): ServicePortKey {
  const name = `${service.metadata?.namespace ?? 'default'}/${service.metadata?.name ?? ''}`;
  return { service: name, port, key: `${name}:${port}/${protocol}` };
}
