/**
 * Which nodes a DaemonSet runs on and the pods its controller creates for them
 * (pkg/controller/daemon/daemon_controller.go: nodeShouldRunDaemonPod, NewPod, predicates, syncNodes;
 * pkg/controller/daemon/util/daemonset_util.go: AddOrUpdateDaemonPodTolerations,
 * ReplaceDaemonSetPodNodeNameNodeAffinity, CreatePodTemplate). The pods are then placed by the scheduler:
 * their required node affinity on `metadata.name` pins each to its node.
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Affinity, Node, Pod, PodSpec, Toleration } from 'kubernetes-types/core/v1';
import { eventObject } from '../events';
import type { ClusterEvent } from '../../protocol/plan';
import { asOwner, controllerReference, isControlledBy } from '../../kube/owner-references';
import { firstUntoleratedTaint, isNoScheduleOrNoExecute, matchesRequiredNodeAffinity } from '../scheduler/node-selection';
import { allowsSurge, DAEMON_REVISION_LABEL, type DaemonNode, isDaemonPodUpdated, rollingUpdate } from './daemonset-update';
import { isPodAvailable, isPodReady } from './replicaset/pods';

/** The tolerations every daemon pod gets, in the order the controller adds them. */
export function daemonPodTolerations(hostNetwork: boolean): Toleration[] {
  const tolerations: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (hostNetwork) tolerations.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  return tolerations;
}

function sameToleration(a: Toleration, b: Toleration): boolean {
  return a.key === b.key && a.operator === b.operator && (a.value ?? '') === (b.value ?? '') && a.effect === b.effect;
}

/** AddOrUpdateDaemonPodTolerations: the template's tolerations plus the daemon ones it does not already have. */
function withDaemonTolerations(spec: PodSpec): PodSpec {
  const tolerations = [...(spec.tolerations ?? [])];
  for (const toleration of daemonPodTolerations(spec.hostNetwork === true)) {
    if (!tolerations.some((existing) => sameToleration(existing, toleration))) tolerations.push(toleration);
  }
  return { ...spec, tolerations };
}

export interface DaemonPlacement {
  /** A daemon pod should be created on the node if missing. */
  shouldRun: boolean;
  /** A daemon pod already there may stay (it tolerates the node's NoExecute taints). */
  shouldContinueRunning: boolean;
}

/** nodeShouldRunDaemonPod: node name, node selector and required affinity, then NoSchedule/NoExecute taints. */
export function nodeShouldRunDaemonPod(node: Node, daemonSet: DaemonSet): DaemonPlacement {
  const template = daemonSet.spec?.template;
  const nodeName = node.metadata?.name ?? '';
  const wantedNode = template?.spec?.nodeName;
  if (wantedNode && wantedNode !== nodeName) return { shouldRun: false, shouldContinueRunning: false };
  const pod: Pod = { metadata: { ...template?.metadata }, spec: withDaemonTolerations(template?.spec ?? { containers: [] }) };
  if (!matchesRequiredNodeAffinity(pod, node)) return { shouldRun: false, shouldContinueRunning: false };
  const taints = node.spec?.taints ?? [];
  const tolerations = pod.spec?.tolerations ?? [];
  if (firstUntoleratedTaint(taints, tolerations, isNoScheduleOrNoExecute)) {
    const evicted = firstUntoleratedTaint(taints, tolerations, (taint) => taint.effect === 'NoExecute');
    return { shouldRun: false, shouldContinueRunning: evicted === undefined };
  }
  return { shouldRun: true, shouldContinueRunning: true };
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity: the required node selector becomes exactly "metadata.name In [node]". */
function pinnedToNode(affinity: Affinity | undefined, nodeName: string): Affinity {
  const required = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] };
  return { ...affinity, nodeAffinity: { ...affinity?.nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: required } };
}

/** The node a daemon pod belongs to: its spec.nodeName, or the node its pinning affinity names (util.GetTargetNodeName). */
export function daemonPodTargetNode(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  for (const term of pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const field of term.matchFields ?? []) {
      if (field.key === 'metadata.name' && field.operator === 'In' && field.values?.length === 1) return field.values[0];
    }
  }
  return undefined;
}

export interface DaemonPodOptions {
  /** The pod's name (upstream: generateName `<daemonset>-` plus a random suffix). */
  name: string;
  /** `controller-revision-hash` of the current ControllerRevision, when known. */
  revisionHash?: string;
}

