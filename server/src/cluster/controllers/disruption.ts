/**
 * The disruption controller's status of a PodDisruptionBudget (pkg/controller/disruption/disruption.go trySync,
 * getExpectedPodCount, getExpectedScale, countHealthyPods, updatePdbStatus, failSafe): how many pods are expected,
 * how many must stay healthy, how many are healthy, and so how many may be disrupted now.
 *
 * Not modelled: disruptedPods (an eviction deletes its pod at once, so none waits there), the controller's events
 * (NoPods, UnmanagedPods, CalculateExpectedPodCountFailed), unhealthyPodEvictionPolicy (it matters to eviction only).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Condition, OwnerReference } from 'kubernetes-types/meta/v1';
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from 'kubernetes-types/policy/v1';
import { controllerOf } from '../../kube/owner-references';
import { scaledValueFromIntOrPercent } from '../../kube/int-or-string';
import { isPodReady } from './replicaset/pods';
import { formatTime } from '../rfc3339';

/** A controller's identity and scale, as the finders of disruption.go return them. */
export interface ControllerScale {
  uid: string;
  scale: number;
}

/**
 * The finders: the scale of the controller a pod's controllerRef names (a ReplicaSet of a Deployment counts as
 * the Deployment), or undefined when no controller with a scale is found.
 */
export type ControllerScaleFinder = (controllerRef: OwnerReference, namespace: string) => ControllerScale | undefined;

type ExpectedPodCount = { expectedCount: number; desiredHealthy: number } | { error: string };

/**
 * getExpectedScale: the sum of the scales of the pods' controllers, each controller counted once; pods without a
 * controller are left out (unmanaged), a controller without a scale fails the sync.
 */
function expectedScale(pods: readonly Pod[], findScale: ControllerScaleFinder): { expectedCount: number } | { error: string } {
  const controllerScale = new Map<string, number>();
  const seen = new Set<string>();
  for (const pod of pods) {
    const controllerRef = controllerOf(pod.metadata);
    if (!controllerRef) continue;
    if (seen.has(controllerRef.uid)) continue;
    seen.add(controllerRef.uid);
    const found = findScale(controllerRef, pod.metadata?.namespace ?? '');
    if (!found) return { error: `found no controllers for pod "${pod.metadata?.name ?? ''}"` };
    controllerScale.set(found.uid, found.scale);
  }
  let expectedCount = 0;
  for (const scale of controllerScale.values()) expectedCount += scale;
  return { expectedCount };
}

/**
 * getExpectedPodCount: with maxUnavailable, or a minAvailable percentage, the pods expected are the controllers'
 * scale (percentages rounded up); with an integer minAvailable, the pods that match.
 */
function expectedPodCount(pdb: PodDisruptionBudget, pods: readonly Pod[], findScale: ControllerScaleFinder): ExpectedPodCount {
  const { maxUnavailable, minAvailable } = pdb.spec ?? {};
  if (maxUnavailable !== undefined) {
    const scale = expectedScale(pods, findScale);
    if ('error' in scale) return scale;
    const unavailable = scaledValueFromIntOrPercent(maxUnavailable, scale.expectedCount, true);
    if (typeof unavailable !== 'number') return unavailable;
    return { expectedCount: scale.expectedCount, desiredHealthy: Math.max(0, scale.expectedCount - unavailable) };
  }
  if (minAvailable === undefined) return { expectedCount: 0, desiredHealthy: 0 };
  if (typeof minAvailable === 'number') return { expectedCount: pods.length, desiredHealthy: minAvailable };
  const scale = expectedScale(pods, findScale);
  if ('error' in scale) return scale;
  const desiredHealthy = scaledValueFromIntOrPercent(minAvailable, scale.expectedCount, true);
  if (typeof desiredHealthy !== 'number') return desiredHealthy;
  return { expectedCount: scale.expectedCount, desiredHealthy };
}

/** countHealthyPods: Ready pods that are not being deleted. */
function countHealthyPods(pods: readonly Pod[]): number {
  return pods.filter((pod) => !pod.metadata?.deletionTimestamp && isPodReady(pod)).length;
}

/** apimeta.SetStatusCondition: lastTransitionTime moves only when the status changes. */
function disruptionAllowedCondition(previous: readonly Condition[] | undefined, status: 'True' | 'False', reason: string, message: string, observedGeneration: number, now: number): Condition[] {
  const existing = previous?.find((condition) => condition.type === 'DisruptionAllowed');
  const lastTransitionTime = existing && existing.status === status ? existing.lastTransitionTime : formatTime(now);
  const condition: Condition = { type: 'DisruptionAllowed', status, reason, message, observedGeneration, lastTransitionTime };
  return [...(previous ?? []).filter((other) => other.type !== 'DisruptionAllowed'), condition];
}

/**
 * The status the disruption controller writes for `pdb` over the pods its selector matches in its namespace, at
 * `now` (epoch ms). A sync that fails (a pod whose controller has no scale) fails safe: no disruption allowed.
 */
export function disruptionBudgetStatus(pdb: PodDisruptionBudget, pods: readonly Pod[], findScale: ControllerScaleFinder, now: number): PodDisruptionBudgetStatus {
  const previous = pdb.status;
  const generation = pdb.metadata?.generation ?? 1;
  const counts = expectedPodCount(pdb, pods, findScale);
  if ('error' in counts) {
    // failSafe: the counts stay as they were, disruptionsAllowed drops to zero.
    const observedGeneration = previous?.observedGeneration ?? 0;
    return {
      currentHealthy: previous?.currentHealthy ?? 0,
      desiredHealthy: previous?.desiredHealthy ?? 0,
      expectedPods: previous?.expectedPods ?? 0,
      disruptionsAllowed: 0,
      ...(previous?.observedGeneration !== undefined ? { observedGeneration } : {}),
      conditions: disruptionAllowedCondition(previous?.conditions, 'False', 'SyncFailed', counts.error, observedGeneration, now),
    };
  }
  const currentHealthy = countHealthyPods(pods);
  // updatePdbStatus: nothing may be disrupted while no pods are expected, so a budget whose pods are still to come
  // is safe until the controller has seen them.
  const allowed = currentHealthy - counts.desiredHealthy;
  const disruptionsAllowed = counts.expectedCount <= 0 || allowed <= 0 ? 0 : allowed;
  const sufficient = disruptionsAllowed > 0;
  return {
    currentHealthy,
    desiredHealthy: counts.desiredHealthy,
    expectedPods: counts.expectedCount,
    disruptionsAllowed,
    observedGeneration: generation,
    conditions: disruptionAllowedCondition(previous?.conditions, sufficient ? 'True' : 'False', sufficient ? 'SufficientPods' : 'InsufficientPods', '', generation, now),
  };
}
