/**
 * RBAC validation as pkg/apis/rbac/validation/validation.go reports it on create: ValidatePolicyRule for the rules
 * of Roles and ClusterRoles, a ClusterRole's aggregationRule, and the roleRef and subjects of RoleBindings and
 * ClusterRoleBindings (ValidateRoleBindingSubject), on the object after v1 defaulting (roleRef.apiGroup, and the
 * apiGroup of User and Group subjects). Names are checked by object-name (ValidateRBACName).
 */
import { RBAC_GROUP } from '../defaulting/rbac';
import { FieldPath, invalid, notSupported, required, type FieldError } from '../kube/field-errors';
import { isObject, listAt, objectAt, objectsAt, stringAt, type PlainObject } from '../kube/plain-values';
import { isDns1123Subdomain, isValidPathSegmentName } from './apimachinery-validation';
import { selectorErrors } from './label-selectors';
import { GoValue } from '../kube/go-values';
import type { ObjectRule } from './rule';

/** ValidatePolicyRule: verbs always; then either non-resource URLs alone, or API groups with resources. */
function policyRuleErrors(rule: PlainObject, namespaced: boolean, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (listAt(rule, 'verbs').length === 0) errors.push(required(path.child('verbs'), 'verbs must contain at least one value'));
  const urls = listAt(rule, 'nonResourceURLs');
  const apiGroups = listAt(rule, 'apiGroups');
  const resources = listAt(rule, 'resources');
  if (urls.length > 0) {
    const urlsPath = path.child('nonResourceURLs');
    if (namespaced) errors.push(invalid(urlsPath, urls, 'namespaced rules cannot apply to non-resource URLs'));
    if (apiGroups.length > 0 || resources.length > 0 || listAt(rule, 'resourceNames').length > 0) {
      errors.push(invalid(urlsPath, urls, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errors;
  }
  if (apiGroups.length === 0) errors.push(required(path.child('apiGroups'), 'resource rules must supply at least one api group'));
  if (resources.length === 0) errors.push(required(path.child('resources'), 'resource rules must supply at least one resource'));
  return errors;
}

export const policyRulesRule: ObjectRule = {
  id: 'policy-rules',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'Role and ClusterRole rules need verbs, and either API groups with resources or (in a ClusterRole only) non-resource URLs, not both.',
  kinds: ['Role', 'ClusterRole'],
  check({ kind, defaulted }) {
    const path = FieldPath.of('rules');
    return objectsAt(defaulted, 'rules').flatMap((rule, index) => policyRuleErrors(rule, kind === 'Role', path.index(index)));
  },
};

export const aggregationRuleRule: ObjectRule = {
  id: 'aggregation-rule',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: "A ClusterRole's aggregationRule needs at least one clusterRoleSelector, each a valid label selector.",
  kinds: ['ClusterRole'],
  check({ defaulted }) {
    const aggregationRule = objectAt(defaulted, 'aggregationRule');
    if (!aggregationRule) return [];
    const path = FieldPath.of('aggregationRule', 'clusterRoleSelectors');
    const selectors = listAt(aggregationRule, 'clusterRoleSelectors');
    if (selectors.length === 0) return [required(path, 'at least one clusterRoleSelector required if aggregationRule is non-nil')];
    const errors: FieldError[] = [];
    selectors.forEach((selector, index) => {
      if (!isObject(selector)) return;
      const selectorPath = path.index(index);
      const found = selectorErrors(selector, selectorPath);
      errors.push(...found);
      // LabelSelectorAsSelector fails on exactly what ValidateLabelSelector refuses; the value it reports is the
      // nil selector it returned, which field.Error prints as the string "null" up to 1.33 and as JSON null after.
      if (found.length > 0) errors.push(invalid(selectorPath, new GoValue('"null"', 'null'), 'invalid label selector.'));
    });
    return errors;
  },
};

export const roleRefRule: ObjectRule = {
  id: 'role-ref',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: "A binding's roleRef names a Role or ClusterRole (a ClusterRoleBinding only a ClusterRole) in the rbac.authorization.k8s.io group, by a valid name.",
  kinds: ['RoleBinding', 'ClusterRoleBinding'],
  check({ kind, defaulted }) {
    const roleRef = objectAt(defaulted, 'roleRef') ?? {};
    const path = FieldPath.of('roleRef');
    const errors: FieldError[] = [];
    const apiGroup = stringAt(roleRef, 'apiGroup') ?? '';
    if (apiGroup !== RBAC_GROUP) errors.push(notSupported(path.child('apiGroup'), apiGroup, [RBAC_GROUP]));
    const refKind = stringAt(roleRef, 'kind') ?? '';
    const kinds = kind === 'RoleBinding' ? ['Role', 'ClusterRole'] : ['ClusterRole'];
    if (!kinds.includes(refKind)) errors.push(notSupported(path.child('kind'), refKind, kinds));
    const name = stringAt(roleRef, 'name') ?? '';
    if (name === '') errors.push(required(path.child('name')));
    else for (const message of isValidPathSegmentName(name)) errors.push(invalid(path.child('name'), name, message));
    return errors;
  },
};

/** ValidateRoleBindingSubject; `namespaced` for a RoleBinding, whose ServiceAccount subjects default to its namespace. */
function subjectErrors(subject: PlainObject, namespaced: boolean, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const name = stringAt(subject, 'name') ?? '';
  const apiGroup = stringAt(subject, 'apiGroup') ?? '';
  const kind = stringAt(subject, 'kind') ?? '';
  if (name === '') errors.push(required(path.child('name')));
  switch (kind) {
    case 'ServiceAccount':
      // ValidateServiceAccountName is NameIsDNSSubdomain.
      for (const message of name === '' ? [] : isDns1123Subdomain(name)) errors.push(invalid(path.child('name'), name, message));
      if (apiGroup !== '') errors.push(notSupported(path.child('apiGroup'), apiGroup, ['']));
      if (!namespaced && (stringAt(subject, 'namespace') ?? '') === '') errors.push(required(path.child('namespace')));
      break;
    case 'User':
    case 'Group':
      if (apiGroup !== RBAC_GROUP) errors.push(notSupported(path.child('apiGroup'), apiGroup, [RBAC_GROUP]));
      break;
    default:
      errors.push(notSupported(path.child('kind'), kind, ['ServiceAccount', 'User', 'Group']));
  }
  return errors;
}

export const roleBindingSubjectsRule: ObjectRule = {
  id: 'role-binding-subjects',
  family: 'api-validation',
  defaultSeverity: 'error',
  description:
    'Binding subjects are a ServiceAccount (apiGroup "", a DNS-1123 subdomain name, a namespace in a ClusterRoleBinding), a User or a Group (apiGroup rbac.authorization.k8s.io), with a name.',
  kinds: ['RoleBinding', 'ClusterRoleBinding'],
  check({ kind, defaulted }) {
    const path = FieldPath.of('subjects');
    return objectsAt(defaulted, 'subjects').flatMap((subject, index) => subjectErrors(subject, kind === 'RoleBinding', path.index(index)));
  },
};

export const RBAC_RULES: readonly ObjectRule[] = [policyRulesRule, aggregationRuleRule, roleRefRule, roleBindingSubjectsRule];
