/**
 * What the EndpointSlice controller asks of a pod: whether the Service selects it, whether it
 * belongs in endpoints at all (endpointslice/util/controller_utils.go ShouldPodBeInEndpoints), whether it is
 * Ready, which container port a Service port reaches on it (pkg/api/v1/pod/util.go FindPort), and its hostname.
 */
import type { ObjectReference, Pod, Service, ServicePort } from 'kubernetes-types/core/v1';
import { compileSetSelector } from '../../kube/label-selectors';
import { namespaceOf } from '../object-keys';

/** The pods of the Service's namespace whose labels hold every entry of its selector. */
export function selectedPods(service: Service, pods: readonly Pod[]): Pod[] {
  const selects = compileSetSelector(service.spec?.selector ?? {});
  return pods.filter((pod) => namespaceOf(pod) === namespaceOf(service) && selects(pod.metadata?.labels ?? {}));
}

/** The pod's IPv4 address (the first of `status.podIPs`, or `status.podIP`). */
export function podIpOf(pod: Pod): string | undefined {
  return pod.status?.podIP || pod.status?.podIPs?.[0]?.ip || undefined;
}

/** Terminal pods (Succeeded, Failed) and pods without an IP never; terminating pods only when asked for. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (podIpOf(pod) === undefined) return false;
  return includeTerminating || !pod.metadata?.deletionTimestamp;
}

export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') ?? false;
}

/**
 * The port a Service port reaches on the pod: a numeric targetPort as written; a named one is the first
 * container port of that name and of the Service port's protocol, in the containers, then in the sidecars
 * (init containers with `restartPolicy: Always`). Undefined when the pod declares no such port — the pod then
 * gets nothing for this Service port.
 */
export function findPort(pod: Pod, servicePort: ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  const protocol = servicePort.protocol ?? 'TCP';
  const sidecars = (pod.spec?.initContainers ?? []).filter((container) => container.restartPolicy === 'Always');
  for (const container of [...(pod.spec?.containers ?? []), ...sidecars]) {
    const port = container.ports?.find((candidate) => candidate.name === target && (candidate.protocol ?? 'TCP') === protocol);
    if (port) return port.containerPort;
  }
  return undefined;
}

/** `spec.hostname`, published only when the pod's subdomain names this Service (endpointslice/util ShouldSetHostname). */
export function hostnameFor(pod: Pod, service: Service): string | undefined {
  const hostname = pod.spec?.hostname;
  if (!hostname || pod.spec?.subdomain !== service.metadata?.name || namespaceOf(pod) !== namespaceOf(service)) return undefined;
  return hostname;
}

/**
 * Whether the Service has a selector. `selector: {}` counts as none: the API server stores objects as protobuf,
 * where an empty map reads back as nil, and the controllers skip a nil selector.
 */
export function hasSelector(service: Service): boolean {
  return Object.keys(service.spec?.selector ?? {}).length > 0;
}

/** Services whose endpoints the controllers manage: those with a selector, except ExternalName. */
export function managesEndpoints(service: Service): boolean {
  return hasSelector(service) && service.spec?.type !== 'ExternalName';
}

/** Addresses in numeric order (callers then order by pod name where IPs tie); anything but IPv4 as text. */
export function compareIpv4(a: string, b: string): number {
  // Sorting thousands of endpoints calls this often: the addresses are read as numbers without building strings.
  const left = ipv4Number(a);
  const right = ipv4Number(b);
  if (left !== undefined && right !== undefined) return left - right;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A dotted-quad IPv4 address as its 32-bit value; undefined for anything else. */
function ipv4Number(ip: string): number | undefined {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < ip.length; i++) {
    const code = ip.charCodeAt(i);
    if (code === 46) {
      if (digits === 0 || octet > 255) return undefined;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (code >= 48 && code <= 57) {
      octet = octet * 10 + (code - 48);
      digits++;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0 || octet > 255) return undefined;
  return value * 256 + octet;
}

/** The `targetRef` an endpoint carries for its pod. */
export function podReference(pod: Pod): ObjectReference {
  return { kind: 'Pod', namespace: namespaceOf(pod), name: pod.metadata?.name ?? '', ...(pod.metadata?.uid ? { uid: pod.metadata.uid } : {}) };
}
