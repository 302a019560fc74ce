/**
 * The `networkPolicies` and `reachability` parts of a plan, the DNS warning that goes with them, and the answer of
 * `kubeplan can-connect`, from the cluster's NetworkPolicies, pods and Services at the end of the plan
 * (networking.k8s.io/v1 semantics in `network-policy/`).
 *
 * Pods are summarised per owning workload — a ReplicaSet's pods under its Deployment, a Job's under its CronJob, a
 * pod without controller as itself — and each workload is represented by its first pod: pods of one template share
 * labels and ports, which is what policies select and name.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Job } from 'kubernetes-types/batch/v1';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { NetworkPolicy } from 'kubernetes-types/networking/v1';
import { parseSloppyIP } from '../kube/ip-address';
import type { Labels } from '../kube/label-selectors';
import { controllerOf } from '../kube/owner-references';
import type { PlannedEndpoint, PlannedNetworkPolicy, PlannedReachability, PlannedService, PlannedServicePort } from '../protocol/plan';
import { byNamespaceAndName, namespaceOf, objectKey } from './object-keys';
import { NetworkPolicyEvaluator, type ConnectionDecision, type DestinationClass, type PolicyPod, type SourceClass } from './network-policy/evaluation';
import type { DeclaredPorts, TrafficPort } from './network-policy/ports';

export interface NetworkPolicyObjects {
  policies: readonly NetworkPolicy[];
  pods: readonly Pod[];
  replicaSets: readonly ReplicaSet[];
  jobs: readonly Job[];
  services: readonly PlannedService[];
  /** A namespace's labels as the API server holds them: `kubernetes.io/metadata.name` always, plus the Namespace object's. */
  namespaceLabels: (namespace: string) => Labels;
}

/** The pods and workloads of a plan as its NetworkPolicies see them. */
export interface NetworkPolicyView {
  evaluator: NetworkPolicyEvaluator;
  policies: readonly NetworkPolicy[];
  pods: ReadonlyMap<string, PolicyPod>;
  /** Workload key → its representative pod, in namespace/name order of the workloads. */
  workloads: ReadonlyMap<string, PolicyPod>;
  services: readonly PlannedService[];
  /** Where cluster DNS runs: the plan's kube-system pods labelled k8s-app=kube-dns, or the pod assumed there. */
  dns: { pod: PolicyPod; assumed: boolean };
}

/** The label the DNS add-on's pods carry (kubeadm's CoreDNS Deployment keeps kube-dns's). */
const DNS_LABEL = { key: 'k8s-app', value: 'kube-dns' };
const DNS_NAMESPACE = 'kube-system';
/** Workloads named in the DNS note before the rest are counted. */
const NAMES_SHOWN = 10;

export function networkPolicyView(objects: NetworkPolicyObjects): NetworkPolicyView {
  // The pods are indexed on first use: a plan without NetworkPolicies asks for them only to answer can-connect.
  let indexed: Pick<NetworkPolicyView, 'pods' | 'workloads' | 'dns'> | undefined;
  const index = () => (indexed ??= indexPods(objects));
  return {
    evaluator: new NetworkPolicyEvaluator(objects.policies),
    policies: byNamespaceAndName(objects.policies),
    get pods() {
      return index().pods;
    },
    get workloads() {
      return index().workloads;
    },
    services: objects.services,
    get dns() {
      return index().dns;
    },
  };
}

