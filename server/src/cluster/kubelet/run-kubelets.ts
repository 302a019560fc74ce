/**
 * One pass of the node agents over the pods the kubelets have not started: the taint eviction controller deletes
 * a pod its node's NoExecute taints do not tolerate, the kubelet mounts a pod's volumes, builds each container's
 * environment and starts it, or holds the pod Pending with the reason a real kubelet would report. A held pod is
 * tried again (the kubelet retries its sync) once ConfigMaps or Secrets change, and starts when what it lacked is
 * there.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { taintEviction, taintEvictionMessage } from '../controllers/taint-eviction';
import { eventObject } from '../events';
import { awaitsStart, endPod, exitEndsPod, plannedExit, podStatus, startPod } from '../kubelet';
import { controllerOf } from '../../kube/owner-references';
import type { SimulatedCluster } from '../simulated-cluster';
import type { ObjectStore, Stored, StoredObject } from '../store';
import { containerConfigFailure, refersToConfig, volumeFailures, type ConfigObjects, type MissingObject } from './config-references';
import { CREATE_CONTAINER_CONFIG_ERROR, defaultWaitReason, holdPod, type ContainerWait } from './pod-waiting';
import { StoredConfig, type AssumedObject } from './stored-config';

/** What the kubelets remember between passes, and what the plan must say about their assumptions. */
export class KubeletState {
  /** The events each held pod last reported: they are recorded again only when they change. */
  private readonly reported = new Map<Pod, string>();
  /** What the kubelet says of each held pod: the failing container's message, or the first mount failure. */
  private readonly messages = new Map<Pod, string>();
  /** Held pods, with the ConfigMaps and Secrets they found missing (none for a missing key). */
  private readonly held = new Map<Stored<Pod>, MissingObject[]>();
  /** The ConfigMaps, Secrets and Namespaces at the last retry: held pods are tried again only when these change. */
  private configSeen: readonly StoredObject[] = [];
  private readonly assumed = new Map<string, AssumedObject>();
  /** Pods evicted before their tolerationSeconds ran out, and controllers whose replacements would be evicted again. */
  private readonly evictionNotes: string[] = [];
  /** `controller uid@node` of each controller that lost a pod to a node's NoExecute taints. */
  private readonly evictedFrom = new Set<string>();

  assume(object: AssumedObject): void {
    this.assumed.set(`${object.kind} ${object.namespace}/${object.name}`, object);
  }

  /** Records why a pod is held; true when its events differ from those reported before. */
  hold(pod: Stored<Pod>, message: string, events: readonly string[], missing: MissingObject[]): boolean {
    this.messages.set(pod, message);
    this.held.set(pod, missing);
    const reported = events.join('\n');
    if (this.reported.get(pod) === reported) return false;
    this.reported.set(pod, reported);
    return true;
  }

  /**
   * The held pods to try again in this pass: every one still stored, when a ConfigMap, Secret or Namespace was
   * created or replaced since the last pass (an apply stores a new object); none otherwise. Retrying only then keeps
   * the passes linear in the pods however many stay held.
   */
  retries(store: ObjectStore): Stored<Pod>[] {
    if (this.held.size === 0) return [];
    const current = [...store.list('ConfigMap'), ...store.list('Secret'), ...store.list('Namespace')];
    const unchanged = current.length === this.configSeen.length && current.every((object, index) => object === this.configSeen[index]);
    this.configSeen = current;
    if (unchanged) return [];
    return [...this.held.keys()].filter((pod) => store.get('Pod', pod.metadata.namespace ?? '', pod.metadata.name) === pod);
  }

  release(pod: Stored<Pod>): void {
    this.held.delete(pod);
    this.messages.delete(pod);
  }

  /** The kubelet's message about a pod it holds; undefined for any other pod. */
  messageOf(pod: Pod): string | undefined {
    return this.messages.get(pod);
  }

  evictedEarly(pod: Pod, nodeName: string, seconds: number): void {
    this.evictionNotes.push(
      `pod ${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''} tolerates the NoExecute taints of node ${nodeName} for ${seconds}s: the plan evicts it at once`,
    );
  }

