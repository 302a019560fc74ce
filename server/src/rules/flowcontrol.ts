/**
 * API Priority and Fairness objects as pkg/apis/flowcontrol/validation/validation.go validates them on create, on
 * the object after v1 or v1beta3 defaulting (defaulting/flowcontrol.ts): ValidateFlowSchemaSpec with its subjects
 * and resource and non-resource rules, and ValidatePriorityLevelConfiguration's spec (Exempt or Limited, the limit
 * response and the queuing parameters with the shuffle-sharding bound). Names are checked by object-name
 * (NameIsDNSSubdomain). The mandatory objects `exempt` and `catch-all` must keep their fixed specs
 * (ValidateFlowSchema, ValidateIfMandatoryPriorityLevelConfigurationObject): the API server prints the whole internal
 * spec, as JSON under Go field names from 1.34 and with Go's %#v before, where pointers print as addresses
 * (kubeplan prints `…` in their place).
 */
import { PRESERVE_ZERO_SHARES_ANNOTATION } from '../defaulting/flowcontrol';
import { FieldPath, forbidden, invalid, notSupported, placedAt, required, type FieldError } from '../kube/field-errors';
import { goPointer, goScalar, goSlice, goString, goStrings, goStruct, type GoValue } from '../kube/go-values';
import { isObject, listAt, objectAt, objectsAt, stringAt, type PlainObject, type PlainValue } from '../kube/plain-values';
import { isDns1123Label, isDns1123Subdomain } from './apimachinery-validation';
import type { ObjectRule } from './rule';

/** FlowSchemaMaxMatchingPrecedence */
const MAX_MATCHING_PRECEDENCE = 10000;
/** priorityLevelConfigurationQueuingMaxQueues: 10^7 */
const MAX_QUEUES = 10_000_000;
/** shufflesharding.MaxHashBits */
const MAX_HASH_BITS = 60;
/** supportedVerbs, sorted as sets.String.List() returns them. */
const SUPPORTED_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'proxy', 'update', 'watch'];
const DISTINGUISHER_METHODS = ['ByNamespace', 'ByUser'];
const SUBJECT_KINDS = ['Group', 'ServiceAccount', 'User'];
const ENABLEMENTS = ['Exempt', 'Limited'];
const LIMIT_RESPONSE_TYPES = ['Queue', 'Reject'];
const NAMESPACE_INTRO = "each member of this list must be '*' or a DNS-1123 label; ";
const WHITESPACE = ' ';

function int(object: PlainObject | undefined, field: string): number {
  const value = object?.[field];
  return typeof value === 'number' ? value : 0;
}

function strings(object: PlainObject, field: string): string[] {
  return listAt(object, field).map((value: PlainValue) => (typeof value === 'string' ? value : ''));
}

/** The verbs check shared by resource and non-resource rules. */
function verbErrors(rule: PlainObject, path: FieldPath): FieldError[] {
  const verbs = strings(rule, 'verbs');
  const verbsPath = path.child('verbs');
  if (verbs.length === 0) return [required(verbsPath, 'verbs must contain at least one value')];
  if (verbs.includes('*')) return verbs.length > 1 ? [invalid(verbsPath, verbs, "if '*' is present, must not specify other verbs")] : [];
  return verbs.every((verb) => SUPPORTED_VERBS.includes(verb)) ? [] : [notSupported(verbsPath, verbs, SUPPORTED_VERBS)];
}

/** ValidateNonResourceURLPath */
function nonResourceUrlError(url: string, path: FieldPath): FieldError | undefined {
  if (url === '') return invalid(path, url, 'must not be empty');
  if (url === '/') return undefined;
  if (!url.startsWith('/')) return invalid(path, url, 'must start with slash');
  if (url.includes(WHITESPACE)) return invalid(path, url, 'must not contain white-space');
  if (url.includes('//')) return invalid(path, url, 'must not contain double slash');
  const wildcards = url.split('*').length - 1;
  if (wildcards > 1 || (wildcards === 1 && !url.endsWith('/*'))) return invalid(path, url, 'wildcard can only do suffix matching');
  return undefined;
}

