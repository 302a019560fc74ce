/**
 * Dynamic Resource Allocation (resource.k8s.io/v1, served by default from Kubernetes 1.34) as
 * pkg/apis/resource/validation validates it on create: the device requests, constraints and configuration of
 * ResourceClaims and ResourceClaimTemplates (validateDeviceClaim), DeviceClasses (validateDeviceClassSpec) and
 * ResourceSlices (validateResourceSliceSpec). CEL selector expressions cannot be compiled here: only their length
 * is checked. The beta and alpha versions are not served unless the API server enables them, and are not checked.
 */
import { FieldPath, duplicate, invalid, notSupported, placedAt, required, tooLong, tooMany, type FieldError } from '../kube/field-errors';
import { isObject, objectAt, objectsAt, textOf, type PlainObject, type PlainValue } from '../kube/plain-values';
import { type GoValue, goPointer, goScalar, goSlice, goString, goStrings, goStruct } from '../kube/go-values';
import { isCIdentifier, isDns1123Label, isDns1123Subdomain } from './apimachinery-validation';
import { nodeSelectorTermErrors } from './pod-scheduling';
import type { ObjectRule, RuleContext } from './rule';
import { csiDriverNameErrors } from './volume-sources';

const RESOURCE_V1 = 'resource.k8s.io/v1';

/** Limits of pkg/apis/resource/types.go. */
const DEVICE_REQUESTS_MAX_SIZE = 32;
const DEVICE_CONSTRAINTS_MAX_SIZE = 32;
const DEVICE_CONFIG_MAX_SIZE = 32;
const DEVICE_SELECTORS_MAX_SIZE = 32;
const FIRST_AVAILABLE_MAX_SIZE = 8;
const CEL_SELECTOR_EXPRESSION_MAX_LENGTH = 10 * 1024;
const OPAQUE_PARAMETERS_MAX_LENGTH = 10 * 1024;
const RESOURCE_SLICE_MAX_DEVICES = 128;
const RESOURCE_SLICE_MAX_DEVICES_WITH_TAINTS = 64;
const MAX_ATTRIBUTES_AND_CAPACITIES_PER_DEVICE = 32;
const DEVICE_ATTRIBUTE_MAX_VALUE_LENGTH = 64;
const DEVICE_MAX_ID_LENGTH = 32;
const POOL_NAME_MAX_LENGTH = 253;

const REQUEST_NAME_REF = "must be the name of a request in the claim or the name of a request and a subrequest separated by '/'";

/** The semver.org 2.0.0 grammar validateDeviceAttribute checks version attributes with. */
const NUMERIC_IDENTIFIER = '(0|[1-9]\\d*)';
const PRE_RELEASE_IDENTIFIER = '(0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)';
const BUILD_IDENTIFIER = '[0-9a-zA-Z-]+';
const SEMVER = new RegExp(
  `^${NUMERIC_IDENTIFIER}\\.${NUMERIC_IDENTIFIER}\\.${NUMERIC_IDENTIFIER}(-${PRE_RELEASE_IDENTIFIER}(\\.${PRE_RELEASE_IDENTIFIER})*)?(\\+${BUILD_IDENTIFIER}(\\.${BUILD_IDENTIFIER})*)?$`,
);

const list = (value: PlainValue | undefined): PlainValue[] => (Array.isArray(value) ? value : []);
const byteLength = (value: string): number => Buffer.byteLength(value, 'utf8');

/** ValidateDNS1123Label / ValidateDNS1123Subdomain of core validation: one Invalid per message. */
function labelErrors(value: string, path: FieldPath): FieldError[] {
  return isDns1123Label(value).map((message) => invalid(path, value, message));
}

function subdomainErrors(value: string, path: FieldPath): FieldError[] {
  return isDns1123Subdomain(value).map((message) => invalid(path, value, message));
}

/** validateCIdentifier */
function cIdentifierErrors(id: string, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (byteLength(id) > DEVICE_MAX_ID_LENGTH) errors.push(tooLong(path, DEVICE_MAX_ID_LENGTH));
  for (const message of isCIdentifier(id)) errors.push(invalid(path, id, message));
  return errors;
}