  /**
   * Whether the pod's controller already lost a pod to the node's taints: its replacement, bound to the same node
   * by its template's nodeName, would be evicted in turn and replaced again without end.
   */
  evictsAgain(pod: Pod, nodeName: string): boolean {
    const owner = controllerOf(pod.metadata);
    if (!owner?.uid) return false;
    const key = `${owner.uid}@${nodeName}`;
    if (!this.evictedFrom.has(key)) {
      this.evictedFrom.add(key);
      return false;
    }
    this.evictionNotes.push(
      `${owner.kind} ${pod.metadata?.namespace ?? 'default'}/${owner.name} binds its pods to node ${nodeName}, whose NoExecute taints they do not tolerate: the taint eviction controller deletes each and the controller replaces it without end; the plan stops at pod ${pod.metadata?.name ?? ''}, left Pending`,
    );
    return true;
  }

  /**
   * What the plan says about objects outside the inputs, read at the end of the plan: the missing ones that still
   * hold pods, the assumed ones still absent.
   */
  notes(store: ObjectStore): string[] {
    const notes = new Set<string>();
    for (const [pod, objects] of this.held) {
      if (!store.get('Pod', pod.metadata.namespace ?? '', pod.metadata.name)) continue;
      for (const object of objects) {
        if (isStored(store, pod.metadata.namespace ?? '', object)) continue;
        notes.add(
          `${object.kind} "${object.name}" of namespace "${pod.metadata.namespace}" is in none of the inputs, which hold other configuration of that namespace: the plan takes it as missing, so pods that need it do not start (if it exists in the cluster, they do)`,
        );
      }
    }
    for (const object of this.assumed.values()) {
      if (isStored(store, object.namespace, object)) continue;
      notes.add(
        `${object.kind} "${object.name}" of namespace "${object.namespace}" is in none of the inputs, which hold no Namespace, ConfigMap or Secret of that namespace: the plan assumes it exists with every key its pods use`,
      );
    }
    return [...notes, ...this.evictionNotes];
  }
}

function isStored(store: ObjectStore, namespace: string, object: MissingObject): boolean {
  return store.get(object.kind === 'configmap' ? 'ConfigMap' : 'Secret', namespace, object.name) !== undefined;
}

/** One pass; true when a pod started or was evicted. */
export function runKubelets(cluster: SimulatedCluster): boolean {
  let changed = false;
  let config: StoredConfig | undefined;
  for (const pod of [...cluster.podsNotStarted(), ...cluster.kubelet.retries(cluster.store)]) {
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) continue;
    const eviction = evictUntolerated(cluster, pod, nodeName);
    if (eviction) {
      changed = eviction === 'evicted' || changed;
      continue;
    }
    if (!awaitsStart(pod)) {
      cluster.started(pod);
      continue;
    }
    const hostIP = cluster.hostIp(nodeName);
    if (refersToConfig(pod)) {
      config ??= new StoredConfig(cluster.store, (object) => cluster.kubelet.assume(object));
      if (holdsForConfig(cluster, pod, nodeName, hostIP, config.in(pod.metadata.namespace ?? 'default'))) {
        cluster.started(pod);
        continue;
      }
    }
    const status = podStatus(pod);
    delete status.containerStatuses;
    delete status.initContainerStatuses;
    startPod(pod, { podIP: status.podIP ?? podIpOf(cluster, pod, nodeName, hostIP), hostIP, ready: cluster.becomesReady(pod), at: cluster.clock.timestamp() });
    const exit = plannedExit(pod.metadata.annotations);
    if (exit && exitEndsPod(pod.spec?.restartPolicy, exit.exitCode)) cluster.podEndsAt(pod, cluster.clock.now() + exit.runSeconds * 1000);
    cluster.kubelet.release(pod);
    cluster.started(pod);
    changed = true;
  }
  return changed;
}

/** The containers of pods whose planned run is over exit: the pods end (kubelet.ts endPod); true when any did. */
export function endPods(cluster: SimulatedCluster): boolean {
  const ended = cluster.podsEnded();
  for (const pod of ended) {
    const exit = plannedExit(pod.metadata.annotations);
    if (exit) endPod(pod, exit, cluster.clock.timestamp());
    cluster.ended(pod);
  }
  return ended.length > 0;
}

/** A hostNetwork pod has its node's IP (kubelet_pods.go : generateAPIPodStatus) and takes none of the pod CIDR. */
function podIpOf(cluster: SimulatedCluster, pod: Pod, nodeName: string, hostIP: string | undefined): string | undefined {
  return pod.spec?.hostNetwork ? hostIP : cluster.podIp(nodeName);
}