/** ValidateFlowSchemaNonResourcePolicyRule */
function nonResourceRuleErrors(rule: PlainObject, path: FieldPath): FieldError[] {
  const errors = verbErrors(rule, path);
  const urls = strings(rule, 'nonResourceURLs');
  const urlsPath = path.child('nonResourceURLs');
  if (urls.length === 0) errors.push(required(urlsPath, 'nonResourceURLs must contain at least one value'));
  else if (urls.includes('*')) {
    if (urls.length > 1) errors.push(invalid(urlsPath, urls, "if '*' is present, must not specify other non-resource URLs"));
  } else {
    urls.forEach((url, i) => {
      const error = nonResourceUrlError(url, urlsPath.index(i));
      if (error) errors.push(error);
    });
  }
  return errors;
}

/** ValidateFlowSchemaResourcePolicyRule */
function resourceRuleErrors(rule: PlainObject, path: FieldPath): FieldError[] {
  const errors = verbErrors(rule, path);
  const apiGroups = strings(rule, 'apiGroups');
  if (apiGroups.length === 0) errors.push(required(path.child('apiGroups'), 'resource rules must supply at least one api group'));
  else if (apiGroups.length > 1 && apiGroups.includes('*')) errors.push(invalid(path.child('apiGroups'), apiGroups, "if '*' is present, must not specify other api groups"));
  const resources = strings(rule, 'resources');
  if (resources.length === 0) errors.push(required(path.child('resources'), 'resource rules must supply at least one resource'));
  else if (resources.length > 1 && resources.includes('*')) errors.push(invalid(path.child('resources'), resources, "if '*' is present, must not specify other resources"));
  const namespaces = strings(rule, 'namespaces');
  const namespacesPath = path.child('namespaces');
  if (namespaces.length === 0 && rule['clusterScope'] !== true) {
    errors.push(required(namespacesPath, 'resource rules that are not cluster scoped must supply at least one namespace'));
  } else if (namespaces.includes('*')) {
    if (namespaces.length > 1) errors.push(invalid(namespacesPath, namespaces, "if '*' is present, must not specify other namespaces"));
  } else {
    namespaces.forEach((namespace, i) => {
      for (const message of isDns1123Label(namespace)) errors.push(invalid(namespacesPath.index(i), namespace, NAMESPACE_INTRO + message));
    });
  }
  return errors;
}

/** ValidateServiceAccountSubject: name `*` or a DNS-1123 subdomain, namespace a DNS-1123 label. */
function serviceAccountSubjectErrors(subject: PlainValue | undefined, path: FieldPath): FieldError[] {
  if (!isObject(subject)) return [required(path, "serviceAccount is required when subject kind is 'ServiceAccount'")];
  const errors: FieldError[] = [];
  const name = stringAt(subject, 'name') ?? '';
  if (name === '') errors.push(required(path.child('name')));
  else if (name !== '*') for (const message of isDns1123Subdomain(name)) errors.push(invalid(path.child('name'), name, message));
  const namespace = stringAt(subject, 'namespace') ?? '';
  if (namespace === '') errors.push(required(path.child('namespace'), 'must specify namespace for service account'));
  else for (const message of isDns1123Label(namespace)) errors.push(invalid(path.child('namespace'), namespace, message));
  return errors;
}

/** ValidateUserSubject and ValidateGroupSubject: present, with a name. */
function namedSubjectErrors(subject: PlainValue | undefined, field: 'user' | 'group', kind: string, path: FieldPath): FieldError[] {
  if (!isObject(subject)) return [required(path, `${field} is required when subject kind is '${kind}'`)];
  return (stringAt(subject, 'name') ?? '') === '' ? [required(path.child('name'))] : [];
}

const FORBIDDEN_SUBJECT_FIELDS: Readonly<Record<string, string>> = {
  serviceAccount: "serviceAccount is forbidden when subject kind is not 'ServiceAccount'",
  user: "user is forbidden when subject kind is not 'User'",
  group: "group is forbidden when subject kind is not 'Group'",
};

