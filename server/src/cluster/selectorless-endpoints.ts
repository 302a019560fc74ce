/**
 * Endpoints of a Service without selector: the controllers leave them to the user, who writes EndpointSlices
 * labelled `kubernetes.io/service-name` (or a core/v1 Endpoints of the Service's name, which the
 * EndpointSliceMirroring controller copies into slices). Unset conditions read as the API documents them:
 * ready unless said otherwise, serving as ready, not terminating.
 */
import type { Endpoints, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { namespaceOf } from './object-keys';
import type { PlannedEndpoint } from '../protocol/plan';

const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';

function fromSlices(slices: readonly EndpointSlice[]): PlannedEndpoint[] {
  return slices.flatMap((slice) =>
    slice.endpoints.flatMap((endpoint) => {
      const ip = endpoint.addresses[0];
      if (ip === undefined) return [];
      const ready = endpoint.conditions?.ready ?? true;
      const target = endpoint.targetRef;
      return [
        {
          pod: target?.kind === 'Pod' ? `${target.namespace || namespaceOf(slice)}/${target.name ?? ''}` : null,
          ip,
          node: endpoint.nodeName ?? null,
          ready,
          serving: endpoint.conditions?.serving ?? ready,
          terminating: endpoint.conditions?.terminating ?? false,
          ports: (slice.ports ?? []).map((port) => ({ name: port.name ?? '', port: port.port ?? 0, protocol: port.protocol ?? 'TCP' })),
        },
      ];
    }),
  );
}

function fromEndpoints(endpoints: Endpoints): PlannedEndpoint[] {
  return (endpoints.subsets ?? []).flatMap((subset) => {
    const ports = (subset.ports ?? []).map((port) => ({ name: port.name ?? '', port: port.port, protocol: port.protocol ?? 'TCP' }));
    const listed = [...(subset.addresses ?? []).map((address) => ({ address, ready: true })), ...(subset.notReadyAddresses ?? []).map((address) => ({ address, ready: false }))];
    return listed.map(({ address, ready }) => ({
      pod: address.targetRef?.kind === 'Pod' ? `${address.targetRef.namespace || namespaceOf(endpoints)}/${address.targetRef.name ?? ''}` : null,
      ip: address.ip,
      node: address.nodeName ?? null,
      ready,
      serving: ready,
      terminating: false,
      ports,
    }));
  });
}

/** The user's endpoints for a Service without selector: its EndpointSlices, else its Endpoints, else none. */
export function selectorlessEndpoints(service: Service, endpointSlices: readonly EndpointSlice[], endpoints: readonly Endpoints[]): PlannedEndpoint[] {
  const name = service.metadata?.name ?? '';
  const namespace = namespaceOf(service);
  const slices = endpointSlices.filter(
    (slice) =>
      namespaceOf(slice) === namespace && slice.metadata?.labels?.['kubernetes.io/service-name'] === name && slice.metadata?.labels?.[MANAGED_BY_LABEL] !== 'endpointslice-controller.k8s.io',
  );
  if (slices.length > 0) return fromSlices(slices);
  const written = endpoints.find((candidate) => candidate.metadata?.name === name && namespaceOf(candidate) === namespace);
  return written ? fromEndpoints(written) : [];
}
