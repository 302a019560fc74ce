/**
 * Where and when a pod may run, as ValidatePodSpec (pkg/apis/core/validation/validation.go) checks it in a Pod and
 * in every pod template: topology spread constraints, node and pod (anti-)affinity, readiness and scheduling gates,
 * activeDeadlineSeconds, DNS configuration and host aliases. The label selectors inside affinity terms and spread constraints are the label-selector
 * rule's; enum fields (whenUnsatisfiable, nodeAffinityPolicy, nodeTaintsPolicy, operators) are checked by the schema.
 */
import { textOf, isObject, listAt, objectAt, objectsAt, type PlainObject, type PlainValue } from '../kube/plain-values';
import { isDns1123Label, isDns1123Subdomain, isQualifiedName, isValidLabelValue } from './apimachinery-validation';
import { duplicate, type FieldPath, forbidden, invalid, placedAt, required, type FieldError } from '../kube/field-errors';
import type { KubernetesVersion } from '../schema/versions';
import { podSpecRule } from './pod-spec';
import { isSloppyIP } from '../kube/ip-address';

const NOT_POSITIVE = 'must be greater than zero';

function strings(value: PlainValue | undefined, key: string): string[] {
  return listAt(value, key).filter((item): item is string => typeof item === 'string');
}

/** ValidateLabelName: a qualified name, each message on the key. */
function labelNameErrors(name: string, path: FieldPath): FieldError[] {
  return isQualifiedName(name).map((message) => invalid(path, name, message));
}

/** The keys a label selector names, in matchLabels and matchExpressions. */
function selectorKeys(selector: PlainObject): Set<string> {
  const keys = new Set(Object.keys(objectAt(selector, 'matchLabels') ?? {}));
  for (const expression of objectsAt(selector, 'matchExpressions')) keys.add(textOf(expression['key']));
  return keys;
}

/**
 * From 1.34 (MatchLabelKeysInPodTopologySpreadSelectorMerge) the API server merges a Pod's matchLabelKeys into
 * its selector before validating, and checks the overlap another way; the overlap check is modelled before that.
 */
const SPREAD_OVERLAP_CHECK_VERSIONS: ReadonlySet<KubernetesVersion> = new Set(['1.30', '1.32', '1.33']);

/** validateMatchLabelKeysInTopologySpread */
function spreadMatchLabelKeysErrors(constraint: PlainObject, path: FieldPath, checkOverlap: boolean): FieldError[] {
  const keys = strings(constraint, 'matchLabelKeys');
  if (keys.length === 0) return [];
  const selector = objectAt(constraint, 'labelSelector');
  const errors: FieldError[] = selector ? [] : [forbidden(path, 'must not be specified when labelSelector is not set')];
  const inSelector = selector ? selectorKeys(selector) : new Set<string>();
  keys.forEach((key, i) => {
    errors.push(...labelNameErrors(key, path.index(i)));
    if (checkOverlap && inSelector.has(key)) errors.push(invalid(path.index(i), key, 'exists in both matchLabelKeys and labelSelector'));
  });
  return errors;
}

