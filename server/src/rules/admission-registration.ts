/**
 * admissionregistration.k8s.io validation as pkg/apis/admissionregistration/validation/validation.go reports it on
 * create, after v1 defaulting (defaulting/admissionregistration.ts): webhook configurations
 * (ValidateValidatingWebhookConfiguration, ValidateMutatingWebhookConfiguration), ValidatingAdmissionPolicy
 * (ValidateValidatingAdmissionPolicy) and its binding (ValidateValidatingAdmissionPolicyBinding). CEL expressions
 * are not compiled: kubeplan has no CEL compiler, so only the checks made before compilation are reproduced.
 * Names are checked by object-name (ValidateObjectMeta with NameIsDNSSubdomain).
 */
import { CEL_RESERVED_WORDS } from '../cel/reserved-words';
import { FieldPath, duplicate, forbidden, invalid, notSupported, placedAt, required, tooMany, type FieldError } from '../kube/field-errors';
import { isObject, listAt, objectAt, objectsAt, stringAt, type PlainObject, type PlainValue } from '../kube/plain-values';
import { isDns1035Label, isDns1123Subdomain, isQualifiedName, isValidPathSegmentName, isValidPortNumber } from './apimachinery-validation';
import { selectorErrors } from './label-selectors';
import { goSlice, goString, goStrings, goStruct, type GoValue } from '../kube/go-values';
import type { ObjectRule } from './rule';

const GROUP = 'admissionregistration.k8s.io';
/** The group versions whose defaulting kubeplan applies (v1alpha1 objects are not checked). */
const CHECKED_VERSIONS = [`${GROUP}/v1`, `${GROUP}/v1beta1`];

// The sets of validation.go, as sets.String.List() prints them: sorted.
const FAILURE_POLICIES = ['Fail', 'Ignore'];
const MATCH_POLICIES = ['Equivalent', 'Exact'];
const NO_SIDE_EFFECT_CLASSES = ['None', 'NoneOnDryRun'];
const OPERATIONS = ['*', 'CONNECT', 'CREATE', 'DELETE', 'UPDATE'];
const REINVOCATION_POLICIES = ['IfNeeded', 'Never'];
const SCOPES = ['*', 'Cluster', 'Namespaced'];
const VALIDATION_REASONS = ['Forbidden', 'Invalid', 'RequestEntityTooLarge'];
const VALIDATION_ACTIONS = ['Audit', 'Deny', 'Warn'];
/** validateParamRef lists these in this order, not sorted. */
const PARAMETER_NOT_FOUND_ACTIONS = ['Deny', 'Allow'];
/** AcceptedAdmissionReviewVersions. */
const ADMISSION_REVIEW_VERSIONS = ['v1', 'v1beta1'];
const MAX_MATCH_CONDITIONS = 64;
const MAX_AUDIT_ANNOTATIONS = 20;
const MAX_AUDIT_ANNOTATION_VALUE_EXPRESSION_BYTES = 5 * 1024;
const URL_FORM = '; desired format: https://host[/path]';

const CEL_IDENTIFIER = /^[_a-zA-Z][_a-zA-Z0-9]*$/;
const NEWLINES = /[\n\r]/;
const URL_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;
/** Go's url.Parse refuses a URL holding any of these. */
const CONTROL_CHARACTER = /[\x00-\x1f\x7f]/;

function strings(value: PlainValue | undefined): string[] {
  return Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item : '')) : [];
}

/** A slice of a named string type: `[]admissionregistration.OperationType{"CREATE", "*"}` up to 1.33. */
function namedStrings(type: string, values: readonly string[]): GoValue {
  return goStrings(`[]admissionregistration.${type}`, values);
}

/** utilvalidation.IsFullyQualifiedName: a DNS subdomain of at least three segments. */
function fullyQualifiedNameErrors(name: string, path: FieldPath): FieldError[] {
  if (name === '') return [required(path)];
  const messages = isDns1123Subdomain(name);
  if (messages.length > 0) return [invalid(path, name, messages.join(','))];
  if (name.split('.').length < 3) return [invalid(path, name, 'should be a domain with at least three segments separated by dots')];
  return [];
}

