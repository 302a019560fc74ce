/**
 * Service outages during a scenario: a Service port is out while the EndpointSlice controller would list no
 * ready endpoint for it (controllers/endpoint-slices.ts serviceEndpoints), from the moment its last ready pod
 * went until one is ready again. Workloads are followed the same way: a workload is out while none of its pods is
 * Ready and not being deleted.
 */
import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import { controllerOf } from '../../kube/owner-references';
import { nodesByNameOf, serviceEndpoints } from '../controllers/endpoint-slices';
import { isPodReady, podIpOf } from '../controllers/service-pods';
import type { ServiceOutage, WorkloadOutage } from '../../protocol/plan';
import type { ObjectStore, StoredObject } from '../store';

/** The kinds whose pods make a workload's replicas; a ReplicaSet a Deployment controls counts as the Deployment. */
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController']);

/** `namespace/name` and port of a Service port, as outages name it. */
interface ServicePortKey {
  service: string;
  port: number;
  key: string;
}

export class OutageTracker {
  readonly outages: ServiceOutage[] = [];
  readonly workloadOutages: WorkloadOutage[] = [];
  /** Ports that had a ready endpoint at some observation: only those can go out. */
  private readonly served = new Set<string>();
  private readonly open = new Map<string, ServiceOutage>();
  /** Workloads that had a ready replica at some observation, and those out now. */
  private readonly workloadsServed = new Set<string>();
  private readonly workloadsOpen = new Map<string, WorkloadOutage>();
  /** What the last observation read: enough to look again at what one pod changed in place (observeChangedPod). */
  private last: LastObservation | undefined;
  /** Per pod, what its endpoints and its replica status were read from at the last observation. */
  private readonly podLooks = new Map<Pod, PodLook>();
  /** Per Service, the candidate pods its last look read. */
  private readonly serviceLooks = new Map<Service, readonly Pod[]>();
  /** The workloads whose replicas were read at the last observation (a workload that has lost every pod is read again). */
  private workloadsRead = new Set<string>();

  constructor(private readonly store: ObjectStore) {
    this.observe(0, '');
  }

  /**
   * Each Service's candidate pods (those of its namespace with its selector's first label) and each workload's
   * pods, kept while no pod, Service or ReplicaSet is created, replaced or deleted: a scenario observes after
   * every eviction, and pods changed in place (readiness, deletion, binding) keep their labels and owners.
   */
  private index: PodIndex | undefined;

  /**
   * Looks at every Service port and workload at `at` seconds; a port that lost its last ready endpoint, or a
   * workload its last ready replica, goes out for `reason`. Only what a changed pod can affect is read again: a
   * Service whose candidate pods are the ones of its last look, none of them changed since in what an endpoint
   * is made of (podLookChanged), would read as it did then, and so would a workload none of whose pods changed.
   */
  observe(at: number, reason: string): void {
    const pods = this.store.list<Pod>('Pod');
    const nodes = nodesByNameOf(this.store.list<Node>('Node'));
    const index = this.podIndex(pods);
    const changed = new Set<Pod>();
    for (const pod of pods) if (this.podLookChanged(pod, nodes)) changed.add(pod);
    for (const pod of this.podLooks.keys()) if (!index.present.has(pod)) this.podLooks.delete(pod);
    for (const service of this.store.list<Service>('Service')) {
      const candidates = index.byService.get(service) ?? pods;
      const looked = this.serviceLooks.get(service);
      if (looked !== undefined && sameMembers(looked, candidates) && !candidates.some((pod) => changed.has(pod))) continue;
      this.serviceLooks.set(service, candidates);
      this.observeService(service, candidates, nodes, at, reason);
    }
    for (const service of this.serviceLooks.keys()) if (!index.services.has(service)) this.serviceLooks.delete(service);
    for (const [workload, replicas] of index.podsOfWorkload) {
      if (!this.workloadsRead.has(workload) || index.rebuilt || replicas.some((pod) => changed.has(pod))) this.observeWorkload(workload, replicas.some(isServing), at, reason);
    }
    // A workload whose every pod is gone is out (when it was served), as observeWorkloads found for it before.
    for (const workload of this.workloadsServed) if (!index.podsOfWorkload.has(workload)) this.observeWorkload(workload, false, at, reason);
    this.workloadsRead = new Set(index.podsOfWorkload.keys());
    this.last = { revisions: this.revisions(), nodes };
  }

  /**
   * As observe, when nothing but `pod` changed in place since the last observation (the taint eviction controller
   * marked it for deletion): only the Services that may select it and its workload are looked at again, since
   * what nothing changed for reads as it did then. Anything stored, replaced or deleted since makes it a full look.
   */
  observeChangedPod(pod: Pod, at: number, reason: string): void {
    const last = this.last;
    const revisions = this.revisions();
    if (!last || revisions.some((revision, index) => revision !== last.revisions[index])) {
      this.observe(at, reason);
      return;
    }
    const index = this.index!;
    for (const service of index.servicesOfPod.get(pod) ?? []) this.observeService(service, index.byService.get(service) ?? [], last.nodes, at, reason);
    const workload = index.workloadOfPod.get(pod);
    if (workload === undefined) return;
    const replicas = index.podsOfWorkload.get(workload) ?? [];
    this.observeWorkload(workload, replicas.some(isServing), at, reason);
  }

