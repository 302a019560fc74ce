/**
 * Gateway API routing, each expectation worked by hand from the specification's own text in
 * kubernetes-sigs/gateway-api apis/v1: httproute_types.go (HTTPRouteSpec.Hostnames, HTTPRouteRule.Matches,
 * PathMatchType, HTTPHeaderMatch), grpcroute_types.go (GRPCRouteRule.Matches), gateway_types.go
 * (Listener.AllowedRoutes, RouteNamespaces), shared_types.go (ParentReference, the RouteConditionAccepted and
 * RouteConditionResolvedRefs reasons) and referencegrant_types.go.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gatewayRouting, routeGrpcRequest, routeHttpRequest, type GatewayObjects } from '../../../../server/src/cluster/gateway-routing';
import { hostnameMatches, intersectHostnames } from '../../../../server/src/cluster/gateway/hostnames';
import { planGatewayRoutes, type GatewayPlanInput } from '../../../../server/src/cluster/plan-gateways';
import type { Gateway, GRPCRoute, GRPCRouteMatch, HTTPRoute, HTTPRouteMatch, Listener, ParentReference, ReferenceGrant, RouteRule } from '../../../../server/src/cluster/gateway/gateway-api-types';
import type { HttpRequest } from '../../../../server/src/cluster/gateway/matches';
import { pod, service } from './objects';

const API = 'gateway.networking.k8s.io/v1';
const gatewayClass = { apiVersion: API, kind: 'GatewayClass', metadata: { name: 'example' }, spec: { controllerName: 'example.com/controller' } };

function gateway(listeners: Listener[], name = 'gw', namespace = 'infra'): Gateway {
  return { apiVersion: API, kind: 'Gateway', metadata: { name, namespace }, spec: { gatewayClassName: 'example', listeners } };
}

const httpListener = (extra: Listener = {}): Listener => ({ name: 'http', port: 80, protocol: 'HTTP', ...extra });

interface RouteOptions {
  namespace?: string;
  hostnames?: string[];
  parentRefs?: ParentReference[];
  created?: string;
}

function httpRoute(name: string, rules: RouteRule<HTTPRouteMatch>[], options: RouteOptions = {}): HTTPRoute {
  return {
    apiVersion: API,
    kind: 'HTTPRoute',
    metadata: { name, namespace: options.namespace ?? 'infra', creationTimestamp: options.created ?? '2026-01-01T00:00:00Z' },
    spec: { parentRefs: options.parentRefs ?? [{ name: 'gw', namespace: 'infra' }], hostnames: options.hostnames, rules },
  };
}

/** A rule whose one backend is a Service named for what it stands for. */
const to = (serviceName: string, ...matches: HTTPRouteMatch[]): RouteRule<HTTPRouteMatch> => ({ matches, backendRefs: [{ name: serviceName, port: 80 }] });

function objects(gateways: Gateway[], httpRoutes: HTTPRoute[], extra: Partial<GatewayObjects> = {}): GatewayObjects {
  return { gateways, gatewayClasses: [gatewayClass], httpRoutes, grpcRoutes: [], ...extra };
}

/** The Service that serves the request on infra/gw's `http` Listener, or undefined (a 404). */
function served(gateways: Gateway[], routes: HTTPRoute[], host: string, request: HttpRequest): string | undefined {
  const match = routeHttpRequest(gatewayRouting(objects(gateways, routes)), 'infra/gw', 'http', host, request);
  return match?.backendRefs[0]?.name;
}

/** The reason of the route's Accepted condition on its one parentRef, `Accepted` when attached. */
function acceptance(gateways: Gateway[], route: HTTPRoute, extra: Partial<GatewayObjects> = {}): string {
  const routing = gatewayRouting(objects(gateways, [route], extra));
  return routing.refused[0]?.reason ?? (routing.attached.length > 0 ? 'Accepted' : 'none');
}

// httproute_types.go, HTTPRouteSpec.Hostnames

test('a Listener hostname is matched by a route without hostnames and by a wildcard route hostname that covers it', () => {
  assert.deepEqual(intersectHostnames('test.example.com', []), ['test.example.com']);
  assert.deepEqual(intersectHostnames('test.example.com', ['*.example.com']), ['test.example.com']);
});

