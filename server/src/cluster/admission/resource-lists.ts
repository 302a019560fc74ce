/**
 * Resource lists as admission adds, masks and compares them: the helpers of pkg/quota/v1/resources.go (Add,
 * SubtractWithNonNegativeResult, Mask, LessThanOrEqual, RemoveZeros), the quota's `prettyPrint`, and the pod totals
 * LimitRanger and the pod quota evaluator take (`podRequests`/`podLimits` in
 * plugin/pkg/admission/limitranger/admission.go, PodRequests/PodLimits in component-helpers/resource/helpers.go).
 *
 * Quantities stay exact here (the scheduler's float view is not enough): admission's messages print sums.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { PlainObject } from '../../kube/plain-values';
import { addQuantities, formatQuantity, Quantity } from '../../kube/quantity';
import { addInto, aggregateContainerResources, readResourceList, type ResourceList } from '../../kube/resource-lists';

/** resource.NewQuantity(n, DecimalSI). */
export function countOf(objects: number): Quantity {
  return Quantity.ofNanos(BigInt(objects) * 1_000_000_000n, 'DecimalSI');
}

/** quota.Add: the union, amounts of names in both summed. */
export function addLists(left: ResourceList, right: ResourceList): ResourceList {
  const result: ResourceList = new Map(left);
  addInto(result, right);
  return result;
}

/** quota.SubtractWithNonNegativeResult: left minus right, never below zero. */
export function subtractNonNegative(left: ResourceList, right: ResourceList): ResourceList {
  const result: ResourceList = new Map();
  for (const [name, amount] of left) {
    const other = right.get(name);
    const nanos = other ? amount.nanos - other.nanos : amount.nanos;
    result.set(name, other ? Quantity.ofNanos(nanos < 0n ? 0n : nanos, amount.format) : amount);
  }
  return result;
}

/** quota.Mask: only the given names. */
export function maskList(list: ResourceList, names: Iterable<string>): ResourceList {
  const result: ResourceList = new Map();
  for (const name of names) {
    const amount = list.get(name);
    if (amount) result.set(name, amount);
  }
  return result;
}

/** quota.RemoveZeros */
export function removeZeros(list: ResourceList): ResourceList {
  return new Map([...list].filter(([, amount]) => amount.nanos !== 0n));
}

/** quota.LessThanOrEqual: the names of `list` above their amount in `limits` (names absent from limits are free). */
export function exceededNames(list: ResourceList, limits: ResourceList): string[] {
  return [...list]
    .filter(([name, amount]) => {
      const limit = limits.get(name);
      return limit !== undefined && amount.nanos > limit.nanos;
    })
    .map(([name]) => name);
}

/** The quota's prettyPrint: `name=amount` sorted by name, joined with commas. */
export function prettyPrint(list: ResourceList): string {
  return [...list.keys()]
    .sort()
    .map((name) => `${name}=${formatQuantity(list.get(name)!)}`)
    .join(',');
}

/**
 * A pod's total requests or limits (PodRequests/PodLimits without pod-level resources): the containers' aggregate,
 * plus `spec.overhead` when asked (to limits only where a limit is set), as the quota counts a pod; LimitRanger's
 * copies of these functions leave the overhead out.
 */
export function podTotal(pod: Pod, side: 'requests' | 'limits', overhead: boolean): ResourceList {
  const total = aggregateContainerResources(pod.spec as unknown as PlainObject | undefined, side);
  if (overhead) {
    for (const [name, amount] of readResourceList(pod.spec?.overhead)) {
      const current = total.get(name);
      if (side === 'requests' || current) total.set(name, current ? addQuantities(current, amount) : amount);
    }
  }
  return total;
}
