/**
 * The records cluster DNS answers, from the Kubernetes DNS-Based Service Discovery specification
 * (kubernetes/dns docs/specification.md; section cited beside each test) as CoreDNS's kubernetes plugin serves it
 * (plugin/kubernetes: endpointHostname for endpoints without hostname, `pods insecure` for pod records).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { planDns } from '../../../../server/src/cluster/plan-dns';
import { planServices } from '../../../../server/src/cluster/plan-services';
import type { DnsRecord } from '../../../../server/src/protocol/plan';
import { pod, service } from './objects';

function dns(services: Service[], pods: Pod[], clusterDomain = 'cluster.local') {
  return planDns({ services, plannedServices: planServices({ services, pods }), pods, clusterDomain });
}

/** The records of Services only: every pod with an address also has its pod record (2.6). */
function serviceRecords(services: Service[], pods: Pod[], clusterDomain?: string): DnsRecord[] {
  return dns(services, pods, clusterDomain).records.filter((record) => !record.name.includes('.pod.'));
}

// 2.3.1: `<service>.<ns>.svc.<zone>. IN A <cluster-ip>`.
test('a Service with a cluster IP has an A record for that address', () => {
  const records = serviceRecords([service('kubernetes', { clusterIP: '10.3.0.1', ports: [{ port: 443 }] })], []);
  assert.deepEqual(records, [{ name: 'kubernetes.default.svc.cluster.local', type: 'A', values: ['10.3.0.1'] }]);
});

// 2.3.2: `_<port>._<proto>.<service>.<ns>.svc.<zone>. IN SRV <weight> <priority> <port-number> <service>.<ns>.svc.<zone>.`;
// unnamed ports have no SRV record.
test('each named port of a cluster IP Service has an SRV record aimed at the Service', () => {
  const records = serviceRecords([service('kubernetes', { clusterIP: '10.3.0.1', ports: [{ name: 'https', port: 443 }] })], []);
  assert.deepEqual(records[1], { name: '_https._tcp.kubernetes.default.svc.cluster.local', type: 'SRV', values: ['443 kubernetes.default.svc.cluster.local'] });
});

test('an unnamed port has no SRV record', () => {
  const records = serviceRecords([service('web', { clusterIP: '10.96.0.10', ports: [{ port: 80 }] })], [pod('a')]);
  assert.deepEqual(
    records.map((record) => record.type),
    ['A'],
  );
});