test('a wildcard Listener hostname admits a wildcard, one label and several labels, not the bare domain nor another domain', () => {
  assert.deepEqual(intersectHostnames('*.example.com', ['*.example.com']), ['*.example.com']);
  assert.deepEqual(intersectHostnames('*.example.com', ['test.example.com']), ['test.example.com']);
  assert.deepEqual(intersectHostnames('*.example.com', ['foo.test.example.com']), ['foo.test.example.com']);
  assert.equal(intersectHostnames('*.example.com', ['example.com', 'test.example.net']), undefined);
});

test('route hostnames the Listener hostname does not match are ignored', () => {
  assert.deepEqual(intersectHostnames('*.example.com', ['test.example.com', 'test.example.net']), ['test.example.com']);
});

test('a wildcard hostname is a suffix match over any number of labels', () => {
  assert.equal(hostnameMatches('*.example.com', 'test.example.com'), true);
  assert.equal(hostnameMatches('*.example.com', 'foo.test.example.com'), true);
  assert.equal(hostnameMatches('*.example.com', 'example.com'), false);
});

test('without a Listener hostname the route serves its own hostnames, none meaning every host', () => {
  assert.deepEqual(intersectHostnames(undefined, ['a.example.com']), ['a.example.com']);
  assert.deepEqual(intersectHostnames(undefined, []), []);
});

test('the route with the longest matching non-wildcard hostname takes precedence over a more specific match', () => {
  const routes = [
    httpRoute('wild', [to('wild', { path: { type: 'Exact', value: '/login' } })], { hostnames: ['*.example.com'] }),
    httpRoute('exact', [to('exact')], { hostnames: ['shop.example.com'] }),
  ];
  assert.equal(served([gateway([httpListener()])], routes, 'shop.example.com', { path: '/login' }), 'exact');
  assert.equal(served([gateway([httpListener()])], routes, 'blog.example.com', { path: '/login' }), 'wild');
});

test('the Host header is matched without its port', () => {
  const routes = [httpRoute('shop', [to('shop')], { hostnames: ['shop.example.com'] })];
  assert.equal(served([gateway([httpListener()])], routes, 'shop.example.com:8080', { path: '/' }), 'shop');
});

// httproute_types.go, PathMatchType and HTTPRouteRule.Matches

test('PathPrefix /abc matches /abc, /abc/ and /abc/def but not /abcd', () => {
  const routes = [httpRoute('r', [to('abc', { path: { type: 'PathPrefix', value: '/abc' } })])];
  const gateways = [gateway([httpListener()])];
  for (const path of ['/abc', '/abc/', '/abc/def']) assert.equal(served(gateways, routes, 'x', { path }), 'abc', path);
  assert.equal(served(gateways, routes, 'x', { path: '/abcd' }), undefined);
});

test('Exact /abc matches only /abc, not /abc/, /Abc or /abcd', () => {
  const routes = [httpRoute('r', [to('abc', { path: { type: 'Exact', value: '/abc' } })])];
  const gateways = [gateway([httpListener()])];
  assert.equal(served(gateways, routes, 'x', { path: '/abc' }), 'abc');
  for (const path of ['/abc/', '/Abc', '/abcd']) assert.equal(served(gateways, routes, 'x', { path }), undefined, path);
});

test('a rule without matches matches every request, as a PathPrefix / match', () => {
  const routes = [httpRoute('r', [{ backendRefs: [{ name: 'all', port: 80 }] }])];
  assert.equal(served([gateway([httpListener()])], routes, 'x', { path: '/any/thing', method: 'DELETE' }), 'all');
});

// httproute_types.go HTTPRouteSpec.Rules: +kubebuilder:default={{matches: {{path: {type: "PathPrefix", value: "/"}}}}}
test('an HTTPRoute written without rules gets the default rule, a PathPrefix / match without backends', () => {
  const withoutRules: HTTPRoute = { apiVersion: API, kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'infra' }, spec: { parentRefs: [{ name: 'gw' }] } };
  const routing = gatewayRouting(objects([gateway([httpListener()])], [withoutRules]));
  assert.deepEqual(
    routing.attached.map((match) => [match.rule, match.http?.path, match.backendRefs.length]),
    [[0, { type: 'PathPrefix', value: '/' }, 0]],
  );
});