/** validateResources: resources of a rule that may name subresources, with the wildcard combinations refused. */
function resourcesErrors(resources: string[], path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (resources.length === 0) errors.push(required(path));
  const withWildcardSubresource = new Set<string>();
  const subresourcesWithWildcardResource = new Set<string>();
  let doubleWildcard = false;
  let singleWildcard = false;
  let withoutSubresource = false;
  resources.forEach((resource, index) => {
    if (resource === '') {
      errors.push(required(path.index(index)));
      return;
    }
    if (resource === '*/*') doubleWildcard = true;
    if (resource === '*') singleWildcard = true;
    const slash = resource.indexOf('/');
    if (slash < 0) {
      // Upstream keeps only the last such resource's answer.
      withoutSubresource = resource !== '*';
      return;
    }
    const name = resource.slice(0, slash);
    const subresource = resource.slice(slash + 1);
    if (withWildcardSubresource.has(name)) errors.push(invalid(path.index(index), resource, `if '${name}/*' is present, must not specify ${resource}`));
    if (subresourcesWithWildcardResource.has(subresource)) errors.push(invalid(path.index(index), resource, `if '*/${subresource}' is present, must not specify ${resource}`));
    if (subresource === '*') withWildcardSubresource.add(name);
    if (name === '*') subresourcesWithWildcardResource.add(subresource);
  });
  if (resources.length > 1 && doubleWildcard) errors.push(invalid(path, resources, "if '*/*' is present, must not specify other resources"));
  if (singleWildcard && withoutSubresource) errors.push(invalid(path, resources, "if '*' is present, must not specify other resources without subresources"));
  return errors;
}

/** validateRuleWithOperations, then validateRule with subresources allowed. */
function ruleErrors(rule: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const operations = strings(rule['operations']);
  const operationsPath = path.child('operations');
  if (operations.length === 0) errors.push(required(operationsPath));
  if (operations.length > 1 && operations.includes('*')) {
    errors.push(invalid(operationsPath, namedStrings('OperationType', operations), "if '*' is present, must not specify other operations"));
  }
  operations.forEach((operation, index) => {
    if (!OPERATIONS.includes(operation)) errors.push(notSupported(operationsPath.index(index), operation, OPERATIONS));
  });
  const apiGroups = strings(rule['apiGroups']);
  if (apiGroups.length === 0) errors.push(required(path.child('apiGroups')));
  if (apiGroups.length > 1 && apiGroups.includes('*')) errors.push(invalid(path.child('apiGroups'), apiGroups, "if '*' is present, must not specify other API groups"));
  const apiVersions = strings(rule['apiVersions']);
  if (apiVersions.length === 0) errors.push(required(path.child('apiVersions')));
  if (apiVersions.length > 1 && apiVersions.includes('*')) errors.push(invalid(path.child('apiVersions'), apiVersions, "if '*' is present, must not specify other API versions"));
  apiVersions.forEach((version, index) => {
    if (version === '') errors.push(required(path.child('apiVersions').index(index)));
  });
  errors.push(...resourcesErrors(strings(rule['resources']), path.child('resources')));
  const scope = rule['scope'];
  if (typeof scope === 'string' && !SCOPES.includes(scope)) errors.push(notSupported(path.child('scope'), scope, SCOPES));
  return errors;
}

/** validateNamedRuleWithOperations: resource names are path segments, listed once; then the rule. */
function namedRuleErrors(rule: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  strings(rule['resourceNames']).forEach((name, index) => {
    const namePath = path.child('resourceNames').index(index);
    for (const message of isValidPathSegmentName(name)) errors.push(invalid(namePath, name, message));
    if (seen.has(name)) errors.push(duplicate(namePath, name));
    else seen.add(name);
  });
  errors.push(...ruleErrors(rule, path));
  return errors;
}

/** validateMatchConditions and validateMatchCondition, without compiling the expressions. */
function matchConditionsErrors(owner: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const conditions = listAt(owner, 'matchConditions');
  if (conditions.length > MAX_MATCH_CONDITIONS) errors.push(tooMany(path, conditions.length, MAX_MATCH_CONDITIONS));
  const names = new Set<string>();
  conditions.forEach((condition, index) => {
    if (!isObject(condition)) return;
    const at = path.index(index);
    if ((stringAt(condition, 'expression') ?? '').trim() === '') errors.push(required(at.child('expression')));
    const name = stringAt(condition, 'name') ?? '';
    if (name === '') errors.push(required(at.child('name')));
    else for (const message of isQualifiedName(name)) errors.push(invalid(at.child('name'), name, message));
    if (name !== '') {
      if (names.has(name)) errors.push(duplicate(at.child('name'), name));
      else names.add(name);
    }
  });
  return errors;
}

