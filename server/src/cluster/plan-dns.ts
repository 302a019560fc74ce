/**
 * The `dns` part of a plan: the records cluster DNS answers for the settled cluster, by the Kubernetes DNS-Based
 * Service Discovery specification (kubernetes/dns docs/specification.md) as CoreDNS's kubernetes plugin serves it
 * (plugin/kubernetes: the `pods insecure` mode of the default Corefile for pod records, and a dashed address as
 * the system-assigned hostname of an endpoint without one, endpointHostname).
 *
 * - 2.3 a Service with a ClusterIP: `A` for the address and one `SRV` per named port, aimed at the Service;
 * - 2.4 a headless Service: `A` for each ready endpoint, `A` for `<hostname>.<service>` of each, and one `SRV` per
 *   named port and ready endpoint; no ready endpoint: the name does not resolve (NXDOMAIN, a record without values);
 * - 2.5 an ExternalName Service: a `CNAME` to its external name;
 * - 2.6 each pod with an address: `A` for `<a>-<b>-<c>-<d>.<ns>.pod.<zone>`.
 *
 * PTR records and the `dns-version` TXT record are left out: nobody looks them up by hand. Priority and weight of
 * SRV records are not prescribed by the specification; the values hold the port and the target.
 * Readiness is the EndpointSlice condition `ready`, which is also true for not-ready pods of a Service that
 * publishes not-ready addresses.
 */
import type { Pod, Service } from 'kubernetes-types/core/v1';
import type { DnsRecord, PlannedEndpoint, PlannedService } from '../protocol/plan';
import { compareIpv4, hasSelector, hostnameFor, podIpOf } from './controllers/service-pods';
import { byNamespaceAndName, namespaceOf, objectKey } from './object-keys';

/** The cluster domain when none is configured, as kubeadm and the kubelet's `--cluster-domain` example set it. */
export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';

export interface DnsObjects {
  services: readonly Service[];
  /** The plan's Services with their endpoints (planServices), by `namespace/name`. */
  plannedServices: readonly PlannedService[];
  pods: readonly Pod[];
  clusterDomain: string;
}

export interface PlannedDns {
  records: DnsRecord[];
  notes: string[];
}

/** `A` for an IPv4 address, `AAAA` for an IPv6 one. */
function addressType(ip: string): 'A' | 'AAAA' {
  return ip.includes(':') ? 'AAAA' : 'A';
}

/** The name CoreDNS gives an address without hostname (endpointHostname): its dots or colons as dashes. */
export function dashedAddress(ip: string): string {
  return ip.replace(/[.:]/g, '-');
}

/** `<service>.<ns>.svc.<zone>`, the name of a Service (specification 2.3.1). */
export function serviceDomainName(name: string, namespace: string, clusterDomain: string): string {
  return `${name}.${namespace}.svc.${clusterDomain}`;
}

/** `_<port>._<proto>.<service name>`, an SRV owner name (specification 2.3.2): protocols are lowercase. */
function srvName(portName: string, protocol: string, serviceName: string): string {
  return `_${portName}._${protocol.toLowerCase()}.${serviceName}`;
}

/** Records of a Service with a cluster IP (specification 2.3). */
function clusterIpRecords(planned: PlannedService, name: string): DnsRecord[] {
  const ip = planned.clusterIP;
  if (ip === null) return [];
  const records: DnsRecord[] = [{ name, type: addressType(ip), values: [ip] }];
  for (const port of planned.ports) {
    if (port.name === '') continue;
    records.push({ name: srvName(port.name, port.protocol, name), type: 'SRV', values: [`${port.port} ${name}`] });
  }
  return records;
}

/** Records of a headless Service (specification 2.4), from its ready endpoints. */
function headlessRecords(service: Service, planned: PlannedService, name: string, podsByKey: ReadonlyMap<string, Pod>): DnsRecord[] {
  const ready = planned.endpoints.filter((endpoint) => endpoint.ready);
  const hostOf = (endpoint: PlannedEndpoint): string => {
    const pod = endpoint.pod === null ? undefined : podsByKey.get(endpoint.pod);
    const hostname = pod ? hostnameFor(pod, service) : undefined;
    return `${hostname ?? dashedAddress(endpoint.ip)}.${name}`;
  };
  const records: DnsRecord[] = [];
  for (const type of ['A', 'AAAA'] as const) {
    const values = ready.filter((endpoint) => addressType(endpoint.ip) === type).map((endpoint) => endpoint.ip);
    if (values.length > 0 || (type === 'A' && ready.length === 0)) records.push({ name, type, values });
  }
  // One SRV name per named port, in the order the endpoints first carry it.
  const srv = new Map<string, string[]>();
  for (const endpoint of ready) {
    for (const port of endpoint.ports) {
      if (port.name === '') continue;
      const owner = srvName(port.name, port.protocol, name);
      srv.set(owner, [...(srv.get(owner) ?? []), `${port.port} ${hostOf(endpoint)}`]);
    }
  }
  for (const [owner, values] of srv) records.push({ name: owner, type: 'SRV', values });
  // Two pods may share a hostname: the specification gives the name one record per address.
  const hosts = new Map<string, { type: 'A' | 'AAAA'; values: string[] }>();
  for (const endpoint of ready) {
    const host = hostOf(endpoint);
    const entry = hosts.get(host) ?? { type: addressType(endpoint.ip), values: [] };
    if (!entry.values.includes(endpoint.ip)) entry.values.push(endpoint.ip);
    hosts.set(host, entry);
  }
  for (const [host, { type, values }] of hosts) records.push({ name: host, type, values });
  return records;
}

/** Every record cluster DNS answers: the Services' in namespace/name order, then the pods' in namespace and address order. */
export function planDns({ services, plannedServices, pods, clusterDomain }: DnsObjects): PlannedDns {
  const planned = new Map(plannedServices.map((service) => [`${service.namespace}/${service.name}`, service]));
  const podsByKey = new Map(pods.map((pod) => [objectKey(pod), pod]));
  const records: DnsRecord[] = [];
  const notes: string[] = [];
  for (const service of byNamespaceAndName(services)) {
    const plannedService = planned.get(objectKey(service));
    if (!plannedService) continue;
    const name = serviceDomainName(plannedService.name, plannedService.namespace, clusterDomain);
    if (plannedService.type === 'ExternalName') {
      const externalName = service.spec?.externalName;
      if (externalName) records.push({ name, type: 'CNAME', values: [externalName.replace(/\.$/, '')] });
    } else if (plannedService.clusterIP === 'None') {
      records.push(...headlessRecords(service, plannedService, name, podsByKey));
      if (!hasSelector(service) && plannedService.endpoints.length > 0) {
        notes.push(
          `DNS names of the endpoints of headless Service ${objectKey(service)} (no selector) are their dashed addresses: hostnames written in its EndpointSlices or Endpoints are not read`,
        );
      }
    } else {
      records.push(...clusterIpRecords(plannedService, name));
    }
  }
  const addressed = pods.flatMap((pod) => {
    const ip = podIpOf(pod);
    return ip === undefined ? [] : [{ namespace: namespaceOf(pod), ip }];
  });
  addressed.sort((a, b) => (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : compareIpv4(a.ip, b.ip)));
  // Pods on the host's network share its address, and so one name.
  let previous = '';
  for (const { namespace, ip } of addressed) {
    const name = `${dashedAddress(ip)}.${namespace}.pod.${clusterDomain}`;
    if (name !== previous) records.push({ name, type: addressType(ip), values: [ip] });
    previous = name;
  }
  return { records, notes };
}
