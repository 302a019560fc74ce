/**
 * Ingress routing, with the worked examples of the Ingress concept page (concepts/services-networking/ingress.md
 * in kubernetes/website): host precedence, Exact before Prefix, longest path, element-wise Prefix matching,
 * trailing slashes and the default backend.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Ingress } from 'kubernetes-types/networking/v1';
import { ingressClassOf, route } from '../../../../server/src/cluster/ingress-routing';
import { ingressNotes, planIngresses, resolveRoute } from '../../../../server/src/cluster/plan-ingresses';
import { backend, hostIngress, ingress, path, pod, service } from './objects';

/** The Service a request reaches, or undefined for the controller's own 404. */
const serviceFor = (ingresses: Ingress[], host: string, requestPath: string) => route(ingresses, host, requestPath)?.backend.service?.name;

test('an exact host rule wins over a wildcard rule that also matches', () => {
  const ingresses = [hostIngress('exact', 'foo.bar.com', [path('/', 'Prefix', 'exact')]), hostIngress('wild', '*.bar.com', [path('/', 'Prefix', 'wild')])];
  assert.equal(serviceFor(ingresses, 'foo.bar.com', '/'), 'exact');
  assert.equal(serviceFor(ingresses, 'baz.bar.com', '/'), 'wild');
});

test('a wildcard host matches exactly one more label', () => {
  const ingresses = [hostIngress('wild', '*.foo.com', [path('/', 'Prefix', 'wild')])];
  assert.equal(serviceFor(ingresses, 'bar.foo.com', '/'), 'wild');
  assert.equal(serviceFor(ingresses, 'baz.bar.foo.com', '/'), undefined);
  assert.equal(serviceFor(ingresses, 'foo.com', '/'), undefined);
});

test('a rule without host matches any host, after rules for the host', () => {
  const ingresses = [hostIngress('any', undefined, [path('/', 'Prefix', 'any')]), hostIngress('foo', 'foo.com', [path('/', 'Prefix', 'foo')])];
  assert.equal(serviceFor(ingresses, 'foo.com', '/x'), 'foo');
  assert.equal(serviceFor(ingresses, 'other.org', '/x'), 'any');
});

test('the host is matched without its port and in any case', () => {
  const ingresses = [hostIngress('foo', 'foo.com', [path('/', 'Prefix', 'foo')])];
  assert.equal(serviceFor(ingresses, 'FOO.com:8443', '/'), 'foo');
});

test('Exact beats Prefix for the same path', () => {
  const ingresses = [hostIngress('mixed', undefined, [path('/foo', 'Prefix', 'prefix'), path('/foo', 'Exact', 'exact')])];
  assert.equal(serviceFor(ingresses, 'x', '/foo'), 'exact');
  assert.equal(serviceFor(ingresses, 'x', '/foo/'), 'prefix');
});

test('Exact matches the path only, case-sensitively and without a trailing slash', () => {
  const ingresses = [hostIngress('exact', undefined, [path('/foo', 'Exact', 'exact')])];
  assert.equal(serviceFor(ingresses, 'x', '/foo'), 'exact');
  assert.equal(serviceFor(ingresses, 'x', '/bar'), undefined);
  assert.equal(serviceFor(ingresses, 'x', '/foo/'), undefined);
  assert.equal(serviceFor(ingresses, 'x', '/FOO'), undefined);
});

test('Prefix matches whole path elements: /foo matches /foo/bar but not /foobar', () => {
  const ingresses = [hostIngress('p', undefined, [path('/foo', 'Prefix', 'foo')])];
  assert.equal(serviceFor(ingresses, 'x', '/foo'), 'foo');
  assert.equal(serviceFor(ingresses, 'x', '/foo/'), 'foo');
  assert.equal(serviceFor(ingresses, 'x', '/foo/bar'), 'foo');
  assert.equal(serviceFor(ingresses, 'x', '/foobar'), undefined);
});