/** Go's url.Parse, as far as ValidateWebhookURL reads it: scheme, host, user information, query and fragment. */
function parseUrl(text: string): { scheme: string; host: string; user?: string; query: string; fragment: string } {
  const hash = text.indexOf('#');
  const fragment = hash < 0 ? '' : text.slice(hash + 1);
  let rest = hash < 0 ? text : text.slice(0, hash);
  let scheme = '';
  const schemeMatch = URL_SCHEME.exec(rest);
  if (schemeMatch) {
    scheme = schemeMatch[0].slice(0, -1).toLowerCase();
    rest = rest.slice(schemeMatch[0].length);
  }
  const question = rest.indexOf('?');
  const query = question < 0 ? '' : rest.slice(question + 1);
  if (question >= 0) rest = rest.slice(0, question);
  if (!rest.startsWith('//') || (scheme === '' && rest.startsWith('///'))) return { scheme, host: '', query, fragment };
  const authorityEnd = rest.indexOf('/', 2);
  const authority = authorityEnd < 0 ? rest.slice(2) : rest.slice(2, authorityEnd);
  const at = authority.lastIndexOf('@');
  return at < 0 ? { scheme, host: authority, query, fragment } : { scheme, host: authority.slice(at + 1), user: authority.slice(0, at), query, fragment };
}

/** webhook.ValidateWebhookURL with https forced (webhook configurations and a CRD's conversion webhook). */
export function webhookUrlErrors(url: string, path: FieldPath): FieldError[] {
  // url.Parse refuses a URL that starts with ':'. Its other refusals (control characters, malformed hosts and
  // ports) are not reproduced: kubeplan says nothing rather than another message.
  if (url.startsWith(':')) return [required(path, `url must be a valid URL: parse ${JSON.stringify(url)}: missing protocol scheme${URL_FORM}`)];
  if (CONTROL_CHARACTER.test(url)) return [];
  const errors: FieldError[] = [];
  const parsed = parseUrl(url);
  if (parsed.scheme !== 'https') errors.push(invalid(path, parsed.scheme, `'https' is the only allowed URL scheme${URL_FORM}`));
  if (parsed.host === '') errors.push(invalid(path, parsed.host, `host must be provided${URL_FORM}`));
  if (parsed.user !== undefined) errors.push(invalid(path, parsed.user, 'user information is not permitted in the URL'));
  if (parsed.fragment !== '') errors.push(invalid(path, parsed.fragment, 'fragments are not permitted in the URL'));
  if (parsed.query !== '') errors.push(invalid(path, parsed.query, 'query parameters are not permitted in the URL'));
  return errors;
}

/**
 * webhook.ValidateWebhookService. validation.go passes the service's name where the function expects the
 * namespace and the other way round, so an empty namespace is reported on `service.name` (and underlined where it is);
 * apiextensions' validateCustomResourceConversion passes them the same way.
 */
export function webhookServiceErrors(service: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const name = stringAt(service, 'name') ?? '';
  const namespace = stringAt(service, 'namespace') ?? '';
  if (namespace === '') errors.push(placedAt(required(path.child('name'), 'service name is required'), path.child('namespace'), 'key'));
  if (name === '') errors.push(placedAt(required(path.child('namespace'), 'service namespace is required'), path.child('name'), 'key'));
  const port = typeof service['port'] === 'number' ? service['port'] : 0;
  const portMessages = isValidPortNumber(port);
  if (portMessages.length > 0) errors.push(invalid(path.child('port'), port, `port is not valid: ${portMessages.join(', ')}`));
  const urlPath = stringAt(service, 'path');
  if (urlPath === undefined || urlPath === '' || urlPath === '/') return errors;
  const pathPath = path.child('path');
  if (urlPath === '//') return [...errors, invalid(pathPath, urlPath, 'segment[0] may not be empty')];
  if (!urlPath.startsWith('/')) errors.push(invalid(pathPath, urlPath, "must start with a '/'"));
  let toCheck = urlPath.slice(1);
  if (toCheck.endsWith('/')) toCheck = toCheck.slice(0, -1);
  toCheck.split('/').forEach((step, index) => {
    if (step === '') {
      errors.push(invalid(pathPath, urlPath, `segment[${index}] may not be empty`));
      return;
    }
    for (const message of isDns1123Subdomain(step)) errors.push(invalid(pathPath, urlPath, `segment[${index}]: ${message}`));
  });
  return errors;
}

