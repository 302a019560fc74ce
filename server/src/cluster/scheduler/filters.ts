/**
 * The filter phase of the default profile: PreFilter state for one pod, then each node through the filters
 * in upstream order, stopping at the first that rejects it (framework.go RunFilterPlugins). Of the volume
 * plugins, VolumeBinding and VolumeZone are modelled; VolumeRestrictions and NodeVolumeLimits are not.
 */
import type { ClusterSnapshot, HostPort, NodeInfo, ScheduledPod } from './node-info';
import { nodeAffinity, nodeName, nodePorts, nodeUnschedulable, taintToleration } from './node-filters';
import { resourcesFit, type NodeUsage } from './resource-fit';
import { topologySpreadFilter, topologySpreadPreFilter, type SpreadFilterState } from './topology-spread';
import { interPodAffinityFilter, interPodAffinityPreFilter, type InterPodAffinityState } from './inter-pod-affinity';
import type { FilterRejection } from './status';
import { volumeBindingFilter, volumeBindingPreFilter, type VolumeBindingPreFilter } from './volume-binding';
import { volumeZoneFilter, volumeZonePreFilter, type VolumeTopology } from './volume-zone';

export interface PodCycle {
  incoming: ScheduledPod;
  spread: SpreadFilterState | undefined;
  affinity: InterPodAffinityState | undefined;
  volumes: VolumeBindingPreFilter;
  volumeZones: VolumeTopology[];
}

export function preFilter(incoming: ScheduledPod, snapshot: ClusterSnapshot): PodCycle {
  return {
    incoming,
    spread: topologySpreadPreFilter(incoming, snapshot),
    affinity: interPodAffinityPreFilter(incoming, snapshot),
    volumes: volumeBindingPreFilter(incoming.pod, snapshot.volumes),
    volumeZones: volumeZonePreFilter(incoming.pod, snapshot.volumes),
  };
}

/** What a node holds, as the filters see it; preemption passes a view with the victims taken away. */
export interface NodeView {
  usage: NodeUsage;
  usedPorts: readonly HostPort[];
}

/** Runs the filters on a node as it is, or — for preemption — on `view`. */
export function runFilters(cycle: PodCycle, info: NodeInfo, snapshot: ClusterSnapshot, view?: NodeView): FilterRejection | undefined {
  const pod = cycle.incoming;
  return (
    nodeUnschedulable(pod, info) ??
    nodeName(pod, info) ??
    taintToleration(pod, info, snapshot.behaviour) ??
    nodeAffinity(pod, info) ??
    nodePorts(pod.hostPorts, view?.usedPorts ?? info.usedPorts) ??
    resourcesFit(pod.requests, info, view?.usage, snapshot.behaviour) ??
    volumeBindingFilter(cycle.volumes.kind === 'state' ? cycle.volumes.state : undefined, info) ??
    volumeZoneFilter(cycle.volumeZones, info) ??
    topologySpreadFilter(cycle.spread, info) ??
    interPodAffinityFilter(cycle.affinity, info, snapshot)
  );
}