/** ValidateFlowSchemaSubject: the member named by the kind is validated, the other two must be absent. */
function subjectErrors(subject: PlainObject, path: FieldPath): FieldError[] {
  const kind = stringAt(subject, 'kind') ?? '';
  let errors: FieldError[];
  let others: string[];
  switch (kind) {
    case 'ServiceAccount':
      errors = serviceAccountSubjectErrors(subject['serviceAccount'], path.child('serviceAccount'));
      others = ['user', 'group'];
      break;
    case 'User':
      errors = namedSubjectErrors(subject['user'], 'user', 'User', path.child('user'));
      others = ['serviceAccount', 'group'];
      break;
    case 'Group':
      errors = namedSubjectErrors(subject['group'], 'group', 'Group', path.child('group'));
      others = ['serviceAccount', 'user'];
      break;
    default:
      return [notSupported(path.child('kind'), kind, SUBJECT_KINDS)];
  }
  for (const field of others) if (isObject(subject[field])) errors.push(forbidden(path.child(field), FORBIDDEN_SUBJECT_FIELDS[field]!));
  return errors;
}

/** ValidateFlowSchemaPolicyRulesWithSubjects */
function policyRulesErrors(rule: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const subjects = objectsAt(rule, 'subjects');
  if (subjects.length > 0) subjects.forEach((subject, i) => errors.push(...subjectErrors(subject, path.child('subjects').index(i))));
  else errors.push(required(path.child('subjects'), 'subjects must contain at least one value'));
  const resourceRules = objectsAt(rule, 'resourceRules');
  const nonResourceRules = objectsAt(rule, 'nonResourceRules');
  if (resourceRules.length === 0 && nonResourceRules.length === 0) errors.push(required(path, 'at least one of resourceRules and nonResourceRules has to be non-empty'));
  resourceRules.forEach((resourceRule, i) => errors.push(...resourceRuleErrors(resourceRule, path.child('resourceRules').index(i))));
  nonResourceRules.forEach((nonResourceRule, i) => errors.push(...nonResourceRuleErrors(nonResourceRule, path.child('nonResourceRules').index(i))));
  return errors;
}

export const flowSchemaSpecRule: ObjectRule = {
  id: 'flow-schema-spec',
  family: 'api-validation',
  defaultSeverity: 'error',
  description:
    "A FlowSchema's matchingPrecedence (1–10000, 1 only for `exempt`), distinguisher method, priority level name and rules: subjects of each kind with their names, verbs, API groups, resources, namespaces and non-resource URLs.",
  kinds: ['FlowSchema'],
  check({ defaulted }) {
    const spec = objectAt(defaulted, 'spec') ?? {};
    const name = stringAt(objectAt(defaulted, 'metadata'), 'name') ?? '';
    const path = FieldPath.of('spec');
    const errors: FieldError[] = [];
    const precedence = int(spec, 'matchingPrecedence');
    const precedencePath = path.child('matchingPrecedence');
    if (precedence <= 0) errors.push(invalid(precedencePath, precedence, 'must be a positive value'));
    if (precedence > MAX_MATCHING_PRECEDENCE) errors.push(invalid(precedencePath, precedence, `must not be greater than ${MAX_MATCHING_PRECEDENCE}`));
    if (precedence === 1 && name !== 'exempt') errors.push(invalid(precedencePath, precedence, "only the schema named 'exempt' may have matchingPrecedence 1"));
    const method = objectAt(spec, 'distinguisherMethod');
    if (method) {
      const type = stringAt(method, 'type') ?? '';
      if (!DISTINGUISHER_METHODS.includes(type)) {
        errors.push(notSupported(path.child('distinguisherMethod', 'type'), goStruct('flowcontrol.FlowDistinguisherMethod', [['Type', goString(type)]]), DISTINGUISHER_METHODS));
      }
    }
    const levelName = stringAt(objectAt(spec, 'priorityLevelConfiguration'), 'name') ?? '';
    const levelPath = path.child('priorityLevelConfiguration', 'name');
    if (levelName === '') errors.push(required(levelPath, 'must reference a priority level'));
    else for (const message of isDns1123Subdomain(levelName)) errors.push(invalid(levelPath, levelName, message));
    objectsAt(spec, 'rules').forEach((rule, i) => errors.push(...policyRulesErrors(rule, path.child('rules').index(i))));
    return errors;
  },
};

