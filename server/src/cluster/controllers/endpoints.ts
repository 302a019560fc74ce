/**
 * The Endpoints controller's object for a Service (pkg/controller/endpoint/endpoints_controller.go syncService,
 * pkg/api/v1/endpoints/util.go RepackSubsets). Terminating pods are left out unless the
 * Service publishes not-ready addresses, which also puts every address in `addresses`.
 *
 * Upstream orders subsets and ports by hash; we order ports by name, port and protocol and subsets by their
 * first address, so the same pods always give the same object. Addresses are in upstream's order: by the bytes
 * of the IP, then by pod UID.
 */
import type { EndpointAddress, EndpointPort, Endpoints, EndpointSubset, Pod, Service } from 'kubernetes-types/core/v1';
import type { KubernetesVersion } from '../../schema/versions';
import { findPort, hostnameFor, isPodReady, managesEndpoints, podIpOf, podReference, selectedPods, shouldPodBeInEndpoints } from './service-pods';
import { namespaceOf } from '../object-keys';

/** One pod's address for one port (undefined for a headless Service without ports), ready or not. */
interface Contribution {
  address: EndpointAddress;
  port: EndpointPort | undefined;
  ready: boolean;
}

const addressKey = (address: EndpointAddress) => `${address.ip}/${address.targetRef?.uid ?? ''}`;
const portKey = (port: EndpointPort | undefined) => (port ? `${port.name ?? ''}/${port.port}/${port.protocol ?? 'TCP'}/${port.appProtocol ?? ''}` : '');

function lessAddress(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const [ua, ub] = [a.targetRef?.uid ?? '', b.targetRef?.uid ?? ''];
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

function comparePorts(a: EndpointPort, b: EndpointPort): number {
  return (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port || (a.protocol ?? '').localeCompare(b.protocol ?? '');
}

function contributions(service: Service, pods: readonly Pod[]): Contribution[] {
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  const servicePorts = service.spec?.ports ?? [];
  const result: Contribution[] = [];
  for (const pod of selectedPods(service, pods)) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const hostname = hostnameFor(pod, service);
    const address: EndpointAddress = {
      ip: podIpOf(pod)!,
      ...(hostname !== undefined ? { hostname } : {}),
      ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
      targetRef: podReference(pod),
    };
    const ready = publishNotReady || isPodReady(pod);
    if (servicePorts.length === 0) {
      if (service.spec?.clusterIP === 'None') result.push({ address, port: undefined, ready });
      continue;
    }
    for (const servicePort of servicePorts) {
      const port = findPort(pod, servicePort);
      if (port === undefined) continue;
      const endpointPort: EndpointPort = {
        ...(servicePort.name ? { name: servicePort.name } : {}),
        port,
        protocol: servicePort.protocol ?? 'TCP',
        ...(servicePort.appProtocol ? { appProtocol: servicePort.appProtocol } : {}),
      };
      result.push({ address, port: endpointPort, ready });
    }
  }
  return result;
}

/**
 * RepackSubsets: the addresses offering each port (ready if ready for it in any contribution), then one subset
 * per distinct set of addresses, holding every port those addresses offer.
 */
function repackSubsets(items: readonly Contribution[]): EndpointSubset[] {
  const byPort = new Map<string, { port: EndpointPort | undefined; addresses: Map<string, { address: EndpointAddress; ready: boolean }> }>();
  for (const { address, port, ready } of items) {
    const key = portKey(port);
    const entry = byPort.get(key) ?? { port, addresses: new Map() };
    byPort.set(key, entry);
    const known = entry.addresses.get(addressKey(address));
    entry.addresses.set(addressKey(address), { address, ready: ready || (known?.ready ?? false) });
  }
  const bySet = new Map<string, { addresses: { address: EndpointAddress; ready: boolean }[]; ports: EndpointPort[] }>();
  for (const { port, addresses } of byPort.values()) {
    const members = [...addresses.values()].sort((a, b) => lessAddress(a.address, b.address));
    const key = members.map((member) => `${addressKey(member.address)}=${member.ready}`).join(',');
    const group = bySet.get(key) ?? { addresses: members, ports: [] };
    bySet.set(key, group);
    if (port) group.ports.push(port);
  }
  const subsets = [...bySet.values()].map(({ addresses, ports }) => {
    const ready = addresses.filter((member) => member.ready).map((member) => member.address);
    const notReady = addresses.filter((member) => !member.ready).map((member) => member.address);
    return {
      ...(ready.length ? { addresses: ready } : {}),
      ...(notReady.length ? { notReadyAddresses: notReady } : {}),
      ...(ports.length ? { ports: ports.sort(comparePorts) } : {}),
    };
  });
  const first = (subset: EndpointSubset) => subset.addresses?.[0] ?? subset.notReadyAddresses?.[0];
  return subsets.sort((a, b) => lessAddress(first(a)!, first(b)!) || JSON.stringify(a.ports ?? []).localeCompare(JSON.stringify(b.ports ?? [])));
}

/**
 * The Endpoints object the controller writes for the Service, or undefined when it manages none (a Service
 * without selector, whose Endpoints are the user's, or an ExternalName Service). A Service that selects no
 * eligible pod still gets an Endpoints object, with no subsets. From 1.33 the controller labels what it writes
 * `endpoints.kubernetes.io/managed-by: endpoint-controller`.
 */
export function endpointsFor(service: Service, pods: readonly Pod[], version: KubernetesVersion): Endpoints | undefined {
  if (!managesEndpoints(service)) return undefined;
  const labels: Record<string, string> = { ...(service.metadata?.labels ?? {}) };
  if (service.spec?.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
  if (Number(version.split('.')[1]) >= 33) labels['endpoints.kubernetes.io/managed-by'] = 'endpoint-controller';
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name: service.metadata?.name ?? '',
      namespace: namespaceOf(service),
      ...(Object.keys(labels).length ? { labels } : {}),
    },
    subsets: repackSubsets(contributions(service, pods)),
  };
}
