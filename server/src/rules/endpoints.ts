/**
 * Endpoints and EndpointSlices as the API server validates them on create: ValidateEndpoints and
 * validateEndpointSubsets (pkg/apis/core/validation) after SetDefaults_EndpointPort (protocol TCP), and
 * ValidateEndpointSlice (pkg/apis/discovery/validation) after the discovery/v1 SetDefaults_EndpointPort (name "",
 * protocol TCP). Port protocols outside TCP, UDP and SCTP are reported by the schema's enum before any rule runs.
 */
import { FieldPath, duplicate, invalid, notSupported, placedAt, required, tooMany, type FieldError } from '../kube/field-errors';
import { isIPv4Bytes, isSloppyIP, parseSloppyIP } from '../kube/ip-address';
import { isObject, listAt, objectAt, objectsAt, textOf, type PlainObject } from '../kube/plain-values';
import { isDns1123Label, isDns1123Subdomain, isQualifiedName, isValidLabelValue, isValidPortNumber } from './apimachinery-validation';
import type { ObjectRule } from './rule';

/** validation.IsValidIP's detail. */
const INVALID_IP = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

/**
 * ValidateNonSpecialIP: an address that parses may not be unspecified, loopback, link-local unicast or link-local
 * multicast, each tested on its own as net.IP does (IPv4-mapped IPv6 addresses count as IPv4).
 */
