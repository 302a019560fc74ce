/**
 * The workspace's objects, looked up the way rules ask for them: by kind, namespace and name, by kind, by file, and
 * the pod templates of each namespace. Kept up to date file by file: the language server runs the rules after each
 * edit, and re-reading ten thousand objects then would cost more than the edit's own validation.
 */
import { clusterScopedCustomKinds, namespaceResolver, type ScopeOf } from './namespaces';
import { podTemplateOf, type PodTemplate } from './pod-templates';
import type { DefinitionSource, ReferenceDefinition, WorkspaceObject } from './workspace-object';
import { listAt, objectAt, stringAt } from '../kube/plain-values';

export interface CatalogFile {
  key: string;
  /** Replaced, never changed in place, when the file changes: identity says whether it did. */
  objects: readonly WorkspaceObject[];
}

export interface Catalog {
  namespaceOf: ScopeOf;
  files(): Iterable<CatalogFile>;
  /** Objects of a kind (any group) in a namespace ("" for cluster-scoped kinds) with a name. */
  find(kind: string, namespace: string, name: string): readonly WorkspaceObject[];
  ofKind(kind: string): readonly WorkspaceObject[];
  /** The names of a kind's objects in a namespace, to suggest the near one when a reference names none. */
  namesOf(kind: string, namespace: string): readonly string[];
  podTemplates(namespace: string): readonly PodTemplate[];
  /** The namespaces that hold at least one pod template, in no particular order. */
  podTemplateNamespaces(): Iterable<string>;
  /**
   * Whether the workspace holds any object of a kind in a namespace. When it holds none, the workspace evidently
   * does not hold that part of the application (it is in another repository, or made in the cluster), so rules
   * that would report a reference to one as missing stay quiet.
   */
  holdsAny(kind: string, namespace: string): boolean;
  /** Names kustomize generates ConfigMaps and Secrets under (`configMapGenerator`, `secretGenerator`), by kind. */
  generated(kind: 'ConfigMap' | 'Secret', name: string): boolean;
  /**
   * The CustomResourceDefinitions custom kinds take their schema and scope from: the workspace's, then the reference
   * ones (`--crds`, `kubeplan.crds`) for the group and kind no CRD of the workspace defines.
   */
  customResourceDefinitions(): readonly DefinitionSource[];
}

export class WorkspaceCatalog implements Catalog {
  namespaceOf: ScopeOf = namespaceResolver([]);
  private readonly byFile = new Map<string, CatalogFile>();
  private readonly byName = new Map<string, WorkspaceObject[]>();
  private readonly byKind = new Map<string, WorkspaceObject[]>();
  private readonly templates = new Map<string, PodTemplate[]>();
  private readonly generatedNames = new Map<string, number>();
  /** The cluster-scoped custom kinds namespaces were resolved with; when they change, everything is re-added. */
  private clusterKinds = '';
  private reference: readonly ReferenceDefinition[] = [];

  /** Takes these CRDs as reference from now on (see customResourceDefinitions); the same list again changes nothing. */
  useReferenceDefinitions(reference: readonly ReferenceDefinition[]): this {
    if (reference === this.reference) return this;
    this.reference = reference;
    this.rescope();
    return this;
  }

  /** Makes the catalog hold exactly `files`, redoing only the files whose objects changed. */
  update(files: Iterable<CatalogFile>): this {
    const current = new Map<string, CatalogFile>();
    for (const file of files) current.set(file.key, file);
    for (const old of [...this.byFile.values()]) {
      const next = current.get(old.key);
      if (!next) this.remove(old);
      else if (next.objects !== old.objects) this.replace(old, next);
    }
    for (const file of current.values()) if (!this.byFile.has(file.key)) this.add(file);
    this.rescope();
    return this;
  }

  customResourceDefinitions(): readonly DefinitionSource[] {
    return mergedDefinitions(this.ofKind('CustomResourceDefinition'), this.reference);
  }

  /** A CRD that changes scope moves its kind's objects between namespaces: everything is added again. */
  private rescope(): void {
    const crds = this.customResourceDefinitions();
    const clusterKinds = [...clusterScopedCustomKinds(crds)].sort().join(' ');
    if (clusterKinds === this.clusterKinds) return;
    const all = [...this.byFile.values()];
    for (const file of all) this.remove(file);
    this.clusterKinds = clusterKinds;
    this.namespaceOf = namespaceResolver(crds);
    for (const file of all) this.add(file);
  }

  files(): Iterable<CatalogFile> {
    return this.byFile.values();
  }

  find(kind: string, namespace: string, name: string): readonly WorkspaceObject[] {
    return this.byName.get(lookupKey(kind, namespace, name)) ?? [];
  }

  ofKind(kind: string): readonly WorkspaceObject[] {
    return this.byKind.get(kind) ?? [];
  }

  namesOf(kind: string, namespace: string): readonly string[] {
    return this.byName.get(lookupKey(kind, namespace, ''))?.map((object) => object.name) ?? [];
  }

  podTemplates(namespace: string): readonly PodTemplate[] {
    return this.templates.get(namespace) ?? [];
  }

