/**
 * Service validation as ValidateService (pkg/apis/core/validation) and the node port allocator report it, on the
 * defaulted object: `type` ClusterIP, port protocol TCP, targetPort = port when unset or 0, session affinity
 * timeout 10800 for ClientIP.
 */
import { isObject, type PlainObject, type PlainValue } from '../kube/plain-values';
import { isDns1123Label, isDns1123Subdomain, isQualifiedName, isValidPortName, isValidPortNumber } from './apimachinery-validation';
import { FieldPath, duplicate, forbidden, invalid, notSupported, placedAt, required, type FieldError } from '../kube/field-errors';
import { goPointer, goScalar, goString, goStruct, intOrString } from '../kube/go-values';
import type { KubernetesVersion } from '../schema/versions';
import { parseCidrSloppy } from '../kube/ip-address';
import { reportsInvalidCidr } from './network-policies';
import type { ObjectRule } from './rule';
import { isSloppyIP } from '../kube/ip-address';

/** The API server's default service-node-port-range. */
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;
const KUBELET_PORT = 10250;
/** core.MaxClientIPServiceAffinitySeconds */
const MAX_AFFINITY_SECONDS = 86400;

interface ServiceSpec {
  spec: PlainObject;
  type: string;
  ports: PlainObject[];
  /** spec.clusterIPs, or spec.clusterIP as the registry copies it into clusterIPs. */
  clusterIPs: string[];
}

function serviceSpec(object: PlainObject): ServiceSpec | undefined {
  const spec = object['spec'];
  if (!isObject(spec)) return undefined;
  const ports = Array.isArray(spec['ports']) ? spec['ports'].filter(isObject) : [];
  const listed = Array.isArray(spec['clusterIPs']) ? spec['clusterIPs'].filter((ip): ip is string => typeof ip === 'string') : [];
  const single = typeof spec['clusterIP'] === 'string' && spec['clusterIP'] !== '' ? [spec['clusterIP']] : [];
  return { spec, type: typeof spec['type'] === 'string' ? spec['type'] : '', ports, clusterIPs: listed.length > 0 ? listed : single };
}

const isHeadless = (service: ServiceSpec) => service.clusterIPs[0] === 'None';
const protocolOf = (port: PlainObject) => (typeof port['protocol'] === 'string' ? port['protocol'] : '');
const numberOf = (port: PlainObject, key: string) => (typeof port[key] === 'number' ? (port[key] as number) : 0);

/** spec.clusterIPs[0] is what validation names; place it on clusterIP when only that was written. */
function onFirstClusterIP(error: FieldError, spec: PlainObject): FieldError {
  return Array.isArray(spec['clusterIPs']) ? error : placedAt(error, FieldPath.of('spec', 'clusterIP'), 'value');
}

/**
 * field.Duplicate with the (protocol, port) key: a core.ServicePort holding only those two, which field.Error
 * prints with %#v. Placed on the port number.
 */
function duplicatePort(path: FieldPath, protocol: string, port: number): FieldError {
  const key = goStruct('core.ServicePort', [
    ['Name', goString('')],
    ['Protocol', goString(protocol)],
    ['AppProtocol', goPointer('*string', undefined)],
    ['Port', goScalar(port)],
    ['TargetPort', intOrString(0)],
    ['NodePort', goScalar(0)],
  ]);
  return placedAt(duplicate(path, key), path.child('port'), 'value');
}

