/**
 * The `services` part of a plan: each Service with its address, ports and the endpoints the EndpointSlice
 * controller gives it — terminating pods included, flagged — from the cluster's Services, Pods and Nodes; for a
 * Service without selector, the endpoints its user wrote.
 */
import type { Endpoints, Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { serviceEndpoints } from './controllers/endpoint-slices';
import { compareIpv4, hasSelector } from './controllers/service-pods';
import { selectorlessEndpoints } from './selectorless-endpoints';
import { byNamespaceAndName, namespaceOf, objectKey } from './object-keys';
import type { PlannedBackend, PlannedEndpoint, PlannedService } from '../protocol/plan';

/** The cluster's objects the networking parts of a plan read. */
export interface NetworkingObjects {
  services: readonly Service[];
  pods: readonly Pod[];
  /** When given, pods on nodes that do not exist are left out, as upstream does. */
  nodes?: readonly Node[];
  /** User-written slices and Endpoints, read for Services without selector. */
  endpointSlices?: readonly EndpointSlice[];
  endpoints?: readonly Endpoints[];
}

export function planEndpoints(service: Service, objects: NetworkingObjects): PlannedEndpoint[] {
  if (service.spec?.type === 'ExternalName') return [];
  if (!hasSelector(service)) return selectorlessEndpoints(service, objects.endpointSlices ?? [], objects.endpoints ?? []);
  const endpoints = serviceEndpoints(service, objects.pods, objects.nodes).map(({ pod, endpoint, ports }) => ({
    pod: objectKey(pod),
    ip: endpoint.addresses[0]!,
    node: endpoint.nodeName ?? null,
    ready: endpoint.conditions?.ready ?? false,
    serving: endpoint.conditions?.serving ?? false,
    terminating: endpoint.conditions?.terminating ?? false,
    ports: ports.map((port) => ({ name: port.name ?? '', port: port.port ?? 0, protocol: port.protocol ?? 'TCP' })),
  }));
  // Slices group pods by their ports; a reader wants them by address.
  return endpoints.sort((a, b) => compareIpv4(a.ip, b.ip) || a.pod.localeCompare(b.pod));
}

export function planService(service: Service, objects: NetworkingObjects): PlannedService {
  const spec = service.spec ?? {};
  return {
    name: service.metadata?.name ?? '',
    namespace: namespaceOf(service),
    type: spec.type ?? 'ClusterIP',
    clusterIP: spec.clusterIP || null,
    ports: (spec.ports ?? []).map((port) => ({
      name: port.name ?? '',
      port: port.port,
      targetPort: port.targetPort ?? port.port,
      nodePort: port.nodePort ?? null,
      protocol: port.protocol ?? 'TCP',
    })),
    endpoints: planEndpoints(service, objects),
  };
}

/** Every Service, in namespace/name order. */
export function planServices(objects: NetworkingObjects): PlannedService[] {
  return byNamespaceAndName(objects.services).map((service) => planService(service, objects));
}

/**
 * What a route to a Service port reaches (an Ingress backend, a Gateway API backendRef): the Service `name` in
 * `namespace`, its port by number or by name (a name names the Service port, not the target port), and the
 * endpoints behind that port, each with only that port; or why there is none.
 */
export function serviceBackend(name: string, namespace: string, port: { number?: number; name?: string }, objects: NetworkingObjects): PlannedBackend {
  const written = port.number ?? port.name ?? null;
  const service = objects.services.find((candidate) => candidate.metadata?.name === name && namespaceOf(candidate) === namespace);
  if (!service) return { service: name, port: written, endpoints: [], problem: `service "${name}" not found` };
  const servicePort = (service.spec?.ports ?? []).find((candidate) => (port.number !== undefined ? candidate.port === port.number : candidate.name === port.name));
  if (!servicePort) {
    const what = port.number !== undefined ? `port ${port.number}` : `port named "${port.name ?? ''}"`;
    return { service: name, port: written, endpoints: [], problem: `service "${name}" has no ${what}` };
  }
  const portName = servicePort.name ?? '';
  const endpoints = planEndpoints(service, objects).flatMap((endpoint) => {
    const ports = endpoint.ports.filter((candidate) => candidate.name === portName);
    return ports.length ? [{ ...endpoint, ports }] : [];
  });
  return { service: name, port: servicePort.port, endpoints };
}