function nonSpecialIPErrors(value: string, path: FieldPath): FieldError[] {
  const ip = parseSloppyIP(value);
  if (!ip) return [invalid(path, value, 'must be a valid IP address')];
  const v4 = isIPv4Bytes(ip);
  const errors: FieldError[] = [];
  const unspecified = v4 ? ip[12] === 0 && ip[13] === 0 && ip[14] === 0 && ip[15] === 0 : ip.every((byte) => byte === 0);
  if (unspecified) errors.push(invalid(path, value, `may not be unspecified (${value})`));
  const loopback = v4 ? ip[12] === 127 : ip.every((byte, i) => byte === (i === 15 ? 1 : 0));
  if (loopback) errors.push(invalid(path, value, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  const linkLocal = v4 ? ip[12] === 169 && ip[13] === 254 : ip[0] === 0xfe && ((ip[1] ?? 0) & 0xc0) === 0x80;
  if (linkLocal) errors.push(invalid(path, value, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  const linkLocalMulticast = v4 ? ip[12] === 224 && ip[13] === 0 && ip[14] === 0 : ip[0] === 0xff && ((ip[1] ?? 0) & 0x0f) === 0x02;
  if (linkLocalMulticast) errors.push(invalid(path, value, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  return errors;
}

/** validateEndpointAddress: a valid, non-special IP; a DNS-1123 label hostname; a DNS-1123 subdomain nodeName. */
function endpointAddressErrors(address: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const ip = textOf(address['ip']);
  if (!isSloppyIP(ip)) errors.push(invalid(path.child('ip'), ip, INVALID_IP));
  const hostname = textOf(address['hostname']);
  if (hostname !== '') for (const message of isDns1123Label(hostname)) errors.push(invalid(path.child('hostname'), hostname, message));
  const nodeName = address['nodeName'];
  if (typeof nodeName === 'string') for (const message of isDns1123Subdomain(nodeName)) errors.push(invalid(path.child('nodeName'), nodeName, message));
  errors.push(...nonSpecialIPErrors(ip, path.child('ip')));
  return errors;
}

/** validateEndpointPort: a name (required when there are several), a port number, and a qualified appProtocol. */
function endpointPortErrors(port: PlainObject, requireName: boolean, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const name = textOf(port['name']);
  if (requireName && name === '') errors.push(placedAt(required(path.child('name')), path, 'value'));
  else if (name !== '') for (const message of isDns1123Label(name)) errors.push(invalid(path.child('name'), name, message));
  const number = typeof port['port'] === 'number' ? port['port'] : 0;
  for (const message of isValidPortNumber(number)) errors.push(invalid(path.child('port'), number, message));
  const appProtocol = port['appProtocol'];
  if (typeof appProtocol === 'string') for (const message of isQualifiedName(appProtocol)) errors.push(invalid(path.child('appProtocol'), appProtocol, message));
  return errors;
}

export const endpointsRule: ObjectRule = {
  id: 'endpoints-subsets',
  family: 'api-validation',
  defaultSeverity: 'error',
  description:
    'Endpoints subsets need addresses or notReadyAddresses, each a valid IP outside the unspecified, loopback and link-local ranges, with a DNS label hostname and a DNS subdomain nodeName; ports are named when several, numbered 1–65535, with a qualified appProtocol.',
  kinds: ['Endpoints'],
  check({ defaulted }) {
    const errors: FieldError[] = [];
    const subsetsPath = FieldPath.of('subsets');
    listAt(defaulted, 'subsets').forEach((subset, i) => {
      if (!isObject(subset)) return;
      const path = subsetsPath.index(i);
      const addresses = objectsAt(subset, 'addresses');
      const notReady = objectsAt(subset, 'notReadyAddresses');
      if (addresses.length === 0 && notReady.length === 0) errors.push(placedAt(required(path, 'must specify `addresses` or `notReadyAddresses`'), path, 'value'));
      addresses.forEach((address, j) => errors.push(...endpointAddressErrors(address, path.child('addresses').index(j))));
      notReady.forEach((address, j) => errors.push(...endpointAddressErrors(address, path.child('notReadyAddresses').index(j))));
      const ports = objectsAt(subset, 'ports');
      ports.forEach((port, j) => errors.push(...endpointPortErrors(port, ports.length > 1, path.child('ports').index(j))));
    });
    return errors;
  },
};

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const MAX_ENDPOINTS = 1000;
const MAX_ADDRESSES = 100;
const MAX_PORTS = 20000;
const MAX_ZONE_HINTS = 8;

/** validation.IsFullyQualifiedDomainName: a DNS subdomain (a trailing dot allowed) of at least two labels. */
function fullyQualifiedDomainNameErrors(value: string, path: FieldPath): FieldError[] {
  if (value === '') return [required(path)];
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  const subdomain = isDns1123Subdomain(name);
  if (subdomain.length > 0) return [invalid(path, name, subdomain.join(','))];
  const labels = name.split('.');
  if (labels.length < 2) return [invalid(path, name, 'should be a domain with at least two segments separated by dots')];
  for (const label of labels) {
    const messages = isDns1123Label(label);
    if (messages.length > 0) return [invalid(path, label, messages.join(','))];
  }
  return [];
}

/** One address of the slice's type: IsValidIPv4Address or IsValidIPv6Address then ValidateNonSpecialIP, or an FQDN. */
function sliceAddressErrors(address: string, addressType: string, path: FieldPath): FieldError[] {
  if (addressType === 'FQDN') return fullyQualifiedDomainNameErrors(address, path);
  if (addressType !== 'IPv4' && addressType !== 'IPv6') return [];
  const ip = parseSloppyIP(address);
  const errors: FieldError[] = [];
  if (addressType === 'IPv4' && (!ip || !isIPv4Bytes(ip))) errors.push(invalid(path, address, 'must be a valid IPv4 address'));
  if (addressType === 'IPv6' && (!ip || isIPv4Bytes(ip))) errors.push(invalid(path, address, 'must be a valid IPv6 address'));
  errors.push(...nonSpecialIPErrors(address, path));
  return errors;
}

/** validateHints: at most 8 zone hints, each zone named once with a valid label value. */
function hintErrors(hints: PlainObject, path: FieldPath): FieldError[] {
  const zonesPath = path.child('forZones');
  const zones = listAt(hints, 'forZones');
  if (zones.length > MAX_ZONE_HINTS) return [tooMany(zonesPath, zones.length, MAX_ZONE_HINTS)];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  zones.forEach((zone, i) => {
    const name = isObject(zone) ? textOf(zone['name']) : '';
    const namePath = zonesPath.index(i).child('name');
    if (seen.has(name)) errors.push(duplicate(namePath, name));
    else seen.add(name);
    for (const message of isValidLabelValue(name)) errors.push(invalid(namePath, name, message));
  });
  return errors;
}

function sliceEndpointErrors(endpoints: PlainObject[], addressType: string): FieldError[] {
  const endpointsPath = FieldPath.of('endpoints');
  if (endpoints.length > MAX_ENDPOINTS) return [tooMany(endpointsPath, endpoints.length, MAX_ENDPOINTS)];
  const errors: FieldError[] = [];
  endpoints.forEach((endpoint, i) => {
    const path = endpointsPath.index(i);
    const addressesPath = path.child('addresses');
    const addresses = listAt(endpoint, 'addresses');
    if (addresses.length === 0) errors.push(required(addressesPath, 'must contain at least 1 address'));
    else if (addresses.length > MAX_ADDRESSES) errors.push(tooMany(addressesPath, addresses.length, MAX_ADDRESSES));
    addresses.forEach((address, j) => {
      if (typeof address === 'string') errors.push(...sliceAddressErrors(address, addressType, addressesPath.index(j)));
    });
    const nodeName = endpoint['nodeName'];
    if (typeof nodeName === 'string') for (const message of isDns1123Subdomain(nodeName)) errors.push(invalid(path.child('nodeName'), nodeName, message));
    const hostname = endpoint['hostname'];
    if (typeof hostname === 'string') for (const message of isDns1123Label(hostname)) errors.push(invalid(path.child('hostname'), hostname, message));
    const hints = objectAt(endpoint, 'hints');
    if (hints) errors.push(...hintErrors(hints, path.child('hints')));
  });
  return errors;
}

function slicePortErrors(ports: PlainObject[]): FieldError[] {
  const portsPath = FieldPath.of('ports');
  if (ports.length > MAX_PORTS) return [tooMany(portsPath, ports.length, MAX_PORTS)];
  const errors: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const path = portsPath.index(i);
    const name = textOf(port['name']);
    if (name !== '') for (const message of isDns1123Label(name)) errors.push(invalid(path.child('name'), name, message));
    // Two unnamed ports repeat the name "" too; the second is underlined as a whole.
    if (names.has(name)) errors.push(name !== '' ? duplicate(path.child('name'), name) : placedAt(duplicate(path.child('name'), name), path, 'value'));
    else names.add(name);
    const appProtocol = port['appProtocol'];
    if (typeof appProtocol === 'string') for (const message of isQualifiedName(appProtocol)) errors.push(invalid(path.child('appProtocol'), appProtocol, message));
  });
  return errors;
}

export const endpointSliceRule: ObjectRule = {
  id: 'endpoint-slice',
  family: 'api-validation',
  defaultSeverity: 'error',
  description:
    'An EndpointSlice has a supported addressType; at most 1000 endpoints, each with 1–100 addresses of that type (IPs outside the special ranges, or domain names), a DNS label hostname, a DNS subdomain nodeName and valid zone hints; at most 20000 ports with unique DNS label names and a qualified appProtocol.',
  kinds: ['EndpointSlice'],
  check({ defaulted }) {
    const errors: FieldError[] = [];
    const addressType = textOf(defaulted['addressType']);
    const addressTypePath = FieldPath.of('addressType');
    if (addressType === '') errors.push(required(addressTypePath));
    else if (!ADDRESS_TYPES.includes(addressType)) errors.push(notSupported(addressTypePath, addressType, ADDRESS_TYPES));
    errors.push(...sliceEndpointErrors(objectsAt(defaulted, 'endpoints'), addressType));
    errors.push(...slicePortErrors(objectsAt(defaulted, 'ports')));
    return errors;
  },
};