/** shufflesharding.RequiredEntropyBits */
function requiredEntropyBits(deckSize: number, handSize: number): number {
  return Math.ceil(Math.log2(deckSize) * handSize);
}

/** ValidatePriorityLevelQueuingConfiguration */
function queuingErrors(queuing: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const queueLengthLimit = int(queuing, 'queueLengthLimit');
  if (queueLengthLimit <= 0) errors.push(invalid(path.child('queueLengthLimit'), queueLengthLimit, 'must be positive'));
  const queues = int(queuing, 'queues');
  if (queues <= 0) errors.push(invalid(path.child('queues'), queues, 'must be positive'));
  else if (queues > MAX_QUEUES) errors.push(invalid(path.child('queues'), queues, `must not be greater than ${MAX_QUEUES}`));
  const handSize = int(queuing, 'handSize');
  const handPath = path.child('handSize');
  if (handSize <= 0) errors.push(invalid(handPath, handSize, 'must be positive'));
  else if (handSize > queues) errors.push(invalid(handPath, handSize, `should not be greater than queues (${queues})`));
  else if (requiredEntropyBits(queues, handSize) > MAX_HASH_BITS) {
    errors.push(invalid(handPath, handSize, `required entropy bits of deckSize ${queues} and handSize ${handSize} should not be greater than ${MAX_HASH_BITS}`));
  }
  return errors;
}

/** ValidateLimitResponse */
function limitResponseErrors(response: PlainObject | undefined, path: FieldPath): FieldError[] {
  const type = stringAt(response, 'type') ?? '';
  const queuing = objectAt(response, 'queuing');
  switch (type) {
    case 'Reject':
      return queuing ? [forbidden(path.child('queuing'), 'must be nil if limited.limitResponse.type is not Limited')] : [];
    case 'Queue':
      return queuing ? queuingErrors(queuing, path.child('queuing')) : [required(path.child('queuing'), 'must not be empty if limited.limitResponse.type is Limited')];
    default:
      return [notSupported(path.child('type'), type, LIMIT_RESPONSE_TYPES)];
  }
}

function lendablePercentError(level: PlainObject, path: FieldPath): FieldError[] {
  const value = level['lendablePercent'];
  return typeof value === 'number' && (value < 0 || value > 100) ? [invalid(path.child('lendablePercent'), value, 'must be between 0 and 100, inclusive')] : [];
}

/**
 * ValidateLimitedPriorityLevelConfiguration with zero nominal shares allowed: the ZeroLimitedNominalConcurrencyShares
 * gate is GA (locked on) in 1.30 and removed afterwards.
 */
function limitedErrors(limited: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const shares = int(limited, 'nominalConcurrencyShares');
  if (shares < 0) errors.push(invalid(path.child('nominalConcurrencyShares'), shares, 'must be a non-negative integer'));
  errors.push(...limitResponseErrors(objectAt(limited, 'limitResponse'), path.child('limitResponse')));
  errors.push(...lendablePercentError(limited, path));
  const borrowing = limited['borrowingLimitPercent'];
  if (typeof borrowing === 'number' && borrowing < 0) errors.push(invalid(path.child('borrowingLimitPercent'), borrowing, 'if specified, must be a non-negative integer'));
  return errors;
}

/** ValidateExemptPriorityLevelConfiguration */
function exemptErrors(exempt: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const shares = exempt['nominalConcurrencyShares'];
  if (typeof shares === 'number' && shares < 0) errors.push(invalid(path.child('nominalConcurrencyShares'), shares, 'must be a non-negative integer'));
  errors.push(...lendablePercentError(exempt, path));
  return errors;
}