  *podTemplateNamespaces(): Iterable<string> {
    for (const [namespace, templates] of this.templates) if (templates.length > 0) yield namespace;
  }

  holdsAny(kind: string, namespace: string): boolean {
    return (this.byName.get(lookupKey(kind, namespace, '')) ?? []).length > 0;
  }

  generated(kind: 'ConfigMap' | 'Secret', name: string): boolean {
    return (this.generatedNames.get(`${kind}/${name}`) ?? 0) > 0;
  }

  private add(file: CatalogFile): void {
    this.byFile.set(file.key, file);
    this.addObjects(file.objects);
  }

  private remove(file: CatalogFile): void {
    this.byFile.delete(file.key);
    this.removeObjects(file.objects);
  }

  /**
   * A changed file keeps the objects of its unchanged documents (the same objects, when their producer reuses them):
   * only the others leave and enter the lookups, so an edit in one document of an install file touches only it.
   */
  private replace(old: CatalogFile, next: CatalogFile): void {
    const kept = new Set(old.objects);
    const fresh = new Set(next.objects);
    this.byFile.set(next.key, next);
    this.removeObjects(old.objects.filter((object) => !fresh.has(object)));
    this.addObjects(next.objects.filter((object) => !kept.has(object)));
  }

  private addObjects(objects: readonly WorkspaceObject[]): void {
    for (const object of objects) {
      const namespace = this.namespaceOf(object);
      // The entry with an empty name counts every object of the kind in the namespace, for holdsAny.
      for (const name of [object.name, '']) push(this.byName, lookupKey(object.kind, namespace, name), object);
      push(this.byKind, object.kind, object);
      const template = podTemplateOf(object);
      if (template) push(this.templates, namespace, template);
      for (const name of generatedNames(object)) this.generatedNames.set(name, (this.generatedNames.get(name) ?? 0) + 1);
    }
  }

  private removeObjects(objects: readonly WorkspaceObject[]): void {
    if (objects.length === 0) return;
    const gone = new Set(objects);
    // Each list is filtered once, however many of the objects it holds.
    const names = new Set<string>();
    const kinds = new Set<string>();
    const namespaces = new Set<string>();
    for (const object of objects) {
      const namespace = this.namespaceOf(object);
      names.add(lookupKey(object.kind, namespace, object.name)).add(lookupKey(object.kind, namespace, ''));
      kinds.add(object.kind);
      if (podTemplateOf(object)) namespaces.add(namespace);
      for (const name of generatedNames(object)) this.generatedNames.set(name, (this.generatedNames.get(name) ?? 1) - 1);
    }
    for (const key of names) pull(this.byName, key, (object) => gone.has(object));
    for (const kind of kinds) pull(this.byKind, kind, (object) => gone.has(object));
    for (const namespace of namespaces) pull(this.templates, namespace, (template) => gone.has(template.owner));
  }
}

export function buildCatalog(objects: readonly WorkspaceObject[], reference: readonly ReferenceDefinition[] = []): WorkspaceCatalog {
  const files = new Map<string, WorkspaceObject[]>();
  for (const object of objects) push(files, object.file, object);
  return new WorkspaceCatalog().useReferenceDefinitions(reference).update([...files].map(([key, fileObjects]) => ({ key, objects: fileObjects })));
}

/**
 * The workspace's CRDs, then each reference CRD whose group and kind neither they nor an earlier reference CRD
 * define: a CRD among the inputs is the one being applied, so it wins over what the cluster is said to have.
 */
function mergedDefinitions(own: readonly WorkspaceObject[], reference: readonly ReferenceDefinition[]): readonly DefinitionSource[] {
  if (reference.length === 0) return own;
  const defined = new Set(own.map(groupKindOf));
  const merged: DefinitionSource[] = [...own];
  for (const definition of reference) {
    const groupKind = groupKindOf(definition);
    if (defined.has(groupKind)) continue;
    defined.add(groupKind);
    merged.push(definition);
  }
  return merged;
}

function groupKindOf(definition: DefinitionSource): string {
  const spec = objectAt(definition.value, 'spec');
  return `${stringAt(spec, 'group') ?? ''}/${stringAt(objectAt(spec, 'names'), 'kind') ?? ''}`;
}

/** Generated names get a hash suffix and the overlay's namespace, so only the name is known here. */
function generatedNames(object: WorkspaceObject): string[] {
  if (object.kind !== 'Kustomization') return [];
  const names: string[] = [];
  for (const [field, kind] of [
    ['configMapGenerator', 'ConfigMap'],
    ['secretGenerator', 'Secret'],
  ] as const) {
    for (const generator of listAt(object.value, field)) {
      const name = stringAt(generator, 'name');
      if (name) names.push(`${kind}/${name}`);
    }
  }
  return names;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function pull<V>(map: Map<string, V[]>, key: string, gone: (value: V) => boolean): void {
  const list = map.get(key);
  if (!list) return;
  const kept = list.filter((value) => !gone(value));
  if (kept.length > 0) map.set(key, kept);
  else map.delete(key);
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
