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
  // Names are mostly distinct: the rest of the key is made only for the objects that share one.
  const byName = new Map<string, WorkspaceObject[]>();
  for (const object of objects) {
    if (!object.name) continue;
    const named = byName.get(object.name);
    if (named) named.push(object);
    else byName.set(object.name, [object]);
  }
  const groups: WorkspaceObject[][] = [];
  for (const named of byName.values()) {
    if (named.length < 2) continue;
    const seen = new Map<string, WorkspaceObject[]>();
    for (const object of named) {
      const key = [object.file, groupOf(object.apiVersion), object.kind, catalog.namespaceOf(object)].join('\u0000');
      const same = seen.get(key);
      if (same) same.push(object);
      else seen.set(key, [object]);
    }
    for (const group of seen.values()) if (group.length > 1) groups.push(group);
  }
  const reports = new Map<WorkspaceObject, Report[]>();
  for (const group of groups) {
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
