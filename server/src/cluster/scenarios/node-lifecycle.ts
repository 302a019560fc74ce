/**
 * The node lifecycle controller's rules for nodes that stop posting status (kubernetes
 * pkg/controller/nodelifecycle/node_lifecycle_controller.go): its default settings per release, the zone a node
 * belongs to, each zone's disruption state, and how fast NoExecute taints go on in each state. Pure functions;
 * node-failure.ts plays them on the cluster.
 */
import type { Node, NodeCondition } from 'kubernetes-types/core/v1';
import { minorOf, type KubernetesVersion } from '../../schema/versions';

/**
 * kube-controller-manager's `--node-monitor-grace-period` default (pkg/controller/nodelifecycle/config/v1alpha1/
 * defaults.go RecommendedDefaultNodeLifecycleControllerConfiguration): 40s up to 1.31, 50s from 1.32
 * (kubernetes/kubernetes#126287, so that it exceeds the HTTP/2 health check's 30s + 15s).
 */
export function nodeMonitorGracePeriodSeconds(version: KubernetesVersion): number {
  return minorOf(version) >= 32 ? 50 : 40;
}

/** `--node-monitor-period` default (k8s.io/cloud-provider config/v1alpha1 defaults.go): how often monitorNodeHealth runs. */
export const NODE_MONITOR_PERIOD_SECONDS = 5;

/** `--node-eviction-rate` (cmd/kube-controller-manager/app/options/nodelifecyclecontroller.go AddFlags): nodes tainted per second in a healthy zone. */
export const EVICTION_LIMITER_QPS = 0.1;

/** `--secondary-node-eviction-rate`: nodes tainted per second in a PartialDisruption zone larger than the threshold below. */
export const SECONDARY_EVICTION_LIMITER_QPS = 0.01;

/** `--large-cluster-size-threshold`: a zone of this many nodes or fewer gets no NoExecute taints in PartialDisruption. */
export const LARGE_CLUSTER_SIZE_THRESHOLD = 50;

/** `--unhealthy-zone-threshold`: the fraction of not-Ready nodes (and more than 2) that makes a zone PartialDisruption. */
export const UNHEALTHY_ZONE_THRESHOLD = 0.55;

/** node_lifecycle_controller.go UnreachableTaintTemplate, and TaintNodesByCondition's NoSchedule twin (doNoScheduleTaintingPass). */
export const UNREACHABLE_TAINT_KEY = 'node.kubernetes.io/unreachable';

/** labelNodeDisruptionExclusion: nodes with this label count in no zone's state. */
const EXCLUDE_DISRUPTION_LABEL = 'node.kubernetes.io/exclude-disruption';

const ZONE_LABEL = 'topology.kubernetes.io/zone';
const REGION_LABEL = 'topology.kubernetes.io/region';
const BETA_ZONE_LABEL = 'failure-domain.beta.kubernetes.io/zone';
const BETA_REGION_LABEL = 'failure-domain.beta.kubernetes.io/region';

export type ZoneState = 'Normal' | 'PartialDisruption' | 'FullDisruption';

/** The zone label's value (the stable label, else the beta one), as `--fail-zone` matches it; '' without one. */
export function zoneOf(node: Node): string {
  const labels = node.metadata?.labels ?? {};
  return labels[ZONE_LABEL] ?? labels[BETA_ZONE_LABEL] ?? '';
}

/**
 * component-helpers node/topology GetZoneKey: region and zone joined by `:\x00:`, '' when the node has neither.
 * The controller keeps one state and one rate limiter per key.
 */
export function zoneKey(node: Node): string {
  const labels = node.metadata?.labels ?? {};
  const region = labels[REGION_LABEL] ?? labels[BETA_REGION_LABEL] ?? '';
  const zone = zoneOf(node);
  return region === '' && zone === '' ? '' : `${region}:\x00:${zone}`;
}

export function excludedFromDisruption(node: Node): boolean {
  return node.metadata?.labels?.[EXCLUDE_DISRUPTION_LABEL] !== undefined;
}

/** The node's Ready condition, if it has one. */
export function readyCondition(node: Node): NodeCondition | undefined {
  return node.status?.conditions?.find((condition) => condition.type === 'Ready');
}

/**
 * ComputeZoneState over the zone's nodes: FullDisruption when none is Ready, PartialDisruption when more than 2 are
 * not Ready and they are at least UNHEALTHY_ZONE_THRESHOLD of the zone, Normal otherwise. `ready` says whether a
 * node's Ready condition is True.
 */
export function computeZoneState(readiness: readonly boolean[]): { notReady: number; state: ZoneState } {
  const ready = readiness.filter(Boolean).length;
  const notReady = readiness.length - ready;
  if (ready === 0 && notReady > 0) return { notReady, state: 'FullDisruption' };
  if (notReady > 2 && notReady / (notReady + ready) >= UNHEALTHY_ZONE_THRESHOLD) return { notReady, state: 'PartialDisruption' };
  return { notReady, state: 'Normal' };
}

/**
 * setLimiterInZone: the rate (nodes per second) at which the zone's NoExecute tainter works in a state —
 * HealthyQPSFunc for Normal and FullDisruption, ReducedQPSFunc for PartialDisruption (the secondary rate above the
 * large-cluster threshold, none at or below it). In master disruption mode (every zone FullDisruption) every
 * limiter is 0.
 */
export function taintingRate(state: ZoneState, zoneSize: number, masterDisruption: boolean): number {
  if (masterDisruption) return 0;
  if (state === 'PartialDisruption') return zoneSize > LARGE_CLUSTER_SIZE_THRESHOLD ? SECONDARY_EVICTION_LIMITER_QPS : 0;
  return EVICTION_LIMITER_QPS;
}

/**
 * handleDisruption's test for master disruption mode: every zone the controller counts is in FullDisruption
 * (`allAreFullyDisrupted`); with no zone at all it is not.
 */
export function isMasterDisruption(states: ReadonlyMap<string, ZoneState>): boolean {
  return states.size > 0 && [...states.values()].every((state) => state === 'FullDisruption');
}