/** validateQualifiedName: a C identifier, optionally behind a driver-name domain and one slash. */
function qualifiedNameErrors(name: string, path: FieldPath): FieldError[] {
  const parts = name.split('/');
  if (parts.length === 1) return cIdentifierErrors(parts[0]!, path);
  if (parts.length > 2) return [invalid(path, name, 'must not contain more than one slash')];
  const errors: FieldError[] = [];
  const [domain, id] = parts as [string, string];
  if (domain.length === 0) errors.push(invalid(path, '', 'the domain must not be empty'));
  else errors.push(...csiDriverNameErrors(domain, path));
  if (id.length === 0) errors.push(invalid(path, '', 'the name must not be empty'));
  else errors.push(...cIdentifierErrors(id, path));
  return errors;
}

/** validateFullyQualifiedName: a qualified name that has a domain. */
function fullyQualifiedNameErrors(name: string, path: FieldPath): FieldError[] {
  const errors = qualifiedNameErrors(name, path);
  if (!name.includes('/')) errors.push(invalid(path, name, 'a fully qualified name must be a domain and a name separated by a slash'));
  return errors;
}

/**
 * The length of the JSON the API server receives for a RawExtension: what Go's encoding/json writes, which escapes
 * `<`, `>`, `&`, U+2028 and U+2029 as six-byte `\uXXXX` sequences.
 */
function goJsonLength(value: PlainValue): number {
  let length = 0;
  for (const ch of JSON.stringify(value)) {
    if (ch === '<' || ch === '>' || ch === '&' || ch === '\u2028' || ch === '\u2029') length += 6;
    else length += byteLength(ch);
  }
  return length;
}

/** validateRawExtension on create: present, within the limit, a JSON object. */
function rawExtensionErrors(value: PlainValue | undefined, path: FieldPath, maxLength: number): FieldError[] {
  if (value === undefined || value === null) return [required(path)];
  if (goJsonLength(value) > maxLength) return [tooLong(path, maxLength)];
  if (!isObject(value)) return [invalid(path, '<value omitted>', 'must be a valid JSON object')];
  return [];
}

/** validateDeviceConfiguration with validateOpaqueConfiguration. */
function deviceConfigurationErrors(config: PlainObject, path: FieldPath): FieldError[] {
  const opaque = objectAt(config, 'opaque');
  if (!opaque) return [required(path.child('opaque'))];
  return [
    ...csiDriverNameErrors(textOf(opaque['driver']), path.child('opaque', 'driver')),
    ...rawExtensionErrors(opaque['parameters'], path.child('opaque', 'parameters'), OPAQUE_PARAMETERS_MAX_LENGTH),
  ];
}

/** validateSelectorSlice: at most 32, each with a CEL expression no longer than 10 KiB (compilation is not reproduced). */
function selectorErrors(selectors: PlainValue | undefined, path: FieldPath): FieldError[] {
  const items = list(selectors);
  if (items.length > DEVICE_SELECTORS_MAX_SIZE) return [tooMany(path, items.length, DEVICE_SELECTORS_MAX_SIZE)];
  const errors: FieldError[] = [];
  items.forEach((selector, i) => {
    const cel = objectAt(selector, 'cel');
    if (!cel) errors.push(required(path.index(i).child('cel')));
    else if (byteLength(textOf(cel['expression'])) > CEL_SELECTOR_EXPRESSION_MAX_LENGTH) errors.push(tooLong(path.index(i).child('cel', 'expression'), CEL_SELECTOR_EXPRESSION_MAX_LENGTH));
  });
  return errors;
}

/** validateDeviceClass */
function deviceClassNameErrors(name: string, path: FieldPath): FieldError[] {
  return name === '' ? [required(path)] : subdomainErrors(name, path);
}

/** validateDeviceAllocationMode, after SetDefaults_ExactDeviceRequest made an unset mode ExactCount with one device. */
function allocationModeErrors(request: PlainObject, path: FieldPath): FieldError[] {
  const mode = textOf(request['allocationMode']);
  const count = typeof request['count'] === 'number' ? request['count'] : 0;
  if (mode === 'All') return count !== 0 ? [invalid(path.child('count'), count, "must not be specified when allocationMode is 'All'")] : [];
  if (mode === 'ExactCount') return count <= 0 ? [invalid(path.child('count'), count, 'must be greater than zero')] : [];
  return [notSupported(path.child('allocationMode'), mode, ['All', 'ExactCount'])];
}

/** validateSet's duplicate check: the item's path, placed on the key that repeats. */
function duplicateErrors(items: PlainObject[], keyField: string, path: FieldPath): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  items.forEach((item, i) => {
    const key = textOf(item[keyField]);
    if (seen.has(key)) errors.push(placedAt(duplicate(path.index(i), key), path.index(i).child(keyField), 'value'));
    else seen.add(key);
  });
  return errors;
}

