/**
 * The Gateway API objects the plan reads (kubernetes-sigs/gateway-api apis/v1: gateway_types.go,
 * gatewayclass_types.go, httproute_types.go, grpcroute_types.go, shared_types.go, referencegrant_types.go), as
 * decoded from manifests: every field optional, since these kinds are custom resources whose CRDs the API server
 * validates, not kubeplan.
 */
import type { LabelSelector, ObjectMeta } from 'kubernetes-types/meta/v1';

/** The API group of every Gateway API kind. */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/** Whether an object's apiVersion is of the Gateway API group (any version: v1, v1beta1, v1alpha2). */
export function isGatewayApiObject(object: { apiVersion?: string }): boolean {
  return (object.apiVersion ?? '').startsWith(`${GATEWAY_API_GROUP}/`);
}

interface GatewayApiObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

export interface GatewayClass extends GatewayApiObject {
  spec?: { controllerName?: string };
}

export interface RouteGroupKind {
  group?: string;
  kind?: string;
}

export interface Listener {
  name?: string;
  hostname?: string;
  port?: number;
  protocol?: string;
  allowedRoutes?: {
    namespaces?: { from?: string; selector?: LabelSelector };
    kinds?: RouteGroupKind[];
  };
}

export interface Gateway extends GatewayApiObject {
  spec?: { gatewayClassName?: string; listeners?: Listener[] };
}

export interface ParentReference {
  group?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  sectionName?: string;
  port?: number;
}

export interface BackendRef {
  group?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  port?: number;
  weight?: number;
}

export interface HeaderMatch {
  type?: string;
  name?: string;
  value?: string;
}

export interface HTTPRouteMatch {
  path?: { type?: string; value?: string };
  headers?: HeaderMatch[];
  queryParams?: HeaderMatch[];
  method?: string;
}

export interface GRPCRouteMatch {
  method?: { type?: string; service?: string; method?: string };
  headers?: HeaderMatch[];
}

export interface RouteRule<Match> {
  name?: string;
  matches?: Match[];
  backendRefs?: BackendRef[];
}

export interface Route<Match> extends GatewayApiObject {
  spec?: { parentRefs?: ParentReference[]; hostnames?: string[]; rules?: RouteRule<Match>[] };
}

export type HTTPRoute = Route<HTTPRouteMatch>;
export type GRPCRoute = Route<GRPCRouteMatch>;

export interface ReferenceGrant extends GatewayApiObject {
  spec?: {
    from?: { group?: string; kind?: string; namespace?: string }[];
    to?: { group?: string; kind?: string; name?: string }[];
  };
}