/** validateValidatingWebhook and validateMutatingWebhook, in upstream's order. */
function webhookErrors(hook: PlainObject, mutating: boolean, path: FieldPath): FieldError[] {
  const errors = fullyQualifiedNameErrors(stringAt(hook, 'name') ?? '', path.child('name'));
  objectsAt(hook, 'rules').forEach((rule, index) => errors.push(...ruleErrors(rule, path.child('rules').index(index))));
  const failurePolicy = stringAt(hook, 'failurePolicy');
  if (failurePolicy !== undefined && !FAILURE_POLICIES.includes(failurePolicy)) errors.push(notSupported(path.child('failurePolicy'), failurePolicy, FAILURE_POLICIES));
  const matchPolicy = stringAt(hook, 'matchPolicy');
  if (matchPolicy !== undefined && !MATCH_POLICIES.includes(matchPolicy)) errors.push(notSupported(path.child('matchPolicy'), matchPolicy, MATCH_POLICIES));
  const sideEffects = stringAt(hook, 'sideEffects');
  if (sideEffects !== undefined && !NO_SIDE_EFFECT_CLASSES.includes(sideEffects)) errors.push(notSupported(path.child('sideEffects'), sideEffects, NO_SIDE_EFFECT_CLASSES));
  const timeout = hook['timeoutSeconds'];
  if (typeof timeout === 'number' && (timeout > 30 || timeout < 1)) errors.push(invalid(path.child('timeoutSeconds'), timeout, 'the timeout value must be between 1 and 30 seconds'));
  for (const field of ['namespaceSelector', 'objectSelector']) {
    const selector = objectAt(hook, field);
    if (selector) errors.push(...selectorErrors(selector, path.child(field)));
  }
  const reinvocationPolicy = stringAt(hook, 'reinvocationPolicy');
  if (mutating && reinvocationPolicy !== undefined && !REINVOCATION_POLICIES.includes(reinvocationPolicy)) {
    errors.push(notSupported(path.child('reinvocationPolicy'), reinvocationPolicy, REINVOCATION_POLICIES));
  }
  const clientConfig = objectAt(hook, 'clientConfig') ?? {};
  const url = stringAt(clientConfig, 'url');
  const service = objectAt(clientConfig, 'service');
  if ((url === undefined) === (service === undefined)) errors.push(required(path.child('clientConfig'), 'exactly one of url or service is required'));
  else if (url !== undefined) errors.push(...webhookUrlErrors(url, path.child('clientConfig', 'url')));
  else if (service) errors.push(...webhookServiceErrors(service, path.child('clientConfig', 'service')));
  errors.push(...matchConditionsErrors(hook, path.child('matchConditions')));
  return errors;
}

/** validateAdmissionReviewVersions with a recognised version required. */
function admissionReviewVersionsErrors(versions: string[], path: FieldPath): FieldError[] {
  if (versions.length === 0) return [required(path, `must specify one of ${ADMISSION_REVIEW_VERSIONS.join(', ')}`)];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  versions.forEach((version, index) => {
    if (seen.has(version)) {
      errors.push(invalid(path.index(index), version, 'duplicate version'));
      return;
    }
    seen.add(version);
    for (const message of isDns1035Label(version)) errors.push(invalid(path.index(index), version, message));
  });
  if (!versions.some((version) => ADMISSION_REVIEW_VERSIONS.includes(version))) {
    errors.push(invalid(path, versions, `must include at least one of ${ADMISSION_REVIEW_VERSIONS.join(', ')}`));
  }
  return errors;
}

export const webhookConfigurationRule: ObjectRule = {
  id: 'webhook-configuration',
  family: 'api-validation',
  defaultSeverity: 'error',
  description:
    'Admission webhooks: fully qualified, unique names, well-formed rules, supported policies, no side effects, a timeout of 1–30 seconds, a known AdmissionReview version, and one https URL or service to call.',
  kinds: ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'],
  check({ apiVersion, kind, defaulted }) {
    if (!CHECKED_VERSIONS.includes(apiVersion)) return [];
    const mutating = kind === 'MutatingWebhookConfiguration';
    const errors: FieldError[] = [];
    const names = new Set<string>();
    listAt(defaulted, 'webhooks').forEach((hook, index) => {
      if (!isObject(hook)) return;
      const path = FieldPath.of('webhooks').index(index);
      errors.push(...webhookErrors(hook, mutating, path));
      errors.push(...admissionReviewVersionsErrors(strings(hook['admissionReviewVersions']), path.child('admissionReviewVersions')));
      const name = stringAt(hook, 'name') ?? '';
      if (name !== '') {
        if (names.has(name)) errors.push(duplicate(path.child('name'), name));
        else names.add(name);
      }
    });
    return errors;
  },
};

