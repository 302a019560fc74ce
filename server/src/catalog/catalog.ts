/**
 * The workspace's objects, looked up the way rules ask for them: by kind, namespace and name, by kind, by file, and
 * the pod templates of each namespace. Kept up to date file by file: the language server runs the rules after each
 * edit, and re-reading ten thousand objects then would cost more than the edit's own validation.
 */
import { clusterScopedCustomKinds, namespaceResolver, type ScopeOf } from './namespaces';
import { podTemplateOf, type PodTemplate } from './pod-templates';
import { labelValue, type Labels } from '../kube/label-selectors';
import { NearNames } from '../schema/did-you-mean';
import type { DefinitionSource, ReferenceDefinition, WorkspaceObject } from './workspace-object';
import type { UnreadableDocument, UnreadablePlace } from './unreadable-documents';
import { listAt, objectAt, stringAt } from '../kube/plain-values';

export interface CatalogFile {
  key: string;
  /** Replaced, never changed in place, when the file changes: identity says whether it did. */
  objects: readonly WorkspaceObject[];
  /** Its documents that could not be read (YAML syntax errors), with what could be read of each; absent when none. */
  unreadable?: readonly UnreadableDocument[];
}

export interface Catalog {
  namespaceOf: ScopeOf;
  files(): Iterable<CatalogFile>;
  /** The file with this key, if the catalog holds it. */
  file(key: string): CatalogFile | undefined;
  /** Objects of a kind (any group) in a namespace ("" for cluster-scoped kinds) with a name. */
  find(kind: string, namespace: string, name: string): readonly WorkspaceObject[];
  ofKind(kind: string): readonly WorkspaceObject[];
  /** nearName(name, the names of the kind's objects in the namespace), answered without reading every name. */
  nearName(kind: string, namespace: string, name: string): string | undefined;
  podTemplates(namespace: string): readonly PodTemplate[];
  /**
   * The pod templates of a namespace (every namespace when undefined) that carry every label of `labels`, in the
   * order podTemplates lists them: the candidates a selector with these matchLabels can match, found through the
   * least common of its labels.
   */
  podTemplatesLabelled(namespace: string | undefined, labels: Labels): readonly PodTemplate[];
  /** The namespaces that hold at least one pod template, in no particular order. */
  podTemplateNamespaces(): Iterable<string>;
  /**
   * Every document of the workspace that could not be read, with its file: what a rule that finds nothing must ask
   * before it says so (see unreadable-documents.ts). Few or none: kept as a list.
   */
  unreadableDocuments(): readonly UnreadablePlace[];
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
  /**
   * What `compute` makes of the objects of `kinds`, computed again only once an object of one of them has come or
   * gone (or namespaces were resolved anew): what a rule derives from every object of a kind (the workloads
   * autoscalers scale, the schemas of custom kinds) then costs nothing on an edit that touches none of them.
   * `name` tells one derived value from another; `compute` must read no other kind.
   */
  derived<T>(name: string, kinds: readonly string[], compute: (catalog: Catalog) => T): T;
}

/**
 * The lookups: a key's values are a set, so that an object leaves them at the cost of one deletion however many
 * objects of its kind the workspace holds; a key with one value (most names) holds it alone, as a set would cost
 * more than the object. A key's list is made again only when asked after a change. Values stay in the order they
 * came in (an edited object comes in again, after the others).
 */
class Buckets<K, V extends object> {
  private readonly values = new Map<K, V | Set<V>>();
  private readonly lists = new Map<K, readonly V[]>();

  add(key: K, value: V): void {
    const held = this.values.get(key);
    if (held === undefined) this.values.set(key, value);
    else if (held instanceof Set) held.add(value);
    else if (held !== value) this.values.set(key, new Set([held, value]));
    // While a catalog is first built no list has been asked for: nothing to forget, and no key to hash again.
    if (this.lists.size > 0) this.lists.delete(key);
  }

  delete(key: K, value: V): void {
    const held = this.values.get(key);
    if (held === value) this.values.delete(key);
    else if (!(held instanceof Set) || !held.delete(value)) return;
    else if (held.size === 0) this.values.delete(key);
    this.lists.delete(key);
  }

