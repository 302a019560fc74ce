/**
 * The workspace's objects, looked up the way rules ask for them: by kind, namespace and name, and the pod templates
 * of each namespace. Built once per run, so that each rule is linear in the objects it checks.
 */
import { namespaceResolver, type ScopeOf } from './namespaces';
import { podTemplateOf, type PodTemplate } from './pod-templates';
import { listAt, objectAt, stringAt, type WorkspaceObject } from './workspace-object';

export interface Catalog {
  objects: readonly WorkspaceObject[];
  namespaceOf: ScopeOf;
  /** Objects of a kind (any group) in a namespace ("" for cluster-scoped kinds) with a name. */
  find(kind: string, namespace: string, name: string): WorkspaceObject[];
  podTemplates(namespace: string): readonly PodTemplate[];
  /**
   * Whether the workspace holds any object of a kind in a namespace. When it holds none, the workspace evidently
   * does not hold that part of the application (it is in another repository, or made in the cluster), so rules
   * that would report a reference to one as missing stay quiet.
   */
  holdsAny(kind: string, namespace: string): boolean;
  /** Names kustomize generates ConfigMaps and Secrets under (`configMapGenerator`, `secretGenerator`), by kind. */
  generated(kind: 'ConfigMap' | 'Secret', name: string): boolean;
}

export function buildCatalog(objects: readonly WorkspaceObject[]): Catalog {
  const namespaceOf = namespaceResolver(objects);
  const byName = new Map<string, WorkspaceObject[]>();
  const templates = new Map<string, PodTemplate[]>();
  const generated = new Set<string>();
  const held = new Set<string>();
  for (const object of objects) {
    const namespace = namespaceOf(object);
    held.add(lookupKey(object.kind, namespace, ''));
    const key = lookupKey(object.kind, namespace, object.name);
    const same = byName.get(key);
    if (same) same.push(object);
    else byName.set(key, [object]);
    const template = podTemplateOf(object);
    if (template) {
      const list = templates.get(namespace);
      if (list) list.push(template);
      else templates.set(namespace, [template]);
    }
    if (object.kind === 'Kustomization') {
      // Generated names get a hash suffix and the overlay's namespace, so only the name is known here.
      for (const [field, kind] of [['configMapGenerator', 'ConfigMap'], ['secretGenerator', 'Secret']] as const) {
        for (const generator of listAt(object.value, field)) {
          const name = stringAt(generator, 'name');
          if (name) generated.add(`${kind}/${name}`);
        }
      }
    }
  }
  return {
    objects,
    namespaceOf,
    find: (kind, namespace, name) => byName.get(lookupKey(kind, namespace, name)) ?? [],
    podTemplates: (namespace) => templates.get(namespace) ?? [],
    holdsAny: (kind, namespace) => held.has(lookupKey(kind, namespace, '')),
    generated: (kind, name) => generated.has(`${kind}/${name}`),
  };
}

function lookupKey(kind: string, namespace: string, name: string): string {
  return `${kind}\u0000${namespace}\u0000${name}`;
}

/** The replica count a workload asks for: `spec.replicas`, defaulted to 1 as the API server does. */
export function replicasOf(object: WorkspaceObject): number | undefined {
  if (!['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'].includes(object.kind)) return undefined;
  const replicas = objectAt(object.value, 'spec')?.['replicas'];
  return typeof replicas === 'number' ? replicas : 1;
}