/** validateTopologySpreadConstraints, but for the label selector and the enums. */
export const topologySpreadConstraintsRule = podSpecRule(
  'topology-spread-constraints',
  'Topology spread constraints: maxSkew and minDomains above zero, minDomains only with DoNotSchedule, a topologyKey, one constraint per topologyKey and whenUnsatisfiable, matchLabelKeys that are label keys beside a labelSelector.',
  ({ spec, path }, version) => {
    const errors: FieldError[] = [];
    const constraints = listAt(spec, 'topologySpreadConstraints');
    constraints.forEach((constraint, i) => {
      if (!isObject(constraint)) return;
      const at = path.child('topologySpreadConstraints').index(i);
      const maxSkew = typeof constraint['maxSkew'] === 'number' ? constraint['maxSkew'] : 0;
      if (maxSkew <= 0) errors.push(invalid(at.child('maxSkew'), maxSkew, NOT_POSITIVE));
      const topologyKey = textOf(constraint['topologyKey']);
      if (topologyKey === '') errors.push(required(at.child('topologyKey'), 'can not be empty'));
      const action = textOf(constraint['whenUnsatisfiable']);
      const repeated = constraints.slice(i + 1).some((other) => isObject(other) && textOf(other['topologyKey']) === topologyKey && textOf(other['whenUnsatisfiable']) === action);
      if (repeated) errors.push(placedAt(duplicate(at.child('{topologyKey, whenUnsatisfiable}'), `{${topologyKey}, ${action}}`), at.child('topologyKey'), 'value'));
      const minDomains = constraint['minDomains'];
      if (typeof minDomains === 'number') {
        if (minDomains <= 0) errors.push(invalid(at.child('minDomains'), minDomains, NOT_POSITIVE));
        if (action !== 'DoNotSchedule') errors.push(invalid(at.child('minDomains'), minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${action}`));
      }
      errors.push(...spreadMatchLabelKeysErrors(constraint, at.child('matchLabelKeys'), SPREAD_OVERLAP_CHECK_VERSIONS.has(version)));
    });
    return errors;
  },
);

/** ValidateNodeSelectorRequirement; `checkValues` is false for preferred terms, which may hold any value. */
function nodeSelectorRequirementErrors(requirement: PlainObject, path: FieldPath, checkValues: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const values = listAt(requirement, 'values');
  switch (requirement['operator']) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errors.push(required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errors.push(forbidden(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) errors.push(required(path.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
  }
  errors.push(...labelNameErrors(textOf(requirement['key']), path.child('key')));
  if (checkValues) {
    values.forEach((value, i) => {
      if (typeof value === 'string') for (const message of isValidLabelValue(value)) errors.push(invalid(path.child('values').index(i), value, message));
    });
  }
  return errors;
}

/** ValidateNodeFieldSelectorRequirement: only metadata.name, with one node name. */
function nodeFieldRequirementErrors(requirement: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const operator = requirement['operator'];
  const values = listAt(requirement, 'values');
  if (operator === 'In' || operator === 'NotIn') {
    if (values.length !== 1) errors.push(required(path.child('values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
  } else {
    errors.push(invalid(path.child('operator'), textOf(operator), 'not a valid selector operator'));
  }
  const key = textOf(requirement['key']);
  if (key !== 'metadata.name') errors.push(invalid(path.child('key'), key, 'not a valid field selector key'));
  else {
    values.forEach((value, i) => {
      if (typeof value === 'string') for (const message of isDns1123Subdomain(value)) errors.push(invalid(path.child('values').index(i), value, message));
    });
  }
  return errors;
}

/** ValidateNodeSelectorTerm */
export function nodeSelectorTermErrors(term: PlainObject, path: FieldPath, checkValues: boolean): FieldError[] {
  return [
    ...objectsAt(term, 'matchExpressions').flatMap((requirement, j) => nodeSelectorRequirementErrors(requirement, path.child('matchExpressions').index(j), checkValues)),
    ...objectsAt(term, 'matchFields').flatMap((requirement, j) => nodeFieldRequirementErrors(requirement, path.child('matchFields').index(j))),
  ];
}

function weightErrors(weighted: PlainObject, path: FieldPath): FieldError[] {
  const weight = typeof weighted['weight'] === 'number' ? weighted['weight'] : 0;
  return weight <= 0 || weight > 100 ? [invalid(path, weight, 'must be in the range 1-100')] : [];
}

/** validateNodeAffinity: ValidateNodeSelector for the required terms, ValidatePreferredSchedulingTerms. */
function nodeAffinityErrors(nodeAffinity: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const requiredSelector = objectAt(nodeAffinity, 'requiredDuringSchedulingIgnoredDuringExecution');
  if (requiredSelector) {
    const termsPath = path.child('requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms');
    const terms = listAt(requiredSelector, 'nodeSelectorTerms');
    if (terms.length === 0) errors.push(required(termsPath, 'must have at least one node selector term'));
    terms.forEach((term, i) => {
      if (isObject(term)) errors.push(...nodeSelectorTermErrors(term, termsPath.index(i), true));
    });
  }
  objectsAt(nodeAffinity, 'preferredDuringSchedulingIgnoredDuringExecution').forEach((preferred, i) => {
    const at = path.child('preferredDuringSchedulingIgnoredDuringExecution').index(i);
    errors.push(...weightErrors(preferred, at.child('weight')));
    const preference = objectAt(preferred, 'preference');
    if (preference) errors.push(...nodeSelectorTermErrors(preference, at.child('preference'), false));
  });
  return errors;
}

/** matchLabelKeys and mismatchLabelKeys of pod affinity terms: MatchLabelKeysInPodAffinity, on from 1.31. */
const AFFINITY_LABEL_KEYS_VERSIONS: ReadonlySet<KubernetesVersion> = new Set(['1.32', '1.33', '1.34', '1.36']);

/** validateMatchLabelKeysAndMismatchLabelKeys */
function affinityLabelKeysErrors(term: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const selector = objectAt(term, 'labelSelector');
  const matchKeys = strings(term, 'matchLabelKeys');
  const mismatchKeys = strings(term, 'mismatchLabelKeys');
  for (const [field, keys] of [
    ['matchLabelKeys', matchKeys],
    ['mismatchLabelKeys', mismatchKeys],
  ] as const) {
    if (keys.length === 0) continue;
    if (!selector) errors.push(forbidden(path.child(field), 'must not be specified when labelSelector is not set'));
    else keys.forEach((key, i) => errors.push(...labelNameErrors(key, path.child(field).index(i))));
  }
  if (selector) {
    const matchIndex = new Map(matchKeys.map((key, i) => [key, i]));
    const seen = new Set(Object.keys(objectAt(selector, 'matchLabels') ?? {}));
    for (const expression of objectsAt(selector, 'matchExpressions')) {
      const key = textOf(expression['key']);
      const i = matchIndex.get(key);
      // Go reports this one on the term's index, not under matchLabelKeys.
      if (i !== undefined && seen.has(key)) errors.push(placedAt(invalid(path.index(i), key, 'exists in both matchLabelKeys and labelSelector'), path.child('matchLabelKeys').index(i), 'value'));
      seen.add(key);
    }
  }
  const mismatch = new Set(mismatchKeys);
  matchKeys.forEach((key, i) => {
    if (mismatch.has(key)) errors.push(invalid(path.child('matchLabelKeys').index(i), key, 'exists in both matchLabelKeys and mismatchLabelKeys'));
  });
  return errors;
}

/** validatePodAffinityTerm, but for its label selectors. */
function podAffinityTermErrors(term: PlainObject, path: FieldPath, version: KubernetesVersion): FieldError[] {
  const errors: FieldError[] = [];
  listAt(term, 'namespaces').forEach((name, i) => {
    if (typeof name !== 'string') return;
    // Go names the list, without index, as `namespace`.
    for (const message of isDns1123Label(name)) errors.push(placedAt(invalid(path.child('namespace'), name, message), path.child('namespaces').index(i), 'value'));
  });
  if (AFFINITY_LABEL_KEYS_VERSIONS.has(version)) errors.push(...affinityLabelKeysErrors(term, path));
  const topologyKey = textOf(term['topologyKey']);
  if (topologyKey === '') errors.push(required(path.child('topologyKey'), 'can not be empty'));
  errors.push(...labelNameErrors(topologyKey, path.child('topologyKey')));
  return errors;
}

/** validatePodAffinity and validatePodAntiAffinity: the required terms, then the weighted ones. */
function podAffinityErrors(affinity: PlainObject, path: FieldPath, version: KubernetesVersion): FieldError[] {
  const errors: FieldError[] = [];
  objectsAt(affinity, 'requiredDuringSchedulingIgnoredDuringExecution').forEach((term, i) => {
    errors.push(...podAffinityTermErrors(term, path.child('requiredDuringSchedulingIgnoredDuringExecution').index(i), version));
  });
  objectsAt(affinity, 'preferredDuringSchedulingIgnoredDuringExecution').forEach((weighted, i) => {
    const at = path.child('preferredDuringSchedulingIgnoredDuringExecution').index(i);
    errors.push(...weightErrors(weighted, at.child('weight')));
    const term = objectAt(weighted, 'podAffinityTerm');
    if (term) errors.push(...podAffinityTermErrors(term, at.child('podAffinityTerm'), version));
  });
  return errors;
}

/** validateAffinity */
export const affinityRule = podSpecRule(
  'affinity',
  'Node and pod affinity: at least one node selector term, values as each operator needs them, weights 1–100, a topologyKey that is a label key, namespaces that are namespace names, matchLabelKeys and mismatchLabelKeys beside a labelSelector.',
  ({ spec, path }, version) => {
    const affinity = objectAt(spec, 'affinity');
    if (!affinity) return [];
    const at = path.child('affinity');
    const errors: FieldError[] = [];
    const nodeAffinity = objectAt(affinity, 'nodeAffinity');
    if (nodeAffinity) errors.push(...nodeAffinityErrors(nodeAffinity, at.child('nodeAffinity')));
    for (const field of ['podAffinity', 'podAntiAffinity']) {
      const podAffinity = objectAt(affinity, field);
      if (podAffinity) errors.push(...podAffinityErrors(podAffinity, at.child(field), version));
    }
    return errors;
  },
);

const MAX_INT32 = 2147483647;

/** validateReadinessGates, validateSchedulingGates and activeDeadlineSeconds. */
export const podGatesRule = podSpecRule(
  'pod-gates',
  'Readiness gate condition types and scheduling gate names are qualified names, scheduling gates unique, activeDeadlineSeconds between 1 and 2147483647.',
  ({ spec, path }) => {
    const errors: FieldError[] = [];
    objectsAt(spec, 'readinessGates').forEach((gate, i) => {
      const conditionType = textOf(gate['conditionType']);
      for (const message of isQualifiedName(conditionType)) errors.push(invalid(path.child('readinessGates').index(i).child('conditionType'), conditionType, message));
    });
    const seen = new Set<string>();
    objectsAt(spec, 'schedulingGates').forEach((gate, i) => {
      const name = textOf(gate['name']);
      // Go names the gate by its index, not its name field.
      const at = path.child('schedulingGates').index(i);
      const place = at.child('name');
      for (const message of isQualifiedName(name)) errors.push(placedAt(invalid(at, name, message), place, 'value'));
      if (seen.has(name)) errors.push(placedAt(duplicate(at, name), place, 'value'));
      seen.add(name);
    });
    const deadline = spec['activeDeadlineSeconds'];
    if (typeof deadline === 'number' && (deadline < 1 || deadline > MAX_INT32)) {
      errors.push(invalid(path.child('activeDeadlineSeconds'), deadline, `must be between 1 and ${MAX_INT32}, inclusive`));
    }
    return errors;
  },
);

const IP_ERROR = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 32;
const MAX_SEARCH_CHARACTERS = 2048;
/** RelaxedDNSSearchValidation, on from 1.33: underscores, and `.` alone. */
const RELAXED_SEARCH_VERSIONS: ReadonlySet<KubernetesVersion> = new Set(['1.33', '1.34', '1.36']);
const SUBDOMAIN_WITH_UNDERSCORE_LABEL = '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const SUBDOMAIN_WITH_UNDERSCORE = `${SUBDOMAIN_WITH_UNDERSCORE_LABEL}(\\.${SUBDOMAIN_WITH_UNDERSCORE_LABEL})*`;
const SUBDOMAIN_WITH_UNDERSCORE_PATTERN = new RegExp(`^${SUBDOMAIN_WITH_UNDERSCORE}$`);

/** IsDNS1123SubdomainWithUnderscore */
function subdomainWithUnderscoreErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 253) errors.push('must be no more than 253 characters');
  if (!SUBDOMAIN_WITH_UNDERSCORE_PATTERN.test(value)) {
    errors.push(
      `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${SUBDOMAIN_WITH_UNDERSCORE}')`,
    );
  }
  return errors;
}

function ipErrors(value: PlainValue, path: FieldPath): FieldError[] {
  return typeof value === 'string' && !isSloppyIP(value) ? [invalid(path, value, IP_ERROR)] : [];
}

/** validatePodDNSConfig */
function dnsConfigErrors(spec: PlainObject, path: FieldPath, version: KubernetesVersion): FieldError[] {
  const dnsConfig = objectAt(spec, 'dnsConfig');
  const at = path.child('dnsConfig');
  const nameservers = listAt(dnsConfig, 'nameservers');
  if (spec['dnsPolicy'] === 'None') {
    if (!dnsConfig) return [placedAt(required(at, 'must provide `dnsConfig` when `dnsPolicy` is None'), path.child('dnsPolicy'), 'value')];
    if (nameservers.length === 0) return [required(at.child('nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (!dnsConfig) return [];
  const errors: FieldError[] = [];
  if (nameservers.length > MAX_NAMESERVERS) errors.push(invalid(at.child('nameservers'), nameservers, `must not have more than ${MAX_NAMESERVERS} nameservers`));
  nameservers.forEach((nameserver, i) => errors.push(...ipErrors(nameserver, at.child('nameservers').index(i))));
  const searches = strings(dnsConfig, 'searches');
  if (searches.length > MAX_SEARCHES) errors.push(invalid(at.child('searches'), searches, `must not have more than ${MAX_SEARCHES} search paths`));
  if (searches.join(' ').length > MAX_SEARCH_CHARACTERS) {
    errors.push(invalid(at.child('searches'), searches, `must not have more than ${MAX_SEARCH_CHARACTERS} characters (including spaces) in the search list`));
  }
  const relaxed = RELAXED_SEARCH_VERSIONS.has(version);
  searches.forEach((search, i) => {
    if (relaxed && search === '.') return;
    const trimmed = search.endsWith('.') ? search.slice(0, -1) : search;
    const messages = relaxed ? subdomainWithUnderscoreErrors(trimmed) : isDns1123Subdomain(trimmed);
    for (const message of messages) errors.push(invalid(at.child('searches').index(i), trimmed, message));
  });
  listAt(dnsConfig, 'options').forEach((option, i) => {
    if (isObject(option) && textOf(option['name']) === '') errors.push(required(at.child('options').index(i), 'must not be empty'));
  });
  return errors;
}

/** validatePodDNSConfig and ValidateHostAliases. */
export const podDnsRule = podSpecRule(
  'pod-dns',
  'DNS: dnsPolicy None needs a dnsConfig with a nameserver; at most 3 nameservers, each an IP address; at most 32 search domains in 2048 characters, each a domain name; named options; host aliases with an IP address and domain names.',
  ({ spec, path }, version) => {
    const errors = dnsConfigErrors(spec, path, version);
    objectsAt(spec, 'hostAliases').forEach((alias, i) => {
      const at = path.child('hostAliases').index(i);
      errors.push(...ipErrors(textOf(alias['ip']), at.child('ip')));
      strings(alias, 'hostnames').forEach((hostname, j) => {
        for (const message of isDns1123Subdomain(hostname)) errors.push(invalid(at.child('hostnames').index(j), hostname, message));
      });
    });
    return errors;
  },
);

export const POD_SCHEDULING_RULES = [topologySpreadConstraintsRule, affinityRule, podGatesRule, podDnsRule];