  list(key: K): readonly V[] {
    const cached = this.lists.get(key);
    if (cached) return cached;
    const held = this.values.get(key);
    if (held === undefined) return [];
    const list = held instanceof Set ? [...held] : [held];
    if (held instanceof Set) this.lists.set(key, list);
    return list;
  }

  size(key: K): number {
    const held = this.values.get(key);
    return held === undefined ? 0 : held instanceof Set ? held.size : 1;
  }

  keys(): Iterable<K> {
    return this.values.keys();
  }
}

export class WorkspaceCatalog implements Catalog {
  namespaceOf: ScopeOf = namespaceResolver([]);
  private readonly byFile = new Map<string, CatalogFile>();
  private readonly byName = new Buckets<string, WorkspaceObject>();
  private readonly byKind = new Buckets<string, WorkspaceObject>();
  private readonly templates = new Buckets<string, PodTemplate>();
  /** Pod templates by a label they carry (labelKey), within their namespace and across namespaces. */
  private readonly templatesByLabel = new Buckets<string, PodTemplate>();
  private readonly templatesByLabelAnywhere = new Buckets<string, PodTemplate>();
  /** The names of each kind in each namespace (keyed as byName's entry with an empty name), for nearName. */
  private readonly names = new Map<string, NearNames>();
  /** Each workload's pod template, so that it leaves the lookups as the same object it entered them as. */
  private readonly templateOf = new Map<WorkspaceObject, PodTemplate>();
  private readonly generatedNames = new Map<string, number>();
  /** Bumped when an object of the kind comes or goes; `derived` values are kept while their kinds' stay the same. */
  private readonly revisions = new Map<string, number>();
  /** Bumped when namespaces are resolved anew: every derived value is stale then. */
  private scopeRevision = 0;
  private readonly derivedValues = new Map<string, { stamp: string; value: unknown }>();
  /** The cluster-scoped custom kinds namespaces were resolved with; when they change, everything is re-added. */
  private clusterKinds = '';
  /** The revision of the CRDs namespaces were last resolved with. */
  private scopedCrds = -1;
  private reference: readonly ReferenceDefinition[] = [];
  /** The unreadable documents of all files, made again when asked after a file's changed. */
  private unreadable: readonly UnreadablePlace[] | undefined = [];

  /** Takes these CRDs as reference from now on (see customResourceDefinitions); the same list again changes nothing. */
  useReferenceDefinitions(reference: readonly ReferenceDefinition[]): this {
    if (reference === this.reference) return this;
    this.reference = reference;
    this.bump(CRD_KIND);
    this.rescope();
    return this;
  }

  /** Makes the catalog hold exactly `files`, redoing only the files whose objects changed. */
  update(files: Iterable<CatalogFile>): this {
    const current = new Map<string, CatalogFile>();
    for (const file of files) current.set(file.key, file);
    const gone = [...this.byFile.keys()].filter((key) => !current.has(key));
    return this.change(current.values(), gone);
  }

  /**
   * Puts `files` in the place of the files with their keys (or adds them), and drops the files keyed `removed`: the
   * cost is that of the objects that changed, whatever the size of the workspace.
   */
  change(files: Iterable<CatalogFile>, removed: Iterable<string> = []): this {
    for (const key of removed) {
      const old = this.byFile.get(key);
      if (old) this.remove(old);
    }
    for (const file of files) {
      const old = this.byFile.get(file.key);
      if (!old) this.add(file);
      else if (old.objects !== file.objects || old.unreadable !== file.unreadable) this.replace(old, file);
    }
    this.rescope();
    return this;
  }

  customResourceDefinitions(): readonly DefinitionSource[] {
    return this.derived('custom resource definitions', [CRD_KIND], () => mergedDefinitions(this.ofKind(CRD_KIND), this.reference));
  }

  derived<T>(name: string, kinds: readonly string[], compute: (catalog: Catalog) => T): T {
    const stamp = `${this.scopeRevision} ${kinds.map((kind) => this.revisions.get(kind) ?? 0).join(' ')}`;
    const cached = this.derivedValues.get(name);
    if (cached?.stamp === stamp) return cached.value as T;
    const value = compute(this);
    this.derivedValues.set(name, { stamp, value });
    return value;
  }

