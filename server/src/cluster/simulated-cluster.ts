/**
 * The state one plan runs on: the object store, the simulated clock, the event log and the choices of the
 * plan (Kubernetes version, which pods never become Ready).
 */
import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import { runAdmissionPhase, type AdmissionContext } from './admission/admission';
import { ORDERED_PLUGINS } from './admission/plugins';
import { resolvePodPriority } from './admission/priority';
import { applyDefaults } from '../defaulting/index';
import { objectAt, stringAt, type PlainObject } from '../kube/plain-values';
import type { KubernetesVersion } from '../schema/versions';
import { SimulatedClock } from './clock';
import type { ClusterEvent } from '../protocol/plan';
import { annotatedNeverReady } from './kubelet';
import { KubeletState } from './kubelet/run-kubelets';
import { PodIpAllocator } from './allocation/pod-ip';
import { buildSnapshot, removePod, type ClusterSnapshot } from './scheduler/index';
import { ServiceAllocation } from './service-allocation';
import { controllerOf } from '../kube/owner-references';
import { graphCopier } from './object-graph-copy';
import { freezeUnchangingParts } from './unchanging-parts';
import type { SyncRead } from './settle';
import { ObjectStore, StoreError, type Stored, type StoredObject } from './store';

/**
 * The most pods controllers may create in one plan, unless the plan asks for fewer: enough for 10,000 nodes of ten
 * pods each (the benchmark's largest plan), far fewer than a mistyped `replicas: 2000000000` would ask for. Past it,
 * controllers' creations are refused and the plan says so, instead of running out of time and memory.
 */
export const MAX_CREATED_PODS = 100_000;

export class SimulatedCluster {
  readonly clock: SimulatedClock;
  /** Controllers asked for more pods than MAX_CREATED_PODS. */
  podLimitReached = false;
  /** The objects (`Kind/namespace/name`, as events name them) whose pods were refused at that limit. */
  readonly podLimitRefused = new Set<string>();
  private createdPods = 0;
  readonly store: ObjectStore;
  readonly events: ClusterEvent[] = [];
  /**
   * Pod templates as they were before the manifests were applied, by the uid of the object holding them; absent
   * until then. With `newPodsReady` false, a pod made from any other template never becomes Ready.
   */
  private baselineTemplates: Map<string, string> | undefined;
  private baselinePods: Set<string> | undefined;
  private snapshot: ClusterSnapshot | undefined;
  /** Pods that did not fit, with the number of pod removals seen when they were tried. */
  private readonly unschedulable = new Map<string, number>();
  private removals = 0;
  private readonly knownBound = new Set<Pod>();
  /** Pods the kubelet has not started yet (bound or not), in creation order: what scheduler and kubelets look at. */
  private readonly unstarted = new Set<Stored<Pod>>();
  /** Per ReplicaSet uid, the sequence its next generated pod name starts from. */
  private readonly nameSequences = new Map<string, number>();
  /** Running pods whose containers exit (kubelet.ts plannedExit), with the time they end at. */
  private readonly ending = new Map<Stored<Pod>, number>();
  /** Per controller uid, the time it waits for the clock to reach (the end of a Job's back-off or its deadline). */
  private readonly wakeTimes = new Map<string, number>();
  private readonly services: ServiceAllocation;
  private podIps: PodIpAllocator | undefined;
  /** Pod IPs held by pods the cluster files brought: never handed out again. */
  private readonly ipsInUse = new Set<string>();
  /** What admission assumed or could not model, in the order first met, once each. */
  readonly admissionNotes = new Set<string>();
  /** What the plan's inputs hold, for admission; the plan fills `objects` before it applies anything. */
  readonly inputs = { objects: new Set<string>(), loadedNamespaces: new Set<string>() };
  /** What the kubelets remember of the pods they hold, and what they assumed. */
  readonly kubelet = new KubeletState();
  /**
   * Per Deployment (`namespace/name`), what its last sync read when that sync wrote nothing and left a finished
   * rollout (settle.ts unchanged()): a later sync of the same state would write nothing either. Plain data and
   * frozen parts, so that a fork carries it over with the state it describes.
   */
  readonly quietDeployments = new Map<string, SyncRead>();
  private admission: AdmissionContext;

