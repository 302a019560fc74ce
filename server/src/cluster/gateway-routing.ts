/**
 * How a Gateway API implementation routes by Gateways, HTTPRoutes and GRPCRoutes (kubernetes-sigs/gateway-api
 * apis/v1): each route's parentRefs attach it to Listeners of Gateways (gateway/attachment.ts), where it serves
 * the hostnames both allow (gateway/hostnames.ts) with its rules' matches (gateway/matches.ts). A request to a
 * Listener goes to the one match that takes precedence among all the routes attached there:
 *
 * - the route whose matching hostname has the most characters, non-wildcard first (HTTPRouteSpec.Hostnames;
 *   GRPCRouteRule.Matches);
 * - the most specific match as the route kind defines it (HTTPRouteRule.Matches, GRPCRouteRule.Matches);
 * - the oldest route by creationTimestamp, then the first by `namespace/name` (Listener.AllowedRoutes);
 * - within a route, the first rule, and within it the first match.
 *
 * HTTPRoutes and GRPCRoutes are never merged: each kind is routed among its own.
 *
 * A Gateway is served only when its GatewayClass is among the objects: its controller is then assumed to accept
 * the Gateway and program every Listener. Without the class, no controller reconciles the Gateway, and its routes
 * stay Pending.
 */
import type { Namespace } from 'kubernetes-types/core/v1';
import type { Labels } from '../kube/label-selectors';
import { byNamespaceAndName, namespaceOf, objectKey } from './object-keys';
import { attach, refersToGateway, type RouteKind } from './gateway/attachment';
import type { BackendRef, Gateway, GatewayClass, GRPCRoute, HTTPRoute, Route, RouteRule } from './gateway/gateway-api-types';
import { hostnameSpecificity } from './gateway/hostnames';
import {
  compareGrpcMatches,
  compareHttpMatches,
  grpcMatches,
  grpcMatchMatches,
  httpMatches,
  httpMatchMatches,
  type GrpcMatch,
  type GrpcRequest,
  type HttpMatch,
  type HttpRequest,
} from './gateway/matches';

export interface GatewayObjects {
  gateways: readonly Gateway[];
  gatewayClasses: readonly GatewayClass[];
  httpRoutes: readonly HTTPRoute[];
  grpcRoutes: readonly GRPCRoute[];
  /** For Listeners that admit routes by a namespace selector. */
  namespaces?: readonly Namespace[];
}

/** One match of one rule of a route, attached to one Listener. */
export interface AttachedMatch {
  /** `namespace/name` of the Gateway. */
  gateway: string;
  listener: string;
  kind: RouteKind;
  /** `namespace/name` of the route. */
  route: string;
  namespace: string;
  created: string;
  rule: number;
  /** Position of the match within the rule. */
  index: number;
  /** The hostnames the route serves on the Listener; empty: every host. */
  hostnames: string[];
  http?: HttpMatch;
  grpc?: GrpcMatch;
  backendRefs: readonly BackendRef[];
}

/** A parentRef to a Gateway that did not attach the route. */
export interface RefusedParent {
  gateway: string;
  kind: RouteKind;
  route: string;
  namespace: string;
  reason: 'NoMatchingParent' | 'NotAllowedByListeners' | 'NoMatchingListenerHostname' | 'Pending';
}

export interface GatewayRouting {
  /** By Gateway (namespace/name order), Listener (as written), kind (HTTPRoute first), then precedence. */
  attached: AttachedMatch[];
  refused: RefusedParent[];
  notes: string[];
}

