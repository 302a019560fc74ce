/**
 * A route rule's backendRefs (apis/v1 httproute_types.go HTTPRouteRule.BackendRefs, shared_types.go
 * BackendObjectReference): a Service (group `""`, kind `Service`, the defaults) by name and port, in the route's
 * namespace unless `namespace` says otherwise, with `weight` (default 1) its share of the rule's traffic.
 * A reference into another namespace holds only where a ReferenceGrant in that namespace allows it
 * (referencegrant_types.go); otherwise the route's ResolvedRefs condition is False with RefNotPermitted. Other
 * kinds are InvalidKind, a Service that does not exist BackendNotFound.
 */
import { serviceBackend, type NetworkingObjects } from '../plan-services';
import { namespaceOf } from '../object-keys';
import type { PlannedGatewayBackend } from '../../protocol/plan';
import { GATEWAY_API_GROUP, type BackendRef, type ReferenceGrant } from './gateway-api-types';

export type ResolvedRefsReason = 'ResolvedRefs' | 'RefNotPermitted' | 'InvalidKind' | 'BackendNotFound';

export interface ResolvedBackend {
  backend: PlannedGatewayBackend;
  reason: ResolvedRefsReason;
}

export interface BackendInput extends NetworkingObjects {
  referenceGrants: readonly ReferenceGrant[];
}

/** The referring route, for ReferenceGrant's `from`. */
export interface Referrer {
  kind: string;
  namespace: string;
}

/** Whether a ReferenceGrant in `namespace` lets `from` refer to the Service `name` there. */
export function referenceGranted(grants: readonly ReferenceGrant[], from: Referrer, namespace: string, name: string): boolean {
  return grants.some(
    (grant) =>
      namespaceOf(grant) === namespace &&
      (grant.spec?.from ?? []).some((entry) => (entry.group ?? '') === GATEWAY_API_GROUP && entry.kind === from.kind && entry.namespace === from.namespace) &&
      (grant.spec?.to ?? []).some((entry) => (entry.group ?? '') === '' && entry.kind === 'Service' && (!entry.name || entry.name === name)),
  );
}

export function resolveBackendRef(ref: BackendRef, from: Referrer, input: BackendInput): ResolvedBackend {
  const namespace = ref.namespace ?? from.namespace;
  const name = ref.name ?? '';
  const weight = ref.weight ?? 1;
  const unresolved = (reason: ResolvedRefsReason, problem: string): ResolvedBackend => ({
    backend: { service: name, namespace, port: ref.port ?? null, weight, endpoints: [], problem },
    reason,
  });
  const group = ref.group ?? '';
  const kind = ref.kind ?? 'Service';
  if (group !== '' || kind !== 'Service') return unresolved('InvalidKind', `${group ? `${group}/` : ''}${kind} "${name}" is not a Service: the plan does not follow it`);
  if (namespace !== from.namespace && !referenceGranted(input.referenceGrants, from, namespace, name)) {
    return unresolved('RefNotPermitted', `no ReferenceGrant in namespace "${namespace}" allows ${from.kind}s of namespace "${from.namespace}" to refer to Service "${name}"`);
  }
  if (ref.port === undefined) return unresolved('BackendNotFound', `a backendRef to a Service needs a port`);
  const resolved = serviceBackend(name, namespace, { number: ref.port }, input);
  const found = input.services.some((service) => service.metadata?.name === name && namespaceOf(service) === namespace);
  return { backend: { ...resolved, namespace, weight }, reason: found ? 'ResolvedRefs' : 'BackendNotFound' };
}
