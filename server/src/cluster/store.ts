/**
 * The object store of the embedded cluster: what the API server keeps in etcd. Applying an object does what the
 * API server does before storing it: defaulting, the request namespace (`default`), a uid, a creationTimestamp
 * from the simulated clock, a name for `generateName`, and `metadata.generation`. Controllers read and write
 * through it; lookups are by kind, namespace, name, label selector and controller owner.
 */
import type { LabelSelector, ObjectMeta } from 'kubernetes-types/meta/v1';
import { applyDefaults } from '../defaulting/index';
import { isObject, type PlainObject, type PlainValue } from '../kube/plain-values';
import { isClusterScopedKind } from '../kube/namespaces';
import { semanticEqual } from '../kube/semantic-equal';
import { compileLabelSelector, labelsOf } from '../kube/label-selectors';
import type { SimulatedClock } from './clock';
import { controllerOf } from '../kube/owner-references';
import { NameGenerator } from './names';
import type { AdmissionPhase, AdmissionRequest } from './admission/admission';

/**
 * Admission for the store: runs one phase of the plugins over a request, collecting warnings; the refusal's
 * message, or undefined when admitted.
 */
export type AdmissionHook = (phase: AdmissionPhase, request: AdmissionRequest, warnings: string[]) => string | undefined;

/** An API object as stored: apiVersion, kind and metadata with name, uid and creationTimestamp always set. */
export interface StoredObject {
  apiVersion: string;
  kind: string;
  metadata: StoredMetadata;
}

/** ObjectMeta as the server fills it in (generation is read-only to clients, not to the server). */
export type StoredMetadata = Omit<ObjectMeta, 'generation'> & { name: string; uid: string; creationTimestamp: string; generation?: number };

/** Any typed API object (Pod, Deployment …) once it is in the store. */
export type Stored<T> = T & StoredObject;

export class StoreError extends Error {}

export interface StoreHooks {
  admission?: AdmissionHook;
  onCreate?: (object: StoredObject) => void;
}

export class ObjectStore {
  private readonly objects = new Map<string, Map<string, StoredObject>>();
  /** Objects by the uid of their controller (ownerReference with controller: true), then by kind. */
  private readonly controlled = new Map<string, Map<string, Set<StoredObject>>>();
  /** How many objects of each kind have no controller: most often none, which saves looking for orphans. */
  private readonly uncontrolledCounts = new Map<string, number>();
  /**
   * The controller's uid (null: none) each stored object was indexed under; an object leaves it when it leaves the
   * store (a Map, not a WeakMap: ephemeron tables make every garbage collection slower).
   */
  private readonly indexedOwners = new Map<StoredObject, string | null>();
  /** Each stored object's place in list(): objects of a kind are listed in the order their names were first stored. */
  private readonly listPositions = new Map<StoredObject, number>();
  private nextListPosition = 0;
  private readonly names = new NameGenerator();
  /** Per kind, how many times an object of it was stored, replaced or deleted: what a cache of a kind's objects checks. */
  private readonly revisions = new Map<string, number>();

  /**
   * `admission` sees every object created or applied before it is stored and may change or refuse it (see
   * admission/admission.ts); `onCreate` hears of every object created, in order (the watch a controller would have).
   */
  constructor(
    readonly clock: SimulatedClock,
    private hooks: StoreHooks = {},
  ) {}

  /** A copy of the store (SimulatedCluster.fork) hears its own cluster's hooks, not those of the store it was copied from. */
  rewire(hooks: StoreHooks): void {
    this.hooks = hooks;
  }

  /**
   * `kubectl apply` of a decoded manifest object: created when new (without the status it may carry); when an object of that kind, namespace and
   * name exists, its spec is replaced and what the server owns (uid, creationTimestamp, status, annotations the
   * manifest does not set, such as `deployment.kubernetes.io/revision`) is kept; generation goes up when the
   * spec changed. `warnings` receives admission's warnings.
   */
  apply(apiVersion: string, kind: string, value: PlainObject, warnings: string[] = []): StoredObject {
    const object = applyDefaults(apiVersion, kind, value) as unknown as StoredObject;
    object.apiVersion = apiVersion;
    object.kind = kind;
    const metadata = (isObject(object.metadata as unknown as PlainValue) ? object.metadata : {}) as StoredMetadata;
    object.metadata = metadata;
    if (!metadata.name && !metadata.generateName) throw new StoreError(`${kind}: metadata.name or metadata.generateName is required`);
    const existing = metadata.name ? this.get(kind, this.namespaceFor(kind, metadata.namespace), metadata.name) : undefined;
    if (!existing) {
      // Creating through the API ignores a written status (the controllers and kubelets write it); a Node's and a
      // Namespace's are kept, as a cluster file describes them.
      if (kind !== 'Node' && kind !== 'Namespace') delete (object as unknown as PlainObject)['status'];
      return this.create(object, warnings);
    }
    metadata.namespace = existing.metadata.namespace;
    metadata.uid = existing.metadata.uid;
    metadata.creationTimestamp = existing.metadata.creationTimestamp;
    metadata.annotations = { ...existing.metadata.annotations, ...metadata.annotations };
    if (metadata.ownerReferences === undefined && existing.metadata.ownerReferences) metadata.ownerReferences = existing.metadata.ownerReferences;
    // registry strategies' PrepareForUpdate: generation moves when the spec is not semantically equal.
    const changedSpec = !semanticEqual((object as unknown as PlainObject)['spec'], (existing as unknown as PlainObject)['spec']);
    metadata.generation = (existing.metadata.generation ?? 1) + (changedSpec ? 1 : 0);
    const status = (existing as unknown as PlainObject)['status'];
    if (status !== undefined) (object as unknown as PlainObject)['status'] = status;
    const request: AdmissionRequest = { operation: 'UPDATE', object, oldObject: existing, name: metadata.name, namespace: metadata.namespace ?? '' };
    this.admit('admit', request, warnings);
    this.admit('validate', request, warnings);
    this.replace(existing, object);
    return object;
  }

