/**
 * What a change against a base says in words, the same in the terminal, in Markdown and on the plan page: the
 * heading with its counts, each object's name, each field's `before → after`, and the change's effects in the
 * cluster model as rows.
 */
import type { PlannedChanges, PlannedFieldChange, PlannedObjectChange } from '../../protocol/plan';
import { compactValue } from './compact-value';

/** `Changes against HEAD: 1 added, 2 changed, 0 removed`. */
export function changesHeading(changes: PlannedChanges): string {
  const countOf = (change: PlannedObjectChange['change']) => changes.objects.filter((object) => object.change === change).length;
  return `Changes against ${changes.base}: ${countOf('added')} added, ${countOf('changed')} changed, ${countOf('removed')} removed`;
}

/** `Deployment shop/web`, `Namespace shop`. */
export function changedObjectName(object: PlannedObjectChange): string {
  return `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
}

/** `spec.replicas: 3 → 6`, each value in one short line. */
export function fieldChangeText(field: PlannedFieldChange): string {
  return `${field.path}: ${fieldValues(field)}`;
}

/** `3 → 6`: the field's value before and after the change, each in one short line. */
export function fieldValues(field: PlannedFieldChange): string {
  return `${compactValue(field.before)} → ${compactValue(field.after)}`;
}

/** kubectl apply creates and updates; it never deletes what the manifests no longer hold. */
export const REMOVED_OBJECT = 'kubectl apply does not delete it';

export interface ChangeEffect {
  effect: string;
  /** What it happens to: `Deployment/shop/web`, `shop/web-…` (a pod), `shop/web` (a Service). */
  of: string;
  before: string;
  after: string;
}

/** The change's effects: rollouts, pods becoming Pending, ready endpoints, routes and next runs; `-` for a side without the object. */
export function changeEffects(changes: PlannedChanges): ChangeEffect[] {
  const absent = (value: string | number | null) => (value === null ? '-' : String(value));
  return [
    ...changes.rollouts.map((rollout) => ({ effect: 'rollout', of: rollout.workload, before: '', after: rollout.outcome })),
    ...changes.pendingPods.map((pod) => ({ effect: 'becomes Pending', of: pod.pod, before: '', after: pod.message ?? 'not scheduled' })),
    ...changes.endpoints.map((service) => ({ effect: 'ready endpoints', of: service.service, before: absent(service.before), after: absent(service.after) })),
    ...changes.routes.map((route) => ({ effect: 'route', of: route.route, before: absent(route.before), after: absent(route.after) })),
    ...changes.schedules.map((cronJob) => ({ effect: 'next run', of: cronJob.cronjob, before: absent(cronJob.before), after: absent(cronJob.after) })),
  ];
}