/** The API server labels every namespace with its name (NamespaceDefaultLabelName), so selectors can name it. */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export function gatewayRouting(objects: GatewayObjects): GatewayRouting {
  const gateways = new Map(objects.gateways.map((gateway) => [objectKey(gateway), gateway]));
  const classes = new Map(objects.gatewayClasses.map((gatewayClass) => [gatewayClass.metadata?.name ?? '', gatewayClass]));
  const namespaceLabels = new Map((objects.namespaces ?? []).map((namespace) => [namespace.metadata?.name ?? '', namespace.metadata?.labels ?? {}]));
  const labelsOf = (namespace: string): Labels => ({ ...namespaceLabels.get(namespace), [NAMESPACE_NAME_LABEL]: namespace });
  const notes = gatewayClassNotes(objects.gateways, classes);
  const attached: AttachedMatch[] = [];
  const refused: RefusedParent[] = [];
  const routes = [
    ...byNamespaceAndName(objects.httpRoutes).map((route) => ({ route: route as Route<unknown>, kind: 'HTTPRoute' as const })),
    ...byNamespaceAndName(objects.grpcRoutes).map((route) => ({ route: route as Route<unknown>, kind: 'GRPCRoute' as const })),
  ];
  for (const { route, kind } of routes) {
    const namespace = namespaceOf(route);
    const key = objectKey(route);
    const hostnames = route.spec?.hostnames ?? [];
    for (const parentRef of route.spec?.parentRefs ?? []) {
      if (!refersToGateway(parentRef)) {
        notes.push(`${kind} ${key}: its parent ${parentRef.kind ?? ''} "${parentRef.name ?? ''}" is not a Gateway (a service mesh's route); the plan does not model it`);
        continue;
      }
      const gatewayKey = `${parentRef.namespace ?? namespace}/${parentRef.name ?? ''}`;
      const gateway = gateways.get(gatewayKey);
      if (!gateway) {
        notes.push(`${kind} ${key}: its parent Gateway ${gatewayKey} is not among the objects, so no controller attaches the route`);
        refused.push({ gateway: gatewayKey, kind, route: key, namespace, reason: 'Pending' });
        continue;
      }
      if (!classes.has(gateway.spec?.gatewayClassName ?? '')) {
        refused.push({ gateway: gatewayKey, kind, route: key, namespace, reason: 'Pending' });
        continue;
      }
      const attachment = attach({ kind, namespace, hostnames }, parentRef, gateway, namespaceOf(gateway), labelsOf);
      if (!attachment.accepted) {
        refused.push({ gateway: gatewayKey, kind, route: key, namespace, reason: attachment.reason });
        continue;
      }
      for (const listener of attachment.listeners) {
        rulesOf(route, kind).forEach((rule, ruleIndex) => {
          const common = {
            gateway: gatewayKey,
            listener: listener.listener,
            kind,
            route: key,
            namespace,
            created: route.metadata?.creationTimestamp ?? '',
            rule: ruleIndex,
            hostnames: listener.hostnames,
            backendRefs: rule.backendRefs ?? [],
          };
          const written = (rule as { matches?: [] }).matches;
          const matches = kind === 'HTTPRoute' ? httpMatches(written).map((http) => ({ http })) : grpcMatches(written).map((grpc) => ({ grpc }));
          matches.forEach((match, index) => attached.push({ ...common, index, ...match }));
        });
      }
    }
  }
  const listenerOrder = listenerPositions(objects.gateways);
  const kindRank = (match: AttachedMatch) => (match.kind === 'HTTPRoute' ? 0 : 1);
  attached.sort(
    (a, b) =>
      compareText(a.gateway, b.gateway) ||
      listenerOrder.get(`${a.gateway}/${a.listener}`)! - listenerOrder.get(`${b.gateway}/${b.listener}`)! ||
      kindRank(a) - kindRank(b) ||
      compareHostnames(a.hostnames, b.hostnames) ||
      comparePrecedence(a, b),
  );
  return { attached, refused, notes };
}