/** The pod the controller creates for `nodeName`: template, daemon tolerations, pinning affinity, owner and labels. */
export function newDaemonPod(daemonSet: DaemonSet, nodeName: string, options: DaemonPodOptions): Pod {
  const template = daemonSet.spec?.template;
  const spec = withDaemonTolerations(template?.spec ?? { containers: [] });
  const labels: Record<string, string> = { ...template?.metadata?.labels };
  if (options.revisionHash !== undefined) labels[DAEMON_REVISION_LABEL] = options.revisionHash;
  if (daemonSet.metadata?.generation !== undefined) labels['pod-template-generation'] = String(daemonSet.metadata.generation);
  const dsName = daemonSet.metadata?.name ?? '';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...template?.metadata,
      name: options.name,
      generateName: `${dsName}-`,
      namespace: daemonSet.metadata?.namespace ?? 'default',
      labels,
      ownerReferences: [controllerReference(asOwner('DaemonSet', daemonSet))],
    },
    spec: { ...spec, affinity: pinnedToNode(spec.affinity, nodeName) },
  };
}

export interface DaemonSetSync {
  /** Pods to create, one per node that should run the daemon and has none, or that the update surges onto (in node order). */
  create: Pod[];
  /** Pods to delete: where they may not continue running, excess ones, and old ones the update replaces. */
  delete: Pod[];
  events: ClusterEvent[];
}

/**
 * podsShouldBeOnNode for a node where the daemon may continue running: failed pods go; without surge, every
 * running pod but the oldest goes; with surge, the oldest new and the oldest old pod may both stay, and the old
 * one goes once it is not Ready or the new one is available.
 */
function excessPodsOnNode(running: readonly Pod[], surge: boolean, hash: string | undefined, available: (pod: Pod) => boolean): Pod[] {
  if (running.length <= 1) return [];
  if (!surge) return running.slice(1);
  const excess: Pod[] = [];
  let oldestNew: Pod | undefined;
  let oldestOld: Pod | undefined;
  for (const pod of running) {
    const updated = hash !== undefined && isDaemonPodUpdated(pod, hash);
    if (updated && oldestNew === undefined) oldestNew = pod;
    else if (!updated && oldestOld === undefined) oldestOld = pod;
    else excess.push(pod);
  }
  if (oldestNew !== undefined && oldestOld !== undefined && (!isPodReady(oldestOld) || available(oldestNew))) excess.push(oldestOld);
  return excess;
}

/**
 * One sync (syncDaemonSet): manage's pod changes per node; when manage changed nothing (its expectations are
 * met), RollingUpdate's. `podName` names each new pod, so the caller decides the suffixes; `hash` is the
 * current template's revision hash; `now` the simulated time, for minReadySeconds.
 */
export function syncDaemonSet(daemonSet: DaemonSet, nodes: readonly Node[], pods: readonly Pod[], podName: (node: Node) => string, hash?: string, now = 0): DaemonSetSync {
  const byNode = new Map<string, Pod[]>();
  for (const pod of pods) {
    if (!isControlledBy(pod.metadata, asOwner('DaemonSet', daemonSet)) || pod.metadata?.deletionTimestamp) continue;
    const target = daemonPodTargetNode(pod);
    if (target !== undefined) byNode.set(target, [...(byNode.get(target) ?? []), pod]);
  }
  const result: DaemonSetSync = { create: [], delete: [], events: [] };
  const object = eventObject('DaemonSet', daemonSet.metadata?.name ?? '', daemonSet.metadata?.namespace ?? 'default');
  const surge = allowsSurge(daemonSet);
  const minReadySeconds = daemonSet.spec?.minReadySeconds ?? 0;
  const available = (pod: Pod): boolean => isPodAvailable(pod, minReadySeconds, now);
  const create = (node: Node): void => {
    const pod = newDaemonPod(daemonSet, node.metadata?.name ?? '', { name: podName(node), ...(hash !== undefined ? { revisionHash: hash } : {}) });
    result.create.push(pod);
    result.events.push({ type: 'Normal', reason: 'SuccessfulCreate', object, message: `Created pod: ${pod.metadata!.name}` });
  };
  const considered: DaemonNode[] = [];
  for (const node of nodes) {
    const onNode = byNode.get(node.metadata?.name ?? '') ?? [];
    const existing = onNode.filter((pod) => pod.status?.phase !== 'Failed');
    const failed = onNode.filter((pod) => pod.status?.phase === 'Failed');
    const placement = nodeShouldRunDaemonPod(node, daemonSet);
    if (placement.shouldRun || onNode.length > 0) considered.push({ node, pods: onNode, shouldRun: placement.shouldRun });
    // Failed daemon pods are deleted; a replacement follows in a later sync.
    result.delete.push(...failed);
    if (placement.shouldRun && existing.length === 0 && failed.length === 0) create(node);
    else if (!placement.shouldContinueRunning) result.delete.push(...existing);
    else result.delete.push(...excessPodsOnNode(existing, surge, hash, available));
  }
  if (result.create.length === 0 && result.delete.length === 0 && hash !== undefined && (daemonSet.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
    const update = rollingUpdate(daemonSet, considered, hash, now);
    for (const node of update.createOn) create(node);
    result.delete.push(...update.delete);
  }
  for (const pod of result.delete) result.events.push({ type: 'Normal', reason: 'SuccessfulDelete', object, message: `Deleted pod: ${pod.metadata?.name ?? ''}` });
  return result;
}
