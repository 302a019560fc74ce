/**
 * Whether a connection is allowed (NetworkPolicySpec, staging/src/k8s.io/api/networking/v1/types.go): a pod no
 * policy isolates in a direction accepts everything in it; an isolated pod accepts what at least one of the
 * policies isolating it allows, since policies are additive and never deny. A connection needs both ends: egress
 * allowed from the source and ingress allowed to the destination.
 *
 * Each policy's selection is computed once per traffic end (`isolation`, cached by key), so deciding a pair reads
 * only the policies isolating its two ends, never every policy. A plan asks about every pair of workloads on every
 * port, and most pairs come to one of a few answers: the answer of each direction is kept per set of policies that
 * allow it, and the answer of a connection per pair of direction answers, so a decision is built once and shared
 * (callers read decisions, never change them).
 *
 * Most pods are alike to every policy: a source is seen only through its egress isolation and the ingress rules
 * whose peers admit it, a destination only through its ingress isolation, the egress rules whose peers admit it and
 * the ports it declares. Pods alike in that way share a `SourceClass` or a `DestinationClass`, and a connection is
 * decided once per pair of classes and port, whichever pods ask.
 */
import type { NetworkPolicy } from 'kubernetes-types/networking/v1';
import type { TrafficEnd } from './peers';
import type { DeclaredPorts, TrafficPort } from './ports';
import { compilePolicy, type CompiledPolicy, type CompiledRule, type Direction } from './selection';

/** A pod (or a pod the plan assumes, such as cluster DNS) as both ends of a connection see it. */
export interface PolicyPod extends TrafficEnd {
  /** `namespace/name`. */
  key: string;
  ports: DeclaredPorts;
}

export interface ConnectionDecision {
  allowed: boolean;
  /** `namespace/name` of the policies that decide: those that allow it, or, when denied, those that isolate the end that refuses. */
  by: string[];
  reason: string;
}

/** The policies isolating a pod in one direction, in namespace/name order, with what is said when none allows. */
interface Isolating {
  policies: CompiledPolicy[];
  keys: string[];
  refusal: string;
  /** The answers of this direction: refused, and allowed per set of allowing policies (a bit per index, or the indices listed). */
  refused?: ConnectionDecision;
  allowed: Map<number | string, ConnectionDecision>;
}

interface Isolation {
  ingress: Isolating;
  egress: Isolating;
}

/**
 * Sources every policy treats alike: the same policies isolate their egress, and the same ingress rules' peers
 * admit them. `pod` is the first that asked; the decisions are kept per destination class and port.
 */
export interface SourceClass {
  readonly pod: PolicyPod;
  readonly decisions: Map<DestinationClass, Map<PortKey, ConnectionDecision>>;
}

/** Destinations every policy treats alike: the same policies isolate their ingress, the same egress rules' peers admit them, and they declare the same ports. */
export interface DestinationClass {
  readonly pod: PolicyPod;
}

/** A traffic port as a map key: the number alone for TCP, the most common protocol. */
type PortKey = number | string | null;

const NOT_ISOLATED: Isolating = { policies: [], keys: [], refusal: '', allowed: new Map() };
/** A direction no policy isolates. */
const OPEN: ConnectionDecision = { allowed: true, by: [], reason: '' };
const NEITHER_ISOLATED: ConnectionDecision = { allowed: true, by: [], reason: 'no policy isolates either end' };

export class NetworkPolicyEvaluator {
  private readonly byNamespace = new Map<string, CompiledPolicy[]>();
  private readonly isolations = new Map<string, Isolation>();
  private readonly directions = new Map<string, Direction[]>();
  /** One Isolating per direction and list of policies, shared by every pod that list isolates, so their answers are too. */
  private readonly isolatings = new Map<string, Isolating>();
  /** A connection's answer per egress answer and ingress answer (both interned, so compared by identity). */
  private readonly combined = new Map<ConnectionDecision, Map<ConnectionDecision, ConnectionDecision>>();
  /** Every policy's rules of each direction, in one list: a pod's class lists those whose peers admit it. */
  private readonly ingressRules: CompiledRule[] = [];
  private readonly egressRules: CompiledRule[] = [];
  /** Isolating lists numbered for the classes' keys (NOT_ISOLATED is 0). */
  private readonly isolatingIds = new Map<Isolating, number>([[NOT_ISOLATED, 0]]);
  private readonly sourceClasses = new Map<string, SourceClass>();
  private readonly destinationClasses = new Map<string, DestinationClass>();
  /** Classes per pod object (not per key: a pod the plan assumes may share a real pod's key). */
  private readonly sourceClassOfPod = new WeakMap<PolicyPod, SourceClass>();
  private readonly destinationClassOfPod = new WeakMap<PolicyPod, DestinationClass>();