/** parseGroupVersion and validateParamKind. */
function paramKindErrors(paramKind: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const apiVersion = stringAt(paramKind, 'apiVersion') ?? '';
  const apiVersionPath = path.child('apiVersion');
  if (apiVersion === '') {
    errors.push(required(apiVersionPath));
  } else if (apiVersion.split('/').length > 2) {
    errors.push(invalid(apiVersionPath, apiVersion, `unexpected GroupVersion string: ${apiVersion}`));
  } else {
    const slash = apiVersion.indexOf('/');
    const [group, version] = apiVersion === '/' ? ['', ''] : slash < 0 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
    if (group !== '') {
      const messages = isDns1123Subdomain(group);
      if (messages.length > 0) errors.push(invalid(apiVersionPath, group, messages.join(',')));
    }
    if (version === '') {
      errors.push(invalid(apiVersionPath, apiVersion, 'version must be specified'));
    } else {
      const messages = isDns1035Label(version);
      if (messages.length > 0) errors.push(invalid(apiVersionPath, version, messages.join(',')));
    }
  }
  const kind = stringAt(paramKind, 'kind') ?? '';
  if (kind === '') {
    errors.push(required(path.child('kind')));
  } else {
    const messages = isDns1035Label(kind.toLowerCase());
    if (messages.length > 0) errors.push(invalid(path.child('kind'), kind, `may have mixed case, but should otherwise match: ${messages.join(',')}`));
  }
  return errors;
}

/** validateMatchResources, for a present matchConstraints or matchResources. */
function matchResourcesErrors(match: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const matchPolicy = stringAt(match, 'matchPolicy');
  if (matchPolicy === undefined) errors.push(required(path.child('matchPolicy')));
  else if (!MATCH_POLICIES.includes(matchPolicy)) errors.push(notSupported(path.child('matchPolicy'), matchPolicy, MATCH_POLICIES));
  for (const field of ['namespaceSelector', 'objectSelector']) {
    const selector = objectAt(match, field);
    if (!selector) errors.push(required(path.child(field)));
    else errors.push(...selectorErrors(selector, path.child(field)));
  }
  for (const field of ['resourceRules', 'excludeResourceRules']) {
    objectsAt(match, field).forEach((rule, index) => errors.push(...namedRuleErrors(rule, path.child(field).index(index))));
  }
  return errors;
}

function isCelIdentifier(name: string): boolean {
  return CEL_IDENTIFIER.test(name) && !CEL_RESERVED_WORDS.has(name);
}

/** validateVariable without compiling the expression. */
function variableErrors(variable: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const name = stringAt(variable, 'name') ?? '';
  if (name.trim() === '') errors.push(required(path.child('name'), 'name is not specified'));
  else if (!isCelIdentifier(name)) errors.push(invalid(path.child('name'), name, 'name is not a valid CEL identifier'));
  if ((stringAt(variable, 'expression') ?? '').trim() === '') errors.push(required(path.child('expression'), 'expression is not specified'));
  return errors;
}

/** validateValidation without compiling the expressions. */
function validationErrors(validation: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if ((stringAt(validation, 'expression') ?? '').trim() === '') errors.push(required(path.child('expression'), 'expression is not specified'));
  const messageExpression = stringAt(validation, 'messageExpression') ?? '';
  if (messageExpression !== '' && messageExpression.trim() === '') errors.push(invalid(path.child('messageExpression'), messageExpression, 'must be non-empty if specified'));
  const message = stringAt(validation, 'message') ?? '';
  if (message !== '' && message.trim() === '') errors.push(invalid(path.child('message'), message, 'message must be non-empty if specified'));
  else if (NEWLINES.test(message.trim())) errors.push(invalid(path.child('message'), message, 'message must not contain line breaks'));
  const reason = stringAt(validation, 'reason');
  if (reason !== undefined && !VALIDATION_REASONS.includes(reason)) errors.push(notSupported(path.child('reason'), reason, VALIDATION_REASONS));
  return errors;
}

