/**
 * The scheduler's view of the cluster (pkg/scheduler/framework/types.go NodeInfo, backend/cache Snapshot):
 * every node with the pods bound to it, their summed requests, host ports in use and pod count. Binding or
 * removing a pod updates one node in constant time, so a plan can place thousands of pods.
 */
import type { Node, Pod, Service, ReplicationController, Taint, Toleration } from 'kubernetes-types/core/v1';
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { KubernetesVersion } from '../../schema/versions';
import { parseQuantity } from '../../kube/quantity';
import { emptyResources, isScalarResourceName, podRequests, roundUp, type PodResourceRequests, type ResourceVector } from './resources';
import { schedulerBehaviour, type SchedulerBehaviour } from './version-behaviour';
import type { Labels } from '../../kube/label-selectors';
import { PodCounts } from './pod-counts';
import { ExistingPodTerms } from './affinity-terms';
import type { SpreadConstraint } from './topology-spread';
import type { VolumeObjects } from './volume-binding';

export interface HostPort {
  /** `0.0.0.0` when the container port names no hostIP. */
  ip: string;
  protocol: string;
  port: number;
}

export interface ScheduledPod {
  pod: Pod;
  key: string;
  namespace: string;
  labels: Labels;
  requests: PodResourceRequests;
  hostPorts: HostPort[];
  priority: number;
  hasAffinity: boolean;
  hasRequiredAntiAffinity: boolean;
  tolerations: readonly Toleration[];
  /** Whether `spec.nodeSelector` or required node affinity restricts the nodes. */
  hasRequiredNodeAffinity: boolean;
}

export interface NodeInfo {
  node: Node;
  /** Position in the snapshot's node list. */
  index: number;
  name: string;
  labels: Labels;
  allocatable: ResourceVector;
  allowedPodNumber: number;
  pods: ScheduledPod[];
  requested: ResourceVector;
  nonZeroMilliCPU: number;
  nonZeroMemory: number;
  usedPorts: HostPort[];
  /** `spec.taints`, never absent. */
  taints: readonly Taint[];
  unschedulable: boolean;
}

/** Objects whose selectors give a pod its default spreading (PodTopologySpread system defaults, DefaultSelector). */
export interface SpreadingOwners {
  services?: readonly Service[];
  replicationControllers?: readonly ReplicationController[];
  replicaSets?: readonly ReplicaSet[];
  statefulSets?: readonly StatefulSet[];
}

export interface ClusterSnapshot {
  version: KubernetesVersion;
  behaviour: SchedulerBehaviour;
  /** In the order the nodes were given: the scheduler's iteration order. */
  nodes: NodeInfo[];
  byName: Map<string, NodeInfo>;
  /** Where the next scheduling cycle starts looking for feasible nodes (schedule_one.go nextStartNodeIndex). */
  nextStartNodeIndex: number;
  owners: SpreadingOwners;
  /** Namespace labels, for pod affinity terms with a namespaceSelector. */
  namespaceLabels: ReadonlyMap<string, Labels>;
  podNode: Map<string, NodeInfo>;
  /** Bound pods with any pod (anti-)affinity, and with required anti-affinity: InterPodAffinity skips their terms when none. */
  podsWithAffinity: number;
  podsWithRequiredAntiAffinity: number;
  /** Whether any node has a PreferNoSchedule taint. */
  preferNoScheduleTaints: boolean;
  /** Pods matching PodTopologySpread's and InterPodAffinity's selectors per node and per domain, shared by the pods of one workload. */
  podCounts: PodCounts;
  /** The (anti-)affinity terms of bound pods per topology domain, for InterPodAffinity. */
  existingPodTerms: ExistingPodTerms;
  /** PodTopologySpread's default constraints by workload (namespace, controller, labels). */
  defaultSpreading: Map<string, SpreadConstraint[]>;
  /** Every PodDisruptionBudget with its status, as the scheduler's informer has them: preemption spares their pods first. */
  disruptionBudgets: readonly PodDisruptionBudget[];
  /** Claims, volumes and classes for VolumeBinding; absent, pods' claims are not looked at. */
  volumes?: VolumeObjects;
}