  constructor(policies: readonly NetworkPolicy[]) {
    const compiled = policies.map(compilePolicy).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const policy of compiled) {
      const list = this.byNamespace.get(policy.namespace) ?? [];
      list.push(policy);
      this.byNamespace.set(policy.namespace, list);
      this.ingressRules.push(...policy.ingress);
      this.egressRules.push(...policy.egress);
      this.directions.set(
        policy.key,
        (['Ingress', 'Egress'] as const).filter((direction) => policy.isolates.has(direction)),
      );
    }
  }

  get hasPolicies(): boolean {
    return this.byNamespace.size > 0;
  }

  /** The directions the policy `namespace/name` isolates its pods in. */
  directionsOf(key: string): Direction[] {
    return this.directions.get(key) ?? [];
  }

  /** The policies that select the pod, per direction they isolate it in, in namespace/name order. */
  isolation(pod: PolicyPod): { ingress: readonly CompiledPolicy[]; egress: readonly CompiledPolicy[] } {
    const isolation = this.isolationOf(pod);
    return { ingress: isolation.ingress.policies, egress: isolation.egress.policies };
  }

  /** The class of sources the pod belongs to: pods of one class get the same decision to any destination. */
  sourceClass(pod: PolicyPod): SourceClass {
    let found = this.sourceClassOfPod.get(pod);
    if (!found) {
      const id = `${this.isolatingId(this.isolationOf(pod).egress)}|${admittingRules(this.ingressRules, pod)}`;
      found = this.sourceClasses.get(id);
      if (!found) this.sourceClasses.set(id, (found = { pod, decisions: new Map() }));
      this.sourceClassOfPod.set(pod, found);
    }
    return found;
  }

  /** The class of destinations the pod belongs to: pods of one class give the same decision to any source, port by port. */
  destinationClass(pod: PolicyPod): DestinationClass {
    let found = this.destinationClassOfPod.get(pod);
    if (!found) {
      const ports = JSON.stringify(pod.ports.map((port) => [port.name, port.containerPort, port.protocol ?? 'TCP']));
      const id = `${this.isolatingId(this.isolationOf(pod).ingress)}|${admittingRules(this.egressRules, pod)}|${ports}`;
      found = this.destinationClasses.get(id);
      if (!found) this.destinationClasses.set(id, (found = { pod }));
      this.destinationClassOfPod.set(pod, found);
    }
    return found;
  }

  decide(from: PolicyPod, to: PolicyPod, port: TrafficPort): ConnectionDecision {
    const source = this.sourceClass(from);
    const destination = this.destinationClass(to);
    let byPort = source.decisions.get(destination);
    if (!byPort) source.decisions.set(destination, (byPort = new Map()));
    const key = port.protocol === 'TCP' ? port.port : `${port.port}/${port.protocol}`;
    let decision = byPort.get(key);
    if (!decision) byPort.set(key, (decision = this.decideAlike(source.pod, destination.pod, port)));
    return decision;
  }

  /** The decision for two pods, which stands for every pair of their classes. */
  private decideAlike(from: PolicyPod, to: PolicyPod, port: TrafficPort): ConnectionDecision {
    const egress = this.direction('Egress', this.isolationOf(from).egress, to, to, port);
    const ingress = this.direction('Ingress', this.isolationOf(to).ingress, from, to, port);
    let byIngress = this.combined.get(egress);
    if (!byIngress) this.combined.set(egress, (byIngress = new Map()));
    let decision = byIngress.get(ingress);
    if (!decision) byIngress.set(ingress, (decision = combine(egress, ingress)));
    return decision;
  }

  private isolationOf(pod: PolicyPod): Isolation {
    let isolation = this.isolations.get(pod.key);
    if (!isolation) {
      const selecting = (this.byNamespace.get(pod.namespace) ?? []).filter((policy) => policy.selects(pod.labels));
      isolation = { ingress: this.isolating('ingress', selecting, 'Ingress'), egress: this.isolating('egress', selecting, 'Egress') };
      this.isolations.set(pod.key, isolation);
    }
    return isolation;
  }

  private isolatingId(isolating: Isolating): number {
    let id = this.isolatingIds.get(isolating);
    if (id === undefined) this.isolatingIds.set(isolating, (id = this.isolatingIds.size));
    return id;
  }

  private isolating(side: string, selecting: readonly CompiledPolicy[], direction: Direction): Isolating {
    const policies = selecting.filter((policy) => policy.isolates.has(direction));
    if (policies.length === 0) return NOT_ISOLATED;
    const keys = policies.map((policy) => policy.key);
    const id = `${direction} ${keys.join(' ')}`;
    let isolating = this.isolatings.get(id);
    if (!isolating) {
      isolating = { policies, keys, refusal: `${side} isolated by ${keys.join(', ')} and no rule of ${keys.length === 1 ? 'it' : 'them'} allows it`, allowed: new Map() };
      this.isolatings.set(id, isolating);
    }
    return isolating;
  }

  private direction(direction: Direction, isolating: Isolating, peer: TrafficEnd, destination: PolicyPod, port: TrafficPort): ConnectionDecision {
    const { policies } = isolating;
    if (policies.length === 0) return OPEN;
    // Which policies allow it, as a bit per policy (a list of indices past 31 policies): the key of its answer.
    const asBits = policies.length <= 31;
    let bits = 0;
    let indices = '';
    let count = 0;
    for (let index = 0; index < policies.length; index++) {
      if (!allows(direction === 'Ingress' ? policies[index]!.ingress : policies[index]!.egress, peer, destination, port)) continue;
      count++;
      if (asBits) bits |= 1 << index;
      else indices += `${index},`;
    }
    if (count === 0) return (isolating.refused ??= { allowed: false, by: isolating.keys, reason: isolating.refusal });
    const key = asBits ? bits : indices;
    let decision = isolating.allowed.get(key);
    if (!decision) {
      const keys = count === policies.length ? isolating.keys : isolating.keys.filter((_, index) => (asBits ? (bits & (1 << index)) !== 0 : indices.split(',').includes(`${index}`)));
      decision = { allowed: true, by: keys, reason: `${direction === 'Ingress' ? 'ingress' : 'egress'} allowed by ${keys.join(', ')}` };
      isolating.allowed.set(key, decision);
    }
    return decision;
  }
}

