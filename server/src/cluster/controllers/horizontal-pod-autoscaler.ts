/**
 * The HorizontalPodAutoscaler controller without metrics (pkg/controller/podautoscaler/horizontal.go
 * reconcileAutoscaler). Before it asks for metrics, the controller moves a target whose replicas lie outside
 * [minReplicas, maxReplicas] to the nearest bound — `New size: 3; reason: Current number of replicas below
 * Spec.MinReplicas` — and leaves a target scaled to zero alone (ScalingDisabled). A plan has no metrics, so it
 * stops there: a target within the range keeps its replicas, where upstream would go on to compute a
 * recommendation from metrics (normalizeDesiredReplicas and the ScalingLimited condition live on that path).
 *
 * Not modelled: metrics and the replicas they recommend, behavior (scaling policies and stabilization windows),
 * the 15-second resync, the conditions of autoscaling/v1 objects (kept in an annotation upstream).
 */
import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerCondition, HorizontalPodAutoscalerStatus } from 'kubernetes-types/autoscaling/v2';
import type { ClusterEvent } from '../../protocol/plan';
import { eventObject } from '../events';
import { namespaceOf } from '../object-keys';
import { formatTime } from '../rfc3339';

/** What the scale subresource of the target says, or why it could not be read. */
export type ScaleLookup = { replicas: number } | { error: string };

export interface AutoscalerSyncResult {
  status: HorizontalPodAutoscalerStatus;
  /** The target's new spec.replicas, when the controller rescales it. */
  rescaleTo?: number;
  events: ClusterEvent[];
}

/**
 * The kinds whose scale subresource the plan can read and write (those it has a controller for), with the resource
 * the API server names in its NotFound error (`deployments.apps "web" not found`).
 */
const SCALABLE_RESOURCES: Readonly<Record<string, string>> = {
  'apps/Deployment': 'deployments.apps',
  'apps/ReplicaSet': 'replicasets.apps',
  'apps/StatefulSet': 'statefulsets.apps',
};

/** `group/Kind` of a scaleTargetRef, the key of SCALABLE_RESOURCES. */
export function scaleTargetKey(apiVersion: string | undefined, kind: string): string {
  const slash = (apiVersion ?? '').indexOf('/');
  return `${slash < 0 ? '' : (apiVersion ?? '').slice(0, slash)}/${kind}`;
}

/** The NotFound message for a missing target, or undefined when the plan does not scale that kind. */
export function scaleTargetNotFound(apiVersion: string | undefined, kind: string, name: string): string | undefined {
  const resource = SCALABLE_RESOURCES[scaleTargetKey(apiVersion, kind)];
  return resource === undefined ? undefined : `${resource} "${name}" not found`;
}

/**
 * setCondition of horizontal.go: the condition of that type is replaced, its lastTransitionTime kept unless the
 * status changed; a new type is appended.
 */
function setCondition(conditions: HorizontalPodAutoscalerCondition[], type: string, status: 'True' | 'False', reason: string, message: string, now: number): void {
  const existing = conditions.find((condition) => condition.type === type);
  const lastTransitionTime = existing && existing.status === status ? existing.lastTransitionTime : formatTime(now);
  const condition = { type, status, reason, message, lastTransitionTime };
  if (existing) conditions.splice(conditions.indexOf(existing), 1, condition);
  else conditions.push(condition);
}

/** One reconcile of the autoscaler at `now` (epoch ms) against its target's scale. */
export function reconcileAutoscaler(hpa: HorizontalPodAutoscaler, scale: ScaleLookup, now: number): AutoscalerSyncResult {
  const previous = hpa.status ?? { desiredReplicas: 0 };
  const conditions = (previous.conditions ?? []).map((condition) => ({ ...condition }));
  const object = eventObject('HorizontalPodAutoscaler', hpa.metadata?.name ?? '', namespaceOf(hpa));
  const events: ClusterEvent[] = [];
  if ('error' in scale) {
    const alreadyFailed = conditions.some((condition) => condition.type === 'AbleToScale' && condition.reason === 'FailedGetScale');
    if (!alreadyFailed) events.push({ type: 'Warning', reason: 'FailedGetScale', object, message: scale.error });
    setCondition(conditions, 'AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${scale.error}`, now);
    return { status: { ...previous, conditions }, events };
  }
  setCondition(conditions, 'AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale", now);
  const currentReplicas = scale.replicas;
  const minReplicas = hpa.spec?.minReplicas ?? 1;
  const maxReplicas = hpa.spec?.maxReplicas ?? 0;
  let desiredReplicas = currentReplicas;
  let rescaleReason = '';
  if (currentReplicas === 0 && minReplicas !== 0) {
    setCondition(conditions, 'ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero', now);
  } else if (currentReplicas > maxReplicas) {
    rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
    desiredReplicas = maxReplicas;
  } else if (currentReplicas < minReplicas) {
    rescaleReason = 'Current number of replicas below Spec.MinReplicas';
    desiredReplicas = minReplicas;
  }
  const rescale = rescaleReason !== '';
  if (rescale) {
    setCondition(conditions, 'AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desiredReplicas}`, now);
    events.push({ type: 'Normal', reason: 'SuccessfulRescale', object, message: `New size: ${desiredReplicas}; reason: ${rescaleReason}` });
  }
  // setStatus: the replicas seen and wanted, the time of the last rescale.
  const status: HorizontalPodAutoscalerStatus = {
    currentReplicas,
    desiredReplicas,
    ...(rescale ? { lastScaleTime: formatTime(now) } : previous.lastScaleTime ? { lastScaleTime: previous.lastScaleTime } : {}),
    conditions,
  };
  return { status, ...(rescale ? { rescaleTo: desiredReplicas } : {}), events };
}
