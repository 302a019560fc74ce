/**
 * NetworkPolicy and IngressClass validation as pkg/apis/networking/validation reports it on create
 * (ValidateNetworkPolicySpec, ValidateNetworkPolicyPort, ValidateNetworkPolicyPeer, ValidateIPBlock;
 * validateIngressClassSpec, validateIngressClassParametersReference), on the defaulted object: policyTypes from
 * the presence of egress rules, port protocol TCP, parameters scope Cluster.
 */
import { cidrContains, parseCidrSloppy } from '../kube/ip-address';
import { isObject, objectAt, objectsAt, textOf, type PlainObject } from '../kube/plain-values';
import { goStrings } from '../kube/go-values';
import { FieldPath, forbidden, invalid, notSupported, required, tooLong, type FieldError } from '../kube/field-errors';
import { isDns1123Label, isDns1123Subdomain, isValidPathSegmentName, isValidPortName, isValidPortNumber } from './apimachinery-validation';
import { selectorErrors } from './label-selectors';
import type { ObjectRule } from './rule';
import type { KubernetesVersion } from '../schema/versions';

const PORT_PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const POLICY_TYPES = ['Ingress', 'Egress'];
const INGRESS_CLASS_SCOPES = ['Cluster', 'Namespace'];
const MAX_CONTROLLER_LENGTH = 250;
/** The characters RFC 3986 allows in an HTTP path (httpPathFmt in apimachinery's validation). */
const HTTP_PATH = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
const HTTP_PATH_REGEXP = new RegExp(`^${HTTP_PATH}$`);
const INVALID_CIDR = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

/** The releases whose invalid-CIDR wording (IsValidCIDR) was checked; older ones worded it differently. */
const CIDR_WORDING_VERSIONS: readonly KubernetesVersion[] = ['1.33', '1.34', '1.36'];

export function reportsInvalidCidr(version: KubernetesVersion): boolean {
  return CIDR_WORDING_VERSIONS.includes(version);
}

function ipBlockErrors(block: PlainObject, path: FieldPath, version: KubernetesVersion): FieldError[] {
  const errors: FieldError[] = [];
  const cidrText = typeof block['cidr'] === 'string' ? block['cidr'] : '';
  if (cidrText === '') return [required(path.child('cidr'))];
  const cidr = parseCidrSloppy(cidrText);
  if (!cidr) return reportsInvalidCidr(version) ? [invalid(path.child('cidr'), cidrText, INVALID_CIDR)] : [];
  const except = Array.isArray(block['except']) ? block['except'] : [];
  except.forEach((entry, i) => {
    if (typeof entry !== 'string') return;
    const exceptPath = path.child('except').index(i);
    const excluded = parseCidrSloppy(entry);
    if (!excluded) {
      if (reportsInvalidCidr(version)) errors.push(invalid(exceptPath, entry, INVALID_CIDR));
      return;
    }
    if (!cidrContains(cidr, excluded.bytes) || cidr.prefix >= excluded.prefix) errors.push(invalid(exceptPath, entry, 'must be a strict subset of `cidr`'));
  });
  return errors;
}

function portErrors(port: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const protocol = port['protocol'];
  if (typeof protocol === 'string' && !PORT_PROTOCOLS.includes(protocol)) errors.push(notSupported(path.child('protocol'), protocol, PORT_PROTOCOLS));
  const number = port['port'];
  const endPort = port['endPort'];
  const hasEndPort = typeof endPort === 'number';
  if (typeof number === 'number') {
    for (const message of isValidPortNumber(number)) errors.push(invalid(path.child('port'), number, message));
    if (hasEndPort) {
      if (endPort < number) errors.push(invalid(path.child('endPort'), endPort, 'must be greater than or equal to `port`'));
      for (const message of isValidPortNumber(endPort)) errors.push(invalid(path.child('endPort'), endPort, message));
    }
  } else if (typeof number === 'string') {
    if (hasEndPort) errors.push(invalid(path.child('endPort'), endPort, 'may not be specified when `port` is non-numeric'));
    for (const message of isValidPortName(number)) errors.push(invalid(path.child('port'), number, message));
  } else if (hasEndPort) {
    errors.push(invalid(path.child('endPort'), endPort, 'may not be specified when `port` is not specified'));
  }
  return errors;
}

function peerErrors(peer: PlainObject, path: FieldPath, version: KubernetesVersion): FieldError[] {
  const errors: FieldError[] = [];
  let peers = 0;
  for (const field of ['podSelector', 'namespaceSelector']) {
    const selector = peer[field];
    if (!isObject(selector)) continue;
    peers++;
    errors.push(...selectorErrors(selector, path.child(field)));
  }
  const block = peer['ipBlock'];
  if (isObject(block)) {
    peers++;
    errors.push(...ipBlockErrors(block, path.child('ipBlock'), version));
  }
  if (peers === 0) errors.push(required(path, 'must specify a peer'));
  else if (peers > 1 && isObject(block)) errors.push(forbidden(path, 'may not specify both ipBlock and another peer'));
  return errors;
}

