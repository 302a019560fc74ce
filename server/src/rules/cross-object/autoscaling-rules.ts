/**
 * `hpa-target-missing` and `hpa-static-replicas`: a HorizontalPodAutoscaler must scale something in its namespace;
 * and a workload it scales should leave `replicas` unset, or every apply resets the count the autoscaler chose.
 */
import type { Catalog } from '../../catalog/catalog';
import type { Report, WorkspaceObject } from '../../catalog/workspace-object';
import { objectAt, stringAt } from '../../kube/plain-values';
import { unreadableMatches, unreadableNote } from '../../catalog/unreadable-documents';

export function checkAutoscaler(hpa: WorkspaceObject, catalog: Catalog): Report[] {
  const target = objectAt(hpa.value, 'spec', 'scaleTargetRef');
  const kind = stringAt(target, 'kind');
  const name = stringAt(target, 'name');
  if (!kind || !name) return [];
  const namespace = catalog.namespaceOf(hpa);
  if (!catalog.holdsAny(kind, namespace) || catalog.find(kind, namespace, name).length > 0) return [];
  // The target may be in a document that could not be read (see unreadable-documents.ts).
  const unreadable = unreadableMatches(catalog, { kinds: [kind], namespace, name });
  if (unreadable.found) return [];
  if (unreadable.maybe.length > 0) return unreadableNote(`${kind} "${name}"`, unreadable.maybe, hpa.file, ['spec', 'scaleTargetRef', 'name']);
  return [{ rule: 'hpa-target-missing', severity: 'warning', message: `${kind} "${name}" not found in namespace "${namespace}"`, at: ['spec', 'scaleTargetRef', 'name'] }];
}

/** The workloads autoscalers in the workspace scale, as `kind/namespace/name`. */
export function autoscaledWorkloads(catalog: Catalog): Set<string> {
  const scaled = new Set<string>();
  for (const object of catalog.ofKind('HorizontalPodAutoscaler')) {
    const target = objectAt(object.value, 'spec', 'scaleTargetRef');
    scaled.add(`${stringAt(target, 'kind')}/${catalog.namespaceOf(object)}/${stringAt(target, 'name')}`);
  }
  return scaled;
}

export function checkStaticReplicas(workload: WorkspaceObject, catalog: Catalog, scaled: Set<string>): Report[] {
  if (!['Deployment', 'StatefulSet', 'ReplicaSet'].includes(workload.kind)) return [];
  if (typeof objectAt(workload.value, 'spec')?.['replicas'] !== 'number') return [];
  if (!scaled.has(`${workload.kind}/${catalog.namespaceOf(workload)}/${workload.name}`)) return [];
  return [
    {
      rule: 'hpa-static-replicas',
      severity: 'information',
      message: `a HorizontalPodAutoscaler scales this ${workload.kind}; each apply of spec.replicas overrides the replica count it chose`,
      at: ['spec', 'replicas'],
      prefer: 'key',
    },
  ];
}