export const servicePortsRule: ObjectRule = {
  id: 'service-ports',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'Service ports: required unless ExternalName or headless, named and unique when several, valid port numbers, target ports and appProtocol, no duplicate protocol and port.',
  kinds: ['Service'],
  check({ defaulted }) {
    const service = serviceSpec(defaulted);
    if (!service) return [];
    const errors: FieldError[] = [];
    const portsPath = FieldPath.of('spec', 'ports');
    if (service.ports.length === 0 && !isHeadless(service) && service.type !== 'ExternalName') errors.push(required(portsPath));
    const names = new Set<string>();
    service.ports.forEach((port, i) => {
      const path = portsPath.index(i);
      const name = typeof port['name'] === 'string' ? port['name'] : '';
      if (service.ports.length > 1 && name === '') errors.push(placedAt(required(path.child('name')), path, 'value'));
      else if (name !== '') {
        for (const message of isDns1123Label(name)) errors.push(invalid(path.child('name'), name, message));
        if (names.has(name)) errors.push(duplicate(path.child('name'), name));
        else names.add(name);
      }
      for (const message of isValidPortNumber(numberOf(port, 'port'))) errors.push(invalid(path.child('port'), numberOf(port, 'port'), message));
      // Defaulting made an unset targetPort the port, so a bad port is reported on both, as upstream does.
      const targetPort = port['targetPort'];
      if (typeof targetPort === 'number') {
        for (const message of isValidPortNumber(targetPort)) errors.push(invalid(path.child('targetPort'), targetPort, message));
      } else if (typeof targetPort === 'string') {
        for (const message of isValidPortName(targetPort)) errors.push(invalid(path.child('targetPort'), targetPort, message));
      }
      const appProtocol = port['appProtocol'];
      if (typeof appProtocol === 'string') for (const message of isQualifiedName(appProtocol)) errors.push(invalid(path.child('appProtocol'), appProtocol, message));
    });
    const seen = new Set<string>();
    service.ports.forEach((port, i) => {
      const key = `${protocolOf(port)}/${numberOf(port, 'port')}`;
      if (seen.has(key)) {
        const path = portsPath.index(i);
        errors.push(duplicatePort(path, protocolOf(port), numberOf(port, 'port')));
      }
      seen.add(key);
    });
    return errors;
  },
};

