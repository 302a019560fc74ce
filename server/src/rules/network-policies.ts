/**
 * NetworkPolicy and IngressClass validation as pkg/apis/networking/validation reports it on create
 * (ValidateNetworkPolicySpec, ValidateNetworkPolicyPort, ValidateNetworkPolicyPeer, ValidateIPBlock;
 * validateIngressClassSpec, validateIngressClassParametersReference), on the defaulted object: policyTypes from
 * the presence of egress rules, port protocol TCP, parameters scope Cluster.
 */
import { isIP } from 'node:net';
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
const SLOPPY_IPV4 = /^\d+\.\d+\.\d+\.\d+$/;
const DIGITS = /^\d+$/;
const INVALID_CIDR = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

/** The releases whose invalid-CIDR wording (IsValidCIDR) was checked; older ones worded it differently. */
const CIDR_WORDING_VERSIONS: readonly KubernetesVersion[] = ['1.33', '1.34', '1.36'];

export function reportsInvalidCidr(version: KubernetesVersion): boolean {
  return CIDR_WORDING_VERSIONS.includes(version);
}

interface Cidr {
  /** The masked network address: 4 bytes for a dotted IPv4 value, 16 for an IPv6 one. */
  bytes: number[];
  prefix: number;
}

function ipv4Bytes(text: string): number[] | undefined {
  if (!SLOPPY_IPV4.test(text)) return undefined;
  const bytes = text.split('.').map(Number);
  return bytes.every((b) => b <= 255) ? bytes : undefined;
}

function ipv6Bytes(text: string): number[] | undefined {
  if (text.includes('%') || isIP(text) !== 6) return undefined;
  let head = text;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const dotted = text.slice(lastColon + 1);
  if (dotted.includes('.')) {
    const v4 = ipv4Bytes(dotted);
    if (!v4) return undefined;
    tail = v4;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [left, right] = head.includes('::') ? head.split('::') : [head, undefined];
  const groups = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const leftGroups = groups(left);
  const rightGroups = groups(right);
  const missing = 8 - leftGroups.length - rightGroups.length;
  const all = right === undefined ? leftGroups : [...leftGroups, ...new Array<number>(missing).fill(0), ...rightGroups];
  const bytes = all.flatMap((g) => [g >> 8, g & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** netutils.ParseCIDRSloppy: Go's net.ParseCIDR that also takes IPv4 octets with leading zeros. */
export function parseCidrSloppy(value: string): Cidr | undefined {
  const slash = value.indexOf('/');
  if (slash < 0) return undefined;
  const address = value.slice(0, slash);
  const length = value.slice(slash + 1);
  const bytes = ipv4Bytes(address) ?? ipv6Bytes(address);
  if (!bytes || !DIGITS.test(length)) return undefined;
  const prefix = Number(length);
  if (prefix > bytes.length * 8) return undefined;
  return { bytes: bytes.map((b, i) => b & maskByte(prefix, i)), prefix };
}

function maskByte(prefix: number, index: number): number {
  const bits = Math.min(8, Math.max(0, prefix - index * 8));
  return (0xff << (8 - bits)) & 0xff;
}

/** IPNet.Contains for a network address: an IPv4-mapped IPv6 address is compared as IPv4. */
function contains(network: Cidr, address: number[]): boolean {
  let ip = address;
  if (ip.length === 16 && network.bytes.length === 4 && ip.slice(0, 10).every((b) => b === 0) && ip[10] === 0xff && ip[11] === 0xff) ip = ip.slice(12);
  if (ip.length !== network.bytes.length) return false;
  return ip.every((b, i) => (b & maskByte(network.prefix, i)) === network.bytes[i]);
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
    if (!contains(cidr, excluded.bytes) || cidr.prefix >= excluded.prefix) errors.push(invalid(exceptPath, entry, 'must be a strict subset of `cidr`'));
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