  constructor(
    readonly kubernetesVersion: KubernetesVersion,
    now: number,
    readonly newPodsReady: boolean,
    readonly maxCreatedPods = MAX_CREATED_PODS,
  ) {
    this.clock = new SimulatedClock(now);
    this.store = new ObjectStore(this.clock);
    this.admission = this.wire();
    this.services = new ServiceAllocation(kubernetesVersion);
  }

  /** Connects the store to this cluster's admission and pod queue; the admission context it gives reads this cluster. */
  private wire(): AdmissionContext {
    this.store.rewire({
      admission: (phase, request, warnings) => runAdmissionPhase(ORDERED_PLUGINS, phase, request, this.admission, warnings),
      onCreate: (object) => {
        if (object.kind === 'Pod') this.unstarted.add(object as Stored<Pod>);
      },
    });
    return { store: this.store, kubernetesVersion: this.kubernetesVersion, note: (text) => this.admissionNotes.add(text), inputs: this.inputs };
  }

  /**
   * An independent copy of the cluster as it is now: the same objects, clock, scheduler cache, kubelet memory and
   * counters, so that what happens to the copy (a node failure of `--what-if`) is what would happen to this one,
   * which is left as it was.
   */
  fork(): SimulatedCluster {
    return this.forkerWith(undefined)().fork;
  }

  /** Freezes the parts of the state never written in place (unchanging-parts.ts), for good: forks share them. */
  freezeUnchangingParts(): void {
    freezeUnchangingParts(this.store, this.events, this.snapshot);
  }

  /**
   * Makes forks of the cluster as it is now, each as fork() makes it, the state walked once for all of them
   * (`--what-if` plays each failure on its own fork), each with its own copy of `companion`, state that refers to
   * this cluster's (an outage tracker that has looked at it): in the copy, it refers to the fork's. This cluster
   * must be left as it is while forks are made. The parts of the state never written in place are frozen first
   * (unchanging-parts.ts), here and for good, so that the forks share them.
   */
  forkerWith<T>(companion: T): () => { fork: SimulatedCluster; companion: T } {
    this.freezeUnchangingParts();
    const copy = graphCopier({ fork: this as SimulatedCluster, companion });
    return () => {
      const copied = copy();
      copied.fork.admission = copied.fork.wire();
      return copied;
    };
  }

  /**
   * Stores an object that is in the cluster already (a cluster file's node, pod or any object of a snapshot): no
   * admission, except that a pod written without `spec.priority` gets its class's, as the server gave it when it
   * was created. A Service keeps its ClusterIPs and node ports, which later Services then cannot take.
   */
  load<T extends { kind?: string; metadata?: { namespace?: string } }>(object: T): void {
    if (object.kind) {
      const namespace = this.store.namespaceFor(object.kind, object.metadata?.namespace);
      if (namespace) this.inputs.loadedNamespaces.add(namespace);
    }
    if (object.kind === 'Pod') {
      const pod = object as Pod;
      if (pod.spec && pod.spec.priority === undefined) resolvePodPriority(pod, this.store.list<PriorityClass>('PriorityClass'));
    }
    if (object.kind === 'Service') this.services.hold(object as Service);
    this.store.load(object);
  }

  /**
   * `kubectl apply` of one object; the API server's error when it would refuse it. `warnings` receives the
   * warnings the server returns.
   */
  apply(apiVersion: string, kind: string, value: PlainObject, warnings: string[] = []): string | undefined {
    try {
      if (apiVersion === 'v1' && kind === 'Service') {
        const metadata = objectAt(value, 'metadata');
        const name = stringAt(metadata, 'name') ?? '';
        const namespace = this.store.namespaceFor(kind, stringAt(metadata, 'namespace'));
        const existing = this.store.get<Service>('Service', namespace, name);
        const service = structuredClone(value) as Service;
        const refused = this.services.admit(service, existing);
        if (refused) return `Service "${name}" is invalid: ${refused}`;
        this.store.apply(apiVersion, kind, service as PlainObject, warnings);
      } else {
        this.store.apply(apiVersion, kind, value, warnings);
      }
      return undefined;
    } catch (error) {
      if (error instanceof StoreError) return error.message;
      throw error;
    }
  }

