/**
 * The EndpointSlice controller (staging/src/k8s.io/endpointslice reconciler.go, utils.go podToEndpoint and
 * getEndpointPorts): which pods a Service's slices hold, how named target ports resolve per pod and protocol,
 * ready / serving / terminating, publishNotReadyAddresses, and the Services the controller leaves alone; and the
 * endpoints the plan lists for each Service.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container } from 'kubernetes-types/core/v1';
import { endpointSlicesFor } from '../../../../server/src/cluster/controllers/endpoint-slices';
import { planServices } from '../../../../server/src/cluster/plan-services';
import { pod, service } from './objects';

const container = (ports: { name: string; containerPort: number; protocol?: string }[]): Container => ({
  name: 'app',
  image: 'app:1',
  ports: ports.map((port) => ({ protocol: 'TCP', ...port })),
});

test('a named target port resolves to each pod own container port', () => {
  const pods = [
    pod('a', { ip: '10.244.0.2', containers: [container([{ name: 'http', containerPort: 8080 }])] }),
    pod('b', { ip: '10.244.0.3', containers: [container([{ name: 'http', containerPort: 9090 }])] }),
  ];
  const slices = endpointSlicesFor(service('web'), pods);
  assert.deepEqual(
    slices.map((slice) => [slice.ports, slice.endpoints.map((endpoint) => endpoint.addresses[0])]),
    [
      [[{ name: 'http', port: 8080, protocol: 'TCP' }], ['10.244.0.2']],
      [[{ name: 'http', port: 9090, protocol: 'TCP' }], ['10.244.0.3']],
    ],
  );
});

// endpointslice/utils.go getEndpointPorts and FindPort (as pkg/api/v1/pod/util.go FindPort): a named port
// matches on name and protocol; the UDP port finds no UDP "dns" and is left out of the pod's ports.
test('a named target port matches only a container port of the Service port protocol', () => {
  const dns = service('dns', {
    ports: [
      { name: 'dns', port: 53, targetPort: 'dns', protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, targetPort: 'dns', protocol: 'TCP' },
    ],
  });
  const tcpOnly = pod('a', { containers: [container([{ name: 'dns', containerPort: 5353, protocol: 'TCP' }])] });
  assert.deepEqual(
    endpointSlicesFor(dns, [tcpOnly]).map((slice) => [slice.ports, slice.endpoints.map((endpoint) => endpoint.addresses[0])]),
    [[[{ name: 'dns-tcp', port: 5353, protocol: 'TCP' }], ['10.244.0.2']]],
  );
});

// endpointslice/utils.go getEndpointPorts skips only the port FindPort fails for; reconciler.go
// reconcileByAddressType groups pods by their ports (NewPortMapKey), so the two pods land in two slices.
test('a pod that does not declare a named port is skipped for that port only', () => {
  const web = service('web', {
    ports: [
      { name: 'http', port: 80, targetPort: 'http' },
      { name: 'metrics', port: 9100, targetPort: 'metrics' },
    ],
  });
  const pods = [
    pod('a', {
      ip: '10.244.0.2',
      containers: [
        container([
          { name: 'http', containerPort: 8080 },
          { name: 'metrics', containerPort: 9100 },
        ]),
      ],
    }),
    pod('b', { ip: '10.244.0.3', containers: [container([{ name: 'http', containerPort: 8080 }])] }),
  ];
  const slices = endpointSlicesFor(web, pods);
  const portsByPod = Object.fromEntries(slices.flatMap((slice) => slice.endpoints.map((endpoint) => [endpoint.targetRef?.name, slice.ports])));
  assert.equal(slices.length, 2);
  assert.deepEqual(portsByPod, {
    a: [
      { name: 'http', port: 8080, protocol: 'TCP' },
      { name: 'metrics', port: 9100, protocol: 'TCP' },
    ],
    b: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  });
});

test('a pod that resolves none of the ports still gets a slice, without ports', () => {
  const web = service('web');
  const noPorts = pod('a', { containers: [container([])] });
  const slices = endpointSlicesFor(web, [noPorts]);
  assert.deepEqual(
    slices.map((slice) => [slice.ports, slice.endpoints.length]),
    [[[], 1]],
  );
});

// FindPort (endpointslice/utils.go, pkg/api/v1/pod/util.go) returns an int targetPort as is; getEndpointPorts
// names the slice port after the Service port, here "".
test('a numeric target port is used even when no container declares it', () => {
  const web = service('web', { ports: [{ port: 80, targetPort: 3000 }] });
  assert.deepEqual(
    endpointSlicesFor(web, [pod('a')]).map((slice) => [slice.ports, slice.endpoints.map((endpoint) => endpoint.addresses[0])]),
    [[[{ name: '', port: 3000, protocol: 'TCP' }], ['10.244.0.2']]],
  );
});

// FindPort (endpointslice/utils.go, pkg/api/v1/pod/util.go) also searches init containers with
// restartPolicy Always; a plain init container's port resolves nothing, so "setup" is left out.
test('a sidecar init container port resolves a named target port', () => {
  const sidecar: Container = { name: 'proxy', image: 'proxy:1', restartPolicy: 'Always', ports: [{ name: 'proxy', containerPort: 15001, protocol: 'TCP' }] };
  const plainInit: Container = { name: 'init', image: 'init:1', ports: [{ name: 'setup', containerPort: 7000, protocol: 'TCP' }] };
  const web = service('web', {
    ports: [
      { name: 'proxy', port: 80, targetPort: 'proxy' },
      { name: 'setup', port: 81, targetPort: 'setup' },
    ],
  });
  const slices = endpointSlicesFor(web, [pod('a', { initContainers: [plainInit, sidecar] })]);
  assert.deepEqual(
    slices.map((slice) => slice.ports),
    [[{ name: 'proxy', port: 15001, protocol: 'TCP' }]],
  );
});

test('a pod that is not Ready is neither ready nor serving in its slice', () => {
  const pods = [pod('up', { ip: '10.244.0.2' }), pod('down', { ip: '10.244.0.3', ready: false })];
  const conditions = endpointSlicesFor(service('web'), pods)[0]!.endpoints.map((endpoint) => endpoint.conditions);
  assert.deepEqual(conditions, [
    { ready: true, serving: true, terminating: false },
    { ready: false, serving: false, terminating: false },
  ]);
});

test('a terminating pod stays in its slice, serving and terminating, not ready', () => {
  const pods = [pod('old', { terminating: true })];
  assert.deepEqual(endpointSlicesFor(service('web'), pods)[0]!.endpoints[0]!.conditions, { ready: false, serving: true, terminating: true });
});

test('publishNotReadyAddresses makes not-ready and terminating pods ready in their slice', () => {
  const web = service('web', { publishNotReadyAddresses: true });
  const pods = [pod('down', { ip: '10.244.0.3', ready: false }), pod('old', { ip: '10.244.0.4', terminating: true, ready: false })];
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
  assert.deepEqual(
    endpointSlicesFor(service('web'), pods).map((slice) => slice.endpoints),
    [[]],
  );
});

// The controller lists the pods of the Service's namespace that its selector matches; with none, reconciler.go
// reconcileByAddressType writes only the placeholder slice (no ports, no endpoints).
test('pods of other namespaces or labels are not selected', () => {
  const pods = [pod('other-ns', { namespace: 'prod' }), pod('other-app', { labels: { app: 'api' } })];
  assert.deepEqual(
    endpointSlicesFor(service('web'), pods).map((slice) => [slice.ports, slice.endpoints]),
    [[[], []]],
  );
});

test('a Service without selector gets no managed slices', () => {
  const external = service('db', { selector: undefined, ports: [{ port: 5432, targetPort: 5432 }] });
  delete external.spec!.selector;
  assert.deepEqual(endpointSlicesFor(external, [pod('a')]), []);
  assert.deepEqual(planServices({ services: [external], pods: [pod('a')] })[0]!.endpoints, []);
});

test('an empty selector is no selector: the Service gets no managed endpoints', () => {
  const empty = service('web', { selector: {} });
  assert.deepEqual(endpointSlicesFor(empty, [pod('a')]), []);
});

test('an ExternalName Service gets no endpoints even with a selector', () => {
  const external = service('db', { type: 'ExternalName', externalName: 'db.example.com' });
  assert.deepEqual(endpointSlicesFor(external, [pod('a')]), []);
});

// endpointslice/utils.go getEndpointPorts (a headless Service may have no ports), podToEndpoint (conditions,
// targetRef, nodeName; hostname by util/controller_utils.go ShouldSetHostname), setEndpointSliceLabels (headless).
test('a headless Service without ports lists its pods without ports, labelled headless', () => {
  const headless = service('db', { clusterIP: 'None' });
  headless.spec!.ports = [];
  const slices = endpointSlicesFor(headless, [pod('db-0', { hostname: 'db-0', subdomain: 'db' })]);
  assert.deepEqual(
    slices.map((slice) => [slice.ports, slice.endpoints]),
    [
      [
        [],
        [
          {
            addresses: ['10.244.0.2'],
            conditions: { ready: true, serving: true, terminating: false },
            hostname: 'db-0',
            targetRef: { kind: 'Pod', namespace: 'default', name: 'db-0', uid: 'uid-db-0' },
            nodeName: 'node-1',
          },
        ],
      ],
    ],
  );
  assert.equal(slices[0]!.metadata?.labels?.['service.kubernetes.io/headless'], '');
});

// endpointslice/util/controller_utils.go ShouldSetHostname: hostname set, subdomain the Service's name, same namespace.
test('a hostname is published only for pods whose subdomain is the Service', () => {
  const pods = [pod('a', { hostname: 'a', subdomain: 'other' })];
  assert.deepEqual(
    endpointSlicesFor(service('web'), pods)[0]!.endpoints.map((endpoint) => endpoint.hostname),
    [undefined],
  );
});

test('slices carry the Service name and controller labels, the node zone and one owner', () => {
  const zone = { metadata: { name: 'node-1', labels: { 'topology.kubernetes.io/zone': 'eu-west-1a' } } };
  const [slice] = endpointSlicesFor(service('web'), [pod('a')], [zone]);
  assert.equal(slice!.metadata?.labels?.['kubernetes.io/service-name'], 'web');
  assert.equal(slice!.metadata?.labels?.['endpointslice.kubernetes.io/managed-by'], 'endpointslice-controller.k8s.io');
  assert.equal(slice!.addressType, 'IPv4');
  assert.equal(slice!.endpoints[0]!.zone, 'eu-west-1a');
  assert.deepEqual(
    slice!.metadata?.ownerReferences?.map((owner) => [owner.kind, owner.name, owner.controller]),
    [['Service', 'web', true]],
  );
});

test('a pod on a node that does not exist is left out of the slices', () => {
  const pods = [pod('a', { node: 'gone' }), pod('b', { ip: '10.244.0.3' })];
  const slices = endpointSlicesFor(service('web'), pods, [{ metadata: { name: 'node-1' } }]);
  assert.deepEqual(
    slices[0]!.endpoints.map((endpoint) => endpoint.targetRef?.name),
    ['b'],
  );
});

test('a slice holds at most 100 endpoints', () => {
  const pods = Array.from({ length: 150 }, (_, i) => pod(`p${i}`, { ip: `10.244.${Math.floor(i / 200)}.${(i % 200) + 2}` }));
  assert.deepEqual(
    endpointSlicesFor(service('web'), pods).map((slice) => slice.endpoints.length),
    [100, 50],
  );
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
  assert.deepEqual(
    plan!.endpoints.map((endpoint) => [endpoint.ip, endpoint.ready]),
    [
      ['192.168.1.20', true],
      ['192.168.1.21', false],
    ],
  );
});

test('the plan lists endpoints by address whatever ports they resolve', () => {
  const pods = [
    pod('c', { ip: '10.244.0.10', containers: [container([{ name: 'http', containerPort: 8080 }])] }),
    pod('b', { ip: '10.244.0.3', containers: [container([{ name: 'http', containerPort: 9090 }])] }),
    pod('a', { ip: '10.244.0.2', containers: [container([{ name: 'http', containerPort: 8080 }])] }),
  ];
  assert.deepEqual(
    planServices({ services: [service('web')], pods })[0]!.endpoints.map((endpoint) => endpoint.pod),
    ['default/a', 'default/b', 'default/c'],
  );
});