/** An HTTPRoute written without rules has one, matching every request (the CRD's default for `rules`). */
function rulesOf(route: Route<unknown>, kind: RouteKind): readonly RouteRule<unknown>[] {
  return route.spec?.rules ?? (kind === 'HTTPRoute' ? [{}] : []);
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function listenerPositions(gateways: readonly Gateway[]): Map<string, number> {
  const positions = new Map<string, number>();
  for (const gateway of gateways) (gateway.spec?.listeners ?? []).forEach((listener, index) => positions.set(`${objectKey(gateway)}/${listener.name ?? ''}`, index));
  return positions;
}

/** For listing without a request: routes with the most specific hostname first, as a request for it would find them. */
function compareHostnames(a: readonly string[], b: readonly string[]): number {
  const best = (hostnames: readonly string[]) =>
    hostnames.reduce(
      (top, hostname) => {
        const exact = hostname.startsWith('*.') ? 0 : hostname.length;
        return exact > top.exact || (exact === top.exact && hostname.length > top.any) ? { exact, any: hostname.length } : top;
      },
      { exact: 0, any: 0 },
    );
  const [x, y] = [best(a), best(b)];
  return y.exact - x.exact || y.any - x.any || compareText(a.join(','), b.join(','));
}

/** Match specificity, then the oldest route, then `namespace/name`, then rule and match order. */
function comparePrecedence(a: AttachedMatch, b: AttachedMatch): number {
  const bySpecificity = a.http && b.http ? compareHttpMatches(a.http, b.http) : a.grpc && b.grpc ? compareGrpcMatches(a.grpc, b.grpc) : 0;
  return bySpecificity || compareText(a.created, b.created) || compareText(a.route, b.route) || a.rule - b.rule || a.index - b.index;
}

function gatewayClassNotes(gateways: readonly Gateway[], classes: ReadonlyMap<string, GatewayClass>): string[] {
  const notes: string[] = [];
  const served = new Map<string, string[]>();
  for (const gateway of byNamespaceAndName(gateways)) {
    const className = gateway.spec?.gatewayClassName ?? '';
    if (classes.has(className)) served.set(className, [...(served.get(className) ?? []), objectKey(gateway)]);
    else notes.push(`Gateway ${objectKey(gateway)}: its GatewayClass "${className}" is not among the objects, so no controller programs it; its routes are shown Pending and carry no traffic`);
  }
  for (const [className, keys] of served) {
    const controller = classes.get(className)?.spec?.controllerName ?? '';
    notes.push(
      `GatewayClass "${className}": its controller (${controller}) is assumed to accept ${keys.join(', ')} and program every listener; what is left to the implementation (regular-expression dialect, filters, listener conflicts, addresses) is not modelled`,
    );
  }
  return notes;
}

/** The match that serves an HTTP request for `host` on a Gateway's Listener, or undefined (a 404). */
export function routeHttpRequest(routing: GatewayRouting, gateway: string, listener: string, host: string, request: HttpRequest): AttachedMatch | undefined {
  return winner(routing, gateway, listener, host, (match) => match.http !== undefined && httpMatchMatches(match.http, request));
}

/** The match that serves a gRPC request for `host` on a Gateway's Listener, or undefined. */
export function routeGrpcRequest(routing: GatewayRouting, gateway: string, listener: string, host: string, request: GrpcRequest): AttachedMatch | undefined {
  return winner(routing, gateway, listener, host, (match) => match.grpc !== undefined && grpcMatchMatches(match.grpc, request));
}

function winner(routing: GatewayRouting, gateway: string, listener: string, host: string, matches: (match: AttachedMatch) => boolean): AttachedMatch | undefined {
  // Hostnames match without the port and in any case (HTTPRouteSpec.Hostnames).
  const requestHost = host.replace(/:\d*$/, '').toLowerCase();
  let best: { match: AttachedMatch; exact: number; any: number } | undefined;
  for (const match of routing.attached) {
    if (match.gateway !== gateway || match.listener !== listener || !matches(match)) continue;
    const specificity = hostnameSpecificity(match.hostnames, requestHost);
    if (!specificity) continue;
    const order = best ? best.exact - specificity.exact || best.any - specificity.any || comparePrecedence(match, best.match) : -1;
    if (order < 0) best = { match, ...specificity };
  }
  return best?.match;
}