/** validateAuditAnnotation without compiling the value expression. */
function auditAnnotationErrors(policyName: string, annotation: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const key = stringAt(annotation, 'key') ?? '';
  if (policyName !== '') {
    const qualified = `${policyName}/${key}`;
    for (const message of isQualifiedName(qualified)) errors.push(invalid(path.child('key'), qualified, message));
  } else {
    errors.push(invalid(path.child('key'), key, 'requires metadata.name be non-empty'));
  }
  const valueExpression = (stringAt(annotation, 'valueExpression') ?? '').trim();
  if (valueExpression === '') errors.push(required(path.child('valueExpression'), 'valueExpression is not specified'));
  else if (Buffer.byteLength(valueExpression, 'utf8') > MAX_AUDIT_ANNOTATION_VALUE_EXPRESSION_BYTES) {
    errors.push(required(path.child('valueExpression'), `must not exceed ${MAX_AUDIT_ANNOTATION_VALUE_EXPRESSION_BYTES} bytes in length`));
  }
  return errors;
}

/** The []AuditAnnotation validation.go reports when there are too many. */
function auditAnnotationsValue(annotations: PlainObject[]): GoValue {
  const items = annotations.map((a) =>
    goStruct('admissionregistration.AuditAnnotation', [
      ['Key', goString(stringAt(a, 'key') ?? '')],
      ['ValueExpression', goString(stringAt(a, 'valueExpression') ?? '')],
    ]),
  );
  return goSlice('[]admissionregistration.AuditAnnotation', items);
}

export const validatingAdmissionPolicyRule: ObjectRule = {
  id: 'validating-admission-policy',
  family: 'api-validation',
  defaultSeverity: 'error',
  description:
    'A ValidatingAdmissionPolicy needs match constraints with resource rules, at least one validation or audit annotation, expressions that are not blank, a valid paramKind, and well-formed names, messages, reasons and keys.',
  kinds: ['ValidatingAdmissionPolicy'],
  check({ apiVersion, defaulted }) {
    if (!CHECKED_VERSIONS.includes(apiVersion)) return [];
    const spec = objectAt(defaulted, 'spec') ?? {};
    const path = FieldPath.of('spec');
    const errors: FieldError[] = [];
    const failurePolicy = stringAt(spec, 'failurePolicy');
    if (failurePolicy === undefined) errors.push(required(path.child('failurePolicy')));
    else if (!FAILURE_POLICIES.includes(failurePolicy)) errors.push(notSupported(path.child('failurePolicy'), failurePolicy, FAILURE_POLICIES));
    const paramKind = objectAt(spec, 'paramKind');
    if (paramKind) errors.push(...paramKindErrors(paramKind, path.child('paramKind')));
    const constraints = objectAt(spec, 'matchConstraints');
    if (!constraints) {
      errors.push(required(path.child('matchConstraints')));
    } else {
      errors.push(...matchResourcesErrors(constraints, path.child('matchConstraints')));
      if (listAt(constraints, 'resourceRules').length === 0) errors.push(required(path.child('matchConstraints', 'resourceRules')));
    }
    errors.push(...matchConditionsErrors(spec, path.child('matchConditions')));
    objectsAt(spec, 'variables').forEach((variable, index) => errors.push(...variableErrors(variable, path.child('variables').index(index))));
    const validations = listAt(spec, 'validations');
    const auditAnnotations = listAt(spec, 'auditAnnotations');
    if (validations.length === 0 && auditAnnotations.length === 0) {
      const detail = 'validations or auditAnnotations must contain at least one item';
      errors.push(required(path.child('validations'), detail), required(path.child('auditAnnotations'), detail));
      return errors;
    }
    objectsAt(spec, 'validations').forEach((validation, index) => errors.push(...validationErrors(validation, path.child('validations').index(index))));
    const annotations = objectsAt(spec, 'auditAnnotations');
    const annotationsPath = path.child('auditAnnotations');
    if (annotations.length > MAX_AUDIT_ANNOTATIONS) {
      errors.push(invalid(annotationsPath, auditAnnotationsValue(annotations), `must not have more than ${MAX_AUDIT_ANNOTATIONS} auditAnnotations`));
    }
    const policyName = stringAt(objectAt(defaulted, 'metadata'), 'name') ?? '';
    const keys = new Set<string>();
    annotations.forEach((annotation, index) => {
      const at = annotationsPath.index(index);
      errors.push(...auditAnnotationErrors(policyName, annotation, at));
      const key = stringAt(annotation, 'key') ?? '';
      if (keys.has(key)) errors.push(duplicate(at.child('key'), key));
      keys.add(key);
    });
    return errors;
  },
};