export const priorityLevelConfigurationSpecRule: ObjectRule = {
  id: 'priority-level-configuration-spec',
  family: 'api-validation',
  defaultSeverity: 'error',
  description:
    'A PriorityLevelConfiguration is Exempt exactly when it is named `exempt`, otherwise Limited with valid shares and percentages and a limit response whose queues, hand size and queue length fit the shuffle-sharding bounds.',
  kinds: ['PriorityLevelConfiguration'],
  check({ apiVersion, defaulted }) {
    const errors: FieldError[] = [];
    const metadata = objectAt(defaulted, 'metadata');
    // Converting from v1beta3 drops the round-trip annotation; written in any other version it stays and is refused.
    const annotations = objectAt(metadata, 'annotations');
    if (apiVersion !== 'flowcontrol.apiserver.k8s.io/v1beta3' && annotations && Object.hasOwn(annotations, PRESERVE_ZERO_SHARES_ANNOTATION)) {
      errors.push(forbidden(FieldPath.of('metadata', 'annotations'), `annotation '${PRESERVE_ZERO_SHARES_ANNOTATION}' is forbidden`));
    }
    const name = stringAt(metadata, 'name') ?? '';
    const spec = objectAt(defaulted, 'spec') ?? {};
    const path = FieldPath.of('spec');
    const type = stringAt(spec, 'type') ?? '';
    if ((name === 'exempt') !== (type === 'Exempt')) errors.push(invalid(path.child('type'), type, "type must be 'Exempt' if and only if name is 'exempt'"));
    const limited = objectAt(spec, 'limited');
    const exempt = objectAt(spec, 'exempt');
    switch (type) {
      case 'Exempt':
        if (limited) errors.push(forbidden(path.child('limited'), 'must be nil if the type is not Limited'));
        if (exempt) errors.push(...exemptErrors(exempt, path.child('exempt')));
        break;
      case 'Limited':
        if (exempt) errors.push(forbidden(path.child('exempt'), 'must be nil if the type is Limited'));
        if (!limited) errors.push(required(path.child('limited'), 'must not be empty when type is Limited'));
        else errors.push(...limitedErrors(limited, path.child('limited')));
        break;
      default:
        errors.push(notSupported(path.child('type'), type, ENABLEMENTS));
    }
    return errors;
  },
};

/** The shape of an internal flowcontrol type, field by field in declaration order: JSON name, Go name, shape. */
type Shape =
  | { kind: 'string' | 'int' | 'bool' | 'strings' }
  | { kind: 'struct'; goType: string; fields: readonly (readonly [json: string, go: string, shape: Shape])[] }
  | { kind: 'pointer'; goType: string; to: Shape }
  | { kind: 'slice'; goType: string; of: Shape };

const STRING: Shape = { kind: 'string' };
const INT: Shape = { kind: 'int' };
const STRINGS: Shape = { kind: 'strings' };
const struct = (goType: string, fields: readonly (readonly [string, string, Shape])[]): Shape => ({ kind: 'struct', goType: `flowcontrol.${goType}`, fields });
const pointer = (to: Shape): Shape => ({ kind: 'pointer', goType: to.kind === 'struct' ? `*${to.goType}` : '*int32', to });
const slice = (of: Shape): Shape => ({ kind: 'slice', goType: `[]${of.kind === 'struct' ? of.goType : 'string'}`, of });
const named = (goType: string): Shape => struct(goType, [['name', 'Name', STRING]]);

/** pkg/apis/flowcontrol/types.go: FlowSchemaSpec. */
const FLOW_SCHEMA_SPEC = struct('FlowSchemaSpec', [
  ['priorityLevelConfiguration', 'PriorityLevelConfiguration', named('PriorityLevelConfigurationReference')],
  ['matchingPrecedence', 'MatchingPrecedence', INT],
  ['distinguisherMethod', 'DistinguisherMethod', pointer(struct('FlowDistinguisherMethod', [['type', 'Type', STRING]]))],
  [
    'rules',
    'Rules',
    slice(
      struct('PolicyRulesWithSubjects', [
        [
          'subjects',
          'Subjects',
          slice(
            struct('Subject', [
              ['kind', 'Kind', STRING],
              ['user', 'User', pointer(named('UserSubject'))],
              ['group', 'Group', pointer(named('GroupSubject'))],
              [
                'serviceAccount',
                'ServiceAccount',
                pointer(
                  struct('ServiceAccountSubject', [
                    ['namespace', 'Namespace', STRING],
                    ['name', 'Name', STRING],
                  ]),
                ),
              ],
            ]),
          ),
        ],
        [
          'resourceRules',
          'ResourceRules',
          slice(
            struct('ResourcePolicyRule', [
              ['verbs', 'Verbs', STRINGS],
              ['apiGroups', 'APIGroups', STRINGS],
              ['resources', 'Resources', STRINGS],
              ['clusterScope', 'ClusterScope', { kind: 'bool' }],
              ['namespaces', 'Namespaces', STRINGS],
            ]),
          ),
        ],
        [
          'nonResourceRules',
          'NonResourceRules',
          slice(
            struct('NonResourcePolicyRule', [
              ['verbs', 'Verbs', STRINGS],
              ['nonResourceURLs', 'NonResourceURLs', STRINGS],
            ]),
          ),
        ],
      ]),
    ),
  ],
]);

