/**
 * `rbac-role-missing` and `rbac-subject-missing`: what a RoleBinding or ClusterRoleBinding names. A binding to a role
 * that does not exist grants nothing (GetRoleReferenceRules finds no role, so the authorizer skips the binding), and
 * a ServiceAccount subject that does not exist is no one. Like the other reference rules they stay quiet where the
 * workspace holds no object of the kind in that namespace, and the roles every cluster ships with are never missing.
 * What a document that could not be read holds is not missing; what it may hold gets `target-in-unreadable-document`
 * (see unreadable-documents.ts).
 */
import type { Catalog } from '../../catalog/catalog';
import type { Report, WorkspaceObject } from '../../catalog/workspace-object';
import { listAt, objectAt, stringAt } from '../../kube/plain-values';
import { BOOTSTRAP_CLUSTER_ROLE_NAMES } from '../../rbac/bootstrap-policy';
import { unreadableMatches, unreadableNote } from '../../catalog/unreadable-documents';

export function checkBindingReferences(binding: WorkspaceObject, catalog: Catalog): Report[] {
  if (binding.kind !== 'RoleBinding' && binding.kind !== 'ClusterRoleBinding') return [];
  const namespace = binding.kind === 'RoleBinding' ? catalog.namespaceOf(binding) : '';
  return [...roleReference(binding, catalog, namespace), ...serviceAccountSubjects(binding, catalog, namespace)];
}

function roleReference(binding: WorkspaceObject, catalog: Catalog, namespace: string): Report[] {
  const roleRef = objectAt(binding.value, 'roleRef');
  const kind = stringAt(roleRef, 'kind');
  const name = stringAt(roleRef, 'name');
  if (!name || (kind !== 'Role' && kind !== 'ClusterRole')) return [];
  // The default ClusterRoles, and every system: role of the control plane's components, are in every cluster.
  if (kind === 'ClusterRole' && (BOOTSTRAP_CLUSTER_ROLE_NAMES.includes(name) || name.startsWith('system:'))) return [];
  const roleNamespace = kind === 'Role' ? namespace : '';
  if (!catalog.holdsAny(kind, roleNamespace) || catalog.find(kind, roleNamespace, name).length > 0) return [];
  const unreadable = unreadableMatches(catalog, { kinds: [kind], namespace: roleNamespace, name });
  if (unreadable.found) return [];
  if (unreadable.maybe.length > 0) return unreadableNote(`${kind} "${name}"`, unreadable.maybe, binding.file, ['roleRef', 'name']);
  const where = kind === 'Role' ? ` in namespace "${roleNamespace}"` : '';
  return [{ rule: 'rbac-role-missing', severity: 'warning', message: `${kind} "${name}" not found${where}: the binding grants nothing`, at: ['roleRef', 'name'] }];
}

function serviceAccountSubjects(binding: WorkspaceObject, catalog: Catalog, bindingNamespace: string): Report[] {
  const reports: Report[] = [];
  listAt(binding.value, 'subjects').forEach((subject, index) => {
    if (stringAt(subject, 'kind') !== 'ServiceAccount') return;
    const name = stringAt(subject, 'name');
    // appliesToUser: a subject without a namespace is the RoleBinding's namespace's account (in a ClusterRoleBinding, no one's).
    const namespace = stringAt(subject, 'namespace') || bindingNamespace;
    // Every namespace has a "default" ServiceAccount.
    if (!name || !namespace || name === 'default') return;
    if (!catalog.holdsAny('ServiceAccount', namespace) || catalog.find('ServiceAccount', namespace, name).length > 0) return;
    const unreadable = unreadableMatches(catalog, { kinds: ['ServiceAccount'], namespace, name });
    if (unreadable.found) return;
    if (unreadable.maybe.length > 0) {
      reports.push(...unreadableNote(`ServiceAccount "${name}"`, unreadable.maybe, binding.file, ['subjects', index, 'name']));
      return;
    }
    reports.push({ rule: 'rbac-subject-missing', severity: 'warning', message: `ServiceAccount "${name}" not found in namespace "${namespace}"`, at: ['subjects', index, 'name'] });
  });
  return reports;
}