export const serviceTypeRule: ObjectRule = {
  id: 'service-type',
  family: 'api-validation',
  defaultSeverity: 'error',
  description:
    'What each Service type allows: node ports only outside ClusterIP and inside 30000–32767, ExternalName with a DNS name and no cluster IP, no headless NodePort or LoadBalancer, externalTrafficPolicy only when externally reachable.',
  kinds: ['Service'],
  check({ defaulted }) {
    const service = serviceSpec(defaulted);
    if (!service) return [];
    const { spec, type, ports } = service;
    const errors: FieldError[] = [];
    const specPath = FieldPath.of('spec');
    const portsPath = specPath.child('ports');
    if (type === 'LoadBalancer') {
      ports.forEach((port, i) => {
        if (numberOf(port, 'port') === KUBELET_PORT) {
          errors.push(placedAt(invalid(portsPath.index(i), KUBELET_PORT, `may not expose port ${KUBELET_PORT} externally since it is used by kubelet`), portsPath.index(i).child('port'), 'value'));
        }
      });
    }
    if ((type === 'LoadBalancer' || type === 'NodePort') && isHeadless(service)) {
      errors.push(onFirstClusterIP(invalid(specPath.child('clusterIPs').index(0), 'None', `may not be set to 'None' for ${type} services`), spec));
    }
    if (type === 'ExternalName') {
      if (service.clusterIPs.length > 0) {
        const error = forbidden(specPath.child('clusterIPs'), 'may not be set for ExternalName services');
        errors.push(Array.isArray(spec['clusterIPs']) ? error : placedAt(error, specPath.child('clusterIP'), 'key'));
      }
      if (Array.isArray(spec['ipFamilies']) && spec['ipFamilies'].length > 0) errors.push(forbidden(specPath.child('ipFamilies'), 'may not be set for ExternalName services'));
      if (typeof spec['ipFamilyPolicy'] === 'string') errors.push(forbidden(specPath.child('ipFamilyPolicy'), 'may not be set for ExternalName services'));
      // A CNAME may end in a dot to say it is fully qualified.
      const externalName = typeof spec['externalName'] === 'string' ? spec['externalName'].replace(/\.$/, '') : '';
      if (externalName === '') errors.push(required(specPath.child('externalName')));
      else for (const message of isDns1123Subdomain(externalName)) errors.push(invalid(specPath.child('externalName'), externalName, message));
    }
    ports.forEach((port, i) => {
      if (type === 'ClusterIP' && numberOf(port, 'nodePort') !== 0) {
        errors.push(forbidden(portsPath.index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'"));
      }
    });
    const nodePorts = new Set<string>();
    ports.forEach((port, i) => {
      const nodePort = numberOf(port, 'nodePort');
      if (nodePort === 0) return;
      const key = `${protocolOf(port)}/${nodePort}`;
      if (nodePorts.has(key)) errors.push(duplicate(portsPath.index(i).child('nodePort'), nodePort));
      nodePorts.add(key);
    });
    const externallyAccessible = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && Array.isArray(spec['externalIPs']) && spec['externalIPs'].length > 0);
    const policy = spec['externalTrafficPolicy'];
    if (!externallyAccessible && typeof policy === 'string' && policy !== '') {
      errors.push(invalid(specPath.child('externalTrafficPolicy'), policy, 'may only be set for externally-accessible services'));
    }
    // Validation passed; the allocator then refuses node ports outside its range when the object is created.
    if (type === 'NodePort' || type === 'LoadBalancer') {
      ports.forEach((port, i) => {
        const nodePort = numberOf(port, 'nodePort');
        if (nodePort !== 0 && (nodePort < NODE_PORT_MIN || nodePort > NODE_PORT_MAX)) {
          errors.push(invalid(portsPath.index(i).child('nodePort'), nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`));
        }
      });
    }
    return errors;
  },
};

export const sessionAffinityRule: ObjectRule = {
  id: 'session-affinity',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'ClientIP session affinity timeout must be between 1 and 86400 seconds.',
  kinds: ['Service'],
  check({ defaulted }) {
    const spec = defaulted['spec'];
    if (!isObject(spec) || spec['sessionAffinity'] !== 'ClientIP') return [];
    const clientIP = isObject(spec['sessionAffinityConfig']) ? spec['sessionAffinityConfig']['clientIP'] : undefined;
    const timeout = isObject(clientIP) ? clientIP['timeoutSeconds'] : undefined;
    if (typeof timeout !== 'number' || (timeout > 0 && timeout <= MAX_AFFINITY_SECONDS)) return [];
    return [invalid(FieldPath.of('spec', 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds'), timeout, `must be greater than 0 and less than ${MAX_AFFINITY_SECONDS}`)];
  },
};

const LOAD_BALANCER_SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const ONLY_LOAD_BALANCER = "may only be used when `type` is 'LoadBalancer'";
const INVALID_CIDR = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

/** loadBalancerSourceRanges, or the annotation it replaced, in ValidateService's words and odd field path. */
function sourceRangeErrors(object: PlainObject, spec: PlainObject, type: string, version: KubernetesVersion): FieldError[] {
  const errors: FieldError[] = [];
  const ranges = Array.isArray(spec['loadBalancerSourceRanges']) ? spec['loadBalancerSourceRanges'] : [];
  const written = FieldPath.of('spec', 'loadBalancerSourceRanges');
  if (ranges.length > 0) {
    // ValidateService names the field with a capital L, unlike its JSON name.
    const named = FieldPath.of('spec', 'LoadBalancerSourceRanges');
    if (type !== 'LoadBalancer') errors.push(placedAt(forbidden(named, ONLY_LOAD_BALANCER), written, 'key'));
    ranges.forEach((range, i) => {
      if (typeof range !== 'string') return;
      const value = range.trim();
      if (!parseCidrSloppy(value) && reportsInvalidCidr(version)) errors.push(placedAt(invalid(named.index(i), value, INVALID_CIDR), written.index(i), 'value'));
    });
    return errors;
  }
  const annotations = isObject(object['metadata']) ? object['metadata']['annotations'] : undefined;
  const annotation = isObject(annotations) ? annotations[LOAD_BALANCER_SOURCE_RANGES_ANNOTATION] : undefined;
  if (typeof annotation !== 'string') return errors;
  const path = FieldPath.of('metadata', 'annotations').key(LOAD_BALANCER_SOURCE_RANGES_ANNOTATION);
  if (type !== 'LoadBalancer') errors.push(placedAt(forbidden(path, ONLY_LOAD_BALANCER), path, 'key'));
  const value = annotation.trim();
  if (value === '' || !reportsInvalidCidr(version)) return errors;
  for (const range of value.split(',')) {
    if (!parseCidrSloppy(range.trim())) errors.push(invalid(path, range.trim(), INVALID_CIDR));
  }
  return errors;
}

export const serviceLoadBalancerRule: ObjectRule = {
  id: 'service-load-balancer',
  family: 'api-validation',
  defaultSeverity: 'error',
  description:
    'Load-balancer fields only on LoadBalancer Services: source ranges that are CIDRs, allocateLoadBalancerNodePorts, and a health check node port only with externalTrafficPolicy Local.',
  kinds: ['Service'],
  check({ defaulted, kubernetesVersion }) {
    const service = serviceSpec(defaulted);
    if (!service) return [];
    const { spec, type } = service;
    const specPath = FieldPath.of('spec');
    const errors = sourceRangeErrors(defaulted, spec, type, kubernetesVersion);
    if (typeof spec['allocateLoadBalancerNodePorts'] === 'boolean' && type !== 'LoadBalancer') {
      errors.push(forbidden(specPath.child('allocateLoadBalancerNodePorts'), ONLY_LOAD_BALANCER));
    }
    // apiservice.NeedsHealthCheck. An unset port is allocated before validation runs, so only a written one is checked.
    const healthCheckNodePort = typeof spec['healthCheckNodePort'] === 'number' ? spec['healthCheckNodePort'] : 0;
    const path = specPath.child('healthCheckNodePort');
    if (healthCheckNodePort !== 0) {
      if (type !== 'LoadBalancer' || spec['externalTrafficPolicy'] !== 'Local') {
        errors.push(invalid(path, healthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
      } else {
        for (const message of isValidPortNumber(healthCheckNodePort)) errors.push(invalid(path, healthCheckNodePort, message));
      }
    }
    // validateServiceTrafficDistribution as of 1.32 (ServiceTrafficDistribution beta): PreferClose only. In 1.30 the
    // field is dropped (alpha gate off); later releases accept more values.
    const distribution = spec['trafficDistribution'];
    if (kubernetesVersion === '1.32' && typeof distribution === 'string' && distribution !== 'PreferClose') {
      errors.push(notSupported(specPath.child('trafficDistribution'), distribution, ['PreferClose']));
    }
    return errors;
  },
};

/** netutils.IsIPv6String: parses, and is not an IPv4 address (an IPv4-mapped IPv6 address counts as IPv4). */
const IPV4_MAPPED = /^::ffff:[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/i;
const isIPv6Address = (ip: string) => ip.includes(':') && !IPV4_MAPPED.test(ip);
const IP_ADDRESS_ERROR = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];

const stringList = (value: PlainValue | undefined): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/**
 * ValidateServiceClusterIPsRelatedFields as the Service registry runs it on create (pkg/registry/core/service/storage
 * alloc.go initIPFamilyFields), on what the user wrote: clusterIP copied into an empty clusterIPs
 * (normalizeClusterIPs), ipFamilyPolicy defaulted to SingleStack (RequireDualStack for a headless Service without
 * a selector). Then, when that passed, a SingleStack policy with two cluster IPs or two families.
 */
function ipFamilyErrors(spec: PlainObject): FieldError[] {
  const specPath = FieldPath.of('spec');
  const clusterIPsPath = specPath.child('clusterIPs');
  const clusterIP = typeof spec['clusterIP'] === 'string' ? spec['clusterIP'] : '';
  const written = stringList(spec['clusterIPs']);
  const clusterIPs = clusterIP !== '' && written.length === 0 ? [clusterIP] : written;
  // Errors about clusterIPs the user did not write (copied from clusterIP) are placed on clusterIP.
  const place = (error: FieldError): FieldError => (written.length > 0 ? error : placedAt(error, specPath.child('clusterIP'), 'value'));
  const families = stringList(spec['ipFamilies']);
  const errors: FieldError[] = [];
  if (clusterIP !== '') {
    if (clusterIPs[0] !== clusterIP) errors.push(invalid(clusterIPsPath, clusterIPs, 'first value must match `clusterIP`'));
  } else if (clusterIPs.length > 0) {
    errors.push(invalid(clusterIPsPath, clusterIPs, 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  families.forEach((family, i) => {
    const path = specPath.child('ipFamilies').index(i);
    if (family !== 'IPv4' && family !== 'IPv6') errors.push(notSupported(path, family, ['IPv4', 'IPv6']));
    if (seen.has(family)) errors.push(duplicate(path, family));
    seen.add(family);
  });
  const writtenPolicy = spec['ipFamilyPolicy'];
  if (typeof writtenPolicy === 'string' && !IP_FAMILY_POLICIES.includes(writtenPolicy)) {
    errors.push(notSupported(specPath.child('ipFamilyPolicy'), writtenPolicy, IP_FAMILY_POLICIES));
  }
  let hasInvalidIPs = false;
  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (clusterIPs.length > 1) {
        hasInvalidIPs = true;
        errors.push(invalid(clusterIPsPath, clusterIPs, "'None' must be the first and only value"));
      }
      return;
    }
    if (!isSloppyIP(ip)) {
      hasInvalidIPs = true;
      errors.push(place(invalid(clusterIPsPath.index(i), ip, IP_ADDRESS_ERROR)));
    }
  });
  if (clusterIPs.length > 2) errors.push(invalid(clusterIPsPath, clusterIPs, 'may only hold up to 2 values'));
  if (!hasInvalidIPs) {
    if (clusterIPs.length > 1) {
      const v6 = clusterIPs.filter(isIPv6Address).length;
      if (v6 === 0 || v6 === clusterIPs.length) errors.push(invalid(clusterIPsPath, clusterIPs, 'may specify no more than one IP for each IP family'));
    }
    const headless = clusterIPs.length === 1 && clusterIPs[0] === 'None';
    if (!headless && clusterIPs.length > 0 && families.length > 0) {
      clusterIPs.forEach((ip, i) => {
        if (i >= families.length) return;
        if (families[i] === 'IPv4' && isIPv6Address(ip)) errors.push(place(invalid(clusterIPsPath.index(i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``)));
        if (families[i] === 'IPv6' && !isIPv6Address(ip)) errors.push(place(invalid(clusterIPsPath.index(i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``)));
      });
    }
  }
  // The registry stops at the first failing stage.
  if (errors.length > 0) return errors;
  const selector = spec['selector'];
  const selectorless = !isObject(selector) || Object.keys(selector).length === 0;
  const policy = typeof writtenPolicy === 'string' ? writtenPolicy : clusterIP === 'None' && selectorless ? 'RequireDualStack' : 'SingleStack';
  if (policy === 'SingleStack') {
    // A defaulted policy is not in the text: the error is placed on what asked for two.
    const policyPath = specPath.child('ipFamilyPolicy');
    const onPolicy = (error: FieldError, other: FieldPath): FieldError => (typeof writtenPolicy === 'string' ? error : placedAt(error, other, 'key'));
    if (clusterIPs.length === 2)
      errors.push(onPolicy(invalid(policyPath, 'SingleStack', "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"), clusterIPsPath));
    if (families.length === 2)
      errors.push(onPolicy(invalid(policyPath, 'SingleStack', "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"), specPath.child('ipFamilies')));
  }
  return errors;
}

export const serviceIPFamiliesRule: ObjectRule = {
  id: 'service-ip-families',
  family: 'api-validation',
  defaultSeverity: 'error',
  description:
    'Dual-stack fields: clusterIPs start with clusterIP, hold at most one valid IP per family (or None alone) matching ipFamilies, families unique, and a SingleStack policy with one IP and one family.',
  kinds: ['Service'],
  check({ defaulted }) {
    const spec = defaulted['spec'];
    // ExternalName Services have their own rule for these fields (service-type).
    if (!isObject(spec) || spec['type'] === 'ExternalName') return [];
    return ipFamilyErrors(spec);
  },
};