function stringDuplicateErrors(items: string[], path: FieldPath): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  items.forEach((item, i) => {
    if (seen.has(item)) errors.push(duplicate(path.index(i), item));
    else seen.add(item);
  });
  return errors;
}

/** gatherRequestNames: each request, with the names of its subrequests when it has firstAvailable. */
function gatherRequestNames(requests: PlainObject[]): Map<string, Set<string> | undefined> {
  const names = new Map<string, Set<string> | undefined>();
  for (const request of requests) {
    const subRequests = objectsAt(request, 'firstAvailable');
    names.set(textOf(request['name']), subRequests.length === 0 ? undefined : new Set(subRequests.map((s) => textOf(s['name']))));
  }
  return names;
}

/** validateRequestNameRef */
function requestNameRefErrors(name: string, path: FieldPath, names: Map<string, Set<string> | undefined>): FieldError[] {
  const segments = name.split('/');
  if (segments.length > 2) return [invalid(path, name, REQUEST_NAME_REF)];
  const errors = segments.flatMap((segment) => labelErrors(segment, path));
  const known = names.has(segments[0]!) && (segments.length === 1 || (names.get(segments[0]!)?.has(segments[1]!) ?? false));
  if (!known) errors.push(invalid(path, name, REQUEST_NAME_REF));
  return errors;
}

/** validateSet over a list of request names (constraints and config). */
function requestRefsErrors(value: PlainValue | undefined, path: FieldPath, names: Map<string, Set<string> | undefined>): FieldError[] {
  const refs = list(value).map((item) => textOf(item));
  if (refs.length > DEVICE_REQUESTS_MAX_SIZE) return [tooMany(path, refs.length, DEVICE_REQUESTS_MAX_SIZE)];
  return [...refs.flatMap((ref, i) => requestNameRefErrors(ref, path.index(i), names)), ...stringDuplicateErrors(refs, path)];
}

/** validateExactDeviceRequest and validateDeviceSubRequest (the subrequest also has a name); tolerations not reproduced. */
function exactRequestErrors(request: PlainObject, path: FieldPath): FieldError[] {
  return [
    ...deviceClassNameErrors(textOf(request['deviceClassName']), path.child('deviceClassName')),
    ...selectorErrors(request['selectors'], path.child('selectors')),
    ...allocationModeErrors(request, path),
  ];
}

/** validateDeviceRequest */
function deviceRequestErrors(request: PlainObject, path: FieldPath): FieldError[] {
  const errors = labelErrors(textOf(request['name']), path.child('name'));
  const firstAvailable = objectsAt(request, 'firstAvailable');
  const exactly = objectAt(request, 'exactly');
  const hasFirstAvailable = firstAvailable.length > 0;
  if (!hasFirstAvailable && !exactly) errors.push(required(path, 'exactly one of `exactly` or `firstAvailable` is required'));
  else if (hasFirstAvailable && exactly) errors.push(invalid(path, 'null', 'exactly one of `exactly` or `firstAvailable` is required, but multiple fields are set'));
  else if (exactly) errors.push(...exactRequestErrors(exactly, path.child('exactly')));
  else {
    const subPath = path.child('firstAvailable');
    if (firstAvailable.length > FIRST_AVAILABLE_MAX_SIZE) errors.push(tooMany(subPath, firstAvailable.length, FIRST_AVAILABLE_MAX_SIZE));
    else {
      firstAvailable.forEach((subRequest, i) => {
        errors.push(...labelErrors(textOf(subRequest['name']), subPath.index(i).child('name')), ...exactRequestErrors(subRequest, subPath.index(i)));
      });
      errors.push(...duplicateErrors(firstAvailable, 'name', subPath));
    }
  }
  return errors;
}

