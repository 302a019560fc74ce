/**
 * Which pods a NetworkPolicy isolates, and in which direction (networking.k8s.io/v1 NetworkPolicySpec,
 * staging/src/k8s.io/api/networking/v1/types.go): `podSelector` selects pods of the policy's namespace only, `{}`
 * selecting all of them; `policyTypes` says which directions the selected pods are isolated in, and when it is
 * absent the API server defaults it to Ingress, plus Egress when the policy has egress rules
 * (pkg/apis/networking/v1/defaults.go SetDefaults_NetworkPolicySpec). Policies are compiled once, so that the
 * selection of every pod costs one matcher call per policy of its namespace.
 */
import type { NetworkPolicy, NetworkPolicyEgressRule, NetworkPolicyIngressRule } from 'kubernetes-types/networking/v1';
import { compileLabelSelector, type LabelMatcher } from '../../kube/label-selectors';
import { namespaceOf, objectKey } from '../object-keys';
import { compilePeers, type PeerMatcher } from './peers';
import { compilePorts, type PortMatcher } from './ports';

export type Direction = 'Ingress' | 'Egress';

/** One ingress or egress rule: traffic is allowed when its peer and its port both match. */
export interface CompiledRule {
  peers: PeerMatcher;
  ports: PortMatcher;
}

export interface CompiledPolicy {
  /** `namespace/name`. */
  key: string;
  namespace: string;
  selects: LabelMatcher;
  isolates: ReadonlySet<Direction>;
  ingress: CompiledRule[];
  egress: CompiledRule[];
}

/** The directions a policy isolates its pods in: `policyTypes` as written, or the API server's default. */
export function isolatedDirections(policy: NetworkPolicy): Set<Direction> {
  // Hover reads policies as written, errors and all: a value of the wrong type counts as absent.
  const policyTypes: unknown = policy.spec?.policyTypes;
  const written = Array.isArray(policyTypes) ? policyTypes.filter((type): type is Direction => type === 'Ingress' || type === 'Egress') : [];
  if (written.length > 0) return new Set(written);
  const egress: unknown = policy.spec?.egress;
  return new Set(Array.isArray(egress) && egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress']);
}

export function compilePolicy(policy: NetworkPolicy): CompiledPolicy {
  const namespace = namespaceOf(policy);
  const rule = (peers: NetworkPolicyIngressRule['from'] | NetworkPolicyEgressRule['to'], ports: NetworkPolicyIngressRule['ports']): CompiledRule => ({
    peers: compilePeers(peers, namespace),
    ports: compilePorts(ports),
  });
  return {
    key: objectKey(policy),
    namespace,
    selects: compileLabelSelector(policy.spec?.podSelector),
    isolates: isolatedDirections(policy),
    ingress: (policy.spec?.ingress ?? []).map((ingress) => rule(ingress.from, ingress.ports)),
    egress: (policy.spec?.egress ?? []).map((egress) => rule(egress.to, egress.ports)),
  };
}