const LIMITED = struct('LimitedPriorityLevelConfiguration', [
  ['nominalConcurrencyShares', 'NominalConcurrencyShares', INT],
  [
    'limitResponse',
    'LimitResponse',
    struct('LimitResponse', [
      ['type', 'Type', STRING],
      [
        'queuing',
        'Queuing',
        pointer(
          struct('QueuingConfiguration', [
            ['queues', 'Queues', INT],
            ['handSize', 'HandSize', INT],
            ['queueLengthLimit', 'QueueLengthLimit', INT],
          ]),
        ),
      ],
    ]),
  ],
  ['lendablePercent', 'LendablePercent', pointer(INT)],
  ['borrowingLimitPercent', 'BorrowingLimitPercent', pointer(INT)],
]);

/** pkg/apis/flowcontrol/types.go: PriorityLevelConfigurationSpec. */
const PRIORITY_LEVEL_SPEC = struct('PriorityLevelConfigurationSpec', [
  ['type', 'Type', STRING],
  ['limited', 'Limited', pointer(LIMITED)],
  [
    'exempt',
    'Exempt',
    pointer(
      struct('ExemptPriorityLevelConfiguration', [
        ['nominalConcurrencyShares', 'NominalConcurrencyShares', pointer(INT)],
        ['lendablePercent', 'LendablePercent', pointer(INT)],
      ]),
    ),
  ],
]);

/** A decoded value as the internal Go value field.Invalid prints: absent slices and pointers are nil. */
function goValueOf(shape: Shape, value: PlainValue | undefined): GoValue {
  switch (shape.kind) {
    case 'string':
      return goString(typeof value === 'string' ? value : '');
    case 'int':
      return goScalar(typeof value === 'number' ? value : 0);
    case 'bool':
      return goScalar(value === true);
    case 'strings':
      return goStrings('[]string', Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item : '')) : undefined);
    case 'struct': {
      const object = isObject(value) ? value : {};
      return goStruct(
        shape.goType,
        shape.fields.map(([json, go, field]) => [go, goValueOf(field, object[json])] as const),
      );
    }
    case 'pointer':
      if (value === undefined || value === null) return goPointer(shape.goType, undefined);
      return goPointer(shape.goType, goValueOf(shape.to, value), shape.to.kind === 'struct' ? 'struct' : 'scalar');
    case 'slice':
      return goSlice(shape.goType, Array.isArray(value) ? value.map((item) => goValueOf(shape.of, item)) : undefined);
  }
}

/** The value apiequality.Semantic.DeepEqual compares: zero values filled in, a nil slice equal to an empty one. */
function semanticOf(shape: Shape, value: PlainValue | undefined): unknown {
  switch (shape.kind) {
    case 'string':
      return typeof value === 'string' ? value : '';
    case 'int':
      return typeof value === 'number' ? value : 0;
    case 'bool':
      return value === true;
    case 'strings':
      return Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item : '')) : [];
    case 'struct': {
      const object = isObject(value) ? value : {};
      return shape.fields.map(([json, , field]) => semanticOf(field, object[json]));
    }
    case 'pointer':
      return value === undefined || value === null ? null : semanticOf(shape.to, value);
    case 'slice':
      return Array.isArray(value) ? value.map((item) => semanticOf(shape.of, item)) : [];
  }
}