  /**
   * Creates an object a controller or the user builds, through admission: sets namespace, name (from generateName,
   * between admission's two phases), uid, creationTimestamp and generation. The object is stored as given, not
   * copied. `warnings` receives admission's warnings.
   */
  create<T extends { apiVersion?: string; kind?: string; metadata?: ObjectMeta }>(object: T, warnings: string[] = []): Stored<T> {
    return this.insert(object, warnings, true);
  }

  /** Stores an object that is in the cluster already (a cluster file's node or pod): no admission. */
  load<T extends { apiVersion?: string; kind?: string; metadata?: ObjectMeta }>(object: T): Stored<T> {
    return this.insert(object, [], false);
  }

  private insert<T extends { apiVersion?: string; kind?: string; metadata?: ObjectMeta }>(object: T, warnings: string[], admitted: boolean): Stored<T> {
    const kind = object.kind;
    if (!kind) throw new StoreError('an object without kind cannot be stored');
    const metadata = (object.metadata ??= {}) as StoredMetadata;
    const namespace = this.namespaceFor(kind, metadata.namespace);
    if (namespace) metadata.namespace = namespace;
    else delete metadata.namespace;
    if (!metadata.name && !metadata.generateName) throw new StoreError(`${kind}: metadata.name or metadata.generateName is required`);
    if (metadata.name && this.get(kind, namespace, metadata.name)) throw new StoreError(`${kind} "${metadata.name}" already exists`);
    if (admitted) {
      // A controller's pod carries the name the server will generate for its generateName (names.ts): until the
      // name is generated, between the two phases, admission sees none.
      const requestObject = object as unknown as StoredObject;
      this.admit('admit', { operation: 'CREATE', object: requestObject, namespace, name: metadata.generateName ? '' : (metadata.name ?? '') }, warnings);
      if (!metadata.name) metadata.name = this.generateName(kind, namespace, metadata.generateName ?? '');
      this.admit('validate', { operation: 'CREATE', object: requestObject, namespace, name: metadata.name }, warnings);
    } else if (!metadata.name) metadata.name = this.generateName(kind, namespace, metadata.generateName ?? '');
    metadata.uid ??= this.names.uid();
    metadata.creationTimestamp ??= this.clock.timestamp();
    metadata.generation ??= 1;
    const stored = object as Stored<T>;
    this.kindMap(kind).set(keyOf(namespace, metadata.name), stored);
    this.listPositions.set(stored, this.nextListPosition++);
    this.changed(kind);
    this.index(stored);
    this.hooks.onCreate?.(stored);
    return stored;
  }

  /**
   * Writes a changed object over the stored one of the same kind, namespace and name (a controller's update);
   * what the server owns (uid, creationTimestamp) is kept from the stored one.
   */
  update<T extends { kind?: string; metadata?: ObjectMeta }>(object: T): Stored<T> {
    const metadata = (object.metadata ?? {}) as StoredMetadata;
    const existing = this.get(object.kind ?? '', this.namespaceFor(object.kind ?? '', metadata.namespace), metadata.name ?? '');
    if (!existing) throw new StoreError(`${object.kind} "${metadata.name}" not found`);
    metadata.uid = existing.metadata.uid;
    metadata.creationTimestamp = existing.metadata.creationTimestamp;
    if (existing.metadata.namespace) metadata.namespace = existing.metadata.namespace;
    const stored = object as unknown as Stored<T>;
    this.replace(existing, stored);
    return stored;
  }

  /** A free name for `generateName: base` among the objects of a kind in a namespace (see names.ts). */
  generateName(kind: string, namespace: string, base: string): string {
    return this.names.generate(base, (name) => this.get(kind, namespace, name) !== undefined);
  }