export interface SnapshotInput {
  nodes: readonly Node[];
  /** Every pod in the cluster; those with `spec.nodeName` on a known node and not Succeeded/Failed take room there. */
  pods?: readonly Pod[];
  owners?: SpreadingOwners;
  namespaces?: readonly { metadata?: { name?: string; labels?: Record<string, string> } }[];
}

/** kubelet's default maxPods, used when a node reports no `pods` allocatable or capacity. */
const DEFAULT_MAX_PODS = 110;

export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`;
}

/** Host ports of the regular containers, as NodePorts reads them (init and sidecar containers are not looked at). */
function hostPortsOf(pod: Pod): HostPort[] {
  const ports: HostPort[] = [];
  for (const container of pod.spec?.containers ?? []) {
    for (const port of container.ports ?? []) {
      if (!port.hostPort || port.hostPort <= 0) continue;
      ports.push({ ip: port.hostIP || '0.0.0.0', protocol: port.protocol || 'TCP', port: port.hostPort });
    }
  }
  return ports;
}

/**
 * Described pods by object and version behaviour: a pod is described when scheduled and again when bound.
 * Pod objects are not changed in place once handed to the scheduler (a bound copy is a new object).
 */
const described = new WeakMap<Pod, { behaviour: SchedulerBehaviour; scheduled: ScheduledPod }>();

export function describePod(pod: Pod, behaviour: SchedulerBehaviour): ScheduledPod {
  const cached = described.get(pod);
  if (cached && cached.behaviour === behaviour) return cached.scheduled;
  const scheduled = describeNew(pod, behaviour);
  described.set(pod, { behaviour, scheduled });
  return scheduled;
}

function describeNew(pod: Pod, behaviour: SchedulerBehaviour): ScheduledPod {
  const affinity = pod.spec?.affinity;
  const podAffinity = affinity?.podAffinity;
  const antiAffinity = affinity?.podAntiAffinity;
  return {
    pod,
    key: podKey(pod),
    namespace: pod.metadata?.namespace ?? 'default',
    labels: pod.metadata?.labels ?? {},
    requests: podRequests(pod, behaviour.podLevelResources),
    hostPorts: hostPortsOf(pod),
    priority: pod.spec?.priority ?? 0,
    hasAffinity: podAffinity !== undefined || antiAffinity !== undefined,
    hasRequiredAntiAffinity: (antiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0,
    tolerations: pod.spec?.tolerations ?? [],
    hasRequiredNodeAffinity: pod.spec?.nodeSelector !== undefined || affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution !== undefined,
  };
}

function allocatableOf(node: Node): { allocatable: ResourceVector; allowedPodNumber: number } {
  // A node object written by hand may carry only capacity; the kubelet would report it as allocatable.
  const list = (node.status?.allocatable ?? node.status?.capacity ?? {}) as Record<string, string | number>;
  const allocatable = emptyResources();
  let allowedPodNumber = DEFAULT_MAX_PODS;
  for (const [name, raw] of Object.entries(list)) {
    const parsed = parseQuantity(raw);
    const value = parsed.ok ? parsed.quantity.value : 0;
    if (name === 'cpu') allocatable.milliCPU = roundUp(value * 1000);
    else if (name === 'memory') allocatable.memory = roundUp(value);
    else if (name === 'ephemeral-storage') allocatable.ephemeralStorage = roundUp(value);
    else if (name === 'pods') allowedPodNumber = roundUp(value);
    else if (isScalarResourceName(name)) allocatable.scalar[name] = roundUp(value);
  }
  return { allocatable, allowedPodNumber };
}

function newNodeInfo(node: Node, index: number): NodeInfo {
  return {
    node,
    index,
    name: node.metadata?.name ?? '',
    labels: node.metadata?.labels ?? {},
    ...allocatableOf(node),
    pods: [],
    requested: emptyResources(),
    nonZeroMilliCPU: 0,
    nonZeroMemory: 0,
    usedPorts: [],
    taints: node.spec?.taints ?? [],
    unschedulable: node.spec?.unschedulable === true,
  };
}

function applyPod(snapshot: ClusterSnapshot, info: NodeInfo, scheduled: ScheduledPod, sign: 1 | -1): void {
  const { requests } = scheduled.requests;
  info.requested.milliCPU += sign * requests.milliCPU;
  info.requested.memory += sign * requests.memory;
  info.requested.ephemeralStorage += sign * requests.ephemeralStorage;
  for (const [name, amount] of Object.entries(requests.scalar)) info.requested.scalar[name] = (info.requested.scalar[name] ?? 0) + sign * amount;
  info.nonZeroMilliCPU += sign * scheduled.requests.nonZeroMilliCPU;
  info.nonZeroMemory += sign * scheduled.requests.nonZeroMemory;
  if (scheduled.hasAffinity) {
    snapshot.podsWithAffinity += sign;
    snapshot.existingPodTerms.podMoved(info, scheduled, sign);
  }
  if (scheduled.hasRequiredAntiAffinity) snapshot.podsWithRequiredAntiAffinity += sign;
  snapshot.podCounts.podMoved(info, scheduled, sign);
}

function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

export function buildSnapshot(version: KubernetesVersion, input: SnapshotInput): ClusterSnapshot {
  const behaviour = schedulerBehaviour(version);
  const byName = new Map<string, NodeInfo>();
  for (const node of input.nodes) {
    const name = node.metadata?.name ?? '';
    if (!byName.has(name)) byName.set(name, newNodeInfo(node, byName.size));
  }
  const namespaceLabels = new Map<string, Labels>();
  for (const namespace of input.namespaces ?? []) {
    if (namespace.metadata?.name) namespaceLabels.set(namespace.metadata.name, namespace.metadata.labels ?? {});
  }
  const nodes = [...byName.values()];
  const podCounts = new PodCounts(nodes, namespaceLabels);
  const snapshot: ClusterSnapshot = {
    version,
    behaviour,
    nodes,
    byName,
    nextStartNodeIndex: 0,
    owners: input.owners ?? {},
    namespaceLabels,
    podNode: new Map(),
    podsWithAffinity: 0,
    podsWithRequiredAntiAffinity: 0,
    preferNoScheduleTaints: nodes.some((info) => info.taints.some((taint) => taint.effect === 'PreferNoSchedule')),
    podCounts,
    existingPodTerms: new ExistingPodTerms(podCounts),
    defaultSpreading: new Map(),
    disruptionBudgets: [],
  };
  for (const pod of input.pods ?? []) {
    const nodeName = pod.spec?.nodeName;
    if (nodeName && !isTerminal(pod)) bindPod(snapshot, pod, nodeName);
  }
  return snapshot;
}

/**
 * Records `pod` as running on `nodeName` (the scheduler cache's AssumePod/AddPod). Returns false when the
 * node is unknown or the pod is already bound. The pod object is kept as given; setting `spec.nodeName` on
 * it is the caller's write.
 */
export function bindPod(snapshot: ClusterSnapshot, pod: Pod, nodeName: string): boolean {
  const info = snapshot.byName.get(nodeName);
  const key = podKey(pod);
  if (!info || snapshot.podNode.has(key)) return false;
  const scheduled = describePod(pod, snapshot.behaviour);
  info.pods.push(scheduled);
  info.usedPorts.push(...scheduled.hostPorts);
  applyPod(snapshot, info, scheduled, 1);
  snapshot.podNode.set(key, info);
  return true;
}

/** Forgets a pod (deleted, or finished): its node gets the room back. Returns false when the pod was not bound. */
export function removePod(snapshot: ClusterSnapshot, pod: Pod): boolean {
  const key = podKey(pod);
  const info = snapshot.podNode.get(key);
  if (!info) return false;
  const index = info.pods.findIndex((scheduled) => scheduled.key === key);
  const [scheduled] = info.pods.splice(index, 1);
  for (const port of scheduled!.hostPorts) {
    const used = info.usedPorts.findIndex((candidate) => candidate.ip === port.ip && candidate.protocol === port.protocol && candidate.port === port.port);
    if (used >= 0) info.usedPorts.splice(used, 1);
  }
  applyPod(snapshot, info, scheduled!, -1);
  snapshot.podNode.delete(key);
  return true;
}
