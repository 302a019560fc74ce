/**
 * Resource lists with exact quantities (a ResourceList of k8s.io/api/core/v1): reading one from a decoded map,
 * accumulating them, and a pod's total over its containers as AggregateContainerRequests/Limits
 * (component-helpers/resource/helpers.go) take it.
 */
import { addQuantities, type Quantity, quantityOf } from './quantity';
import { isObject, objectAt, objectsAt, type PlainObject, type PlainValue } from './plain-values';

/** Resource name to amount, in the order the names were written. */
export type ResourceList = Map<string, Quantity>;

/** A decoded resource list; entries that are not quantities are skipped (validation reports them). */
export function readResourceList(value: unknown): ResourceList {
  const list: ResourceList = new Map();
  if (!isObject(value as PlainValue)) return list;
  for (const [name, amount] of Object.entries(value as PlainObject)) {
    const quantity = quantityOf(amount);
    if (quantity) list.set(name, quantity);
  }
  return list;
}

/** addResourceList: `list` gains each amount of `other`. */
export function addInto(list: ResourceList, other: ResourceList): void {
  for (const [name, amount] of other) {
    const current = list.get(name);
    list.set(name, current ? addQuantities(current, amount) : amount);
  }
}

/** maxResourceList: `list` keeps the larger amount of each name. */
function maxInto(list: ResourceList, other: ResourceList): void {
  for (const [name, amount] of other) {
    const current = list.get(name);
    if (!current || amount.nanos > current.nanos) list.set(name, amount);
  }
}

/**
 * AggregateContainerRequests/Limits: the app containers' sum; an init container runs alone beside the sidecars
 * started before it, a sidecar (restartPolicy Always) keeps running beside everything after.
 */
export function aggregateContainerResources(spec: PlainObject | undefined, side: 'requests' | 'limits'): ResourceList {
  const own = (container: PlainObject) => readResourceList(objectAt(container, 'resources', side));
  const total: ResourceList = new Map();
  for (const container of objectsAt(spec, 'containers')) addInto(total, own(container));
  const sidecars: ResourceList = new Map();
  const initPeak: ResourceList = new Map();
  for (const container of objectsAt(spec, 'initContainers')) {
    const amounts = own(container);
    if (container['restartPolicy'] === 'Always') {
      addInto(total, amounts);
      addInto(sidecars, amounts);
      maxInto(initPeak, sidecars);
    } else {
      const whileRunning: ResourceList = new Map(amounts);
      addInto(whileRunning, sidecars);
      maxInto(initPeak, whileRunning);
    }
  }
  maxInto(total, initPeak);
  return total;
}