  /** The next pod IP out of the node's pod CIDR. */
  podIp(nodeName: string): string | undefined {
    this.podIps ??= this.newPodIpAllocator();
    for (;;) {
      const ip = this.podIps.allocate(nodeName);
      if (ip === undefined || !this.ipsInUse.has(ip)) return ip;
    }
  }

  /** The node's InternalIP, which is the hostIP of its pods. */
  hostIp(nodeName: string): string | undefined {
    const node = this.store.get<Node>('Node', '', nodeName);
    return node?.status?.addresses?.find((address) => address.type === 'InternalIP')?.address;
  }

  /**
   * Nodes without spec.podCIDR get the i-th /24 of 10.244.0.0/14 (10.244.0.0/24, 10.244.1.0/24 … 10.247.255.0/24),
   * as the node IPAM controller hands them out, so that clusters of more than 256 nodes have addresses too.
   */
  private newPodIpAllocator(): PodIpAllocator {
    for (const pod of this.store.list<Pod>('Pod')) if (pod.status?.podIP) this.ipsInUse.add(pod.status.podIP);
    const nodes = this.store
      .list<Node>('Node')
      .map((node, index) => (node.spec?.podCIDR ? node : { ...node, spec: { ...node.spec, podCIDR: `10.${244 + Math.floor(index / 256)}.${index % 256}.0/24` } }));
    return new PodIpAllocator(nodes);
  }

  /** The scheduler's view of nodes and the pods on them, built on first use from the nodes stored then. */
  scheduler(): ClusterSnapshot {
    this.snapshot ??= buildSnapshot(this.kubernetesVersion, { nodes: this.store.list('Node'), pods: this.store.list('Pod') });
    return this.snapshot;
  }

  /**
   * Creates a pod a controller built, with the defaults the API server gives a Pod (requests from limits …).
   * When the API server refuses it, the controller's FailedCreate event is recorded on `owner` instead.
   */
  createPod(pod: Pod, owner: string): Stored<Pod> | undefined {
    return this.storePod(applyDefaults('v1', 'Pod', pod as unknown as PlainObject) as unknown as Pod, owner);
  }

  /** As createPod, for a pod that has its defaults already (the ReplicaSet controller's). */
  storePod(pod: Pod, owner: string): Stored<Pod> | undefined {
    if (this.createdPods >= this.maxCreatedPods) {
      this.podLimitReached = true;
      this.podLimitRefused.add(owner);
      return undefined;
    }
    try {
      const stored = this.store.create(pod);
      this.createdPods++;
      return stored;
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      this.record([{ type: 'Warning', reason: 'FailedCreate', object: owner, message: `Error creating: ${error.message}` }]);
      return undefined;
    }
  }

  /** Deletes a pod at once (no graceful termination in the timing model) and gives its node the room back. */
  deletePod(pod: Stored<Pod>): void {
    if (!this.store.delete(pod)) return;
    this.createdPods = Math.max(0, this.createdPods - 1);
    this.unstarted.delete(pod);
    this.ending.delete(pod);
    if (this.snapshot) removePod(this.snapshot, pod);
    if (pod.status?.podIP && !this.ipsInUse.has(pod.status.podIP)) this.podIps?.release(pod.status.podIP);
    this.unschedulable.delete(pod.metadata.uid);
    this.removals++;
  }

  /** The kubelet will see the pod's containers exit at `at` (epoch ms). */
  podEndsAt(pod: Stored<Pod>, at: number): void {
    this.ending.set(pod, at);
  }

  /** Running pods whose containers have exited by now, in the order they were started. */
  podsEnded(): Stored<Pod>[] {
    const now = this.clock.now();
    return [...this.ending].filter(([, at]) => at <= now).map(([pod]) => pod);
  }

  /** The pod reached Succeeded or Failed: it no longer takes room on its node. */
  ended(pod: Stored<Pod>): void {
    this.ending.delete(pod);
    if (this.snapshot && removePod(this.snapshot, pod)) this.removals++;
  }

