/**
 * How a controller claims the pods its selector matches [pkg/controller/controller_ref_manager.go : ClaimPods,
 * AdoptPod]: a pod with no controller whose labels the selector matches, active and not being deleted, is adopted
 * (an owner reference with `controller: true` and `blockOwnerDeletion: true` added to those it has); a pod another
 * controller owns is never taken.
 *
 * Not modelled: releasing an owned pod whose labels stopped matching (selectors of the kinds that claim are
 * immutable, and the plan never relabels a pod).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { compileLabelSelector, labelsOf } from '../../kube/label-selectors';
import type { PlainValue } from '../../kube/plain-values';
import { controllerOf, controllerReference, type Owner } from '../../kube/owner-references';
import { isPodActive } from './replicaset/pods';

/**
 * The pods of `candidates` (pods of the controller's namespace) the controller adopts: orphans its selector matches,
 * active (the ReplicaSet and Job controllers claim among active pods) and not being deleted. The controller is not
 * being deleted either: the model deletes controllers at once.
 */
export function podsToAdopt<T extends Pod>(selector: LabelSelector | undefined, candidates: readonly T[]): T[] {
  const selects = compileLabelSelector(selector);
  return candidates.filter((pod) => !controllerOf(pod.metadata) && isPodActive(pod) && selects(labelsOf(pod.metadata?.labels as PlainValue)));
}

/** AdoptPod: the pod's owner references with the controller's reference added. */
export function adoptedOwnerReferences(pod: Pod, owner: Owner): NonNullable<Pod['metadata']>['ownerReferences'] {
  return [...(pod.metadata?.ownerReferences ?? []), controllerReference(owner)];
}