  /** A CRD that changes scope moves its kind's objects between namespaces: everything is added again. */
  private rescope(): void {
    const crds = this.revisions.get(CRD_KIND) ?? 0;
    if (crds === this.scopedCrds) return;
    this.scopedCrds = crds;
    const definitions = this.customResourceDefinitions();
    const clusterKinds = [...clusterScopedCustomKinds(definitions)].sort().join(' ');
    if (clusterKinds === this.clusterKinds) return;
    const all = [...this.byFile.values()];
    for (const file of all) this.remove(file);
    this.clusterKinds = clusterKinds;
    this.namespaceOf = namespaceResolver(definitions);
    this.scopeRevision++;
    for (const file of all) this.add(file);
    this.scopedCrds = this.revisions.get(CRD_KIND) ?? 0;
  }

  files(): Iterable<CatalogFile> {
    return this.byFile.values();
  }

  file(key: string): CatalogFile | undefined {
    return this.byFile.get(key);
  }

  find(kind: string, namespace: string, name: string): readonly WorkspaceObject[] {
    return this.byName.list(lookupKey(kind, namespace, name));
  }

  ofKind(kind: string): readonly WorkspaceObject[] {
    return this.byKind.list(kind);
  }

  nearName(kind: string, namespace: string, name: string): string | undefined {
    return this.names.get(lookupKey(kind, namespace, ''))?.near(name);
  }

  podTemplates(namespace: string): readonly PodTemplate[] {
    return this.templates.list(namespace);
  }

  podTemplatesLabelled(namespace: string | undefined, labels: Labels): readonly PodTemplate[] {
    const keys = Object.keys(labels);
    if (keys.length === 0) return namespace === undefined ? [...this.podTemplateNamespaces()].flatMap((each) => this.podTemplates(each)) : this.podTemplates(namespace);
    const index = namespace === undefined ? this.templatesByLabelAnywhere : this.templatesByLabel;
    let rarest = labelKey(namespace, keys[0]!, labels[keys[0]!]!);
    for (const key of keys.slice(1)) {
      const candidate = labelKey(namespace, key, labels[key]!);
      if (index.size(candidate) < index.size(rarest)) rarest = candidate;
    }
    return index.list(rarest).filter((template) => keys.every((key) => labelValue(template.labels, key) === labels[key]));
  }

  *podTemplateNamespaces(): Iterable<string> {
    for (const namespace of this.templates.keys()) if (this.templates.size(namespace) > 0) yield namespace;
  }

  holdsAny(kind: string, namespace: string): boolean {
    return this.byName.size(lookupKey(kind, namespace, '')) > 0;
  }

  generated(kind: 'ConfigMap' | 'Secret', name: string): boolean {
    return (this.generatedNames.get(`${kind}/${name}`) ?? 0) > 0;
  }

  unreadableDocuments(): readonly UnreadablePlace[] {
    this.unreadable ??= [...this.byFile.values()].flatMap((file) => (file.unreadable ?? []).map((document) => ({ file: file.key, document })));
    return this.unreadable;
  }

  private add(file: CatalogFile): void {
    this.byFile.set(file.key, file);
    this.addObjects(file.objects);
    if (file.unreadable?.length) this.unreadable = undefined;
  }

  private remove(file: CatalogFile): void {
    this.byFile.delete(file.key);
    this.removeObjects(file.objects);
    if (file.unreadable?.length) this.unreadable = undefined;
  }

  /**
   * A changed file keeps the objects of its unchanged documents (the same objects, when their producer reuses them):
   * only the others leave and enter the lookups, so an edit in one document of an install file touches only it.
   */
  private replace(old: CatalogFile, next: CatalogFile): void {
    const kept = new Set(old.objects);
    const fresh = new Set(next.objects);
    this.byFile.set(next.key, next);
    if (old.unreadable?.length || next.unreadable?.length) this.unreadable = undefined;
    this.removeObjects(old.objects.filter((object) => !fresh.has(object)));
    this.addObjects(next.objects.filter((object) => !kept.has(object)));
  }

