/**
 * The VolumeBinding plugin (pkg/scheduler/framework/plugins/volumebinding: volume_binding.go podHasPVCs, PreFilter,
 * Filter; binder.go GetPodVolumeClaims, FindPodVolumes, checkBoundClaims, findMatchingVolumes,
 * checkVolumeProvisions) with upstream's reason strings. Storage capacity (CSIStorageCapacity) is not modelled:
 * every node is taken to have room for a provisioned volume.
 */
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod, TopologySelectorTerm } from 'kubernetes-types/core/v1';
import { labelValue } from '../../kube/label-selectors';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { findMatchingVolume } from '../storage/find-matching-volume';
import { ANN_SELECTED_NODE, claimClass, isClaimFullyBound, isDelayBinding, NOT_SUPPORTED_PROVISIONER, requestedStorage, volumeClass } from '../storage/volume-helpers';
import type { NodeInfo } from './node-info';
import { termMatches } from './node-selection';
import { reject, type FilterRejection } from './status';

/** The claims, volumes and classes as the scheduler's informers hold them. */
export interface VolumeObjects {
  claim(namespace: string, name: string): PersistentVolumeClaim | undefined;
  volume(name: string): PersistentVolume | undefined;
  volumes(): readonly PersistentVolume[];
  classes: ReadonlyMap<string, StorageClass>;
}

/** binder.go ConflictReasons. */
export const REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const REASON_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
export const REASON_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';

/** PreFilter's stateData: the pod's claims sorted as GetPodVolumeClaims sorts them. */
export interface VolumeBindingState {
  boundClaims: PersistentVolumeClaim[];
  delayBindingClaims: PersistentVolumeClaim[];
  /** unboundVolumesDelayBinding: the volumes of each delay-binding claim's class. */
  volumesByClass: Map<string, PersistentVolume[]>;
  /** The volumes the bound claims name, when they exist. */
  boundVolumes: Map<string, PersistentVolume>;
  classes: ReadonlyMap<string, StorageClass>;
}

export type VolumeBindingPreFilter = { kind: 'skip' } | { kind: 'rejected'; message: string } | { kind: 'state'; state: VolumeBindingState };

/** The names of the claims a pod's volumes use (persistentVolumeClaim volumes; generic ephemeral ones are not modelled). */
export function podClaimNames(pod: Pod): string[] {
  return (pod.spec?.volumes ?? []).flatMap((volume) => (volume.persistentVolumeClaim?.claimName !== undefined ? [volume.persistentVolumeClaim.claimName] : []));
}

/**
 * PreFilter: a claim that does not exist rejects the pod (`persistentvolumeclaim "x" not found`), and so does an
 * unbound claim of an Immediate class, which only the PV controller binds; both UnschedulableAndUnresolvable.
 * A pod without claims skips the plugin.
 */
export function volumeBindingPreFilter(pod: Pod, objects: VolumeObjects | undefined): VolumeBindingPreFilter {
  const names = podClaimNames(pod);
  if (names.length === 0 || objects === undefined) return { kind: 'skip' };
  const namespace = pod.metadata?.namespace ?? 'default';
  const claims: PersistentVolumeClaim[] = [];
  for (const name of names) {
    const claim = objects.claim(namespace, name);
    if (!claim) return { kind: 'rejected', message: `persistentvolumeclaim "${name}" not found` };
    if (claim.status?.phase === 'Lost') return { kind: 'rejected', message: `persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${claim.spec?.volumeName ?? ''}"` };
    if (claim.metadata?.deletionTimestamp) return { kind: 'rejected', message: `persistentvolumeclaim "${name}" is being deleted` };
    claims.push(claim);
  }
  const state: VolumeBindingState = { boundClaims: [], delayBindingClaims: [], volumesByClass: new Map(), boundVolumes: new Map(), classes: objects.classes };
  let unboundImmediate = false;
  for (const claim of claims) {
    if (isClaimFullyBound(claim)) {
      state.boundClaims.push(claim);
      const volume = objects.volume(claim.spec?.volumeName ?? '');
      if (volume) state.boundVolumes.set(volume.metadata?.name ?? '', volume);
    } else if (isDelayBinding(claim, objects.classes)) {
      state.delayBindingClaims.push(claim);
      const className = claimClass(claim);
      if (!state.volumesByClass.has(className))
        state.volumesByClass.set(
          className,
          objects.volumes().filter((volume) => volumeClass(volume) === className),
        );
    } else unboundImmediate = true;
  }
  if (unboundImmediate) return { kind: 'rejected', message: REASON_UNBOUND_IMMEDIATE };
  return { kind: 'state', state };
}

/** CheckNodeAffinity: a volume without required node affinity fits every node; otherwise one term must match. */
export function volumeFitsNode(volume: PersistentVolume, node: Node): boolean {
  const terms = volume.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (terms === undefined) return true;
  return terms.some((term) => termMatches(term, node));
}