  get<T = StoredObject>(kind: string, namespace: string, name: string): Stored<T> | undefined {
    return this.objects.get(kind)?.get(keyOf(namespace, name)) as Stored<T> | undefined;
  }

  /** Every object of a kind (in one namespace when given), in the order they were created. */
  list<T = StoredObject>(kind: string, namespace?: string): Stored<T>[] {
    const all = [...(this.objects.get(kind)?.values() ?? [])] as Stored<T>[];
    return namespace === undefined ? all : all.filter((object) => (object.metadata.namespace ?? '') === namespace);
  }

  /** Objects of a kind in a namespace whose labels a metav1.LabelSelector selects (absent selects nothing). */
  select<T = StoredObject>(kind: string, namespace: string, selector: LabelSelector | undefined): Stored<T>[] {
    const selects = compileLabelSelector(selector);
    return this.list<T>(kind, namespace).filter((object) => selects(labelsOf(object.metadata.labels as PlainValue)));
  }

  /** The objects (of one kind) in the order list() gives them. */
  inListOrder<T>(objects: readonly Stored<T>[]): Stored<T>[] {
    const position = (object: StoredObject) => this.listPositions.get(object) ?? Number.POSITIVE_INFINITY;
    return [...objects].sort((a, b) => position(a) - position(b));
  }

  /** Objects of a kind whose controller is `owner`. */
  controlledBy<T = StoredObject>(kind: string, owner: StoredObject): Stored<T>[] {
    return [...(this.controlled.get(owner.metadata.uid)?.get(kind) ?? [])] as Stored<T>[];
  }

  /** How many objects of a kind have no controller owner reference. */
  countWithoutController(kind: string): number {
    return this.uncontrolledCounts.get(kind) ?? 0;
  }

  delete(object: StoredObject): boolean {
    const objects = this.objects.get(object.kind);
    const key = keyOf(object.metadata.namespace ?? '', object.metadata.name);
    const stored = objects?.get(key);
    const removed = objects?.delete(key) ?? false;
    if (removed) {
      if (stored) this.listPositions.delete(stored);
      this.unindex(object);
      this.changed(object.kind);
    }
    return removed;
  }

  /** Changes whenever an object of the kind is created, replaced or deleted (not when one is changed in place). */
  revision(kind: string): number {
    return this.revisions.get(kind) ?? 0;
  }

  private changed(kind: string): void {
    this.revisions.set(kind, this.revision(kind) + 1);
  }

  private admit(phase: AdmissionPhase, request: AdmissionRequest, warnings: string[]): void {
    const refused = this.hooks.admission?.(phase, request, warnings);
    if (refused !== undefined) throw new StoreError(refused);
  }

  /** The namespace an object of `kind` lives in: none for cluster-scoped kinds, `default` when unset. */
  namespaceFor(kind: string, namespace: string | undefined): string {
    return isClusterScopedKind(kind) ? '' : namespace || 'default';
  }

  private replace(existing: StoredObject, object: StoredObject): void {
    this.unindex(existing);
    this.kindMap(object.kind).set(keyOf(object.metadata.namespace ?? '', object.metadata.name), object);
    // Map.set keeps the key's place: the replacement is listed where the object it replaces was.
    const position = this.listPositions.get(existing);
    this.listPositions.delete(existing);
    if (position !== undefined) this.listPositions.set(object, position);
    this.changed(object.kind);
    this.index(object);
  }

  private kindMap(kind: string): Map<string, StoredObject> {
    let map = this.objects.get(kind);
    if (!map) this.objects.set(kind, (map = new Map()));
    return map;
  }

  private index(object: StoredObject): void {
    const owner = controllerOf(object.metadata)?.uid ?? null;
    this.indexedOwners.set(object, owner);
    if (owner === null) {
      this.uncontrolledCounts.set(object.kind, this.countWithoutController(object.kind) + 1);
      return;
    }
    let byKind = this.controlled.get(owner);
    if (!byKind) this.controlled.set(owner, (byKind = new Map()));
    let set = byKind.get(object.kind);
    if (!set) byKind.set(object.kind, (set = new Set()));
    set.add(object);
  }

  /** Undoes index() by what it recorded, so an object whose owner references were changed in place is still found. */
  private unindex(object: StoredObject): void {
    const owner = this.indexedOwners.get(object);
    if (owner === undefined) return;
    this.indexedOwners.delete(object);
    if (owner !== null) this.controlled.get(owner)?.get(object.kind)?.delete(object);
    else this.uncontrolledCounts.set(object.kind, this.countWithoutController(object.kind) - 1);
  }
}

/** `namespace/name`, or `name` for cluster-scoped objects. */
export function keyOf(namespace: string, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}