  private bump(kind: string): void {
    this.revisions.set(kind, (this.revisions.get(kind) ?? 0) + 1);
  }

  private addObjects(objects: readonly WorkspaceObject[]): void {
    for (const object of objects) {
      const namespace = this.namespaceOf(object);
      // The entry with an empty name holds every object of the kind in the namespace, for holdsAny.
      const everyName = lookupKey(object.kind, namespace, '');
      this.byName.add(lookupKey(object.kind, namespace, object.name), object);
      this.byName.add(everyName, object);
      this.byKind.add(object.kind, object);
      this.bump(object.kind);
      let names = this.names.get(everyName);
      if (!names) {
        names = new NearNames();
        this.names.set(everyName, names);
      }
      names.add(object.name);
      const template = podTemplateOf(object);
      if (template) {
        this.templateOf.set(object, template);
        this.templates.add(namespace, template);
        for (const [key, value] of Object.entries(template.labels)) {
          this.templatesByLabel.add(labelKey(namespace, key, value), template);
          this.templatesByLabelAnywhere.add(labelKey(undefined, key, value), template);
        }
      }
      for (const name of generatedNames(object)) this.generatedNames.set(name, (this.generatedNames.get(name) ?? 0) + 1);
    }
  }

  private removeObjects(objects: readonly WorkspaceObject[]): void {
    for (const object of objects) {
      const namespace = this.namespaceOf(object);
      const everyName = lookupKey(object.kind, namespace, '');
      this.byName.delete(lookupKey(object.kind, namespace, object.name), object);
      this.byName.delete(everyName, object);
      this.byKind.delete(object.kind, object);
      this.bump(object.kind);
      const names = this.names.get(everyName);
      names?.delete(object.name);
      if (names?.size === 0) this.names.delete(everyName);
      const template = this.templateOf.get(object);
      if (template) {
        this.templateOf.delete(object);
        this.templates.delete(namespace, template);
        for (const [key, value] of Object.entries(template.labels)) {
          this.templatesByLabel.delete(labelKey(namespace, key, value), template);
          this.templatesByLabelAnywhere.delete(labelKey(undefined, key, value), template);
        }
      }
      for (const name of generatedNames(object)) {
        const count = (this.generatedNames.get(name) ?? 1) - 1;
        if (count > 0) this.generatedNames.set(name, count);
        else this.generatedNames.delete(name);
      }
    }
  }
}

const CRD_KIND = 'CustomResourceDefinition';

/** `unreadable`: the documents of each file that could not be read, by file. */
export function buildCatalog(
  objects: readonly WorkspaceObject[],
  reference: readonly ReferenceDefinition[] = [],
  unreadable: ReadonlyMap<string, readonly UnreadableDocument[]> = new Map(),
): WorkspaceCatalog {
  const files = new Map<string, WorkspaceObject[]>();
  for (const object of objects) push(files, object.file, object);
  for (const key of unreadable.keys()) if (!files.has(key)) files.set(key, []);
  return new WorkspaceCatalog()
    .useReferenceDefinitions(reference)
    .update([...files].map(([key, fileObjects]) => ({ key, objects: fileObjects, ...(unreadable.get(key)?.length ? { unreadable: unreadable.get(key) } : {}) })));
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

function lookupKey(kind: string, namespace: string, name: string): string {
  return `${kind}\u0000${namespace}\u0000${name}`;
}

/** A label key=value, in a namespace or in any (undefined); a rare collision of keys only adds candidates, which are checked. */
function labelKey(namespace: string | undefined, key: string, value: string): string {
  return `${namespace ?? ''}\u0000${key}\u0000${value}`;
}

/** The replica count a workload asks for: `spec.replicas`, defaulted to 1 as the API server does. */
export function replicasOf(object: WorkspaceObject): number | undefined {
  if (!['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'].includes(object.kind)) return undefined;
  const replicas = objectAt(object.value, 'spec')?.['replicas'];
  return typeof replicas === 'number' ? replicas : 1;
}