/** validateDeviceClaim: requests, constraints, config. */
function deviceClaimErrors(devices: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const requests = objectsAt(devices, 'requests');
  const names = gatherRequestNames(requests);
  const requestsPath = path.child('requests');
  if (requests.length > DEVICE_REQUESTS_MAX_SIZE) errors.push(tooMany(requestsPath, requests.length, DEVICE_REQUESTS_MAX_SIZE));
  else {
    requests.forEach((request, i) => errors.push(...deviceRequestErrors(request, requestsPath.index(i))));
    errors.push(...duplicateErrors(requests, 'name', requestsPath));
  }
  const constraints = objectsAt(devices, 'constraints');
  const constraintsPath = path.child('constraints');
  if (constraints.length > DEVICE_CONSTRAINTS_MAX_SIZE) errors.push(tooMany(constraintsPath, constraints.length, DEVICE_CONSTRAINTS_MAX_SIZE));
  else {
    constraints.forEach((constraint, i) => {
      const at = constraintsPath.index(i);
      errors.push(...requestRefsErrors(constraint['requests'], at.child('requests'), names));
      // distinctAttribute belongs to DRAConsumableCapacity, an alpha feature the API server drops when it is off.
      const matchAttribute = constraint['matchAttribute'];
      if (typeof matchAttribute === 'string') errors.push(...fullyQualifiedNameErrors(matchAttribute, at.child('matchAttribute')));
      else if (constraint['distinctAttribute'] === undefined) errors.push(required(at.child('matchAttribute')));
    });
  }
  const configs = objectsAt(devices, 'config');
  const configPath = path.child('config');
  if (configs.length > DEVICE_CONFIG_MAX_SIZE) errors.push(tooMany(configPath, configs.length, DEVICE_CONFIG_MAX_SIZE));
  else {
    configs.forEach((config, i) => {
      const at = configPath.index(i);
      errors.push(...requestRefsErrors(config['requests'], at.child('requests'), names), ...deviceConfigurationErrors(config, at));
    });
  }
  return errors;
}

const servedV1 = (context: RuleContext) => context.apiVersion === RESOURCE_V1;

export const resourceClaimDevicesRule: ObjectRule = {
  id: 'resource-claim-devices',
  family: 'api-validation',
  defaultSeverity: 'error',
  description:
    "A ResourceClaim's (or a ResourceClaimTemplate's) device requests, constraints and configuration as the API server validates them: names, one of exactly or firstAvailable, device classes, allocation mode and count, selectors, request references, opaque configuration.",
  kinds: ['ResourceClaim', 'ResourceClaimTemplate'],
  check(context) {
    if (!servedV1(context)) return [];
    const template = context.kind === 'ResourceClaimTemplate';
    const spec = template ? objectAt(context.defaulted, 'spec', 'spec') : objectAt(context.defaulted, 'spec');
    const devices = objectAt(spec, 'devices');
    if (!devices) return [];
    return deviceClaimErrors(devices, (template ? FieldPath.of('spec', 'spec') : FieldPath.of('spec')).child('devices'));
  },
};

export const deviceClassSpecRule: ObjectRule = {
  id: 'device-class-spec',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: "A DeviceClass's selectors (each a CEL expression of at most 10 KiB) and opaque configuration (a driver name and parameters that are a JSON object of at most 10 KiB).",
  kinds: ['DeviceClass'],
  check(context) {
    if (!servedV1(context)) return [];
    const spec = objectAt(context.defaulted, 'spec');
    if (!spec) return [];
    const path = FieldPath.of('spec');
    const errors = selectorErrors(spec['selectors'], path.child('selectors'));
    const configs = objectsAt(spec, 'config');
    if (configs.length > DEVICE_CONFIG_MAX_SIZE) errors.push(tooMany(path.child('config'), configs.length, DEVICE_CONFIG_MAX_SIZE));
    else configs.forEach((config, i) => errors.push(...deviceConfigurationErrors(config, path.child('config').index(i))));
    return errors;
  },
};

/** validatePoolName: required, at most 253 bytes, DNS subdomains separated by slashes. */
function poolNameErrors(name: string, path: FieldPath): FieldError[] {
  if (name === '') return [required(path)];
  const errors: FieldError[] = [];
  if (byteLength(name) > POOL_NAME_MAX_LENGTH) errors.push(tooLong(path, POOL_NAME_MAX_LENGTH));
  for (const part of name.split('/')) errors.push(...subdomainErrors(part, path));
  return errors;
}

/** validateResourcePool */
function poolErrors(pool: PlainObject | undefined, path: FieldPath): FieldError[] {
  const errors = poolNameErrors(textOf(pool?.['name']), path.child('name'));
  const sliceCount = typeof pool?.['resourceSliceCount'] === 'number' ? pool['resourceSliceCount'] : 0;
  if (sliceCount <= 0) errors.push(invalid(path.child('resourceSliceCount'), sliceCount, 'must be greater than zero'));
  const generation = typeof pool?.['generation'] === 'number' ? pool['generation'] : 0;
  if (generation < 0) errors.push(invalid(path.child('generation'), generation, 'must be greater than or equal to zero'));
  return errors;
}

