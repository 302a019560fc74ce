/**
 * A deep copy of the cluster model's state, for playing several futures from one settled present (`--what-if`):
 * every object, array, Map and Set is copied once, so that two references to one object (a pod in the store, in
 * the scheduler's node info and in the kubelet's queue) are two references to one copy, and class instances keep
 * their prototype. Functions are shared: they must not close over the state copied (SimulatedCluster.fork wires
 * its own again). WeakMaps and WeakSets cannot be enumerated, so state must not live in them; meeting one is an
 * error rather than a copy that silently forgot what it held.
 */

export function copyObjectGraph<T>(root: T): T {
  const copies = new Map<object, unknown>();
  const copy = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    const known = copies.get(value);
    if (known !== undefined) return known;
    if (Array.isArray(value)) {
      const array: unknown[] = new Array(value.length);
      copies.set(value, array);
      for (let index = 0; index < value.length; index++) array[index] = copy(value[index]);
      return array;
    }
    if (value instanceof Map) {
      const map = new Map<unknown, unknown>();
      copies.set(value, map);
      for (const [key, entry] of value) map.set(copy(key), copy(entry));
      return map;
    }
    if (value instanceof Set) {
      const set = new Set<unknown>();
      copies.set(value, set);
      for (const entry of value) set.add(copy(entry));
      return set;
    }
    // Immutable in the model's use, and their state is not in their properties: shared.
    if (value instanceof RegExp || value instanceof Date) return value;
    if (ArrayBuffer.isView(value)) {
      const view = (value as unknown as { slice(): unknown }).slice();
      copies.set(value, view);
      return view;
    }
    if (value instanceof WeakMap || value instanceof WeakSet) throw new Error('a WeakMap or WeakSet in the cluster state cannot be copied');
    const prototype = Object.getPrototypeOf(value) as object | null;
    const object = (prototype === Object.prototype ? {} : Object.create(prototype)) as Record<string, unknown>;
    copies.set(value, object);
    for (const key of Object.keys(value)) object[key] = copy((value as Record<string, unknown>)[key]);
    return object;
  };
  return copy(root) as T;
}
