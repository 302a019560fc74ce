/**
 * The `services` part of a plan: each Service with its address, ports and the endpoints the EndpointSlice
 * controller gives it — terminating pods included, flagged — from the cluster's Services, Pods and Nodes.
 */
import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import { serviceEndpoints } from './controllers/endpoint-slices';
import { byNamespaceAndName, namespaceOf, objectKey } from './object-keys';

export interface PlanEndpointPort {
  /** The Service port's name; `''` for an unnamed port. */
  name: string;
  port: number;
  protocol: string;
}

export interface PlanEndpoint {
  /** `namespace/name` of the pod. */
  pod: string;
  ip: string;
  node: string | null;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  ports: PlanEndpointPort[];
}

export interface PlanServicePort {
  name: string;
  port: number;
  targetPort: number | string;
  nodePort: number | null;
  protocol: string;
}

export interface PlanService {
  name: string;
  namespace: string;
  type: string;
  /** `None` for a headless Service; null when it has none (ExternalName, or not yet allocated). */
  clusterIP: string | null;
  ports: PlanServicePort[];
  /** Empty for a Service whose endpoints the controllers do not manage (no selector, ExternalName). */
  endpoints: PlanEndpoint[];
}

export function planEndpoints(service: Service, pods: readonly Pod[], nodes?: readonly Node[]): PlanEndpoint[] {
  return serviceEndpoints(service, pods, nodes).map(({ pod, endpoint, ports }) => ({
    pod: objectKey(pod),
    ip: endpoint.addresses[0]!,
    node: endpoint.nodeName ?? null,
    ready: endpoint.conditions?.ready ?? false,
    serving: endpoint.conditions?.serving ?? false,
    terminating: endpoint.conditions?.terminating ?? false,
    ports: ports.map((port) => ({ name: port.name ?? '', port: port.port ?? 0, protocol: port.protocol ?? 'TCP' })),
  }));
}

export function planService(service: Service, pods: readonly Pod[], nodes?: readonly Node[]): PlanService {
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
    endpoints: planEndpoints(service, pods, nodes),
  };
}

/** Every Service, in namespace/name order. `nodes`: when given, pods on missing nodes are left out as upstream does. */
export function planServices(services: readonly Service[], pods: readonly Pod[], nodes?: readonly Node[]): PlanService[] {
  return byNamespaceAndName(services).map((service) => planService(service, pods, nodes));
}
