/**
 * Which ports a rule admits (NetworkPolicyPort, staging/src/k8s.io/api/networking/v1/types.go): a rule without
 * ports admits every port; an entry admits its protocol (TCP when unset) on its port, on every port when `port` is
 * unset, on `port` through `endPort` when both are numbers, and, when `port` is a name, on the container port of
 * that name and protocol on the destination pod — for ingress and egress alike, since the name is the pod's.
 */
import type { Container } from 'kubernetes-types/core/v1';
import type { NetworkPolicyPort } from 'kubernetes-types/networking/v1';

/** What a connection goes to: a port number (null: a port no rule names, i.e. "any port") and a protocol. */
export interface TrafficPort {
  port: number | null;
  protocol: string;
}

/** The container ports the destination pod declares, by which named ports resolve. */
export type DeclaredPorts = readonly Pick<NonNullable<Container['ports']>[number], 'name' | 'containerPort' | 'protocol'>[];

export type PortMatcher = (target: TrafficPort, destinationPorts: DeclaredPorts) => boolean;

export function compilePorts(ports: readonly NetworkPolicyPort[] | undefined): PortMatcher {
  if (!ports || ports.length === 0) return () => true;
  const entries = ports.map(compilePort);
  return (target, declared) => entries.some((matches) => matches(target, declared));
}

function compilePort(entry: NetworkPolicyPort): PortMatcher {
  const protocol = entry.protocol ?? 'TCP';
  const port = entry.port;
  if (port === undefined) return (target) => target.protocol === protocol;
  if (typeof port === 'number') {
    const last = entry.endPort ?? port;
    return (target) => target.protocol === protocol && target.port !== null && target.port >= port && target.port <= last;
  }
  return (target, declared) =>
    target.protocol === protocol &&
    target.port !== null &&
    declared.some((candidate) => candidate.name === port && (candidate.protocol ?? 'TCP') === protocol && candidate.containerPort === target.port);
}