export const networkPolicyRule: ObjectRule = {
  id: 'network-policy',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'NetworkPolicy selectors, ports (protocol, port number or name, endPort), peers (one kind of peer, ipBlock alone, CIDRs and their exceptions) and policyTypes must be valid.',
  kinds: ['NetworkPolicy'],
  check({ defaulted, kubernetesVersion }) {
    const spec = objectAt(defaulted, 'spec');
    if (!spec) return [];
    const specPath = FieldPath.of('spec');
    const podSelector = objectAt(spec, 'podSelector');
    const errors: FieldError[] = podSelector ? selectorErrors(podSelector, specPath.child('podSelector')) : [];
    for (const [direction, peersField] of [
      ['ingress', 'from'],
      ['egress', 'to'],
    ] as const) {
      objectsAt(spec, direction).forEach((rule, i) => {
        const rulePath = specPath.child(direction).index(i);
        objectsAt(rule, 'ports').forEach((port, j) => errors.push(...portErrors(port, rulePath.child('ports').index(j))));
        objectsAt(rule, peersField).forEach((peer, j) => errors.push(...peerErrors(peer, rulePath.child(peersField).index(j), kubernetesVersion)));
      });
    }
    const types = Array.isArray(spec['policyTypes']) ? spec['policyTypes'] : [];
    if (types.length > POLICY_TYPES.length) {
      // field.Invalid is given the *[]PolicyType: %#v prints the slice it points to, JSON the list.
      const rendered = goStrings('[]networking.PolicyType', types.map(textOf));
      errors.push({ ...invalid(specPath.child('policyTypes'), rendered, 'may not specify more than two policyTypes'), target: 'key' });
      return errors;
    }
    types.forEach((type, i) => {
      if (typeof type === 'string' && !POLICY_TYPES.includes(type)) errors.push(notSupported(specPath.child('policyTypes').index(i), type, POLICY_TYPES));
    });
    return errors;
  },
};

/** IsDomainPrefixedPath (apimachinery/pkg/util/validation): `acme.io/foo`. */
function domainPrefixedPathErrors(value: string, path: FieldPath): FieldError[] {
  const slash = value.indexOf('/');
  if (slash <= 0 || slash === value.length - 1) return [invalid(path, value, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const host = value.slice(0, slash);
  const rest = value.slice(slash + 1);
  const errors = isDns1123Subdomain(host).map((message) => invalid(path, host, message));
  if (!HTTP_PATH_REGEXP.test(rest)) errors.push(invalid(path, rest, `Invalid path (regex used for validation is '${HTTP_PATH}')`));
  return errors;
}

function parametersErrors(parameters: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const apiGroup = parameters['apiGroup'];
  if (typeof apiGroup === 'string') for (const message of isDns1123Subdomain(apiGroup)) errors.push(invalid(path.child('apiGroup'), apiGroup, message));
  for (const field of ['kind', 'name']) {
    const value = parameters[field];
    // An empty kind or name is refused with a wording that changed between releases: not reported.
    if (typeof value === 'string' && value !== '') for (const message of isValidPathSegmentName(value)) errors.push(invalid(path.child(field), value, message));
  }
  const scope = parameters['scope'];
  if (typeof scope !== 'string') return errors;
  const namespace = parameters['namespace'];
  if (!INGRESS_CLASS_SCOPES.includes(scope)) {
    errors.push(notSupported(path.child('scope'), scope, INGRESS_CLASS_SCOPES));
  } else if (scope === 'Namespace') {
    if (typeof namespace !== 'string') errors.push(required(path.child('namespace'), "`parameters.scope` is set to 'Namespace'"));
    else for (const message of isDns1123Label(namespace)) errors.push(invalid(path.child('namespace'), namespace, message));
  } else if (typeof namespace === 'string') {
    errors.push(forbidden(path.child('namespace'), "`parameters.scope` is set to 'Cluster'"));
  }
  return errors;
}

export const ingressClassRule: ObjectRule = {
  id: 'ingress-class',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'An IngressClass names its controller as a domain-prefixed path of at most 250 characters, and its parameters by a valid kind, name and scope.',
  kinds: ['IngressClass'],
  check({ defaulted }) {
    const spec = objectAt(defaulted, 'spec') ?? {};
    const specPath = FieldPath.of('spec');
    const errors: FieldError[] = [];
    const controller = typeof spec['controller'] === 'string' ? spec['controller'] : '';
    const controllerPath = specPath.child('controller');
    if (controller === '') {
      errors.push(required(controllerPath));
    } else {
      if (controller.length > MAX_CONTROLLER_LENGTH) errors.push(tooLong(controllerPath, MAX_CONTROLLER_LENGTH));
      errors.push(...domainPrefixedPathErrors(controller, controllerPath));
    }
    const parameters = objectAt(spec, 'parameters');
    if (parameters) errors.push(...parametersErrors(parameters, specPath.child('parameters')));
    return errors;
  },
};