/** validateDeviceAttribute: exactly one typed value; strings at most 64 bytes, versions semver and at most 64 bytes. */
function attributeErrors(attribute: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  let fields = 0;
  if (attribute['bool'] !== undefined) fields++;
  if (attribute['int'] !== undefined) fields++;
  if (typeof attribute['string'] === 'string') {
    fields++;
    if (byteLength(attribute['string']) > DEVICE_ATTRIBUTE_MAX_VALUE_LENGTH) errors.push(tooLong(path.child('string'), DEVICE_ATTRIBUTE_MAX_VALUE_LENGTH));
  }
  if (typeof attribute['version'] === 'string') {
    fields++;
    const version = attribute['version'];
    if (!SEMVER.test(version)) errors.push(invalid(path.child('version'), version, 'must be a string compatible with semver.org spec 2.0.0'));
    if (byteLength(version) > DEVICE_ATTRIBUTE_MAX_VALUE_LENGTH) errors.push(tooLong(path.child('version'), DEVICE_ATTRIBUTE_MAX_VALUE_LENGTH));
  }
  if (fields === 0) errors.push(placedAt(invalid(path, '', 'exactly one value must be specified'), path, 'key'));
  else if (fields > 1) errors.push(placedAt(invalid(path, deviceAttributeValue(attribute), 'exactly one value must be specified'), path, 'key'));
  return errors;
}

/**
 * The internal resource.DeviceAttribute, as field.Error prints it: JSON with its Go field names from 1.34 (the only
 * releases serving resource.k8s.io/v1); Go's %#v before, each set pointer shown by its value.
 */
function deviceAttributeValue(attribute: PlainObject): GoValue {
  const scalar = (goType: string, value: PlainValue | undefined) => goPointer(goType, typeof value === 'number' || typeof value === 'boolean' ? goScalar(value) : undefined);
  const string = (value: PlainValue | undefined) => goPointer('*string', typeof value === 'string' ? goString(value) : undefined);
  return goStruct('resource.DeviceAttribute', [
    ['IntValue', scalar('*int64', attribute['int'])],
    ['BoolValue', scalar('*bool', attribute['bool'])],
    ['StringValue', string(attribute['string'])],
    ['VersionValue', string(attribute['version'])],
  ]);
}

/** A core.NodeSelectorRequirement list, as the internal type prints. */
function nodeSelectorRequirementsValue(requirements: PlainValue | undefined): GoValue {
  const items = Array.isArray(requirements)
    ? requirements.filter(isObject).map((requirement) =>
        goStruct('core.NodeSelectorRequirement', [
          ['Key', goString(textOf(requirement['key']))],
          ['Operator', goString(textOf(requirement['operator']))],
          ['Values', goStrings('[]string', Array.isArray(requirement['values']) ? requirement['values'].map((v) => textOf(v)) : undefined)],
        ]),
      )
    : undefined;
  return goSlice('[]core.NodeSelectorRequirement', items);
}

/** The internal []core.NodeSelectorTerm: `null` when absent, `[]` when written empty. */
function nodeSelectorTermsValue(terms: PlainValue | undefined): GoValue {
  const items = Array.isArray(terms)
    ? terms.filter(isObject).map((term) =>
        goStruct('core.NodeSelectorTerm', [
          ['MatchExpressions', nodeSelectorRequirementsValue(term['matchExpressions'])],
          ['MatchFields', nodeSelectorRequirementsValue(term['matchFields'])],
        ]),
      )
    : undefined;
  return goSlice('[]core.NodeSelectorTerm', items);
}

/** validateMap's key check over qualified names, reported on the map and placed on the key; keys in sorted order. */
function mapKeyErrors(map: PlainObject | undefined, path: FieldPath, validateItem?: (item: PlainObject, itemPath: FieldPath) => FieldError[]): FieldError[] {
  if (!map) return [];
  const errors: FieldError[] = [];
  for (const key of Object.keys(map).sort()) {
    for (const error of qualifiedNameErrors(key, path)) errors.push(placedAt(error, path.key(key), 'key'));
    const item = map[key];
    if (validateItem && isObject(item)) errors.push(...validateItem(item, path.key(key)));
  }
  return errors;
}