test('a longer Prefix wins over a shorter Exact path that does not match', () => {
  const ingresses = [hostIngress('p', undefined, [path('/aaa/bbb', 'Prefix', 'long'), path('/aaa', 'Exact', 'exact')])];
  assert.equal(serviceFor(ingresses, 'x', '/aaa/bbb/ccc'), 'long');
  assert.equal(serviceFor(ingresses, 'x', '/aaa'), 'exact');
});

test('the query string is not part of the path', () => {
  const ingresses = [hostIngress('exact', undefined, [path('/search', 'Exact', 'search')])];
  assert.equal(serviceFor(ingresses, 'x', '/search?q=1'), 'search');
});

test('with no matching rule the defaultBackend serves', () => {
  const withDefault = ingress('site', { defaultBackend: backend('fallback', 80), rules: [{ host: 'foo.com', http: { paths: [path('/api', 'Prefix', 'api')] } }] });
  const match = route([withDefault], 'foo.com', '/other');
  assert.equal(match?.backend.service?.name, 'fallback');
  assert.equal(match?.viaDefaultBackend, true);
  assert.equal(serviceFor([withDefault], 'elsewhere.org', '/api'), 'fallback');
});

test('a host with rules does not fall through to rules without host', () => {
  const ingresses = [hostIngress('foo', 'foo.com', [path('/api', 'Prefix', 'api')]), hostIngress('any', undefined, [path('/', 'Prefix', 'any')])];
  assert.equal(serviceFor(ingresses, 'foo.com', '/web'), undefined);
});

test('without a defaultBackend an unmatched request is left to the controller', () => {
  assert.equal(route([hostIngress('p', 'foo.com', [path('/', 'Prefix', 'web')])], 'bar.com', '/'), undefined);
});

test('an ImplementationSpecific path matches as a prefix and is marked controller-defined', () => {
  const match = route([hostIngress('p', undefined, [path('/app', 'ImplementationSpecific', 'app')])], 'x', '/app/page');
  assert.equal(match?.backend.service?.name, 'app');
  assert.equal(match?.controllerDefined, true);
});

test('equal paths in two Ingresses go to the Ingress first by namespace and name', () => {
  const ingresses = [hostIngress('b', 'foo.com', [path('/', 'Prefix', 'from-b')]), hostIngress('a', 'foo.com', [path('/', 'Prefix', 'from-a')])];
  assert.equal(serviceFor(ingresses, 'foo.com', '/'), 'from-a');
});

test('an Ingress without class joins the default IngressClass', () => {
  const classes = [
    { metadata: { name: 'nginx', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }, spec: { controller: 'k8s.io/ingress-nginx' } },
    { metadata: { name: 'traefik' }, spec: { controller: 'traefik.io/ingress-controller' } },
  ];
  assert.equal(ingressClassOf(ingress('a', { ingressClassName: 'traefik' }), classes), 'traefik');
  assert.equal(ingressClassOf(ingress('b', {}), classes), 'nginx');
  assert.equal(ingressClassOf(ingress('c', {}), []), undefined);
});

test('the plan resolves a backend port name to the Service port and keeps that port endpoints', () => {
  const web = service('web', {
    ports: [
      { name: 'http', port: 80, targetPort: 'http' },
      { name: 'admin', port: 9000, targetPort: 9000 },
    ],
  });
  const site = hostIngress('site', 'foo.com', [path('/', 'Prefix', 'web', 'http'), path('/admin', 'Prefix', 'web', 9000)]);
  const [plan] = planIngresses({ ingresses: [site], services: [web], pods: [pod('a')] });
  assert.deepEqual(
    plan!.routes.map((r) => [r.host, r.path, r.service, r.port, r.endpoints.map((endpoint) => [endpoint.pod, endpoint.ports])]),
    [
      ['foo.com', '/admin', 'web', 9000, [['default/a', [{ name: 'admin', port: 9000, protocol: 'TCP' }]]]],
      ['foo.com', '/', 'web', 80, [['default/a', [{ name: 'http', port: 8080, protocol: 'TCP' }]]]],
    ],
  );
  assert.equal(plan!.defaultBackend, null);
});

