/**
 * Ingress validation as pkg/apis/networking/validation reports it on create (networking/v1): a default backend
 * or rules, hosts and wildcard hosts, paths per pathType, backends (service or resource, port name or number),
 * TLS hosts and secret names, and the class annotation against ingressClassName. A missing or unknown pathType
 * never reaches these rules: the schema refuses it first.
 */
import { isIP } from 'node:net';
import { isObject, textOf, type PlainObject, type PlainValue } from '../kube/plain-values';
import { isDns1035Label, isDns1123Subdomain, isValidPathSegmentName, isValidPortName, isValidPortNumber, maxLengthError } from './apimachinery-validation';
import { FieldPath, invalid, placedAt, required, type FieldError } from '../kube/field-errors';
import { GoValue } from '../kube/go-values';
import type { ObjectRule } from './rule';

const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];
const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
const WILDCARD_SUBDOMAIN = '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';
const WILDCARD_SUBDOMAIN_PATTERN = new RegExp(`^${WILDCARD_SUBDOMAIN}$`);

const objects = (value: PlainValue | undefined): PlainObject[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** IsWildcardDNS1123Subdomain (apimachinery/pkg/util/validation). */
function isWildcardDns1123Subdomain(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 253) errors.push(maxLengthError(253));
  if (!WILDCARD_SUBDOMAIN_PATTERN.test(value)) {
    errors.push(
      `a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '${WILDCARD_SUBDOMAIN}')`,
    );
  }
  return errors;
}

/** netutils.ParseIPSloppy: also IPv4 with leading zeros, which net.ParseIP no longer takes. */
function isIpAddress(host: string): boolean {
  if (isIP(host) !== 0) return true;
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) && host.split('.').every((part) => Number(part) <= 255);
}

function hostErrors(host: string, path: FieldPath): FieldError[] {
  const validate = host.includes('*') ? isWildcardDns1123Subdomain : isDns1123Subdomain;
  return validate(host).map((message) => invalid(path, host, message));
}

function backendErrors(backend: PlainObject, path: FieldPath): FieldError[] {
  const service = backend['service'];
  const resource = backend['resource'];
  if (isObject(service) && isObject(resource)) return [invalid(path, '', 'cannot set both resource and service backends')];
  const errors: FieldError[] = [];
  if (isObject(resource)) {
    const resourcePath = path.child('resource');
    const apiGroup = resource['apiGroup'];
    if (typeof apiGroup === 'string') for (const message of isDns1123Subdomain(apiGroup)) errors.push(invalid(resourcePath.child('apiGroup'), apiGroup, message));
    for (const field of ['kind', 'name']) {
      const value = textOf(resource[field]);
      if (value === '') errors.push(required(resourcePath.child(field), `${field} is required`));
      else for (const message of isValidPathSegmentName(value)) errors.push(invalid(resourcePath.child(field), value, message));
    }
    return errors;
  }
  if (!isObject(service)) return [placedAt(invalid(path, '', 'resource or service backend is required'), path, 'key')];
  const servicePath = path.child('service');
  const name = textOf(service['name']);
  if (name === '') errors.push(required(servicePath.child('name')));
  else for (const message of isDns1035Label(name)) errors.push(invalid(servicePath.child('name'), name, message));
  const port = isObject(service['port']) ? service['port'] : {};
  const portName = textOf(port['name']);
  const portNumber = typeof port['number'] === 'number' ? port['number'] : 0;
  const portPath = servicePath.child('port');
  if (portName !== '' && portNumber !== 0) {
    errors.push(placedAt(invalid(path, '', 'cannot set both port name & port number'), portPath, 'key'));
  } else if (portName !== '') {
    for (const message of isValidPortName(portName)) errors.push(invalid(portPath.child('name'), portName, message));
  } else if (portNumber !== 0) {
    for (const message of isValidPortNumber(portNumber)) errors.push(invalid(portPath.child('number'), portNumber, message));
  } else {
    errors.push(placedAt(required(path, 'port name or number is required'), isObject(service['port']) ? portPath : servicePath, 'key'));
  }
  return errors;
}