/**
 * The taint eviction controller's verdict on a pod of a tainted node: deleted, with its event, when it must go
 * (undefined when it may stay). A finite tolerationSeconds is not waited for (docs/timing-model.md), and the plan
 * notes it. A controller's second pod bound to the same node is left Pending instead, to end the churn.
 */
function evictUntolerated(cluster: SimulatedCluster, pod: Stored<Pod>, nodeName: string): 'evicted' | 'leftPending' | undefined {
  const taints = cluster.store.get<Node>('Node', '', nodeName)?.spec?.taints;
  if (!taints?.length) return undefined;
  const eviction = taintEviction(pod, taints);
  if (!eviction) return undefined;
  if (awaitsStart(pod) && cluster.kubelet.evictsAgain(pod, nodeName)) {
    cluster.started(pod);
    return 'leftPending';
  }
  const namespace = pod.metadata.namespace ?? 'default';
  if (eviction.after > 0) cluster.kubelet.evictedEarly(pod, nodeName, eviction.after);
  cluster.record([{ type: 'Normal', reason: 'TaintManagerEviction', object: eventObject('Pod', pod.metadata.name, namespace), message: taintEvictionMessage(namespace, pod.metadata.name) }]);
  cluster.kubelet.release(pod);
  cluster.deletePod(pod);
  return 'evicted';
}

/**
 * Mounts the pod's volumes, then builds its containers' environments, init containers first and one at a time
 * (each must complete before the next runs); holds the pod when one fails. True when the pod is held.
 */
function holdsForConfig(cluster: SimulatedCluster, pod: Stored<Pod>, nodeName: string, hostIP: string | undefined, objects: ConfigObjects): boolean {
  const at = cluster.clock.timestamp();
  const object = eventObject('Pod', pod.metadata.name, pod.metadata.namespace ?? 'default');
  const initContainers = pod.spec?.initContainers ?? [];
  const containers = pod.spec?.containers ?? [];
  const mountFailures = volumeFailures(pod, objects);
  if (mountFailures.length) {
    const messages = mountFailures.map((failure) => `MountVolume.SetUp failed for volume "${failure.volume}" : ${failure.message}`);
    const waiting = new Map<string, ContainerWait>([...initContainers, ...containers].map((container) => [container.name, { reason: defaultWaitReason(pod) }]));
    // Without a sandbox there is no pod IP, but a hostNetwork pod has its node's all the same (generateAPIPodStatus).
    holdPod(pod, { hostIP, podIP: pod.spec?.hostNetwork ? hostIP : undefined, waiting, runningReady: false, at });
    const missing = mountFailures.flatMap((failure) => (failure.missing ? [failure.missing] : []));
    if (cluster.kubelet.hold(pod, messages[0]!, messages, missing)) cluster.record(messages.map((message) => ({ type: 'Warning', reason: 'FailedMount', object, message })));
    return true;
  }
  const namespace = pod.metadata.namespace ?? 'default';
  const waiting = new Map<string, ContainerWait>();
  const failures: { message: string; missing?: MissingObject }[] = [];
  const failedInit = initContainers.findIndex((container) => {
    const failure = containerConfigFailure(container, namespace, objects);
    if (failure) failures.push(failure);
    return failure !== undefined;
  });
  if (failedInit >= 0) {
    waiting.set(initContainers[failedInit]!.name, { reason: CREATE_CONTAINER_CONFIG_ERROR, message: failures[0]!.message });
    for (const container of [...initContainers.slice(failedInit + 1), ...containers]) waiting.set(container.name, { reason: defaultWaitReason(pod) });
  } else {
    for (const container of containers) {
      const failure = containerConfigFailure(container, namespace, objects);
      if (!failure) continue;
      failures.push(failure);
      waiting.set(container.name, { reason: CREATE_CONTAINER_CONFIG_ERROR, message: failure.message });
    }
  }
  if (failures.length === 0) return false;
  const podIP = podStatus(pod).podIP ?? podIpOf(cluster, pod, nodeName, hostIP);
  holdPod(pod, { hostIP, podIP, waiting, runningReady: cluster.becomesReady(pod), at });
  const messages = failures.map((failure) => `Error: ${failure.message}`);
  const missing = failures.flatMap((failure) => (failure.missing ? [failure.missing] : []));
  if (cluster.kubelet.hold(pod, failures[0]!.message, messages, missing)) cluster.record(messages.map((message) => ({ type: 'Warning', reason: 'Failed', object, message })));
  return true;
}