test('a match with path and header needs both: the matches of a rule are ORed, their conditions ANDed', () => {
  const routes = [httpRoute('r', [to('foo', { path: { value: '/foo' }, headers: [{ name: 'version', value: 'v2' }] }, { path: { value: '/v2/foo' } })])];
  const gateways = [gateway([httpListener()])];
  assert.equal(served(gateways, routes, 'x', { path: '/foo', headers: { version: 'v2' } }), 'foo');
  assert.equal(served(gateways, routes, 'x', { path: '/v2/foo' }), 'foo');
  assert.equal(served(gateways, routes, 'x', { path: '/foo' }), undefined);
});

test('header names match in any case, and of two entries for one name only the first counts', () => {
  const routes = [
    httpRoute('r', [
      to('v2', {
        headers: [
          { name: 'Version', value: 'v2' },
          { name: 'version', value: 'v3' },
        ],
      }),
    ]),
  ];
  const gateways = [gateway([httpListener()])];
  assert.equal(served(gateways, routes, 'x', { path: '/', headers: { VERSION: 'v2' } }), 'v2');
});

test('an Exact path match takes precedence over any PathPrefix match', () => {
  const routes = [httpRoute('r', [to('prefix', { path: { type: 'PathPrefix', value: '/foo/bar' } }), to('exact', { path: { type: 'Exact', value: '/foo/bar' } })])];
  assert.equal(served([gateway([httpListener()])], routes, 'x', { path: '/foo/bar' }), 'exact');
});

test('the PathPrefix match with the most characters takes precedence', () => {
  const routes = [httpRoute('r', [to('short', { path: { value: '/foo' } }), to('long', { path: { value: '/foo/bar' } })])];
  assert.equal(served([gateway([httpListener()])], routes, 'x', { path: '/foo/bar/baz' }), 'long');
});

test('at equal paths a method match takes precedence over header matches', () => {
  const routes = [
    httpRoute('r', [
      to('headers', {
        headers: [
          { name: 'a', value: '1' },
          { name: 'b', value: '2' },
        ],
      }),
      to('method', { method: 'GET' }),
    ]),
  ];
  assert.equal(served([gateway([httpListener()])], routes, 'x', { path: '/', method: 'GET', headers: { a: '1', b: '2' } }), 'method');
});

test('then the most header matches, then the most query parameter matches', () => {
  const routes = [
    httpRoute('r', [
      to('one-header', { headers: [{ name: 'a', value: '1' }] }),
      to('two-headers', {
        headers: [
          { name: 'a', value: '1' },
          { name: 'b', value: '2' },
        ],
      }),
      to('query', {
        headers: [
          { name: 'a', value: '1' },
          { name: 'b', value: '2' },
        ],
        queryParams: [{ name: 'q', value: 'x' }],
      }),
    ]),
  ];
  const gateways = [gateway([httpListener()])];
  assert.equal(served(gateways, routes, 'x', { path: '/', headers: { a: '1', b: '2' } }), 'two-headers');
  assert.equal(served(gateways, routes, 'x', { path: '/?q=x', headers: { a: '1', b: '2' } }), 'query');
});

test('between routes that tie, the oldest route takes precedence, then the first by namespace/name', () => {
  const gateways = [gateway([httpListener({ allowedRoutes: { namespaces: { from: 'All' } } })])];
  const older = httpRoute('zz', [to('older')], { created: '2026-01-01T00:00:00Z' });
  const newer = httpRoute('aa', [to('newer')], { created: '2026-01-02T00:00:00Z' });
  assert.equal(served(gateways, [newer, older], 'x', { path: '/' }), 'older');
  const foo = httpRoute('bar', [to('foo/bar')], { namespace: 'foo' });
  const baz = httpRoute('baz', [to('foo/baz')], { namespace: 'foo' });
  assert.equal(served(gateways, [baz, foo], 'x', { path: '/' }), 'foo/bar');
});

test('within one route, the first rule with a match meeting the criteria takes precedence', () => {
  const routes = [httpRoute('r', [to('first', { path: { value: '/a' } }), to('second', { path: { value: '/a' } })])];
  assert.equal(served([gateway([httpListener()])], routes, 'x', { path: '/a' }), 'first');
});

test('no attached match: the request gets a 404, no backend', () => {
  const routes = [httpRoute('r', [to('api', { path: { value: '/api' } })])];
  assert.equal(served([gateway([httpListener()])], routes, 'x', { path: '/web' }), undefined);
});

// grpcroute_types.go, GRPCRouteRule.Matches

