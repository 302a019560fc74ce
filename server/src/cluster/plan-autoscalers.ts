/** The plan's `autoscalers`: each HorizontalPodAutoscaler's decision as its status records it at the end of the plan. */
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { PlannedAutoscaler } from '../protocol/plan';
import type { ObjectStore } from './store';

export function planAutoscalers(store: ObjectStore): PlannedAutoscaler[] {
  return store.list<HorizontalPodAutoscaler>('HorizontalPodAutoscaler').map((hpa) => {
    const ref = hpa.spec?.scaleTargetRef;
    return {
      name: hpa.metadata.name,
      namespace: hpa.metadata.namespace ?? '',
      target: `${ref?.kind ?? ''}/${ref?.name ?? ''}`,
      minReplicas: hpa.spec?.minReplicas ?? 1,
      maxReplicas: hpa.spec?.maxReplicas ?? 0,
      currentReplicas: hpa.status?.currentReplicas ?? null,
      desiredReplicas: hpa.status?.desiredReplicas ?? null,
      conditions: (hpa.status?.conditions ?? []).map((condition) => ({ type: condition.type, status: condition.status, reason: condition.reason ?? null, message: condition.message ?? null })),
    };
  });
}
