/**
 * The EndpointSlice controller's slices for a Service (staging/src/k8s.io/endpointslice reconciler.go,
 * utils.go podToEndpoint and getEndpointPorts). Terminating pods are included, with
 * `serving` (the pod is Ready), `terminating` (it has a deletionTimestamp) and `ready` (serving and not
 * terminating, or the Service publishes not-ready addresses). Pods are grouped by the ports that resolve for
 * them — a pod that declares none of a Service's named ports still gets a slice, with no ports — and each group
 * is cut into slices of at most 100 endpoints.
 *
 * Upstream names slices `<service>-<random>` and keeps endpoints in no particular order; we name them
 * `<service>-<n>` (n from 1, in group order) and order endpoints by IP then pod name, groups by their port list.
 */
import type { EndpointPort, EndpointSlice, Endpoint } from 'kubernetes-types/discovery/v1';
import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import { compareIpv4, findPort, hostnameFor, isPodReady, managesEndpoints, podIpOf, podReference, selectedPods, shouldPodBeInEndpoints } from './service-pods';
import { namespaceOf } from '../object-keys';
import { asOwner, controllerReference } from '../../kube/owner-references';

const MAX_ENDPOINTS_PER_SLICE = 100;
const MANAGED_BY = 'endpointslice-controller.k8s.io';

/** The Service ports that resolve for the pod, in the Service's order, named and numbered as the slice holds them. */
function endpointPortsFor(service: Service, pod: Pod): EndpointPort[] {
  const ports: EndpointPort[] = [];
  for (const servicePort of service.spec?.ports ?? []) {
    const port = findPort(pod, servicePort);
    if (port === undefined) continue;
    ports.push({
      name: servicePort.name ?? '',
      port,
      protocol: servicePort.protocol ?? 'TCP',
      ...(servicePort.appProtocol ? { appProtocol: servicePort.appProtocol } : {}),
    });
  }
  return ports;
}

function endpointFor(service: Service, pod: Pod, node: Node | undefined): Endpoint {
  const serving = isPodReady(pod);
  const terminating = Boolean(pod.metadata?.deletionTimestamp);
  const ready = service.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  const hostname = hostnameFor(pod, service);
  const zone = node?.metadata?.labels?.['topology.kubernetes.io/zone'];
  return {
    addresses: [podIpOf(pod)!],
    conditions: { ready, serving, terminating },
    ...(hostname !== undefined ? { hostname } : {}),
    targetRef: podReference(pod),
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    ...(zone ? { zone } : {}),
  };
}

/** One pod's place in the Service's slices: its endpoint and the ports that resolve for it. */
export interface ServiceEndpoint {
  pod: Pod;
  endpoint: Endpoint;
  ports: EndpointPort[];
}

/**
 * The pods the slices hold for the Service, in slice order. With `nodes` given, a pod on a node that does not
 * exist is left out (unless the Service publishes not-ready addresses), as upstream does; without, node
 * existence is not checked. Nodes may come by name (nodesByNameOf), for a caller that asks about many Services at once.
 */
export function serviceEndpoints(service: Service, pods: readonly Pod[], nodes?: readonly Node[] | ReadonlyMap<string, Node>): ServiceEndpoint[] {
  if (!managesEndpoints(service)) return [];
  const nodesByName = nodes instanceof Map ? nodes : nodesByNameOf((nodes as readonly Node[] | undefined) ?? []);
  const result: ServiceEndpoint[] = [];
  for (const pod of selectedPods(service, pods)) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const node = nodesByName.get(pod.spec?.nodeName ?? '');
    if (nodes !== undefined && !node && service.spec?.publishNotReadyAddresses !== true) continue;
    result.push({ pod, endpoint: endpointFor(service, pod, node), ports: endpointPortsFor(service, pod) });
  }
  if (result.length < 2) return result;
  // Groups by their port list, written once per endpoint rather than at each comparison.
  const portsKeys = new Map(result.map((entry) => [entry, JSON.stringify(entry.ports)]));
  return result.sort(
    (a, b) =>
      portsKeys.get(a)!.localeCompare(portsKeys.get(b)!) ||
      compareIpv4(a.endpoint.addresses[0]!, b.endpoint.addresses[0]!) ||
      (a.pod.metadata?.name ?? '').localeCompare(b.pod.metadata?.name ?? ''),
  );
}

/** Nodes by name, as serviceEndpoints looks them up. */
export function nodesByNameOf(nodes: readonly Node[]): ReadonlyMap<string, Node> {
  return new Map(nodes.map((node) => [node.metadata?.name ?? '', node]));
}

/**
 * The slices the controller writes for the Service: none when it manages no endpoints for it (no selector, or
 * ExternalName); one placeholder slice without endpoints when no pod qualifies.
 */
export function endpointSlicesFor(service: Service, pods: readonly Pod[], nodes?: readonly Node[]): EndpointSlice[] {
  if (!managesEndpoints(service)) return [];
  const serviceName = service.metadata?.name ?? '';
  const labels: Record<string, string> = {
    ...(service.metadata?.labels ?? {}),
    'kubernetes.io/service-name': serviceName,
    'endpointslice.kubernetes.io/managed-by': MANAGED_BY,
  };
  if (service.spec?.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
  const groups = new Map<string, ServiceEndpoint[]>();
  for (const entry of serviceEndpoints(service, pods, nodes)) {
    const key = JSON.stringify(entry.ports);
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const chunks: { ports: EndpointPort[]; endpoints: Endpoint[] }[] = [];
  for (const entries of groups.values()) {
    for (let start = 0; start < entries.length; start += MAX_ENDPOINTS_PER_SLICE) {
      const chunk = entries.slice(start, start + MAX_ENDPOINTS_PER_SLICE);
      chunks.push({ ports: chunk[0]!.ports, endpoints: chunk.map((entry) => entry.endpoint) });
    }
  }
  if (chunks.length === 0) chunks.push({ ports: [], endpoints: [] });
  return chunks.map(({ ports, endpoints }, index) => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `${serviceName}-${index + 1}`,
      generateName: `${serviceName}-`,
      namespace: namespaceOf(service),
      labels,
      ownerReferences: [controllerReference(asOwner('Service', service))],
    },
    addressType: 'IPv4',
    endpoints,
    ports,
  }));
}