// 2.3.2: `<proto>` is the port's protocol, written in lowercase (`_udp`, as `_tcp` in the example).
test('the SRV name of a UDP port carries _udp', () => {
  const records = serviceRecords([service('kube-dns', { clusterIP: '10.96.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] }, 'kube-system')], []);
  assert.equal(records[1]?.name, '_dns._udp.kube-dns.kube-system.svc.cluster.local');
});

// 2.4.1: one A record per ready endpoint of a headless Service.
test('a headless Service name answers the address of each ready endpoint', () => {
  const pods = [pod('a', { ip: '10.3.0.1' }), pod('b', { ip: '10.3.0.2' }), pod('c', { ip: '10.3.0.3', ready: false })];
  const records = serviceRecords([service('headless', { clusterIP: 'None' })], pods);
  assert.deepEqual(records[0], { name: 'headless.default.svc.cluster.local', type: 'A', values: ['10.3.0.1', '10.3.0.2'] });
});

// 2.4.1: no ready endpoint: NXDOMAIN — a record without values.
test('a headless Service without ready endpoints does not resolve', () => {
  const records = serviceRecords([service('headless', { clusterIP: 'None' })], [pod('a', { ready: false })]);
  assert.deepEqual(records, [{ name: 'headless.default.svc.cluster.local', type: 'A', values: [] }]);
});

// 1.1 _ready_ (addresses of a Service that tolerates unready endpoints are ready), as the EndpointSlice
// controller marks them ready under publishNotReadyAddresses.
test('a headless Service that publishes not-ready addresses answers not-ready pods too', () => {
  const records = serviceRecords([service('headless', { clusterIP: 'None', publishNotReadyAddresses: true })], [pod('a', { ip: '10.3.0.1', ready: false })]);
  assert.deepEqual(records[0]?.values, ['10.3.0.1']);
});

// 2.4.1: `<hostname>.<service>.<ns>.svc.<zone>. IN A <endpoint-ip>`, the hostname of a pod whose subdomain is the
// Service (a StatefulSet's pods: `web-0.nginx`).
test('a pod with hostname and the headless Service as subdomain has its own name', () => {
  const pods = [pod('web-0', { ip: '10.3.0.100', hostname: 'web-0', subdomain: 'nginx' })];
  const records = serviceRecords([service('nginx', { clusterIP: 'None' }, 'default')], pods);
  assert.deepEqual(records.at(-1), { name: 'web-0.nginx.default.svc.cluster.local', type: 'A', values: ['10.3.0.100'] });
});

// 2.4.2: one SRV per named port and ready endpoint, aimed at `<hostname>.<service>`; the port is the endpoint's.
test('a named port of a headless Service has one SRV target per ready endpoint', () => {
  const pods = [pod('web-0', { ip: '10.3.0.100', hostname: 'web-0', subdomain: 'nginx' }), pod('web-1', { ip: '10.3.0.101', hostname: 'web-1', subdomain: 'nginx' })];
  const records = serviceRecords([service('nginx', { clusterIP: 'None', ports: [{ name: 'https', port: 443, targetPort: 'http' }] })], pods);
  assert.deepEqual(records[1], {
    name: '_https._tcp.nginx.default.svc.cluster.local',
    type: 'SRV',
    values: ['8080 web-0.nginx.default.svc.cluster.local', '8080 web-1.nginx.default.svc.cluster.local'],
  });
});

// 1.1 _hostname_: a system-assigned identifier when the endpoint has none; CoreDNS endpointHostname dashes the IP.
test('an endpoint without hostname is named by its dashed address', () => {
  const records = serviceRecords([service('headless', { clusterIP: 'None' })], [pod('a', { ip: '10.3.0.7' })]);
  assert.deepEqual(records.at(-1), { name: '10-3-0-7.headless.default.svc.cluster.local', type: 'A', values: ['10.3.0.7'] });
});

// 2.4.1 with endpointslice ShouldSetHostname: a pod whose subdomain names another Service gets no hostname here.
test('a pod hostname counts only under the Service its subdomain names', () => {
  const records = serviceRecords([service('headless', { clusterIP: 'None' })], [pod('a', { ip: '10.3.0.7', hostname: 'a', subdomain: 'other' })]);
  assert.equal(records.at(-1)?.name, '10-3-0-7.headless.default.svc.cluster.local');
});

// 2.5: `<service>.<ns>.svc.<zone>. IN CNAME <extname>.`
test('an ExternalName Service is a CNAME to its external name', () => {
  const records = serviceRecords([service('foo', { type: 'ExternalName', externalName: 'www.example.com', selector: {}, ports: [] })], []);
  assert.deepEqual(records, [{ name: 'foo.default.svc.cluster.local', type: 'CNAME', values: ['www.example.com'] }]);
});

// 2.6: `<a>-<b>-<c>-<d>.<ns>.pod.<zone>. IN A <a>.<b>.<c>.<d>`.
test('each pod with an address has its dashed-address pod record', () => {
  const { records } = dns([], [pod('a', { ip: '10.244.1.2', namespace: 'shop' }), pod('b', { ip: '' })]);
  assert.deepEqual(records, [{ name: '10-244-1-2.shop.pod.cluster.local', type: 'A', values: ['10.244.1.2'] }]);
});

// 2.1 `<zone>`: the cluster domain the cluster is configured with.
test('records end in the configured cluster domain', () => {
  const records = serviceRecords([service('web', { clusterIP: '10.96.0.5', ports: [{ port: 80 }] })], [], 'corp.internal');
  assert.equal(records[0]?.name, 'web.default.svc.corp.internal');
});

test('a headless Service without selector notes that its endpoint hostnames are not read', () => {
  const headless = service('db', { clusterIP: 'None', selector: {} });
  const slices: EndpointSlice[] = [
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'db-1', namespace: 'default', labels: { 'kubernetes.io/service-name': 'db' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['192.0.2.10'], hostname: 'primary' }],
    },
  ];
  const planned = planServices({ services: [headless], pods: [], endpointSlices: slices });
  const result = planDns({ services: [headless], plannedServices: planned, pods: [], clusterDomain: 'cluster.local' });
  assert.equal(result.notes.length, 1);
  assert.match(result.notes[0]!, /headless Service default\/db/);
});