  private revisions(): number[] {
    return [this.store.revision('Pod'), this.store.revision('Service'), this.store.revision('Node'), this.store.revision('ReplicaSet')];
  }

  /** One Service's ports at `at`, from its candidate pods. */
  private observeService(service: Service, candidates: readonly Pod[], nodes: ReadonlyMap<string, Node>, at: number, reason: string): void {
    const endpoints = serviceEndpoints(service, candidates, nodes);
    for (const servicePort of service.spec?.ports ?? []) {
      const port = portKey(service, servicePort.port, servicePort.protocol ?? 'TCP');
      const portName = servicePort.name ?? '';
      const ready = endpoints.some((entry) => entry.endpoint.conditions?.ready === true && entry.ports.some((endpointPort) => endpointPort.name === portName));
      const outage = this.open.get(port.key);
      if (ready) {
        this.served.add(port.key);
        if (outage) {
          outage.to = at;
          this.open.delete(port.key);
        }
      } else if (!outage && this.served.has(port.key)) {
        const started: ServiceOutage = { service: port.service, port: port.port, from: at, to: null, reason };
        this.outages.push(started);
        this.open.set(port.key, started);
      }
    }
  }

  /**
   * Whether what the pod's endpoints and its replica status are made of changed since the last observation (or
   * the pod is new to it), and its look updated. A pod is changed in place only in its status, its deletion and
   * its binding; its labels, containers and owners are compared by identity, since writing them makes new ones.
   */
  private podLookChanged(pod: Pod, nodes: ReadonlyMap<string, Node>): boolean {
    const node = pod.spec?.nodeName;
    const phase = pod.status?.phase;
    const ip = podIpOf(pod);
    const deleting = Boolean(pod.metadata?.deletionTimestamp);
    const ready = isPodReady(pod);
    const nodeKnown = node !== undefined && nodes.has(node);
    const { labels, ownerReferences: owners } = pod.metadata ?? {};
    const spec = pod.spec;
    const look = this.podLooks.get(pod);
    if (
      look !== undefined &&
      look.phase === phase &&
      look.ip === ip &&
      look.deleting === deleting &&
      look.ready === ready &&
      look.node === node &&
      look.nodeKnown === nodeKnown &&
      look.labels === labels &&
      look.owners === owners &&
      look.spec === spec &&
      look.containers === spec?.containers
    ) {
      return false;
    }
    this.podLooks.set(pod, { phase, ip, deleting, ready, node, nodeKnown, labels, owners, spec, containers: spec?.containers });
    return true;
  }

  private podIndex(pods: readonly Pod[]): PodIndex {
    const revisions = [this.store.revision('Pod'), this.store.revision('Service'), this.store.revision('ReplicaSet')];
    const known = this.index;
    if (known?.revisions.every((revision, index) => revision === revisions[index])) {
      known.rebuilt = false;
      return known;
    }
    // Pods are grouped only by the labels some Service selects on first: namespace, label key, then value.
    const byFirstLabel = new Map<string, Map<string, Map<string, Pod[]>>>();
    const services = new Set<Service>();
    for (const service of this.store.list<Service>('Service')) {
      services.add(service);
      const key = firstSelectorKey(service);
      if (key === undefined) continue;
      const namespace = service.metadata?.namespace ?? 'default';
      let keys = byFirstLabel.get(namespace);
      if (!keys) byFirstLabel.set(namespace, (keys = new Map()));
      if (!keys.has(key)) keys.set(key, new Map());
    }
    const podsOfWorkload = new Map<string, Pod[]>();
    const workloadOfPod = new Map<Pod, string>();
    const reused = known !== undefined && known.revisions[2] === revisions[2] ? known.ownersRead : undefined;
    const ownersRead = new Map<Pod, OwnersRead>();
    for (const pod of pods) {
      const labels = pod.metadata?.labels;
      const keys = labels ? byFirstLabel.get(pod.metadata?.namespace ?? 'default') : undefined;
      if (labels && keys) {
        for (const [key, byValue] of keys) {
          const value = labels[key];
          if (value === undefined) continue;
          const list = byValue.get(value);
          if (list) list.push(pod);
          else byValue.set(value, [pod]);
        }
      }
      // A pod's workload changes only with its owner references or a ReplicaSet's controller.
      const owners = pod.metadata?.ownerReferences;
      const before = reused?.get(pod);
      const workload = before !== undefined && before.owners === owners ? before.workload : workloadOf(this.store, pod);
      ownersRead.set(pod, { owners, workload });
      if (workload === undefined) continue;
      workloadOfPod.set(pod, workload);
      const replicas = podsOfWorkload.get(workload);
      if (replicas) replicas.push(pod);
      else podsOfWorkload.set(workload, [pod]);
    }
    const byService = new Map<Service, Pod[]>();
    const servicesOfPod = new Map<Pod, Service[]>();
    for (const service of services) {
      const key = firstSelectorKey(service);
      // Without a selector no pod is selected (serviceEndpoints says so itself); the whole list is passed.
      if (key === undefined) continue;
      const candidates =
        byFirstLabel
          .get(service.metadata?.namespace ?? 'default')
          ?.get(key)
          ?.get(service.spec!.selector![key]!) ?? [];
      byService.set(service, candidates);
      for (const pod of candidates) {
        const services = servicesOfPod.get(pod);
        if (services) services.push(service);
        else servicesOfPod.set(pod, [service]);
      }
    }
    this.index = { revisions, rebuilt: true, present: new Set(pods), services, byService, servicesOfPod, podsOfWorkload, workloadOfPod, ownersRead };
    return this.index;
  }