/** A connection's answer from the answers of its two directions: refused when either refuses, naming what decided. */
function combine(egress: ConnectionDecision, ingress: ConnectionDecision): ConnectionDecision {
  if (!egress.allowed || !ingress.allowed) {
    if (egress.allowed) return ingress;
    if (ingress.allowed) return egress;
    return { allowed: false, by: merged(egress.by, ingress.by), reason: `${egress.reason}; ${ingress.reason}` };
  }
  if (egress.by.length === 0 && ingress.by.length === 0) return NEITHER_ISOLATED;
  return { allowed: true, by: merged(egress.by, ingress.by), reason: egress.reason === '' ? ingress.reason : ingress.reason === '' ? egress.reason : `${egress.reason}; ${ingress.reason}` };
}

/** The indices of the rules whose peers admit the pod, as a key. */
function admittingRules(rules: readonly CompiledRule[], pod: PolicyPod): string {
  let key = '';
  for (let index = 0; index < rules.length; index++) if (rules[index]!.peers(pod)) key += `${index},`;
  return key;
}

/** Whether one of a policy's rules of a direction admits the peer to the destination's port. */
function allows(rules: readonly CompiledRule[], peer: TrafficEnd, destination: PolicyPod, port: TrafficPort): boolean {
  for (const rule of rules) if (rule.ports(port, destination.ports) && rule.peers(peer)) return true;
  return false;
}

/** Two lists of keys in order, as one list in order without repeats. */
function merged(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (out[out.length - 1] !== next) out.push(next);
  }
  return out;
}