function httpPathErrors(httpPath: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const pathType = httpPath['pathType'];
  const value = textOf(httpPath['path']);
  const valuePath = path.child('path');
  // An unset path reads as "": underline the pathType that makes it wrong.
  const at = (error: FieldError) => (typeof httpPath['path'] === 'string' ? error : placedAt(error, path.child('pathType'), 'value'));
  if (pathType === 'Exact' || pathType === 'Prefix') {
    if (!value.startsWith('/')) errors.push(at(invalid(valuePath, value, 'must be an absolute path')));
    if (value !== '') {
      for (const sequence of INVALID_PATH_SEQUENCES) if (value.includes(sequence)) errors.push(invalid(valuePath, value, `must not contain '${sequence}'`));
      for (const suffix of INVALID_PATH_SUFFIXES) if (value.endsWith(suffix)) errors.push(invalid(valuePath, value, `cannot end with '${suffix}'`));
    }
  } else if (pathType === 'ImplementationSpecific' && value !== '' && !value.startsWith('/')) {
    errors.push(invalid(valuePath, value, 'must be an absolute path'));
  }
  if (isObject(httpPath['backend'])) errors.push(...backendErrors(httpPath['backend'], path.child('backend')));
  return errors;
}

function ruleErrors(rules: PlainObject[], path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  rules.forEach((rule, i) => {
    const rulePath = path.index(i);
    const host = textOf(rule['host']);
    if (host !== '') {
      if (isIpAddress(host)) errors.push(invalid(rulePath.child('host'), host, 'must be a DNS name, not an IP address'));
      errors.push(...hostErrors(host, rulePath.child('host')));
    }
    const http = rule['http'];
    if (!isObject(http)) return;
    const httpPath = rulePath.child('http');
    const paths = objects(http['paths']);
    if (paths.length === 0) errors.push(required(httpPath.child('paths')));
    paths.forEach((httpIngressPath, j) => errors.push(...httpPathErrors(httpIngressPath, httpPath.child('paths').index(j))));
  });
  return errors;
}

function tlsErrors(tls: PlainObject[], path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  tls.forEach((entry, i) => {
    const hosts = Array.isArray(entry['hosts']) ? entry['hosts'] : [];
    hosts.forEach((host, j) => {
      if (typeof host === 'string') errors.push(...hostErrors(host, path.index(i).child('hosts').index(j)));
    });
    const secretName = textOf(entry['secretName']);
    if (secretName !== '') for (const message of isDns1123Subdomain(secretName)) errors.push(invalid(path.index(i).child('secretName'), secretName, message));
  });
  return errors;
}

export const ingressRulesRule: ObjectRule = {
  id: 'ingress-rules',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'An Ingress needs a default backend or rules; hosts, paths per pathType, backends and TLS entries must be valid.',
  kinds: ['Ingress'],
  check({ object }) {
    const spec = isObject(object['spec']) ? object['spec'] : {};
    const specPath = FieldPath.of('spec');
    const errors: FieldError[] = [];
    const rules = objects(spec['rules']);
    const defaultBackend = spec['defaultBackend'];
    if (rules.length === 0 && !isObject(defaultBackend)) {
      // field.Invalid prints the Go slice: nil when absent, empty when written as [].
      const rules = Array.isArray(spec['rules']) ? new GoValue('[]networking.IngressRule{}', '[]') : new GoValue('[]networking.IngressRule(nil)', 'null');
      const error: FieldError = { ...invalid(specPath, rules, 'either `defaultBackend` or `rules` must be specified'), target: 'key' };
      errors.push(isObject(object['spec']) ? error : placedAt(error, FieldPath.of('kind'), 'value'));
    }
    if (isObject(defaultBackend)) errors.push(...backendErrors(defaultBackend, specPath.child('defaultBackend')));
    errors.push(...ruleErrors(rules, specPath.child('rules')));
    errors.push(...tlsErrors(objects(spec['tls']), specPath.child('tls')));
    const className = spec['ingressClassName'];
    if (typeof className === 'string') {
      for (const message of isDns1123Subdomain(className)) errors.push(invalid(specPath.child('ingressClassName'), className, message));
    }
    const annotations = isObject(object['metadata']) ? object['metadata']['annotations'] : undefined;
    const annotated = isObject(annotations) ? annotations[INGRESS_CLASS_ANNOTATION] : undefined;
    if (typeof annotated === 'string' && typeof className === 'string' && annotated !== className) {
      const error = invalid(FieldPath.of('annotations', INGRESS_CLASS_ANNOTATION), annotated, 'must match `ingressClassName` when both are specified');
      errors.push(placedAt(error, FieldPath.of('metadata', 'annotations').key(INGRESS_CLASS_ANNOTATION), 'value'));
    }
    return errors;
  },
};
