/**
 * The Endpoints and EndpointSlice controllers (pkg/controller/endpoint/endpoints_controller.go syncService,
 * staging/src/k8s.io/endpointslice reconciler.go): which pods a Service gets, how named target ports resolve per
 * pod and protocol, ready / not-ready / terminating, publishNotReadyAddresses, and the Services the controllers
 * leave alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Pod, Service } from 'kubernetes-types/core/v1';
import { endpointsFor as endpointsForVersion } from '../../../../server/src/cluster/controllers/endpoints';
import { endpointSlicesFor } from '../../../../server/src/cluster/controllers/endpoint-slices';
import { planServices } from '../../../../server/src/cluster/plan-services';
import { pod, service } from './objects';

const endpointsFor = (svc: Service, pods: Pod[]) => endpointsForVersion(svc, pods, '1.36');

const container = (ports: { name: string; containerPort: number; protocol?: string }[]): Container => ({
  name: 'app',
  image: 'app:1',
  ports: ports.map((port) => ({ protocol: 'TCP', ...port })),
});

const address = (name: string, ip: string, node = 'node-1') => ({ ip, nodeName: node, targetRef: { kind: 'Pod', namespace: 'default', name, uid: `uid-${name}` } });

test('a named target port resolves to each pod own container port', () => {
  const pods = [
    pod('a', { ip: '10.244.0.2', containers: [container([{ name: 'http', containerPort: 8080 }])] }),
    pod('b', { ip: '10.244.0.3', containers: [container([{ name: 'http', containerPort: 9090 }])] }),
  ];
  const endpoints = endpointsFor(service('web'), pods)!;
  assert.deepEqual(endpoints.subsets, [
    { addresses: [address('a', '10.244.0.2')], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
    { addresses: [address('b', '10.244.0.3')], ports: [{ name: 'http', port: 9090, protocol: 'TCP' }] },
  ]);
  const slices = endpointSlicesFor(service('web'), pods);
  assert.deepEqual(
    slices.map((slice) => [slice.ports, slice.endpoints.map((endpoint) => endpoint.addresses[0])]),
    [
      [[{ name: 'http', port: 8080, protocol: 'TCP' }], ['10.244.0.2']],
      [[{ name: 'http', port: 9090, protocol: 'TCP' }], ['10.244.0.3']],
    ],
  );
});

test('a named target port matches only a container port of the Service port protocol', () => {
  const dns = service('dns', { ports: [{ name: 'dns', port: 53, targetPort: 'dns', protocol: 'UDP' }, { name: 'dns-tcp', port: 53, targetPort: 'dns', protocol: 'TCP' }] });
  const tcpOnly = pod('a', { containers: [container([{ name: 'dns', containerPort: 5353, protocol: 'TCP' }])] });
  assert.deepEqual(endpointsFor(dns, [tcpOnly])!.subsets, [{ addresses: [address('a', '10.244.0.2')], ports: [{ name: 'dns-tcp', port: 5353, protocol: 'TCP' }] }]);
});

test('a pod that does not declare a named port is skipped for that port only', () => {
  const web = service('web', { ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9100, targetPort: 'metrics' }] });
  const pods = [
    pod('a', { ip: '10.244.0.2', containers: [container([{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9100 }])] }),
    pod('b', { ip: '10.244.0.3', containers: [container([{ name: 'http', containerPort: 8080 }])] }),
  ];
  assert.deepEqual(endpointsFor(web, pods)!.subsets, [
    { addresses: [address('a', '10.244.0.2'), address('b', '10.244.0.3')], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
    { addresses: [address('a', '10.244.0.2')], ports: [{ name: 'metrics', port: 9100, protocol: 'TCP' }] },
  ]);
});

test('a pod that resolves none of the ports has no Endpoints address but a slice without ports', () => {
  const web = service('web');
  const noPorts = pod('a', { containers: [container([])] });
  assert.deepEqual(endpointsFor(web, [noPorts])!.subsets, []);
  const slices = endpointSlicesFor(web, [noPorts]);
  assert.deepEqual(slices.map((slice) => [slice.ports, slice.endpoints.length]), [[[], 1]]);
});

test('a numeric target port is used even when no container declares it', () => {
  const web = service('web', { ports: [{ port: 80, targetPort: 3000 }] });
  assert.deepEqual(endpointsFor(web, [pod('a')])!.subsets, [{ addresses: [address('a', '10.244.0.2')], ports: [{ port: 3000, protocol: 'TCP' }] }]);
});

test('a sidecar init container port resolves a named target port', () => {
  const sidecar: Container = { name: 'proxy', image: 'proxy:1', restartPolicy: 'Always', ports: [{ name: 'proxy', containerPort: 15001, protocol: 'TCP' }] };
  const plainInit: Container = { name: 'init', image: 'init:1', ports: [{ name: 'setup', containerPort: 7000, protocol: 'TCP' }] };
  const web = service('web', { ports: [{ name: 'proxy', port: 80, targetPort: 'proxy' }, { name: 'setup', port: 81, targetPort: 'setup' }] });
  const subsets = endpointsFor(web, [pod('a', { initContainers: [plainInit, sidecar] })])!.subsets;
  assert.deepEqual(subsets?.map((subset) => subset.ports), [[{ name: 'proxy', port: 15001, protocol: 'TCP' }]]);
});

test('addresses offering the same ports share one subset, in the byte order of their IPs', () => {
  const web = service('web', { ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'https', port: 443, targetPort: 8443 }] });
  const pods = [pod('nine', { ip: '10.244.0.9' }), pod('ten', { ip: '10.244.0.10' })];
  assert.deepEqual(endpointsFor(web, pods)!.subsets, [
    {
      addresses: [address('ten', '10.244.0.10'), address('nine', '10.244.0.9')],
      ports: [
        { name: 'http', port: 8080, protocol: 'TCP' },
        { name: 'https', port: 8443, protocol: 'TCP' },
      ],
    },
  ]);
});

test('a pod that is not Ready is a not-ready address, and neither ready nor serving in its slice', () => {
  const pods = [pod('up', { ip: '10.244.0.2' }), pod('down', { ip: '10.244.0.3', ready: false })];
  assert.deepEqual(endpointsFor(service('web'), pods)!.subsets, [
    { addresses: [address('up', '10.244.0.2')], notReadyAddresses: [address('down', '10.244.0.3')], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
  ]);
  const conditions = endpointSlicesFor(service('web'), pods)[0]!.endpoints.map((endpoint) => endpoint.conditions);
  assert.deepEqual(conditions, [
    { ready: true, serving: true, terminating: false },
    { ready: false, serving: false, terminating: false },
  ]);
});

test('a terminating pod leaves Endpoints but stays in its slice, serving and terminating, not ready', () => {
  const pods = [pod('old', { terminating: true })];
  assert.deepEqual(endpointsFor(service('web'), pods)!.subsets, []);
  assert.deepEqual(endpointSlicesFor(service('web'), pods)[0]!.endpoints[0]!.conditions, { ready: false, serving: true, terminating: true });
});

test('publishNotReadyAddresses puts not-ready and terminating pods among the ready addresses', () => {
  const web = service('web', { publishNotReadyAddresses: true });
  const pods = [pod('down', { ip: '10.244.0.3', ready: false }), pod('old', { ip: '10.244.0.4', terminating: true, ready: false })];
  assert.deepEqual(endpointsFor(web, pods)!.subsets, [
    { addresses: [address('down', '10.244.0.3'), address('old', '10.244.0.4')], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
  ]);
  assert.deepEqual(
    endpointSlicesFor(web, pods)[0]!.endpoints.map((endpoint) => endpoint.conditions),
    [
      { ready: true, serving: false, terminating: false },
      { ready: true, serving: false, terminating: true },
    ],
  );
});

test('finished pods and pods without an IP are in no endpoints', () => {
  const pods = [pod('done', { phase: 'Succeeded' }), pod('crashed', { phase: 'Failed' }), pod('pending', { ip: '', phase: 'Pending', ready: false })];
  assert.deepEqual(endpointsFor(service('web'), pods)!.subsets, []);
  assert.deepEqual(endpointSlicesFor(service('web'), pods).map((slice) => slice.endpoints), [[]]);
});

test('pods of other namespaces or labels are not selected', () => {
  const pods = [pod('other-ns', { namespace: 'prod' }), pod('other-app', { labels: { app: 'api' } })];
  assert.deepEqual(endpointsFor(service('web'), pods)!.subsets, []);
});

test('a Service without selector gets no managed Endpoints nor slices', () => {
  const external = service('db', { selector: undefined, ports: [{ port: 5432, targetPort: 5432 }] });
  delete external.spec!.selector;
  assert.equal(endpointsFor(external, [pod('a')]), undefined);
  assert.deepEqual(endpointSlicesFor(external, [pod('a')]), []);
  assert.deepEqual(planServices({ services: [external], pods: [pod('a')] })[0]!.endpoints, []);
});

test('an empty selector is no selector: the Service gets no managed endpoints', () => {
  const empty = service('web', { selector: {} });
  assert.equal(endpointsFor(empty, [pod('a')]), undefined);
  assert.deepEqual(endpointSlicesFor(empty, [pod('a')]), []);
});

test('an ExternalName Service gets no endpoints even with a selector', () => {
  const external = service('db', { type: 'ExternalName', externalName: 'db.example.com' });
  assert.equal(endpointsFor(external, [pod('a')]), undefined);
  assert.deepEqual(endpointSlicesFor(external, [pod('a')]), []);
});

test('a headless Service without ports lists its pods without ports, labelled headless', () => {
  const headless = service('db', { clusterIP: 'None' });
  headless.spec!.ports = [];
  const endpoints = endpointsFor(headless, [pod('db-0', { hostname: 'db-0', subdomain: 'db' })])!;
  assert.deepEqual(endpoints.subsets, [{ addresses: [{ ...address('db-0', '10.244.0.2'), hostname: 'db-0' }] }]);
  assert.equal(endpoints.metadata?.labels?.['service.kubernetes.io/headless'], '');
});

test('a hostname is published only for pods whose subdomain is the Service', () => {
  const pods = [pod('a', { hostname: 'a', subdomain: 'other' })];
  assert.equal(endpointsFor(service('web'), pods)!.subsets?.[0]?.addresses?.[0]?.hostname, undefined);
});

test('slices carry the Service name and controller labels, the node zone and one owner', () => {
  const zone = { metadata: { name: 'node-1', labels: { 'topology.kubernetes.io/zone': 'eu-west-1a' } } };
  const [slice] = endpointSlicesFor(service('web'), [pod('a')], [zone]);
  assert.equal(slice!.metadata?.labels?.['kubernetes.io/service-name'], 'web');
  assert.equal(slice!.metadata?.labels?.['endpointslice.kubernetes.io/managed-by'], 'endpointslice-controller.k8s.io');
  assert.equal(slice!.addressType, 'IPv4');
  assert.equal(slice!.endpoints[0]!.zone, 'eu-west-1a');
  assert.deepEqual(slice!.metadata?.ownerReferences?.map((owner) => [owner.kind, owner.name, owner.controller]), [['Service', 'web', true]]);
});

test('a pod on a node that does not exist is left out of the slices', () => {
  const pods = [pod('a', { node: 'gone' }), pod('b', { ip: '10.244.0.3' })];
  const slices = endpointSlicesFor(service('web'), pods, [{ metadata: { name: 'node-1' } }]);
  assert.deepEqual(slices[0]!.endpoints.map((endpoint) => endpoint.targetRef?.name), ['b']);
});

test('a slice holds at most 100 endpoints', () => {
  const pods = Array.from({ length: 150 }, (_, i) => pod(`p${i}`, { ip: `10.244.${Math.floor(i / 200)}.${(i % 200) + 2}` }));
  assert.deepEqual(endpointSlicesFor(service('web'), pods).map((slice) => slice.endpoints.length), [100, 50]);
});

test('the plan lists a Service with its ports and every endpoint with its conditions', () => {
  const web = service('web', { clusterIP: '10.96.1.1', ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
  const pods = [pod('a', { ip: '10.244.0.2' }), pod('b', { ip: '10.244.0.3', terminating: true })];
  assert.deepEqual(planServices({ services: [web], pods }), [
    {
      name: 'web',
      namespace: 'default',
      type: 'ClusterIP',
      clusterIP: '10.96.1.1',
      ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: null, protocol: 'TCP' }],
      endpoints: [
        { pod: 'default/a', ip: '10.244.0.2', node: 'node-1', ready: true, serving: true, terminating: false, ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
        { pod: 'default/b', ip: '10.244.0.3', node: 'node-1', ready: false, serving: true, terminating: true, ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
      ],
    },
  ]);
});

test('the controller labels the Endpoints it writes from 1.33', () => {
  const label = (version: '1.32' | '1.33') => endpointsForVersion(service('web'), [], version)!.metadata?.labels?.['endpoints.kubernetes.io/managed-by'];
  assert.deepEqual([label('1.32'), label('1.33')], [undefined, 'endpoint-controller']);
});

const selectorless = () => {
  const db = service('db', { ports: [{ name: 'pg', port: 5432, targetPort: 5432 }] });
  delete db.spec!.selector;
  return db;
};

test('a Service without selector has the endpoints of the slices its user wrote', () => {
  const slice = {
    metadata: { name: 'db-1', namespace: 'default', labels: { 'kubernetes.io/service-name': 'db' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: ['192.168.1.20'] }, { addresses: ['192.168.1.21'], conditions: { ready: false } }],
    ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
  };
  const [plan] = planServices({ services: [selectorless()], pods: [], endpointSlices: [slice] });
  assert.deepEqual(plan!.endpoints, [
    { pod: null, ip: '192.168.1.20', node: null, ready: true, serving: true, terminating: false, ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }] },
    { pod: null, ip: '192.168.1.21', node: null, ready: false, serving: false, terminating: false, ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }] },
  ]);
});

test('a Service without selector and no slices has the addresses of its Endpoints', () => {
  const written = {
    metadata: { name: 'db', namespace: 'default' },
    subsets: [{ addresses: [{ ip: '192.168.1.20' }], notReadyAddresses: [{ ip: '192.168.1.21' }], ports: [{ name: 'pg', port: 5432 }] }],
  };
  const [plan] = planServices({ services: [selectorless()], pods: [], endpoints: [written] });
  assert.deepEqual(plan!.endpoints.map((endpoint) => [endpoint.ip, endpoint.ready]), [['192.168.1.20', true], ['192.168.1.21', false]]);
});

test('the plan lists endpoints by address whatever ports they resolve', () => {
  const pods = [
    pod('c', { ip: '10.244.0.10', containers: [container([{ name: 'http', containerPort: 8080 }])] }),
    pod('b', { ip: '10.244.0.3', containers: [container([{ name: 'http', containerPort: 9090 }])] }),
    pod('a', { ip: '10.244.0.2', containers: [container([{ name: 'http', containerPort: 8080 }])] }),
  ];
  assert.deepEqual(planServices({ services: [service('web')], pods })[0]!.endpoints.map((endpoint) => endpoint.pod), ['default/a', 'default/b', 'default/c']);
});