const ALL_RESOURCES = { verbs: ['*'], apiGroups: ['*'], resources: ['*'], clusterScope: true, namespaces: ['*'] };
const ALL_NON_RESOURCES = { verbs: ['*'], nonResourceURLs: ['*'] };
const groupSubjects = (...names: string[]) => names.map((name) => ({ kind: 'Group', group: { name } }));

/**
 * internalbootstrap.MandatoryFlowSchemas (staging/src/k8s.io/apiserver/pkg/apis/flowcontrol/bootstrap/default.go,
 * MandatoryFlowSchemaExempt and MandatoryFlowSchemaCatchAll), as the spec the API server compares against.
 */
const MANDATORY_FLOW_SCHEMAS: ReadonlyMap<string, string> = new Map([
  [
    'exempt',
    JSON.stringify(
      semanticOf(FLOW_SCHEMA_SPEC, {
        priorityLevelConfiguration: { name: 'exempt' },
        matchingPrecedence: 1,
        rules: [{ subjects: groupSubjects('system:masters'), resourceRules: [ALL_RESOURCES], nonResourceRules: [ALL_NON_RESOURCES] }],
      }),
    ),
  ],
  [
    'catch-all',
    JSON.stringify(
      semanticOf(FLOW_SCHEMA_SPEC, {
        priorityLevelConfiguration: { name: 'catch-all' },
        matchingPrecedence: 10000,
        distinguisherMethod: { type: 'ByUser' },
        rules: [{ subjects: groupSubjects('system:unauthenticated', 'system:authenticated'), resourceRules: [ALL_RESOURCES], nonResourceRules: [ALL_NON_RESOURCES] }],
      }),
    ),
  ],
]);

/**
 * MandatoryPriorityLevelConfigurationExempt and ...CatchAll after v1 defaulting and conversion. The `exempt` level's
 * `spec.exempt` is left out of the comparison, as ValidateIfMandatoryPriorityLevelConfigurationObject leaves it.
 */
const MANDATORY_PRIORITY_LEVELS: ReadonlyMap<string, string> = new Map([
  ['exempt', JSON.stringify(semanticOf(PRIORITY_LEVEL_SPEC, { type: 'Exempt' }))],
  ['catch-all', JSON.stringify(semanticOf(PRIORITY_LEVEL_SPEC, { type: 'Limited', limited: { nominalConcurrencyShares: 5, lendablePercent: 0, limitResponse: { type: 'Reject' } } }))],
]);

export const flowcontrolMandatoryObjectsRule: ObjectRule = {
  id: 'flowcontrol-mandatory-objects',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'The mandatory FlowSchemas and PriorityLevelConfigurations `exempt` and `catch-all` keep the spec the API server fixes for them (the `exempt` level may change only `spec.exempt`).',
  kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
  check({ kind, defaulted }) {
    const name = stringAt(objectAt(defaulted, 'metadata'), 'name') ?? '';
    const spec = objectAt(defaulted, 'spec') ?? {};
    const path = FieldPath.of('spec');
    if (kind === 'FlowSchema') {
      const fixed = MANDATORY_FLOW_SCHEMAS.get(name);
      if (fixed === undefined || JSON.stringify(semanticOf(FLOW_SCHEMA_SPEC, spec)) === fixed) return [];
      return [placedAt(invalid(path, goValueOf(FLOW_SCHEMA_SPEC, spec), `spec of '${name}' must equal the fixed value`), path, 'key')];
    }
    const fixed = MANDATORY_PRIORITY_LEVELS.get(name);
    if (fixed === undefined) return [];
    const compared = name === 'exempt' ? { ...spec, exempt: null } : spec;
    if (JSON.stringify(semanticOf(PRIORITY_LEVEL_SPEC, compared)) === fixed) return [];
    const detail = name === 'exempt' ? "spec of 'exempt' except the 'spec.exempt' field must equal the fixed value" : `spec of '${name}' must equal the fixed value`;
    return [placedAt(invalid(path, goValueOf(PRIORITY_LEVEL_SPEC, spec), detail), path, 'key')];
  },
};

export const FLOWCONTROL_RULES: readonly ObjectRule[] = [flowSchemaSpecRule, priorityLevelConfigurationSpecRule, flowcontrolMandatoryObjectsRule];
