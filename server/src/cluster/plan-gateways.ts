/**
 * The `gatewayRoutes` part of a plan: every Gateway API route on every Gateway (gateway-routing.ts), one entry per
 * Listener and match in the order of precedence, each with its backendRefs resolved to Services, their ports and
 * the endpoints behind them (gateway/backends.ts); a parentRef that did not attach the route is one entry with
 * the reason of its Accepted condition.
 */
import type { Namespace } from 'kubernetes-types/core/v1';
import type { PlannedGatewayMatch, PlannedGatewayRoute } from '../protocol/plan';
import type { ObjectStore } from './store';
import type { NetworkingObjects } from './plan-services';
import { gatewayRouting, type AttachedMatch, type GatewayObjects } from './gateway-routing';
import { resolveBackendRef, type BackendInput, type ResolvedRefsReason } from './gateway/backends';
import { isGatewayApiObject, type Gateway, type GatewayClass, type GRPCRoute, type HTTPRoute, type ReferenceGrant } from './gateway/gateway-api-types';

export interface GatewayPlanInput extends GatewayObjects, BackendInput {}

/** The Gateway API objects in the store (an Istio `Gateway`, of another API group, is not one). */
export function gatewayObjects(store: ObjectStore): Omit<GatewayPlanInput, keyof NetworkingObjects> {
  const ofGroup = <T extends { apiVersion?: string }>(kind: string) => store.list<T>(kind).filter(isGatewayApiObject);
  return {
    gateways: ofGroup<Gateway>('Gateway'),
    gatewayClasses: ofGroup<GatewayClass>('GatewayClass'),
    httpRoutes: ofGroup<HTTPRoute>('HTTPRoute'),
    grpcRoutes: ofGroup<GRPCRoute>('GRPCRoute'),
    referenceGrants: ofGroup<ReferenceGrant>('ReferenceGrant'),
    namespaces: store.list<Namespace>('Namespace'),
  };
}

export function planGatewayRoutes(input: GatewayPlanInput): { routes: PlannedGatewayRoute[]; notes: string[] } {
  const routing = gatewayRouting(input);
  const notes = [...routing.notes];
  // The ResolvedRefs condition is the route's, over all its rules: resolved once per route and rule.
  const resolvedRefs = new Map<string, ResolvedRefsReason>();
  const rules = new Map<string, PlannedGatewayRoute['backends']>();
  const routeOf = (match: AttachedMatch) => `${match.kind}/${match.route}`;
  for (const match of routing.attached) {
    const ruleKey = `${routeOf(match)}#${match.rule}`;
    if (rules.has(ruleKey)) continue;
    const resolved = match.backendRefs.map((ref) => resolveBackendRef(ref, { kind: match.kind, namespace: match.namespace }, input));
    rules.set(
      ruleKey,
      resolved.map((backend) => backend.backend),
    );
    const failure = resolved.find((backend) => backend.reason !== 'ResolvedRefs');
    if (failure && !resolvedRefs.has(routeOf(match))) resolvedRefs.set(routeOf(match), failure.reason);
  }
  const routes: PlannedGatewayRoute[] = routing.attached.map((match) => ({
    gateway: match.gateway,
    listener: match.listener,
    route: routeOf(match),
    rule: match.rule,
    hostnames: match.hostnames,
    match: plannedMatch(match),
    backends: rules.get(`${routeOf(match)}#${match.rule}`)!,
    accepted: true,
    reason: 'Accepted',
    resolvedRefs: resolvedRefs.get(routeOf(match)) ?? 'ResolvedRefs',
  }));
  for (const parent of routing.refused) {
    routes.push({
      gateway: parent.gateway,
      listener: null,
      route: `${parent.kind}/${parent.route}`,
      rule: null,
      hostnames: [],
      match: null,
      backends: [],
      accepted: false,
      reason: parent.reason,
      resolvedRefs: null,
    });
  }
  const regularExpressions = new Set(routing.attached.filter(usesRegularExpression).map(routeOf));
  for (const route of regularExpressions) {
    notes.push(
      `${route}: RegularExpression matches are implementation-specific (dialect and precedence); the plan reads them as JavaScript regular expressions over the whole value, after every Exact and PathPrefix match`,
    );
  }
  return { routes, notes };
}

function plannedMatch(match: AttachedMatch): PlannedGatewayMatch {
  if (match.http) return { path: match.http.path, method: match.http.method, headers: match.http.headers, queryParams: match.http.queryParams };
  const grpc = match.grpc!;
  return { service: grpc.service, grpcMethod: grpc.method, headers: grpc.headers };
}

function usesRegularExpression(match: AttachedMatch): boolean {
  const values = match.http ? [match.http.path, ...match.http.headers, ...match.http.queryParams] : [match.grpc!, ...match.grpc!.headers];
  return values.some((value) => value.type === 'RegularExpression');
}