test('the plan says when a backend Service or port is missing', () => {
  const web = service('web');
  const site = ingress('site', {
    defaultBackend: backend('gone', 80),
    rules: [{ http: { paths: [path('/', 'Prefix', 'web', 'https')] } }],
  });
  const [plan] = planIngresses({ ingresses: [site], services: [web], pods: [pod('a')] });
  assert.deepEqual([plan!.routes[0]!.port, plan!.routes[0]!.problem], ['https', 'service "web" has no port named "https"']);
  assert.deepEqual(plan!.defaultBackend, { service: 'gone', port: 80, endpoints: [], problem: 'service "gone" not found' });
});

test('a request resolves among the Ingresses of its class down to the endpoints', () => {
  const classes = [{ metadata: { name: 'nginx', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } } }];
  const input = {
    ingressClasses: classes,
    ingresses: [
      hostIngress('site', 'foo.com', [path('/', 'Prefix', 'web', 'http')]),
      ingress('other', { ingressClassName: 'traefik', rules: [{ host: 'foo.com', http: { paths: [path('/', 'Prefix', 'api')] } }] }),
    ],
    services: [service('web')],
    pods: [pod('a')],
  };
  const resolved = resolveRoute(input, 'nginx', 'foo.com', '/index.html');
  assert.deepEqual([resolved?.ingress, resolved?.service, resolved?.port, resolved?.endpoints.map((endpoint) => endpoint.ip)], ['default/site', 'web', 80, ['10.244.0.2']]);
  assert.equal(resolveRoute(input, 'traefik', 'foo.com', '/')?.service, 'api');
});

/** The examples table of the Ingress concept page (kubernetes.io, "Examples" under "Path types"). */
const documentedExamples: { paths: [string, string][]; request: string; served: string | undefined }[] = [
  { paths: [['Prefix', '/']], request: '/anything/at/all', served: 'Prefix /' },
  { paths: [['Exact', '/foo']], request: '/foo', served: 'Exact /foo' },
  { paths: [['Exact', '/foo']], request: '/bar', served: undefined },
  { paths: [['Exact', '/foo']], request: '/foo/', served: undefined },
  { paths: [['Exact', '/foo/']], request: '/foo', served: undefined },
  { paths: [['Prefix', '/foo']], request: '/foo', served: 'Prefix /foo' },
  { paths: [['Prefix', '/foo']], request: '/foo/', served: 'Prefix /foo' },
  { paths: [['Prefix', '/foo/']], request: '/foo', served: 'Prefix /foo/' },
  { paths: [['Prefix', '/foo/']], request: '/foo/', served: 'Prefix /foo/' },
  { paths: [['Prefix', '/aaa/bb']], request: '/aaa/bbb', served: undefined },
  { paths: [['Prefix', '/aaa/bbb']], request: '/aaa/bbb', served: 'Prefix /aaa/bbb' },
  { paths: [['Prefix', '/aaa/bbb/']], request: '/aaa/bbb', served: 'Prefix /aaa/bbb/' },
  { paths: [['Prefix', '/aaa/bbb']], request: '/aaa/bbb/', served: 'Prefix /aaa/bbb' },
  { paths: [['Prefix', '/aaa/bbb']], request: '/aaa/bbb/ccc', served: 'Prefix /aaa/bbb' },
  { paths: [['Prefix', '/aaa/bbb']], request: '/aaa/bbbxyz', served: undefined },
  {
    paths: [
      ['Prefix', '/'],
      ['Prefix', '/aaa'],
    ],
    request: '/aaa/ccc',
    served: 'Prefix /aaa',
  },
  {
    paths: [
      ['Prefix', '/'],
      ['Prefix', '/aaa'],
      ['Prefix', '/aaa/bbb'],
    ],
    request: '/aaa/bbb',
    served: 'Prefix /aaa/bbb',
  },
  {
    paths: [
      ['Prefix', '/'],
      ['Prefix', '/aaa'],
      ['Prefix', '/aaa/bbb'],
    ],
    request: '/ccc',
    served: 'Prefix /',
  },
  { paths: [['Prefix', '/aaa']], request: '/ccc', served: undefined },
  {
    paths: [
      ['Prefix', '/foo'],
      ['Exact', '/foo'],
    ],
    request: '/foo',
    served: 'Exact /foo',
  },
];

