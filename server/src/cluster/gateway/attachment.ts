/**
 * Whether a Route attaches to a Gateway through one of its parentRefs, and on which Listeners (apis/v1
 * shared_types.go ParentReference and the RouteConditionAccepted reasons; gateway_types.go Listener.AllowedRoutes):
 *
 * 1. The Listeners the parentRef selects: all, or those named `sectionName` and listening on `port` when given.
 *    None: NoMatchingParent.
 * 2. Of those, the Listeners whose allowedRoutes admit the Route: its namespace (`from` Same, the default; All;
 *    Selector over the namespace's labels; None) and its kind (`kinds`, or when empty the kinds of the Listener's
 *    protocol). None: NotAllowedByListeners.
 * 3. Of those, the Listeners whose hostname intersects the Route's hostnames (hostnames.ts). None:
 *    NoMatchingListenerHostname.
 *
 * Attachment to a Gateway in another namespace needs no ReferenceGrant: allowedRoutes is the Gateway owner's consent.
 */
import { compileLabelSelector, type Labels } from '../../kube/label-selectors';
import { GATEWAY_API_GROUP, type Gateway, type Listener, type ParentReference } from './gateway-api-types';
import { intersectHostnames } from './hostnames';

export type RouteKind = 'HTTPRoute' | 'GRPCRoute';

/**
 * The Route kinds a Listener admits when allowedRoutes.kinds is empty, by protocol. Gateway API leaves this to
 * the protocol (AllowedRoutes.Kinds); HTTP and HTTPS carry both HTTPRoute and GRPCRoute (the GRPCRoute conformance
 * tests attach to plain HTTP Listeners), TLS, TCP and UDP carry the Route kinds the plan does not resolve.
 */
const KINDS_OF_PROTOCOL: Readonly<Record<string, readonly RouteKind[]>> = { HTTP: ['HTTPRoute', 'GRPCRoute'], HTTPS: ['HTTPRoute', 'GRPCRoute'] };

export interface ListenerAttachment {
  listener: string;
  /** The hostnames the Route serves on this Listener; empty: every host. */
  hostnames: string[];
}

export type Attachment = { accepted: true; listeners: ListenerAttachment[] } | { accepted: false; reason: 'NoMatchingParent' | 'NotAllowedByListeners' | 'NoMatchingListenerHostname' };

export interface AttachingRoute {
  kind: RouteKind;
  namespace: string;
  hostnames: readonly string[];
}

/** Whether the parentRef names a Gateway (its group and kind default to the Gateway API's Gateway). */
export function refersToGateway(parentRef: ParentReference): boolean {
  return (parentRef.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP && (parentRef.kind ?? 'Gateway') === 'Gateway';
}

export function attach(route: AttachingRoute, parentRef: ParentReference, gateway: Gateway, gatewayNamespace: string, namespaceLabels: (namespace: string) => Labels): Attachment {
  const selected = (gateway.spec?.listeners ?? []).filter(
    (listener) => (parentRef.sectionName === undefined || listener.name === parentRef.sectionName) && (parentRef.port === undefined || listener.port === parentRef.port),
  );
  if (selected.length === 0) return { accepted: false, reason: 'NoMatchingParent' };
  const allowed = selected.filter((listener) => admitsNamespace(listener, route.namespace, gatewayNamespace, namespaceLabels) && admitsKind(listener, route.kind));
  if (allowed.length === 0) return { accepted: false, reason: 'NotAllowedByListeners' };
  const listeners: ListenerAttachment[] = [];
  for (const listener of allowed) {
    const hostnames = intersectHostnames(listener.hostname, route.hostnames);
    if (hostnames) listeners.push({ listener: listener.name ?? '', hostnames });
  }
  if (listeners.length === 0) return { accepted: false, reason: 'NoMatchingListenerHostname' };
  return { accepted: true, listeners };
}

function admitsNamespace(listener: Listener, routeNamespace: string, gatewayNamespace: string, namespaceLabels: (namespace: string) => Labels): boolean {
  const namespaces = listener.allowedRoutes?.namespaces;
  switch (namespaces?.from ?? 'Same') {
    case 'All':
      return true;
    case 'Same':
      return routeNamespace === gatewayNamespace;
    case 'Selector':
      return compileLabelSelector(namespaces?.selector)(namespaceLabels(routeNamespace));
    default:
      return false;
  }
}

function admitsKind(listener: Listener, kind: RouteKind): boolean {
  const kinds = listener.allowedRoutes?.kinds ?? [];
  if (kinds.length === 0) return (KINDS_OF_PROTOCOL[listener.protocol ?? ''] ?? []).includes(kind);
  return kinds.some((allowed) => (allowed.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP && allowed.kind === kind);
}