/** validateParamRef. */
function paramRefErrors(paramRef: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const name = stringAt(paramRef, 'name') ?? '';
  const selector = objectAt(paramRef, 'selector');
  const exclusive = 'name and selector are mutually exclusive';
  if (name !== '') {
    for (const message of isValidPathSegmentName(name)) errors.push(invalid(path.child('name'), name, message));
    if (selector) errors.push(forbidden(path.child('name'), exclusive));
  }
  if (selector) {
    errors.push(...selectorErrors(selector, path.child('selector')));
    if (name !== '') errors.push(forbidden(path.child('selector'), exclusive));
  }
  if (name === '' && !selector) errors.push(required(path, 'one of name or selector must be specified'));
  const action = stringAt(paramRef, 'parameterNotFoundAction') ?? '';
  if (action === '') errors.push(required(path.child('parameterNotFoundAction')));
  else if (!PARAMETER_NOT_FOUND_ACTIONS.includes(action)) errors.push(notSupported(path.child('parameterNotFoundAction'), action, PARAMETER_NOT_FOUND_ACTIONS));
  return errors;
}

/** validateValidationActions. */
function validationActionsErrors(actions: string[], path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  actions.forEach((action, index) => {
    if (!VALIDATION_ACTIONS.includes(action)) errors.push(notSupported(path.index(index), action, VALIDATION_ACTIONS));
    if (seen.has(action)) errors.push(duplicate(path.index(index), action));
    seen.add(action);
  });
  if (seen.has('Deny') && seen.has('Warn')) {
    errors.push(
      invalid(
        path,
        namedStrings('ValidationAction', actions),
        'must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)',
      ),
    );
  }
  if (seen.size === 0) errors.push(required(path, 'at least one validation action is required'));
  return errors;
}

export const validatingAdmissionPolicyBindingRule: ObjectRule = {
  id: 'validating-admission-policy-binding',
  family: 'api-validation',
  defaultSeverity: 'error',
  description:
    'A ValidatingAdmissionPolicyBinding names its policy, refers to parameters by name or by selector (not both) with an action when none is found, and lists distinct validation actions, not both Deny and Warn.',
  kinds: ['ValidatingAdmissionPolicyBinding'],
  check({ apiVersion, defaulted }) {
    if (!CHECKED_VERSIONS.includes(apiVersion)) return [];
    const spec = objectAt(defaulted, 'spec') ?? {};
    const path = FieldPath.of('spec');
    const errors: FieldError[] = [];
    const policyName = stringAt(spec, 'policyName') ?? '';
    if (policyName === '') errors.push(required(path.child('policyName')));
    else for (const message of isDns1123Subdomain(policyName)) errors.push(invalid(path.child('policyName'), policyName, message));
    const paramRef = objectAt(spec, 'paramRef');
    if (paramRef) errors.push(...paramRefErrors(paramRef, path.child('paramRef')));
    // validation.go names this path `spec.matchResouces` (sic).
    const matchResources = objectAt(spec, 'matchResources');
    if (matchResources) {
      errors.push(...matchResourcesErrors(matchResources, path.child('matchResouces')).map((error) => placeOnMatchResources(error)));
    }
    errors.push(...validationActionsErrors(strings(spec['validationActions']), path.child('validationActions')));
    return errors;
  },
};

/** An error upstream reports under `spec.matchResouces`, underlined at the same place under `spec.matchResources`. */
function placeOnMatchResources(error: FieldError): FieldError {
  const place = error.placeAt ?? { path: error.path, target: error.target };
  const segments = place.path.map((segment) => ('field' in segment && segment.field === 'matchResouces' ? { field: 'matchResources' } : segment));
  return { ...error, placeAt: { path: segments, target: place.target } };
}

export const ADMISSION_REGISTRATION_RULES: readonly ObjectRule[] = [webhookConfigurationRule, validatingAdmissionPolicyRule, validatingAdmissionPolicyBindingRule];
