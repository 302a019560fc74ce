/**
 * `kubeplan plan` over Gateway API objects: a Gateway with a wildcard HTTP Listener open to all namespaces and a
 * second Listener open to its own namespace only, an HTTPRoute splitting traffic by weight, one that the second
 * Listener refuses, and one that refers to a Service in another namespace without a ReferenceGrant. The expected
 * order and reasons are worked from kubernetes-sigs/gateway-api apis/v1 httproute_types.go (HTTPRouteRule.Matches:
 * Exact before PathPrefix, the longer prefix first, then method and headers), shared_types.go (NotAllowedByListeners,
 * RefNotPermitted) and gateway_types.go (AllowedRoutes: namespaces From Same by default).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli } from '../helpers/run-cli';
import { fixturesDir } from '../helpers/repo-paths';

const gatewayFixture = path.join(fixturesDir, 'plan', 'gateway.yaml');
const NOW = ['--now', '2026-03-01T10:07:00Z'];

interface JsonGatewayRoute {
  gateway: string;
  listener: string | null;
  route: string;
  hostnames: string[];
  match: { path?: { type: string; value: string } } | null;
  backends: { service: string; weight: number; endpoints: unknown[] }[];
  accepted: boolean;
  reason: string;
  resolvedRefs: string | null;
}

function gatewayRoutes(): JsonGatewayRoute[] {
  const run = runCli(['plan', '--output', 'json', ...NOW, gatewayFixture]);
  assert.equal(run.status, 0, run.stderr);
  return (JSON.parse(run.stdout) as { gatewayRoutes: JsonGatewayRoute[] }).gatewayRoutes;
}

test('the routes of a Listener are listed in the order of precedence, each backend with its weight and endpoints', () => {
  const shop = gatewayRoutes().filter((route) => route.route === 'HTTPRoute/shop/shop');
  // shop.example.net is not under the Listener's *.example.com, so only shop.example.com is served.
  assert.deepEqual(
    shop.map((route) => [route.listener, route.hostnames, route.match?.path?.type, route.match?.path?.value]),
    [
      ['http', ['shop.example.com'], 'Exact', '/healthz'],
      ['http', ['shop.example.com'], 'PathPrefix', '/api'],
      ['http', ['shop.example.com'], 'PathPrefix', '/'],
    ],
  );
  assert.deepEqual(
    shop[2]!.backends.map((backend) => [backend.service, backend.weight, backend.endpoints.length]),
    [
      ['web', 90, 2],
      ['web-canary', 10, 2],
    ],
  );
});

test('a route of another namespace on a Listener that admits its own namespace only is not accepted', () => {
  const stray = gatewayRoutes().find((route) => route.route === 'HTTPRoute/shop/stray');
  assert.deepEqual([stray?.accepted, stray?.reason, stray?.listener], [false, 'NotAllowedByListeners', null]);
});

test('a backendRef into another namespace without a ReferenceGrant leaves the route ResolvedRefs False, RefNotPermitted', () => {
  const reports = gatewayRoutes().filter((route) => route.route === 'HTTPRoute/infra/reports');
  assert.deepEqual(
    reports.map((route) => [route.listener, route.resolvedRefs, route.backends[0]?.endpoints.length]),
    [
      ['http', 'RefNotPermitted', 0],
      ['internal', 'RefNotPermitted', 0],
    ],
  );
});

test('the text plan has a Gateway routes table and says which controller it assumes', () => {
  const run = runCli(['plan', ...NOW, gatewayFixture]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /note: GatewayClass "example": its controller \(example\.com\/gateway-controller\) is assumed to accept infra\/edge/);
  assert.match(run.stdout, /\nGateway routes\n {2}GATEWAY\/LISTENER +HOSTNAMES +MATCH +ROUTE +BACKEND +ENDPOINTS\n/);
  assert.match(run.stdout, /infra\/edge\/http +shop\.example\.com +PathPrefix \/api POST header:x-version=v2 +HTTPRoute\/shop\/shop +shop\/web:80 /);
  assert.match(run.stdout, /infra\/edge +- +not accepted: NotAllowedByListeners +HTTPRoute\/shop\/stray/);
});
