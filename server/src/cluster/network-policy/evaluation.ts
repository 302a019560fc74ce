/**
 * Whether a connection is allowed (NetworkPolicySpec, staging/src/k8s.io/api/networking/v1/types.go): a pod no
 * policy isolates in a direction accepts everything in it; an isolated pod accepts what at least one of the
 * policies isolating it allows, since policies are additive and never deny. A connection needs both ends: egress
 * allowed from the source and ingress allowed to the destination.
 *
 * Each policy's selection is computed once per traffic end (`isolation`, cached by key), so deciding a pair reads
 * only the policies isolating its two ends, never every policy.
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
}

interface Isolation {
  ingress: Isolating;
  egress: Isolating;
}

const NOT_ISOLATED: Isolating = { policies: [], keys: [], refusal: '' };

export class NetworkPolicyEvaluator {
  private readonly byNamespace = new Map<string, CompiledPolicy[]>();
  private readonly isolations = new Map<string, Isolation>();
  private readonly directions = new Map<string, Direction[]>();

  constructor(policies: readonly NetworkPolicy[]) {
    const compiled = policies.map(compilePolicy).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const policy of compiled) {
      const list = this.byNamespace.get(policy.namespace) ?? [];
      list.push(policy);
      this.byNamespace.set(policy.namespace, list);
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

  /** Whether a policy isolates the source's egress or the destination's ingress. */
  affects(from: PolicyPod, to: PolicyPod): boolean {
    return this.isolationOf(from).egress.policies.length > 0 || this.isolationOf(to).ingress.policies.length > 0;
  }

  decide(from: PolicyPod, to: PolicyPod, port: TrafficPort): ConnectionDecision {
    const egress = this.direction('Egress', this.isolationOf(from).egress, to, to, port);
    const ingress = this.direction('Ingress', this.isolationOf(to).ingress, from, to, port);
    if (!egress.allowed || !ingress.allowed) {
      if (egress.allowed) return ingress;
      if (ingress.allowed) return egress;
      return { allowed: false, by: merged(egress.by, ingress.by), reason: `${egress.reason}; ${ingress.reason}` };
    }
    if (egress.by.length === 0 && ingress.by.length === 0) return { allowed: true, by: [], reason: 'no policy isolates either end' };
    return { allowed: true, by: merged(egress.by, ingress.by), reason: egress.reason === '' ? ingress.reason : ingress.reason === '' ? egress.reason : `${egress.reason}; ${ingress.reason}` };
  }

  private isolationOf(pod: PolicyPod): Isolation {
    let isolation = this.isolations.get(pod.key);
    if (!isolation) {
      const selecting = (this.byNamespace.get(pod.namespace) ?? []).filter((policy) => policy.selects(pod.labels));
      isolation = { ingress: isolating('ingress', selecting, 'Ingress'), egress: isolating('egress', selecting, 'Egress') };
      this.isolations.set(pod.key, isolation);
    }
    return isolation;
  }

  private direction(direction: Direction, isolating: Isolating, peer: TrafficEnd, destination: PolicyPod, port: TrafficPort): ConnectionDecision {
    if (isolating.policies.length === 0) return { allowed: true, by: [], reason: '' };
    const allowing = isolating.policies.filter((policy) => (direction === 'Ingress' ? policy.ingress : policy.egress).some((rule) => admits(rule, peer, destination, port)));
    if (allowing.length === 0) return { allowed: false, by: isolating.keys, reason: isolating.refusal };
    const keys = allowing.length === isolating.policies.length ? isolating.keys : allowing.map((policy) => policy.key);
    return { allowed: true, by: keys, reason: `${direction === 'Ingress' ? 'ingress' : 'egress'} allowed by ${keys.join(', ')}` };
  }
}

function isolating(side: string, selecting: readonly CompiledPolicy[], direction: Direction): Isolating {
  const policies = selecting.filter((policy) => policy.isolates.has(direction));
  if (policies.length === 0) return NOT_ISOLATED;
  const keys = policies.map((policy) => policy.key);
  return { policies, keys, refusal: `${side} isolated by ${keys.join(', ')} and no rule of ${keys.length === 1 ? 'it' : 'them'} allows it` };
}

function admits(rule: CompiledRule, peer: TrafficEnd, destination: PolicyPod, port: TrafficPort): boolean {
  return rule.ports(port, destination.ports) && rule.peers(peer);
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