/** The running pods as policies see them, one per workload, and where cluster DNS runs. */
function indexPods(objects: NetworkPolicyObjects): Pick<NetworkPolicyView, 'pods' | 'workloads' | 'dns'> {
  const replicaSets = new Map(objects.replicaSets.map((replicaSet) => [objectKey(replicaSet), replicaSet]));
  const jobs = new Map(objects.jobs.map((job) => [objectKey(job), job]));
  const pods = new Map<string, PolicyPod>();
  const workloads = new Map<string, PolicyPod>();
  for (const pod of objects.pods) {
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed' || pod.metadata?.deletionTimestamp) continue;
    const policyPod = toPolicyPod(pod, objects.namespaceLabels);
    pods.set(policyPod.key, policyPod);
    const workload = workloadOf(pod, replicaSets, jobs);
    if (!workloads.has(workload)) workloads.set(workload, policyPod);
  }
  const dnsPod = [...pods.values()].find((pod) => pod.namespace === DNS_NAMESPACE && pod.labels[DNS_LABEL.key] === DNS_LABEL.value);
  const assumedDns: PolicyPod = {
    key: `${DNS_NAMESPACE}/coredns`,
    namespace: DNS_NAMESPACE,
    labels: { [DNS_LABEL.key]: DNS_LABEL.value },
    namespaceLabels: objects.namespaceLabels(DNS_NAMESPACE),
    ip: undefined,
    ports: [
      { name: 'dns', containerPort: 53, protocol: 'UDP' },
      { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
    ],
  };
  return {
    pods,
    workloads: new Map([...workloads].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    dns: dnsPod ? { pod: dnsPod, assumed: false } : { pod: assumedDns, assumed: true },
  };
}

export function planNetworkPolicies(view: NetworkPolicyView): PlannedNetworkPolicy[] {
  if (!view.evaluator.hasPolicies) return [];
  const selected = new Map<string, string[]>();
  for (const pod of [...view.pods.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const isolation = view.evaluator.isolation(pod);
    for (const key of new Set([...isolation.ingress, ...isolation.egress].map((policy) => policy.key))) {
      const list = selected.get(key) ?? [];
      list.push(pod.key);
      selected.set(key, list);
    }
  }
  return view.policies.map((policy) => {
    const types = view.evaluator.directionsOf(objectKey(policy));
    return { name: policy.metadata?.name ?? '', namespace: namespaceOf(policy), selects: selected.get(objectKey(policy)) ?? [], isolates: types };
  });
}

/** Every Service port and workload pair a policy affects: egress of the source or ingress of a destination pod isolated. */
export function planReachability(view: NetworkPolicyView): PlannedReachability[] {
  const { evaluator } = view;
  if (!evaluator.hasPolicies) return [];
  // Destinations alike to every policy get the same decisions from a source: a workload by its class (which fixes
  // the ports its rows list), a Service port by its endpoints' classes and target ports. Each is numbered here and
  // decided once per class of sources.
  const classNumbers = new Map<DestinationClass, number>();
  const classNumber = (pod: PolicyPod) => {
    const found = evaluator.destinationClass(pod);
    let number = classNumbers.get(found);
    if (number === undefined) classNumbers.set(found, (number = classNumbers.size));
    return number;
  };
  const servicePortNumbers = new Map<string, number>();
  const servicePortNumber = (targets: readonly PortTarget[]) => {
    const key = targets.map(({ pod, port }) => `${classNumber(pod)} ${port.port}/${port.protocol}`).join(' ');
    let number = servicePortNumbers.get(key);
    if (number === undefined) servicePortNumbers.set(key, (number = servicePortNumbers.size));
    return number;
  };
  const ingressIsolated = (pod: PolicyPod) => evaluator.isolation(pod).ingress.length > 0;
  const serviceTargets = view.services.flatMap((service) => {
    const pods = endpointPods(service, view);
    if (pods.length === 0) return [];
    const ports = service.ports.map((port) => {
      const targets = portTargets(pods, port);
      return { port, targets, alike: servicePortNumber(targets) };
    });
    return [{ serviceKey: `${service.namespace}/${service.name}`, ingressIsolated: pods.some(({ pod }) => ingressIsolated(pod)), ports }];
  });
  const destinations = [...view.workloads].map(([to, pod]) => ({ to, pod, ports: portsOf(pod), ingressIsolated: ingressIsolated(pod), alike: classNumber(pod) }));
  // Most sources meet a Service's endpoints with one same decision; its summary is made once per decision.
  const summaries = new Map<ConnectionDecision, ConnectionDecision>();
  /** A source's rows: those of the first source of its class stand for every other but for `from`. */
  const rowsOf = (from: string, source: PolicyPod): PlannedReachability[] => {
    const sourceRows: PlannedReachability[] = [];
    const egressIsolated = evaluator.isolation(source).egress.length > 0;
    const decide = (pod: PolicyPod, port: TrafficPort) => evaluator.decide(source, pod, port);
    const servicePortDecisions = new Map<number, ConnectionDecision | undefined>();
    for (const { serviceKey, ingressIsolated, ports } of serviceTargets) {
      if (!egressIsolated && !ingressIsolated) continue;
      for (const { port, targets, alike } of ports) {
        let decision = servicePortDecisions.get(alike);
        if (!servicePortDecisions.has(alike)) servicePortDecisions.set(alike, (decision = decideService(decide, targets, summaries)));
        if (decision) sourceRows.push({ from, to: serviceKey, toKind: 'Service', port: port.port, protocol: port.protocol, allowed: decision.allowed, by: decision.by, reason: decision.reason });
      }
    }
    const destinationDecisions = new Map<number, ConnectionDecision[]>();
    for (const { to, pod, ports, ingressIsolated, alike } of destinations) {
      if (!egressIsolated && !ingressIsolated) continue;
      let decisions = destinationDecisions.get(alike);
      if (!decisions) destinationDecisions.set(alike, (decisions = ports.map((port) => evaluator.decide(source, pod, port))));
      for (let index = 0; index < ports.length; index++) {
        const port = ports[index]!;
        const decision = decisions[index]!;
        sourceRows.push({ from, to, toKind: 'Workload', port: port.port, protocol: port.protocol, allowed: decision.allowed, by: decision.by, reason: decision.reason });
      }
    }
    return sourceRows;
  };
  // Every source's rows are known before the list is made, so it is made once at its full length (a matrix of a
  // million rows spends more on growing a list than on deciding).
  const rowsByClass = new Map<SourceClass, PlannedReachability[]>();
  const sources: { from: string; classRows: PlannedReachability[]; first: boolean }[] = [];
  let length = 0;
  for (const [from, source] of view.workloads) {
    const sourceClass = view.evaluator.sourceClass(source);
    let classRows = rowsByClass.get(sourceClass);
    const first = !classRows;
    if (!classRows) rowsByClass.set(sourceClass, (classRows = rowsOf(from, source)));
    sources.push({ from, classRows, first });
    length += classRows.length;
  }
  const rows = new Array<PlannedReachability>(length);
  let next = 0;
  for (const { from, classRows, first } of sources) {
    if (first) for (const row of classRows) rows[next++] = row;
    // Field by field, in the order the plan's JSON has always had them.
    else for (const row of classRows) rows[next++] = { from, to: row.to, toKind: row.toKind, port: row.port, protocol: row.protocol, allowed: row.allowed, by: row.by, reason: row.reason };
  }
  return rows;
}

/**
 * What the plan assumes about NetworkPolicies, and the workloads a default-deny egress cuts off from cluster DNS:
 * their lookups, Service names included, time out.
 */
export function networkPolicyNotes(view: NetworkPolicyView): string[] {
  if (!view.evaluator.hasPolicies) return [];
  const where = `${DNS_NAMESPACE} pods labelled ${DNS_LABEL.key}=${DNS_LABEL.value}, port 53/UDP`;
  const notes = [
    `NetworkPolicies were evaluated as the API defines them, assuming the cluster's network plugin enforces them${view.dns.assumed ? `; cluster DNS is assumed to run in ${where} and 53/TCP, as kubeadm deploys CoreDNS` : ''}`,
  ];
  const cutOff: string[] = [];
  const policies = new Set<string>();
  for (const [workload, pod] of view.workloads) {
    if (view.evaluator.isolation(pod).egress.length === 0) continue;
    const decision = view.evaluator.decide(pod, view.dns.pod, { port: 53, protocol: 'UDP' });
    if (decision.allowed) continue;
    cutOff.push(workload);
    for (const key of decision.by) policies.add(key);
  }
  if (cutOff.length > 0) {
    const listed = cutOff.length > NAMES_SHOWN ? `${cutOff.slice(0, NAMES_SHOWN).join(', ')} and ${cutOff.length - NAMES_SHOWN} more` : cutOff.join(', ');
    notes.push(`NetworkPolicies ${[...policies].sort().join(', ')} block egress to cluster DNS (${where}) from ${listed}: name resolution fails there; allow egress to port 53 UDP and TCP`);
  }
  return notes;
}

export interface ConnectionQuery {
  /** `namespace/workload` or `namespace/pod`. */
  from: string;
  /** `namespace/service`, `namespace/workload` or `namespace/pod`, looked up in that order. */
  to: string;
  /** A port number or name; every port of the destination when absent. */
  port?: number | string;
  /** TCP unless written. */
  protocol?: string;
}

export interface ConnectionCheck {
  port: number | null;
  protocol: string;
  decision: ConnectionDecision;
}

/** `kubeplan can-connect`: each port's decision, or why the question has no answer. */
export function connectionChecks(view: NetworkPolicyView, query: ConnectionQuery): ConnectionCheck[] | { problem: string } {
  const source = view.workloads.get(query.from) ?? view.pods.get(query.from);
  if (!source) return { problem: `no workload or pod ${query.from} in the plan` };
  const service = view.services.find((candidate) => `${candidate.namespace}/${candidate.name}` === query.to);
  if (service) {
    const pods = endpointPods(service, view);
    const ports = service.ports.filter(
      (port) => (query.port === undefined || port.port === query.port || port.name === query.port) && (query.protocol === undefined || port.protocol === query.protocol),
    );
    if (ports.length === 0) return { problem: `service ${query.to} has no port ${describePort(query)}` };
    if (pods.length === 0) return { problem: `service ${query.to} has no endpoints in the plan` };
    return ports.flatMap((port) => {
      const decision = decideService((pod, target) => view.evaluator.decide(source, pod, target), portTargets(pods, port));
      return decision ? [{ port: port.port, protocol: port.protocol, decision }] : [];
    });
  }
  const destination = view.workloads.get(query.to) ?? view.pods.get(query.to);
  if (!destination) return { problem: `no service, workload or pod ${query.to} in the plan` };
  let ports: TrafficPort[];
  if (query.port === undefined) ports = portsOf(destination).filter((port) => query.protocol === undefined || port.protocol === query.protocol);
  else if (typeof query.port === 'number') ports = [{ port: query.port, protocol: query.protocol ?? 'TCP' }];
  else {
    const named = destination.ports.find((port) => port.name === query.port && (query.protocol === undefined || (port.protocol ?? 'TCP') === query.protocol));
    if (!named) return { problem: `${query.to} declares no container port named ${query.port}` };
    ports = [{ port: named.containerPort, protocol: named.protocol ?? 'TCP' }];
  }
  if (ports.length === 0) ports = [{ port: null, protocol: query.protocol ?? 'TCP' }];
  return ports.map((port) => ({ ...port, decision: view.evaluator.decide(source, destination, port) }));
}

function describePort(query: ConnectionQuery): string {
  return `${query.port ?? ''}${query.protocol ? `/${query.protocol}` : ''}`;
}

interface EndpointPod {
  pod: PolicyPod;
  endpoint: PlannedEndpoint;
}

function endpointPods(service: PlannedService, view: NetworkPolicyView): EndpointPod[] {
  return service.endpoints.flatMap((endpoint) => {
    const pod = endpoint.pod === null ? undefined : view.pods.get(endpoint.pod);
    return pod ? [{ pod, endpoint }] : [];
  });
}

/** An endpoint pod and the port a Service port reaches it on. */
interface PortTarget {
  pod: PolicyPod;
  port: TrafficPort;
}

/** The endpoint pods that serve a Service port (the endpoint's port of the same name), each with its target port. */
function portTargets(pods: readonly EndpointPod[], port: PlannedServicePort): PortTarget[] {
  return pods.flatMap(({ pod, endpoint }) => {
    const target = endpoint.ports.find((candidate) => candidate.name === port.name);
    return target ? [{ pod, port: { port: target.port, protocol: target.protocol } }] : [];
  });
}

/**
 * A Service port is reached through its endpoints' pods on their target ports (policies see the pod after the
 * Service's address is translated): allowed when every endpoint pod serving the port admits the source. When every
 * endpoint gives the same decision, the summary depends on that decision alone and is taken from `summaries`.
 */
function decideService(
  decide: (pod: PolicyPod, port: TrafficPort) => ConnectionDecision,
  targets: readonly PortTarget[],
  summaries?: Map<ConnectionDecision, ConnectionDecision>,
): ConnectionDecision | undefined {
  if (targets.length === 0) return undefined;
  const decisions = targets.map(({ pod, port }) => decide(pod, port));
  const first = decisions[0]!;
  if (!summaries || decisions.some((decision) => decision !== first)) return summarise(decisions);
  let summary = summaries.get(first);
  if (!summary) summaries.set(first, (summary = summarise([first])));
  return summary;
}

/** The endpoints' decisions as one: allowed when none refuses, naming every deciding policy; else why, and how many refuse. */
function summarise(decisions: readonly ConnectionDecision[]): ConnectionDecision {
  const refused = decisions.filter((decision) => !decision.allowed);
  if (refused.length === 0) return { allowed: true, by: [...new Set(decisions.flatMap((decision) => decision.by))].sort(), reason: decisions[0]!.reason };
  const share = refused.length === decisions.length ? '' : `${refused.length} of ${decisions.length} endpoints refuse: `;
  return { allowed: false, by: [...new Set(refused.flatMap((decision) => decision.by))].sort(), reason: `${share}${refused[0]!.reason}` };
}

/** The destination's declared container ports, each once; a port no rule names when it declares none. */
function portsOf(pod: PolicyPod): TrafficPort[] {
  const seen = new Map<string, TrafficPort>();
  for (const port of pod.ports) {
    const protocol = port.protocol ?? 'TCP';
    seen.set(`${port.containerPort}/${protocol}`, { port: port.containerPort, protocol });
  }
  return seen.size > 0 ? [...seen.values()] : [{ port: null, protocol: 'TCP' }];
}

function toPolicyPod(pod: Pod, namespaceLabels: (namespace: string) => Labels): PolicyPod {
  const namespace = namespaceOf(pod);
  const address = pod.status?.podIP ? parseSloppyIP(pod.status.podIP) : undefined;
  const sidecars = (pod.spec?.initContainers ?? []).filter((container) => container.restartPolicy === 'Always');
  const ports: DeclaredPorts = [...(pod.spec?.containers ?? []), ...sidecars].flatMap((container) => container.ports ?? []);
  return { key: objectKey(pod), namespace, labels: pod.metadata?.labels ?? {}, namespaceLabels: namespaceLabels(namespace), ip: address ? Array.from(address) : undefined, ports };
}

/** `namespace/name` of the workload that owns the pod: through its ReplicaSet to a Deployment, through its Job to a CronJob. */
function workloadOf(pod: Pod, replicaSets: ReadonlyMap<string, ReplicaSet>, jobs: ReadonlyMap<string, Job>): string {
  const namespace = namespaceOf(pod);
  const owner = controllerOf(pod.metadata);
  if (!owner) return objectKey(pod);
  const key = `${namespace}/${owner.name}`;
  const parent = owner.kind === 'ReplicaSet' ? replicaSets.get(key) : owner.kind === 'Job' ? jobs.get(key) : undefined;
  const grandOwner = parent ? controllerOf(parent.metadata) : undefined;
  if (grandOwner && (grandOwner.kind === 'Deployment' || grandOwner.kind === 'CronJob')) return `${namespace}/${grandOwner.name}`;
  return key;
}
