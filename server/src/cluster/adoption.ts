/**
 * Controllers adopting orphan pods over the store (controllers/controller-ref-manager.ts): each round the orphans
 * are listed once, and each controller in creation order takes those its selector matches, so that where two
 * selectors overlap the older controller wins, the same way every time.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { Owner } from '../kube/owner-references';
import { adoptedOwnerReferences, podsToAdopt } from './controllers/controller-ref-manager';
import type { ObjectStore, Stored } from './store';

/** Pods without a controller, by namespace: what controllers may adopt. */
export type OrphanPods = Map<string, Stored<Pod>[]>;

export function orphanPods(store: ObjectStore): OrphanPods {
  const orphans: OrphanPods = new Map();
  if (store.countWithoutController('Pod') === 0) return orphans;
  for (const pod of store.list<Pod>('Pod')) {
    if (pod.metadata.ownerReferences?.some((reference) => reference.controller === true)) continue;
    const namespace = pod.metadata.namespace ?? '';
    const list = orphans.get(namespace);
    if (list) list.push(pod);
    else orphans.set(namespace, [pod]);
  }
  return orphans;
}

/** The owner adopts the orphans of its namespace that its selector matches; they are no longer orphans. */
export function adoptOrphans(store: ObjectStore, orphans: OrphanPods, owner: Owner, selector: LabelSelector | undefined): Stored<Pod>[] {
  const namespace = owner.metadata?.namespace ?? '';
  const candidates = orphans.get(namespace);
  if (!candidates || candidates.length === 0) return [];
  const adopted = podsToAdopt(selector, candidates);
  if (adopted.length === 0) return [];
  for (const pod of adopted) {
    // The stored pod is kept (the scheduler and kubelets know it by identity); updating it re-indexes its controller.
    pod.metadata.ownerReferences = adoptedOwnerReferences(pod, owner);
    store.update(pod);
  }
  const taken = new Set(adopted);
  orphans.set(
    namespace,
    candidates.filter((pod) => !taken.has(pod)),
  );
  return adopted;
}