for (const { paths, request, served } of documentedExamples) {
  const rules = paths.map(([type, rulePath]) => `${type} ${rulePath}`).join(', ');
  test(`${rules} ${served ? `serves ${request} by ${served}` : `does not match ${request}`}`, () => {
    const ingresses = [
      hostIngress(
        'doc',
        undefined,
        paths.map(([type, rulePath]) => path(rulePath, type, `${type} ${rulePath}`)),
      ),
    ];
    assert.equal(serviceFor(ingresses, 'example.com', request), served);
  });
}

// Ingress controllers (ingress-nginx's ingress class checks, the IngressClass concept page) serve the Ingresses
// whose spec.ingressClassName names their IngressClass: one naming a class that does not exist has no controller.
test('an Ingress whose ingressClassName names no IngressClass is not served', () => {
  const site = ingress('site', { ingressClassName: 'ngnix', rules: [{ http: { paths: [path('/', 'Prefix', 'web')] } }] });
  const [plan] = planIngresses({ ingresses: [site], ingressClasses: [{ metadata: { name: 'nginx' } }], services: [service('web')], pods: [pod('a')] });
  assert.equal(plan!.problem, 'IngressClass "ngnix" not found: no ingress controller serves this Ingress');
});

// Without spec.ingressClassName, the DefaultIngressClass admission plugin gives the default class; without one,
// controllers ignore the Ingress (unless told to watch Ingresses without a class).
test('an Ingress without a class where no IngressClass is the default is not served', () => {
  const [plan] = planIngresses({
    ingresses: [hostIngress('site', 'foo.com', [path('/', 'Prefix', 'web')])],
    ingressClasses: [{ metadata: { name: 'nginx' } }],
    services: [service('web')],
    pods: [pod('a')],
  });
  assert.equal(plan!.problem, 'no ingressClassName and no default IngressClass: no ingress controller serves this Ingress');
});

test('an Ingress of an existing class, of the default class or of the deprecated annotation is served', () => {
  const classes = [{ metadata: { name: 'nginx', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } } }];
  const annotated = hostIngress('annotated', 'foo.com', [path('/', 'Prefix', 'web')]);
  annotated.metadata!.annotations = { 'kubernetes.io/ingress.class': 'traefik' };
  const ingresses = [ingress('named', { ingressClassName: 'nginx', rules: [] }), hostIngress('classless', 'foo.com', [path('/', 'Prefix', 'web')]), annotated];
  const plans = planIngresses({ ingresses, ingressClasses: classes, services: [service('web')], pods: [pod('a')] });
  assert.deepEqual(
    plans.map((plan) => [plan.name, plan.problem]),
    [
      ['annotated', undefined],
      ['classless', undefined],
      ['named', undefined],
    ],
  );
});

test('the plan notes each Ingress no controller serves, and that it knows only the IngressClasses of its inputs', () => {
  const site = ingress('site', { ingressClassName: 'ngnix', rules: [] });
  assert.deepEqual(ingressNotes(planIngresses({ ingresses: [site], ingressClasses: [], services: [], pods: [] })), [
    'Ingress default/site is not served: IngressClass "ngnix" not found: no ingress controller serves this Ingress (among the inputs; if its IngressClass exists in the cluster, its controller serves it)',
  ]);
});
