/**
 * The VolumeZone plugin (pkg/scheduler/framework/plugins/volumezone/volume_zone.go PreFilter, getPVbyPod,
 * Filter): a pod whose bound volumes carry zone or region labels fits only nodes in one of those zones and
 * regions; a node without any such label fits.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { labelValue } from '../../kube/label-selectors';
import type { NodeInfo } from './node-info';
import { reject, type FilterRejection } from './status';
import { podClaimNames, type VolumeObjects } from './volume-binding';

export const REASON_VOLUME_ZONE_CONFLICT = 'node(s) had no available volume zone';

const BETA_ZONE = 'failure-domain.beta.kubernetes.io/zone';
const BETA_REGION = 'failure-domain.beta.kubernetes.io/region';
const ZONE = 'topology.kubernetes.io/zone';
const REGION = 'topology.kubernetes.io/region';
/** topologyLabels, in upstream's order. */
const TOPOLOGY_LABELS = [BETA_ZONE, BETA_REGION, ZONE, REGION] as const;

/** One topology label of a bound volume and the values it allows (LabelZonesToSet splits on `__`). */
export interface VolumeTopology {
  key: string;
  values: ReadonlySet<string>;
}

/**
 * PreFilter (getPVbyPod): the topology labels of the volumes the pod's bound claims name. Unbound claims and
 * missing objects are left to VolumeBinding, whose PreFilter runs first and rejects them.
 */
export function volumeZonePreFilter(pod: Pod, objects: VolumeObjects | undefined): VolumeTopology[] {
  if (objects === undefined) return [];
  const namespace = pod.metadata?.namespace ?? 'default';
  const topologies: VolumeTopology[] = [];
  for (const name of podClaimNames(pod)) {
    const volumeName = objects.claim(namespace, name)?.spec?.volumeName;
    const labels = volumeName ? objects.volume(volumeName)?.metadata?.labels : undefined;
    if (!labels) continue;
    for (const key of TOPOLOGY_LABELS) {
      const value = labels[key];
      if (value !== undefined) topologies.push({ key, values: new Set(value.split('__').map((part) => part.trim())) });
    }
  }
  return topologies;
}

/** translateToGALabel: a volume's beta label is matched with the node's GA label when the node lacks the beta one. */
function gaLabel(key: string): string {
  return key === BETA_ZONE ? ZONE : key === BETA_REGION ? REGION : key;
}

export function volumeZoneFilter(topologies: readonly VolumeTopology[], info: NodeInfo): FilterRejection | undefined {
  if (topologies.length === 0) return undefined;
  if (!TOPOLOGY_LABELS.some((key) => labelValue(info.labels, key) !== undefined)) return undefined;
  for (const topology of topologies) {
    const value = labelValue(info.labels, topology.key) ?? labelValue(info.labels, gaLabel(topology.key));
    if (value === undefined || !topology.values.has(value)) return reject('VolumeZone', 'UnschedulableAndUnresolvable', REASON_VOLUME_ZONE_CONFLICT);
  }
  return undefined;
}