function grpcRoute(name: string, rules: RouteRule<GRPCRouteMatch>[]): GRPCRoute {
  return { apiVersion: API, kind: 'GRPCRoute', metadata: { name, namespace: 'infra' }, spec: { parentRefs: [{ name: 'gw' }], rules } };
}

test('gRPC: the match with the longer service takes precedence, then the longer method; no match matches every call', () => {
  const routes = [
    grpcRoute('g', [
      { backendRefs: [{ name: 'any', port: 80 }] },
      { matches: [{ method: { service: 'foo.bar' } }], backendRefs: [{ name: 'service', port: 80 }] },
      { matches: [{ method: { service: 'foo.bar', method: 'Get' } }], backendRefs: [{ name: 'method', port: 80 }] },
    ]),
  ];
  const routing = gatewayRouting({ gateways: [gateway([httpListener()])], gatewayClasses: [gatewayClass], httpRoutes: [], grpcRoutes: routes });
  const call = (service: string, method: string) => routeGrpcRequest(routing, 'infra/gw', 'http', 'x', { service, method })?.backendRefs[0]?.name;
  assert.equal(call('foo.bar', 'Get'), 'method');
  assert.equal(call('foo.bar', 'List'), 'service');
  assert.equal(call('other.Svc', 'Get'), 'any');
});

test('HTTPRoutes and GRPCRoutes are not merged: an HTTP request never reaches a GRPCRoute', () => {
  const routing = gatewayRouting({
    gateways: [gateway([httpListener()])],
    gatewayClasses: [gatewayClass],
    httpRoutes: [],
    grpcRoutes: [grpcRoute('g', [{ backendRefs: [{ name: 'grpc', port: 80 }] }])],
  });
  assert.equal(routeHttpRequest(routing, 'infra/gw', 'http', 'x', { path: '/' }), undefined);
});

// shared_types.go ParentReference and the Accepted reasons; gateway_types.go AllowedRoutes

test('a parentRef whose sectionName or port names no Listener is not accepted: NoMatchingParent', () => {
  const gateways = [gateway([httpListener()])];
  assert.equal(acceptance(gateways, httpRoute('r', [to('a')], { parentRefs: [{ name: 'gw', sectionName: 'https' }] })), 'NoMatchingParent');
  assert.equal(acceptance(gateways, httpRoute('r', [to('a')], { parentRefs: [{ name: 'gw', sectionName: 'http', port: 443 }] })), 'NoMatchingParent');
  assert.equal(acceptance(gateways, httpRoute('r', [to('a')], { parentRefs: [{ name: 'gw', port: 80 }] })), 'Accepted');
});

test('a Listener admits routes of its own namespace only, by default: NotAllowedByListeners', () => {
  const route = httpRoute('r', [to('a')], { namespace: 'shop', parentRefs: [{ name: 'gw', namespace: 'infra' }] });
  assert.equal(acceptance([gateway([httpListener()])], route), 'NotAllowedByListeners');
  assert.equal(acceptance([gateway([httpListener({ allowedRoutes: { namespaces: { from: 'All' } } })])], route), 'Accepted');
});

test('from Selector admits routes of the namespaces whose labels the selector selects, the name label included', () => {
  const route = httpRoute('r', [to('a')], { namespace: 'shop', parentRefs: [{ name: 'gw', namespace: 'infra' }] });
  const byLabel = gateway([httpListener({ allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { shared: 'true' } } } } })]);
  const shop = { metadata: { name: 'shop', labels: { shared: 'true' } } };
  assert.equal(acceptance([byLabel], route, { namespaces: [shop] }), 'Accepted');
  assert.equal(acceptance([byLabel], route, { namespaces: [] }), 'NotAllowedByListeners');
  const byName = gateway([httpListener({ allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } } } })]);
  assert.equal(acceptance([byName], route), 'Accepted');
});

test('a Listener that admits only other kinds, or whose protocol carries none of HTTP, does not take an HTTPRoute', () => {
  const route = httpRoute('r', [to('a')]);
  assert.equal(acceptance([gateway([httpListener({ allowedRoutes: { kinds: [{ kind: 'GRPCRoute' }] } })])], route), 'NotAllowedByListeners');
  assert.equal(acceptance([gateway([{ name: 'http', port: 5432, protocol: 'TCP' }])], route), 'NotAllowedByListeners');
});

