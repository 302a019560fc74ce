/**
 * Service outages during a scenario: a Service port is out while the EndpointSlice controller would list no
 * ready endpoint for it (controllers/endpoint-slices.ts serviceEndpoints), from the moment its last ready pod
 * went until one is ready again. Workloads are followed the same way: a workload is out while none of its pods is
 * Ready and not being deleted.
 */
import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import { controllerOf } from '../../kube/owner-references';
import { nodesByNameOf, serviceEndpoints } from '../controllers/endpoint-slices';
import { isPodReady } from '../controllers/service-pods';
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

  constructor(private readonly store: ObjectStore) {
    this.observe(0, '');
  }

  /**
   * Each Service's candidate pods (those of its namespace with its selector's first label), kept while no pod or
   * Service is created, replaced or deleted: a scenario observes after every eviction, and pods changed in place
   * (readiness, deletion) keep their labels.
   */
  private candidates: { podRevision: number; serviceRevision: number; byService: Map<Service, Pod[]>; servicesOfPod: Map<Pod, Service[]> } | undefined;

  /** Looks at every Service port at `at` seconds; a port that lost its last ready endpoint goes out for `reason`. */
  observe(at: number, reason: string): void {
    const pods = this.store.list<Pod>('Pod');
    const nodes = nodesByNameOf(this.store.list<Node>('Node'));
    const candidates = this.candidatePods(pods);
    for (const service of this.store.list<Service>('Service')) this.observeService(service, candidates.byService.get(service) ?? pods, nodes, at, reason);
    const podsOfWorkload = this.observeWorkloads(pods, at, reason);
    this.last = { revisions: this.revisions(), nodes, servicesOfPod: candidates.servicesOfPod, podsOfWorkload };
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
    const byService = this.candidates!.byService;
    for (const service of last.servicesOfPod.get(pod) ?? []) this.observeService(service, byService.get(service) ?? [], last.nodes, at, reason);
    const workload = workloadOf(this.store, pod);
    if (workload === undefined) return;
    const replicas = last.podsOfWorkload.get(workload) ?? [];
    this.observeWorkload(workload, replicas.some(isServing), at, reason);
  }

  private revisions(): number[] {
    return [this.store.revision('Pod'), this.store.revision('Service'), this.store.revision('Node')];
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

  private candidatePods(pods: readonly Pod[]): NonNullable<OutageTracker['candidates']> {
    const podRevision = this.store.revision('Pod');
    const serviceRevision = this.store.revision('Service');
    if (this.candidates?.podRevision === podRevision && this.candidates.serviceRevision === serviceRevision) return this.candidates;
    const byLabel = new Map<string, Pod[]>();
    for (const pod of pods) {
      for (const [key, value] of Object.entries(pod.metadata?.labels ?? {})) {
        const label = `${pod.metadata?.namespace ?? 'default'}\n${key}=${value}`;
        let list = byLabel.get(label);
        if (!list) byLabel.set(label, (list = []));
        list.push(pod);
      }
    }
    const byService = new Map<Service, Pod[]>();
    const servicesOfPod = new Map<Pod, Service[]>();
    for (const service of this.store.list<Service>('Service')) {
      const first = Object.entries(service.spec?.selector ?? {})[0];
      // Without a selector no pod is selected (serviceEndpoints says so itself); the whole list is passed.
      if (!first) continue;
      const candidates = byLabel.get(`${service.metadata?.namespace ?? 'default'}\n${first[0]}=${first[1]}`) ?? [];
      byService.set(service, candidates);
      for (const pod of candidates) {
        const services = servicesOfPod.get(pod);
        if (services) services.push(service);
        else servicesOfPod.set(pod, [service]);
      }
    }
    this.candidates = { podRevision, serviceRevision, byService, servicesOfPod };
    return this.candidates;
  }

  /** Every workload's replicas at `at`; returns the pods of each workload. */
  private observeWorkloads(pods: readonly Pod[], at: number, reason: string): Map<string, Pod[]> {
    const ready = new Set<string>();
    const podsOfWorkload = new Map<string, Pod[]>();
    for (const pod of pods) {
      const workload = workloadOf(this.store, pod);
      if (workload === undefined) continue;
      const replicas = podsOfWorkload.get(workload);
      if (replicas) replicas.push(pod);
      else podsOfWorkload.set(workload, [pod]);
      if (isServing(pod)) ready.add(workload);
    }
    for (const workload of new Set([...podsOfWorkload.keys(), ...this.workloadsServed])) this.observeWorkload(workload, ready.has(workload), at, reason);
    return podsOfWorkload;
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

/** What an observation read that a look at one changed pod reuses. */
interface LastObservation {
  /** The store's revisions of pods, Services and nodes then. */
  revisions: number[];
  nodes: ReadonlyMap<string, Node>;
  servicesOfPod: ReadonlyMap<Pod, readonly Service[]>;
  podsOfWorkload: ReadonlyMap<string, readonly Pod[]>;
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