/** validateDevice, for what the API server serves by default (no per-device node selection, no counters). */
function deviceErrors(device: PlainObject, path: FieldPath): FieldError[] {
  const errors = labelErrors(textOf(device['name']), path.child('name'));
  const attributes = objectAt(device, 'attributes');
  const capacity = objectAt(device, 'capacity');
  const total = Object.keys(attributes ?? {}).length + Object.keys(capacity ?? {}).length;
  if (total > MAX_ATTRIBUTES_AND_CAPACITIES_PER_DEVICE) {
    errors.push(placedAt(invalid(path, total, `the total number of attributes and capacities must not exceed ${MAX_ATTRIBUTES_AND_CAPACITIES_PER_DEVICE}`), path.child('name'), 'value'));
  }
  errors.push(...mapKeyErrors(attributes, path.child('attributes'), attributeErrors));
  errors.push(...mapKeyErrors(capacity, path.child('capacity')));
  return errors;
}

/** One of the node selection fields, as validateResourceSliceSpec counts it. */
function nodeSelectionErrors(spec: PlainObject, path: FieldPath): { set: string[]; errors: FieldError[] } {
  const set: string[] = [];
  const errors: FieldError[] = [];
  const nodeName = spec['nodeName'];
  if (typeof nodeName === 'string') {
    if (nodeName !== '') {
      set.push('`nodeName`');
      errors.push(...subdomainErrors(nodeName, path.child('nodeName')));
    } else errors.push(invalid(path.child('nodeName'), nodeName, 'must be either unset or set to a non-empty string'));
  }
  const nodeSelector = objectAt(spec, 'nodeSelector');
  if (nodeSelector) {
    set.push('`nodeSelector`');
    const termsPath = path.child('nodeSelector', 'nodeSelectorTerms');
    const terms = list(nodeSelector['nodeSelectorTerms']);
    if (terms.length === 0) errors.push(required(termsPath, 'must have at least one node selector term'));
    terms.forEach((term, i) => {
      if (isObject(term)) errors.push(...nodeSelectorTermErrors(term, termsPath.index(i), true));
    });
    if (terms.length !== 1) errors.push(invalid(termsPath, nodeSelectorTermsValue(nodeSelector['nodeSelectorTerms']), 'must have exactly one node selector term'));
  }
  for (const field of ['allNodes', 'perDeviceNodeSelection']) {
    const value = spec[field];
    if (value === true) set.push(`\`${field}\``);
    else if (value === false) errors.push(invalid(path.child(field), false, 'must be either unset or set to true'));
  }
  return { set, errors };
}

export const resourceSliceSpecRule: ObjectRule = {
  id: 'resource-slice-spec',
  family: 'api-validation',
  defaultSeverity: 'error',
  description:
    "A ResourceSlice's driver, pool (name, generation, resourceSliceCount), exactly one of nodeName, nodeSelector, allNodes and perDeviceNodeSelection, and its devices: unique DNS-label names, at most 128, qualified attribute and capacity names, one value per attribute.",
  kinds: ['ResourceSlice'],
  check(context) {
    if (!servedV1(context)) return [];
    const spec = objectAt(context.defaulted, 'spec');
    if (!spec) return [];
    const path = FieldPath.of('spec');
    const errors = csiDriverNameErrors(textOf(spec['driver']), path.child('driver'));
    errors.push(...poolErrors(objectAt(spec, 'pool'), path.child('pool')));
    const selection = nodeSelectionErrors(spec, path);
    errors.push(...selection.errors);
    const fields = 'exactly one of `nodeName`, `nodeSelector`, `allNodes`, `perDeviceNodeSelection` is required';
    if (selection.set.length === 0) errors.push(placedAt(required(path, fields), path, 'key'));
    else if (selection.set.length > 1) {
      // Placed on the second field set, the one to remove.
      const second = selection.set[1]!.slice(1, -1);
      errors.push(placedAt(invalid(path, `{${selection.set.join(', ')}}`, `${fields}, but multiple fields are set`), path.child(second), 'key'));
    }
    const devices = objectsAt(spec, 'devices');
    const devicesPath = path.child('devices');
    const maxDevices = devices.some((device) => list(device['taints']).length > 0) ? RESOURCE_SLICE_MAX_DEVICES_WITH_TAINTS : RESOURCE_SLICE_MAX_DEVICES;
    if (devices.length > maxDevices) errors.push(tooMany(devicesPath, devices.length, maxDevices));
    else {
      devices.forEach((device, i) => errors.push(...deviceErrors(device, devicesPath.index(i))));
      errors.push(...duplicateErrors(devices, 'name', devicesPath));
    }
    return errors;
  },
};

export const DYNAMIC_RESOURCE_RULES: readonly ObjectRule[] = [resourceClaimDevicesRule, deviceClassSpecRule, resourceSliceSpecRule];