  private observeWorkload(workload: string, ready: boolean, at: number, reason: string): void {
    const outage = this.workloadsOpen.get(workload);
    if (ready) {
      this.workloadsServed.add(workload);
      if (outage) {
        outage.to = at;
        this.workloadsOpen.delete(workload);
      }
    } else if (!outage && this.workloadsServed.has(workload)) {
      const started: WorkloadOutage = { workload, from: at, to: null, reason };
      this.workloadOutages.push(started);
      this.workloadsOpen.set(workload, started);
    }
  }
}

/** Pods and Services by what reads them, for the store's revisions it was built at. */
interface PodIndex {
  /** The store's revisions of pods, Services and ReplicaSets (which tell a pod's Deployment) then. */
  revisions: number[];
  /** Whether the last podIndex call built it anew. */
  rebuilt: boolean;
  present: ReadonlySet<Pod>;
  services: ReadonlySet<Service>;
  byService: ReadonlyMap<Service, Pod[]>;
  servicesOfPod: ReadonlyMap<Pod, readonly Service[]>;
  podsOfWorkload: ReadonlyMap<string, readonly Pod[]>;
  workloadOfPod: ReadonlyMap<Pod, string>;
  /** Each pod's owner references when its workload was worked out, and that workload: kept while ReplicaSets are. */
  ownersRead: ReadonlyMap<Pod, OwnersRead>;
}

interface OwnersRead {
  owners: unknown;
  workload: string | undefined;
}

/** The key of the first entry of the Service's selector, which every pod it selects carries. */
function firstSelectorKey(service: Service): string | undefined {
  const selector = service.spec?.selector;
  if (!selector) return undefined;
  for (const key in selector) return key;
  return undefined;
}

/** What an observation read that a look at one changed pod reuses. */
interface LastObservation {
  /** The store's revisions of pods, Services, nodes and ReplicaSets then. */
  revisions: number[];
  nodes: ReadonlyMap<string, Node>;
}

/** What a pod's endpoints (serviceEndpoints) and its replica status (isServing) are read from. */
interface PodLook {
  phase: string | undefined;
  ip: string | undefined;
  deleting: boolean;
  ready: boolean;
  node: string | undefined;
  nodeKnown: boolean;
  labels: unknown;
  owners: unknown;
  spec: unknown;
  containers: unknown;
}

/** The same pods in the same order. */
function sameMembers(a: readonly Pod[], b: readonly Pod[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/** A replica counts while it is Ready and not being deleted. */
function isServing(pod: Pod): boolean {
  return isPodReady(pod) && !pod.metadata?.deletionTimestamp;
}

/**
 * `Kind namespace/name` of the workload a pod is a replica of: its controller, or the Deployment that controls its
 * ReplicaSet; undefined for a pod of no workload (a bare pod, a Job's).
 */
export function workloadOf(store: ObjectStore, pod: Pod): string | undefined {
  const namespace = pod.metadata?.namespace ?? 'default';
  const owner = controllerOf(pod.metadata);
  if (!owner || !WORKLOAD_KINDS.has(owner.kind)) return undefined;
  if (owner.kind === 'ReplicaSet') {
    const replicaSet = store.get<StoredObject>('ReplicaSet', namespace, owner.name);
    const deployment = controllerOf(replicaSet?.metadata);
    if (deployment?.kind === 'Deployment') return `Deployment ${namespace}/${deployment.name}`;
  }
  return `${owner.kind} ${namespace}/${owner.name}`;
}

function portKey(service: Service, port: number, protocol: string): ServicePortKey {
  const name = `${service.metadata?.namespace ?? 'default'}/${service.metadata?.name ?? ''}`;
  return { service: name, port, key: `${name}:${port}/${protocol}` };
}
