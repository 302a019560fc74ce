/**
 * Deep copies of the cluster model's state, for playing several futures from one settled present (`--what-if`):
 * every object, array, Map and Set is copied once, so that two references to one object (a pod in the store, in
 * the scheduler's node info and in the kubelet's queue) are two references to one copy, and class instances keep
 * their prototype. Functions are shared: they must not close over the state copied (SimulatedCluster.fork wires
 * its own again). A frozen object is shared too, since no copy can change it: what is frozen must be frozen all
 * the way down (deepFreeze), or a copy would share the unfrozen objects below it. WeakMaps and WeakSets cannot be enumerated, so state must not live in them; meeting one is an
 * error rather than a copy that silently forgot what it held.
 *
 * The graph is walked once into a flat plan (each object numbered, each of its entries a value or the number of
 * another object); every copy is then made from the plan with arrays alone, without looking objects up in a Map
 * or walking the graph again, which is what makes a hundred copies of one state cheap.
 */

/** How a copy of one object is made: its container, then its entries, each a value kept as is or a planned object. */
type Planned =
  | { kind: 'object'; prototype: object | null; keys: string[]; values: unknown[]; refs: number[] }
  | { kind: 'array'; values: unknown[]; refs: number[] }
  | { kind: 'map'; keys: unknown[]; keyRefs: number[]; values: unknown[]; refs: number[] }
  | { kind: 'set'; values: unknown[]; refs: number[] }
  | { kind: 'view'; view: { slice(): unknown } };

/**
 * Makes copies of `root` as it is now, each independent of the others and of `root`. The graph must not change
 * while copies are made from it: a copy reflects the graph as it was when the copier was made.
 */
export function graphCopier<T>(root: T): () => T {
  if (typeof root !== 'object' || root === null) return () => root;
  const plans: Planned[] = [];
  const numbers = new Map<object, number>();
  const pending: object[] = [];
  /** The entry for a value: -1 for one kept as is, else the number of the object planned for it. */
  const ref = (value: unknown): number => {
    if (typeof value !== 'object' || value === null) return -1;
    // Immutable in the model's use, and their state is not in their properties: shared. So are frozen objects.
    if (value instanceof RegExp || value instanceof Date || Object.isFrozen(value)) return -1;
    const known = numbers.get(value);
    if (known !== undefined) return known;
    if (value instanceof WeakMap || value instanceof WeakSet) throw new Error('a WeakMap or WeakSet in the cluster state cannot be copied');
    const number = numbers.size;
    numbers.set(value, number);
    pending.push(value);
    return number;
  };
  ref(root);
  for (let number = 0; number < pending.length; number++) {
    const value = pending[number]!;
    if (Array.isArray(value)) {
      const values: unknown[] = new Array(value.length);
      const refs: number[] = new Array(value.length);
      for (let index = 0; index < value.length; index++) {
        values[index] = value[index];
        refs[index] = ref(value[index]);
      }
      plans.push({ kind: 'array', values, refs });
    } else if (value instanceof Map) {
      const plan: Planned = { kind: 'map', keys: [], keyRefs: [], values: [], refs: [] };
      for (const [key, entry] of value) {
        plan.keys.push(key);
        plan.keyRefs.push(ref(key));
        plan.values.push(entry);
        plan.refs.push(ref(entry));
      }
      plans.push(plan);
    } else if (value instanceof Set) {
      const plan: Planned = { kind: 'set', values: [], refs: [] };
      for (const entry of value) {
        plan.values.push(entry);
        plan.refs.push(ref(entry));
      }
      plans.push(plan);
    } else if (ArrayBuffer.isView(value)) {
      plans.push({ kind: 'view', view: value as unknown as { slice(): unknown } });
    } else {
      const keys = Object.keys(value);
      const values = keys.map((key) => (value as Record<string, unknown>)[key]);
      plans.push({ kind: 'object', prototype: Object.getPrototypeOf(value) as object | null, keys, values, refs: values.map(ref) });
    }
  }
  return () => instantiate(plans) as T;
}

/** Freezes the value and every object below it (an object frozen already is taken as frozen all the way down); returns it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  if (value instanceof Map || value instanceof Set || ArrayBuffer.isView(value)) throw new Error('a Map, Set or typed array cannot be frozen');
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
}

function instantiate(plans: readonly Planned[]): unknown {
  const copies: unknown[] = new Array(plans.length);
  // Every container first, so that an entry can name any object, before or after it, and cycles close.
  for (let number = 0; number < plans.length; number++) {
    const plan = plans[number]!;
    switch (plan.kind) {
      case 'object':
        copies[number] = plan.prototype === Object.prototype ? {} : Object.create(plan.prototype);
        break;
      case 'array':
        copies[number] = new Array(plan.values.length);
        break;
      case 'map':
        copies[number] = new Map();
        break;
      case 'set':
        copies[number] = new Set();
        break;
      case 'view':
        copies[number] = plan.view.slice();
        break;
    }
  }
  const entry = (value: unknown, ref: number): unknown => (ref < 0 ? value : copies[ref]);
  for (let number = 0; number < plans.length; number++) {
    const plan = plans[number]!;
    switch (plan.kind) {
      case 'object': {
        const object = copies[number] as Record<string, unknown>;
        const { keys, values, refs } = plan;
        for (let index = 0; index < keys.length; index++) object[keys[index]!] = entry(values[index], refs[index]!);
        break;
      }
      case 'array': {
        const array = copies[number] as unknown[];
        const { values, refs } = plan;
        for (let index = 0; index < values.length; index++) array[index] = entry(values[index], refs[index]!);
        break;
      }
      case 'map': {
        const map = copies[number] as Map<unknown, unknown>;
        for (let index = 0; index < plan.keys.length; index++) map.set(entry(plan.keys[index], plan.keyRefs[index]!), entry(plan.values[index], plan.refs[index]!));
        break;
      }
      case 'set': {
        const set = copies[number] as Set<unknown>;
        for (let index = 0; index < plan.values.length; index++) set.add(entry(plan.values[index], plan.refs[index]!));
        break;
      }
      case 'view':
        break;
    }
  }
  return copies[0];
}
