/** rbac.authorization.k8s.io/v1 defaulting (pkg/apis/rbac/v1/defaults.go). */
import { isObject, objectsAt, type PlainObject } from '../kube/plain-values';
import { setDefault } from './plain';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** SetDefaults_RoleBinding and SetDefaults_ClusterRoleBinding: the roleRef's apiGroup is the RBAC group. */
function defaultRoleRef(binding: PlainObject): void {
  const roleRef = binding['roleRef'];
  if (isObject(roleRef)) setDefault(roleRef, 'apiGroup', RBAC_GROUP);
}

/** SetDefaults_Subject: User and Group subjects without an apiGroup get the RBAC group (ServiceAccounts keep ""). */
function defaultSubjects(binding: PlainObject): void {
  for (const subject of objectsAt(binding, 'subjects')) {
    const kind = subject['kind'];
    if (kind === 'User' || kind === 'Group') setDefault(subject, 'apiGroup', RBAC_GROUP);
  }
}

export function defaultRoleBinding(binding: PlainObject): void {
  defaultRoleRef(binding);
  defaultSubjects(binding);
}
