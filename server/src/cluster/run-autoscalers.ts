/**
 * The HorizontalPodAutoscaler controller over the store: each autoscaler reads its target's spec.replicas through
 * the scale subresource and, when the controller rescales, writes the new size there (a spec change, so the
 * target's generation goes up and its own controller acts on it in the same convergence or the next step).
 */
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import { reconcileAutoscaler, scaleTargetKey, scaleTargetNotFound, type ScaleLookup } from './controllers/horizontal-pod-autoscaler';
import type { SimulatedCluster } from './simulated-cluster';
import { keyOf, type ObjectStore, type StoredObject } from './store';

interface ScalableObject extends StoredObject {
  spec?: { replicas?: number };
}

/** The target an autoscaler names, when the plan scales that kind; undefined when it cannot tell. */
function targetOf(store: ObjectStore, hpa: HorizontalPodAutoscaler & StoredObject): { object?: ScalableObject; lookup: ScaleLookup } | undefined {
  const ref = hpa.spec?.scaleTargetRef;
  if (!ref) return undefined;
  const notFound = scaleTargetNotFound(ref.apiVersion, ref.kind, ref.name);
  if (notFound === undefined) return undefined;
  const object = store.get<ScalableObject>(ref.kind, hpa.metadata.namespace ?? '', ref.name);
  if (!object || scaleTargetKey(object.apiVersion, object.kind) !== scaleTargetKey(ref.apiVersion, ref.kind)) return { lookup: { error: notFound } };
  // The scale subresource reports spec.replicas, which API defaulting set to 1 when the manifest left it out.
  return { object, lookup: { replicas: object.spec?.replicas ?? 1 } };
}

/** One reconcile of every autoscaler; true when one rescaled its target. */
export function syncAutoscalers(cluster: SimulatedCluster): boolean {
  const { store } = cluster;
  let changed = false;
  for (const hpa of store.list<HorizontalPodAutoscaler>('HorizontalPodAutoscaler')) {
    const target = targetOf(store, hpa);
    if (!target) continue;
    const result = reconcileAutoscaler(hpa, target.lookup, cluster.clock.now());
    // autoscaling/v1 keeps its conditions in an annotation, which the plan does not write.
    if (hpa.apiVersion !== 'autoscaling/v2') delete result.status.conditions;
    (hpa as { status?: HorizontalPodAutoscaler['status'] }).status = result.status;
    if (result.rescaleTo !== undefined && target.object) {
      // A new spec and metadata rather than writes into them: the model writes workloads' parts anew (unchanging-parts.ts).
      target.object.spec = { ...target.object.spec, replicas: result.rescaleTo };
      target.object.metadata = { ...target.object.metadata, generation: (target.object.metadata.generation ?? 1) + 1 };
      changed = true;
    }
    cluster.record(result.events);
  }
  return changed;
}

/**
 * What a plan says of its autoscalers: that it had no metrics (so a target within the range kept its replicas),
 * and which targets it could not scale.
 */
export function autoscalerNotes(store: ObjectStore): string[] {
  const notes: string[] = [];
  for (const hpa of store.list<HorizontalPodAutoscaler>('HorizontalPodAutoscaler')) {
    const key = keyOf(hpa.metadata.namespace ?? '', hpa.metadata.name);
    const ref = hpa.spec?.scaleTargetRef;
    const target = `${ref?.kind ?? ''} ${ref?.name ?? ''}`;
    if (!targetOf(store, hpa)) {
      notes.push(`HorizontalPodAutoscaler ${key}: the plan does not scale ${target}, so its replicas were left as they are`);
      continue;
    }
    const range = `${hpa.spec?.minReplicas ?? 1}–${hpa.spec?.maxReplicas ?? 0}`;
    notes.push(`HorizontalPodAutoscaler ${key}: no metrics were assumed; the plan only keeps ${target} within ${range} replicas, where metrics could scale it anywhere in that range`);
  }
  return notes;
}
