/** networking.k8s.io/v1 defaulting (pkg/apis/networking/v1/defaults.go). Ingress has none: pathType is required. */
import { objectAt, objectsAt, type PlainObject } from '../kube/plain-values';
import { ensureObject, setDefault } from './plain';

/** A policy without policyTypes is an Ingress policy, and an Egress one too when it has egress rules. */
export function defaultNetworkPolicy(policy: PlainObject): void {
  const spec = ensureObject(policy, 'spec');
  const types = spec['policyTypes'];
  if (!Array.isArray(types) || types.length === 0) {
    const egress = spec['egress'];
    spec['policyTypes'] = Array.isArray(egress) && egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  }
  for (const direction of ['ingress', 'egress']) {
    for (const rule of objectsAt(spec, direction)) for (const port of objectsAt(rule, 'ports')) setDefault(port, 'protocol', 'TCP');
  }
}

/** Parameters of an IngressClass are cluster-scoped unless they say otherwise. */
export function defaultIngressClass(ingressClass: PlainObject): void {
  const parameters = objectAt(objectAt(ingressClass, 'spec'), 'parameters');
  if (parameters) setDefault(parameters, 'scope', 'Cluster');
}
