/**
 * Which namespace an object lives in. The API server puts a namespaced object without `metadata.namespace` into the
 * namespace of the request, which for `kubectl apply` without `-n` is "default"; cluster-scoped objects have none.
 */
import type { DefinitionSource, WorkspaceObject } from './workspace-object';
import { objectAt, stringAt } from '../kube/plain-values';
import { groupOf } from '../schema/api-versions';
import { isClusterScopedKind } from '../kube/namespaces';

/** Reads only the object's apiVersion, kind and namespace. */
export type ScopeOf = (object: Pick<WorkspaceObject, 'apiVersion' | 'kind' | 'namespace'>) => string;

/** `group/Kind` of every custom kind whose CRD in the workspace declares `scope: Cluster`. */
export function clusterScopedCustomKinds(objects: readonly DefinitionSource[]): Set<string> {
  const kinds = new Set<string>();
  for (const object of objects) {
    if (object.kind !== 'CustomResourceDefinition') continue;
    const spec = objectAt(object.value, 'spec');
    const kind = stringAt(objectAt(spec, 'names'), 'kind');
    if (stringAt(spec, 'scope') === 'Cluster' && kind) kinds.add(`${stringAt(spec, 'group') ?? ''}/${kind}`);
  }
  return kinds;
}

export function namespaceResolver(objects: readonly DefinitionSource[]): ScopeOf {
  const clusterCustom = clusterScopedCustomKinds(objects);
  // Most workspaces define no cluster-scoped custom kind: then no object's group needs to be read.
  if (clusterCustom.size === 0) return (object) => (isClusterScopedKind(object.kind) ? '' : object.namespace || 'default');
  return (object) => (isClusterScopedKind(object.kind) || clusterCustom.has(`${groupOf(object.apiVersion)}/${object.kind}`) ? '' : object.namespace || 'default');
}