  /** The controller with this uid waits for the clock to reach `at` (epoch ms); undefined: it waits for nothing. */
  wakeAt(uid: string, at: number | undefined): void {
    if (at === undefined) this.wakeTimes.delete(uid);
    else this.wakeTimes.set(uid, at);
  }

  /**
   * While set (epoch ms), convergence moves the clock to no wake time later than this: a scenario that lets time
   * pass (`--for`) moves the clock itself, one event after the other, so that nothing is skipped on the way.
   */
  horizon: number | undefined;

  /** The earliest time after now, and not after `horizon`, that a pod ends or a controller waits for, or undefined. */
  nextWake(horizon = this.horizon): number | undefined {
    const now = this.clock.now();
    let next: number | undefined;
    for (const at of [...this.ending.values(), ...this.wakeTimes.values()]) {
      if (at > now && (horizon === undefined || at <= horizon) && (next === undefined || at < next)) next = at;
    }
    return next;
  }

  nameSequence(uid: string): number {
    return this.nameSequences.get(uid) ?? 0;
  }

  setNameSequence(uid: string, next: number): void {
    this.nameSequences.set(uid, next);
  }

  /** Pods not started yet, in creation order. */
  podsNotStarted(): Stored<Pod>[] {
    return [...this.unstarted];
  }

  /** The kubelet has started the pod, or it was running already: scheduler and kubelets are done with it. */
  started(pod: Stored<Pod>): void {
    this.unstarted.delete(pod);
  }

  /** True the first time a bound pod is seen: the scheduler's cache learns of it once. */
  firstSeenBound(pod: Stored<Pod>): boolean {
    if (this.knownBound.has(pod)) return false;
    this.knownBound.add(pod);
    return true;
  }

  schedulingFailed(pod: Stored<Pod>): void {
    this.unschedulable.set(pod.metadata.uid, this.removals);
  }

  /** Something besides a pod leaving may let waiting pods fit (a claim bound, a volume created): all are tried again. */
  retryUnschedulable(): void {
    this.removals++;
  }

  mayRetryScheduling(pod: Stored<Pod>): boolean {
    const triedAt = this.unschedulable.get(pod.metadata.uid);
    return triedAt === undefined || triedAt < this.removals;
  }

  record(events: readonly ClusterEvent[]): void {
    for (const event of events) this.events.push(event);
  }

  /** Remembers the current pod templates and pods: what comes after them is "updated". */
  markBaseline(): void {
    this.baselineTemplates = new Map();
    this.baselinePods = new Set();
    for (const kind of TEMPLATE_KINDS) {
      for (const object of this.store.list(kind)) this.baselineTemplates.set(object.metadata.uid, templateText(object));
    }
    for (const pod of this.store.list('Pod')) this.baselinePods.add(pod.metadata.uid);
  }

  /**
   * Pods running now, or ended after running (kubeplan.dev/exit-code), that were not there when the baseline was
   * marked: those the manifests' apply started.
   */
  startedSinceBaseline(): Stored<Pod>[] {
    return this.store.list<Pod>('Pod').filter((pod) => !this.baselinePods?.has(pod.metadata.uid) && ['Running', 'Succeeded', 'Failed'].includes(pod.status?.phase ?? ''));
  }

  /** Whether a pod the kubelet starts becomes Ready. */
  becomesReady(pod: Stored<Pod>): boolean {
    if (annotatedNeverReady(pod)) return false;
    return this.newPodsReady || !this.isOfUpdatedTemplate(pod);
  }

  private isOfUpdatedTemplate(pod: Stored<Pod>): boolean {
    if (!this.baselineTemplates || !this.baselinePods) return false;
    if (this.baselinePods.has(pod.metadata.uid)) return false;
    const owner = controllerOf(pod.metadata);
    if (!owner?.uid) return true;
    const before = this.baselineTemplates.get(owner.uid);
    const holder = this.store.list(owner.kind).find((object) => object.metadata.uid === owner.uid);
    return before === undefined || holder === undefined || before !== templateText(holder);
  }
}

const TEMPLATE_KINDS = ['ReplicaSet', 'ReplicationController', 'Job', 'DaemonSet', 'StatefulSet'] as const;

function templateText(object: StoredObject): string {
  return JSON.stringify((object as { spec?: { template?: unknown } }).spec?.template ?? null);
}
