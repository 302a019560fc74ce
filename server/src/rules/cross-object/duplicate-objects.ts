/**
 * `duplicate-object`: two objects with the same group, kind, namespace and name in one file; applying the file keeps
 * only the last. Objects in different files are not compared: the same object in several files is how variants
 * (one per cloud, all-in-one next to one-per-file), environments and kustomize patches are laid out, and those
 * files are applied one at a time.
 */
import type { Catalog } from '../../catalog/catalog';
import type { Report, WorkspaceObject } from '../../catalog/workspace-object';
import { groupOf } from '../../schema/api-versions';

export function duplicateReports(catalog: Catalog, objects: readonly WorkspaceObject[]): Map<WorkspaceObject, Report[]> {
  const seen = new Map<string, WorkspaceObject[]>();
  for (const object of objects) {
    if (!object.name) continue;
    const key = [object.file, groupOf(object.apiVersion), object.kind, catalog.namespaceOf(object), object.name].join('\u0000');
    const same = seen.get(key);
    if (same) same.push(object);
    else seen.set(key, [object]);
  }
  const reports = new Map<WorkspaceObject, Report[]>();
  for (const group of seen.values()) {
    if (group.length < 2) continue;
    for (const object of group) {
      const namespace = catalog.namespaceOf(object);
      reports.set(object, [
        {
          rule: 'duplicate-object',
          severity: 'error',
          message: `${object.kind} "${object.name}"${namespace ? ` in namespace "${namespace}"` : ''} is defined ${group.length} times in this file; applying it keeps only the last`,
          at: ['metadata', 'name'],
          prefer: 'value',
        },
      ]);
    }
  }
  return reports;
}
