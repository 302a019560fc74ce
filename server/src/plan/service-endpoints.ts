/**
 * Which of a Service's endpoints receive its traffic: the same in the terminal, on the plan page and in the editor's
 * lenses. The EndpointSlice controller keeps a selected pod for which none of the Service's ports resolves (a named
 * targetPort that its containers do not declare: FindPort fails) in a slice with no ports
 * (staging/src/k8s.io/endpointslice reconciler.go and utils.go getEndpointPorts); kube-proxy sends such an endpoint
 * nothing, so it is no endpoint of any of the Service's ports.
 */
import type { PlannedEndpoint, PlannedService } from '../protocol/plan';

export function receivingEndpoints(service: PlannedService): PlannedEndpoint[] {
  // A Service without ports has no port to resolve; its endpoints still serve DNS.
  if (service.ports.length === 0) return service.endpoints;
  return service.endpoints.filter((endpoint) => endpoint.ports.length > 0);
}

/** Why a Service that selects pods has no endpoint: none of its target ports resolves for them; else undefined. */
export function unresolvedTargetPorts(service: PlannedService): string | undefined {
  const selected = service.endpoints.length;
  if (selected === 0 || receivingEndpoints(service).length > 0) return undefined;
  const targets = [...new Set(service.ports.map((port) => String(port.targetPort)))].join(', ');
  return `targetPort ${targets} resolves for none of the ${selected} selected ${selected === 1 ? 'pod' : 'pods'}`;
}
