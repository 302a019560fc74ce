/**
 * What changes in kube-scheduler between the Kubernetes versions kubeplan supports (the plugins' Filter, Score
 * and PostFilter in pkg/scheduler/framework/plugins; apis/config/v1/default_plugins.go applyFeatureGates).
 * Only the minor version is known, so a change backported to a late patch release counts from the next minor.
 */
import type { KubernetesVersion } from '../../schema/versions';

export interface SchedulerBehaviour {
  /** v1.35+: `node(s) had untolerated taint(s)`; before: `node(s) had untolerated taint {key: value}`. */
  taintReasonNamesTaint: boolean;
  /**
   * DynamicResources is in the default profile (DRA GA and on from v1.34): its post-filter adds
   * `no new claims to deallocate, ` before the preemption note for pods without resource claims.
   */
  dynamicResourcesPostFilter: boolean;
  /** v1.34+ (PR #131345): a node smaller than the request is UnschedulableAndUnresolvable, so preemption is "not helpful". */
  resourceShortOfNodeSizeIsUnresolvable: boolean;
  /** PodLevelResources is beta and on by default from v1.34: `spec.resources.requests` replace the container sum. */
  podLevelResources: boolean;
  /** v1.33+ (PR #130260): NodeResourcesBalancedAllocation does not score pods that request no cpu and no memory. */
  balancedAllocationSkipsBestEffort: boolean;
  /**
   * v1.36+ (PR #135573): BalancedAllocation scores the change in balance, 50 + (50 + with − without) / 2,
   * instead of the balance with the pod alone.
   */
  balancedAllocationScoresChange: boolean;
}

function minorOf(version: KubernetesVersion): number {
  return Number(version.split('.')[1]);
}

export function schedulerBehaviour(version: KubernetesVersion): SchedulerBehaviour {
  const minor = minorOf(version);
  return {
    taintReasonNamesTaint: minor < 35,
    dynamicResourcesPostFilter: minor >= 34,
    resourceShortOfNodeSizeIsUnresolvable: minor >= 34,
    podLevelResources: minor >= 34,
    balancedAllocationSkipsBestEffort: minor >= 33,
    balancedAllocationScoresChange: minor >= 36,
  };
}