test('a route whose hostnames intersect no Listener hostname is not accepted: NoMatchingListenerHostname', () => {
  const route = httpRoute('r', [to('a')], { hostnames: ['shop.example.net'] });
  assert.equal(acceptance([gateway([httpListener({ hostname: '*.example.com' })])], route), 'NoMatchingListenerHostname');
});

test('a route accepted by one of two selected Listeners is attached, to that one only', () => {
  const gateways = [gateway([httpListener({ hostname: 'a.example.com' }), { name: 'other', port: 81, protocol: 'HTTP', hostname: 'b.example.com' }])];
  const routing = gatewayRouting(objects(gateways, [httpRoute('r', [to('a')], { hostnames: ['a.example.com'] })]));
  assert.deepEqual(
    routing.attached.map((match) => match.listener),
    ['http'],
  );
  assert.equal(routing.refused.length, 0);
});

test('a Gateway whose GatewayClass is not among the objects is not programmed: its routes stay Pending', () => {
  const routing = gatewayRouting({ ...objects([gateway([httpListener()])], [httpRoute('r', [to('a')])]), gatewayClasses: [] });
  assert.equal(routing.refused[0]?.reason, 'Pending');
  assert.match(routing.notes[0]!, /GatewayClass "example" is not among the objects/);
});

// httproute_types.go HTTPRouteRule.BackendRefs; referencegrant_types.go

function planned(routes: HTTPRoute[], grants: ReferenceGrant[] = []): ReturnType<typeof planGatewayRoutes> {
  const input: GatewayPlanInput = {
    ...objects([gateway([httpListener({ allowedRoutes: { namespaces: { from: 'All' } } })])], routes),
    referenceGrants: grants,
    services: [service('web', {}, 'shop')],
    pods: [pod('web-1', { namespace: 'shop' })],
  };
  return planGatewayRoutes(input);
}

const grant = (to: { group: string; kind: string; name?: string }): ReferenceGrant => ({
  apiVersion: 'gateway.networking.k8s.io/v1beta1',
  kind: 'ReferenceGrant',
  metadata: { name: 'allow-infra', namespace: 'shop' },
  spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'infra' }], to: [to] },
});

const crossNamespace = () => httpRoute('r', [{ backendRefs: [{ name: 'web', namespace: 'shop', port: 80 }] }]);

test('a backendRef into another namespace without a ReferenceGrant is refused: ResolvedRefs False, RefNotPermitted', () => {
  const [route] = planned([crossNamespace()]).routes;
  assert.equal(route?.resolvedRefs, 'RefNotPermitted');
  assert.deepEqual(route?.backends[0]?.endpoints, []);
});

test('a ReferenceGrant in the Service namespace from the route namespace and kind permits it', () => {
  const [route] = planned([crossNamespace()], [grant({ group: '', kind: 'Service' })]).routes;
  assert.equal(route?.resolvedRefs, 'ResolvedRefs');
  assert.deepEqual(
    route?.backends[0]?.endpoints.map((endpoint) => endpoint.pod),
    ['shop/web-1'],
  );
});

test('a ReferenceGrant that names another Service does not permit this one', () => {
  const [route] = planned([crossNamespace()], [grant({ group: '', kind: 'Service', name: 'api' })]).routes;
  assert.equal(route?.resolvedRefs, 'RefNotPermitted');
});

test('a backendRef to another kind is InvalidKind, to a missing Service BackendNotFound', () => {
  const other = httpRoute('r', [{ backendRefs: [{ group: 'example.com', kind: 'Bucket', name: 'b' }] }]);
  assert.equal(planned([other]).routes[0]?.resolvedRefs, 'InvalidKind');
  const missing = httpRoute('r', [{ backendRefs: [{ name: 'nothing', port: 80 }] }]);
  assert.equal(planned([missing]).routes[0]?.resolvedRefs, 'BackendNotFound');
});

test('weights default to 1 and are kept as written', () => {
  const route = httpRoute('r', [
    {
      backendRefs: [
        { name: 'web', namespace: 'shop', port: 80, weight: 90 },
        { name: 'web', namespace: 'shop', port: 80 },
      ],
    },
  ]);
  assert.deepEqual(
    planned([route], [grant({ group: '', kind: 'Service' })]).routes[0]?.backends.map((backend) => backend.weight),
    [90, 1],
  );
});