/** What FindPodVolumes found for one node: the static bindings and the claims to provision. */
export interface PodVolumes {
  staticBindings: { claim: PersistentVolumeClaim; volume: PersistentVolume }[];
  dynamicProvisions: PersistentVolumeClaim[];
}

/**
 * FindPodVolumes: bound claims' volumes must exist and admit the node; each delay-binding claim needs an
 * available matching volume admitting the node (smallest first, each volume once), or else a class that
 * provisions and whose allowedTopologies admit the node; a claim whose selected-node names another node fails
 * at once. Reasons in upstream's order.
 */
export function findPodVolumes(state: VolumeBindingState, node: Node): { podVolumes: PodVolumes; reasons: string[] } {
  const podVolumes: PodVolumes = { staticBindings: [], dynamicProvisions: [] };
  const reasons: string[] = [];
  let boundSatisfied = true;
  let boundFound = true;
  let unboundSatisfied = true;
  for (const claim of state.boundClaims) {
    const volume = volumeLookup(state, claim);
    if (!volume) {
      boundFound = false;
      break;
    }
    if (!volumeFitsNode(volume, node)) {
      boundSatisfied = false;
      break;
    }
  }
  if (boundSatisfied && boundFound && state.delayBindingClaims.length > 0) unboundSatisfied = findUnbound(state, node, podVolumes);
  if (!boundSatisfied) reasons.push(REASON_NODE_CONFLICT);
  if (!unboundSatisfied) reasons.push(REASON_BIND_CONFLICT);
  if (!boundFound) reasons.push(REASON_PV_NOT_EXIST);
  return { podVolumes, reasons };
}

/** The volume a bound claim names, as the PreFilter saw it. */
function volumeLookup(state: VolumeBindingState, claim: PersistentVolumeClaim): PersistentVolume | undefined {
  return state.boundVolumes.get(claim.spec?.volumeName ?? '');
}

/** byPVCSize: claims by their storage request, smallest first (a stable sort keeps equal ones in pod order). */
function sortedBySize(claims: readonly PersistentVolumeClaim[]): PersistentVolumeClaim[] {
  return [...claims].sort((a, b) => {
    const difference = requestedStorage(a) - requestedStorage(b);
    return difference < 0n ? -1 : difference > 0n ? 1 : 0;
  });
}

/** v1helper.MatchTopologySelectorTerms for one term: every expression's key present with one of its values; an empty term selects nothing. */
function topologyTermMatches(term: TopologySelectorTerm, node: Node): boolean {
  const expressions = term.matchLabelExpressions ?? [];
  if (expressions.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  return expressions.every((expression) => {
    const value = labelValue(labels, expression.key);
    return value !== undefined && expression.values.includes(value);
  });
}

function findUnbound(state: VolumeBindingState, node: Node, podVolumes: PodVolumes): boolean {
  const toMatch: PersistentVolumeClaim[] = [];
  const toProvision: PersistentVolumeClaim[] = [];
  for (const claim of state.delayBindingClaims) {
    const selected = claim.metadata?.annotations?.[ANN_SELECTED_NODE];
    if (selected === undefined) toMatch.push(claim);
    else if (selected !== node.metadata?.name) return false;
    else toProvision.push(claim);
  }
  // findMatchingVolumes: the claims in order of their requests, smallest first; each volume is chosen once.
  const chosen = new Set<string>();
  const fits = (volume: PersistentVolume) => volumeFitsNode(volume, node);
  for (const claim of sortedBySize(toMatch)) {
    const volume = findMatchingVolume(claim, state.volumesByClass.get(claimClass(claim)) ?? [], fits, chosen, true);
    if (!volume) {
      toProvision.push(claim);
      continue;
    }
    chosen.add(volume.metadata?.name ?? '');
    podVolumes.staticBindings.push({ claim, volume });
  }
  // checkVolumeProvisions.
  for (const claim of toProvision) {
    const storageClass = state.classes.get(claimClass(claim));
    if (!storageClass?.provisioner || storageClass.provisioner === NOT_SUPPORTED_PROVISIONER) return false;
    const topologies = storageClass.allowedTopologies;
    if (topologies && topologies.length > 0 && !topologies.some((term) => topologyTermMatches(term, node))) return false;
    podVolumes.dynamicProvisions.push(claim);
  }
  return true;
}

/** Filter: the node fits when FindPodVolumes gives no reason; the reasons are UnschedulableAndUnresolvable. */
export function volumeBindingFilter(state: VolumeBindingState | undefined, info: NodeInfo): FilterRejection | undefined {
  if (state === undefined) return undefined;
  const { reasons } = findPodVolumes(state, info.node);
  return reasons.length === 0 ? undefined : reject('VolumeBinding', 'UnschedulableAndUnresolvable', ...reasons);
}
