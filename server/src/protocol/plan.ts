/**
 * The result of a plan, as `kubeplan plan --output json` prints it: plain data, no class instances, stable order.
 * Each part of the plan is a `Planned*` type; the field names are the contract and do not change.
 *
 * Resource amounts in `allocatable` and `requested` are Kubernetes quantity strings in one fixed form each:
 * cpu in millicores (`"3900m"`, `"0m"`), memory in the largest binary unit that divides it exactly (`"15Gi"`,
 * `"1536Mi"`, `"0"`), pods as a plain number.
 */

export interface ResourceAmounts {
  cpu: string;
  memory: string;
  pods: number;
}

export interface PlannedNode {
  name: string;
  labels: Record<string, string>;
  taints: { key: string; value?: string; effect: string }[];
  allocatable: ResourceAmounts;
  requested: ResourceAmounts;
  /** `namespace/name` of every pod bound to the node, in creation order. */
  pods: string[];
}

export interface PlannedPod {
  name: string;
  namespace: string;
  /** `Kind/name` of the controlling object, or null for a bare pod. */
  owner: string | null;
  node: string | null;
  phase: string;
  ready: boolean;
  ip: string | null;
  /**
   * The FailedScheduling message while the pod is Pending unscheduled; the kubelet's message while it holds a bound
   * pod (the failing container's error, or the first `MountVolume.SetUp failed …`); else null.
   */
  message: string | null;
  /**
   * Why a bound Pending pod's first waiting container (init containers first) waits, as `kubectl get pods` shows
   * it: `CreateContainerConfigError`, `ContainerCreating`, `PodInitializing`; null otherwise.
   */
  waitingReason: string | null;
}

/**
 * An event as the cluster records it (`kubectl get events`): which component saw what, about which object.
 * Controllers return the events of a sync in the order they happened; the simulation keeps that order.
 */
export interface ClusterEvent {
  type: 'Normal' | 'Warning';
  /** CamelCase, as upstream: `ScalingReplicaSet`, `FailedScheduling`, `SuccessfulCreate`. */
  reason: string;
  /** `Kind/namespace/name`, or `Kind/name` for a cluster-scoped object. */
  object: string;
  /** Upstream wording, e.g. `Scaled up replica set web-5d78c9b4f6 from 0 to 3`. */
  message: string;
}

export interface PlannedRolloutStep {
  /** spec.replicas of the new ReplicaSet after the sync. */
  new: number;
  /** Sum of spec.replicas over the old ReplicaSets after the sync. */
  old: number;
  /** Pods of the Deployment once the ReplicaSets have acted on the sync (new + old). */
  total: number;
  /** Available pods of the Deployment once the pods have settled after the sync. */
  available: number;
  events: ClusterEvent[];
}

/** `notSimulated`: the plan's pod limit refused pods of the Deployment, so its rollout was not simulated in full. */
export type PlannedRolloutOutcome = 'complete' | 'stalled' | 'progressDeadlineExceeded' | 'notSimulated';

export interface PlannedRollout {
  deployment: string;
  strategy: string;
  replicas: number;
  maxSurge: number;
  maxUnavailable: number;
  maxTotal: number;
  minAvailable: number;
  steps: PlannedRolloutStep[];
  outcome: PlannedRolloutOutcome;
}

/**
 * How a StatefulSet's or DaemonSet's rollout ended: every pod replaced, only those at or above the partition, none
 * (OnDelete), or stuck short of that.
 */
export type PlannedWorkloadRolloutOutcome = 'complete' | 'partitioned' | 'onDelete' | 'stalled';

/** The rollout of a StatefulSet or DaemonSet whose pod template the manifests changed. */
export interface PlannedWorkloadRollout {
  /** `StatefulSet/namespace/name` or `DaemonSet/namespace/name`. */
  workload: string;
  /** `RollingUpdate` or `OnDelete`. */
  strategy: string;
  /** StatefulSet: the ordinals below `ordinals.start + partition` keep the old revision; null for a DaemonSet. */
  partition: number | null;
  /** The bounds as the controller resolved them (a StatefulSet's maxUnavailable is 1 without MaxUnavailableStatefulSet). */
  maxUnavailable: number;
  maxSurge: number;
  /** StatefulSet: spec.replicas; DaemonSet: the nodes that should run it. */
  desired: number;
  /** Pods of the new template at the end of the plan. */
  updated: number;
  /** Pods the controller deleted, in order. */
  deleted: string[];
  outcome: PlannedWorkloadRolloutOutcome;
}

export interface PlannedEndpointPort {
  /** The Service port's name; `''` for an unnamed port. */
  name: string;
  port: number;
  protocol: string;
}

export interface PlannedEndpoint {
  /** `namespace/name` of the pod; null for an address the user wrote that is no pod. */
  pod: string | null;
  ip: string;
  node: string | null;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  ports: PlannedEndpointPort[];
}

export interface PlannedServicePort {
  name: string;
  port: number;
  targetPort: number | string;
  nodePort: number | null;
  protocol: string;
}

export interface PlannedService {
  name: string;
  namespace: string;
  type: string;
  /** `None` for a headless Service; null when it has none (ExternalName, or not yet allocated). */
  clusterIP: string | null;
  ports: PlannedServicePort[];
  /** For a Service without selector, those its user wrote; none for ExternalName. */
  endpoints: PlannedEndpoint[];
}

/** An Ingress path's `pathType`, as the API spells it. */
export type PathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';

export interface PlannedBackend {
  /** The Service's name; null for a `resource` backend. */
  service: string | null;
  /** The Service port's number once resolved; as written (a name) when the Service or port is missing. */
  port: number | string | null;
  /** The endpoints serving that port, each with only that port. */
  endpoints: PlannedEndpoint[];
  /** Why the backend has no endpoints to offer, when it is not just that no pod is ready. */
  problem?: string;
}

export interface PlannedRoute extends PlannedBackend {
  /** null: any host. */
  host: string | null;
  path: string;
  pathType: PathType;
}

export interface PlannedIngress {
  name: string;
  namespace: string;
  /** The IngressClass the Ingress belongs to (explicit, annotation, or the default class); null if none. */
  ingressClass: string | null;
  routes: PlannedRoute[];
  defaultBackend: PlannedBackend | null;
  /** Why no ingress controller serves the Ingress (its class names no IngressClass, or it has none); absent when served. */
  problem?: string;
}

/** A PersistentVolumeClaim at the end of the plan, as `kubectl get pvc` shows it. */
export interface PlannedPersistentVolumeClaim {
  name: string;
  namespace: string;
  /** `Pending`, `Bound` or `Lost`. */
  phase: string;
  /** The PersistentVolume it is bound to; null while unbound. */
  volume: string | null;
  /** The claim's class (`spec.storageClassName`); null when it names none. */
  storageClass: string | null;
  /** The bound volume's capacity (`status.capacity.storage`); null while unbound. */
  capacity: string | null;
  /** The bound volume's access modes; empty while unbound. */
  accessModes: string[];
}

/** One backendRef of a Gateway API route rule. */
export interface PlannedGatewayBackend extends PlannedBackend {
  /** The namespace the backendRef points into (the route's unless written). */
  namespace: string;
  /** Its share of the rule's traffic relative to the other backends' (`weight`, 1 when unset; 0 gets none). */
  weight: number;
}

/**
 * One match of a Gateway API route rule, with the API's defaults. An HTTPRoute match has `path` (type `Exact`,
 * `PathPrefix` or `RegularExpression`), `method` (null: any), `headers` and `queryParams`; a GRPCRoute match has
 * `service` and `grpcMethod` (null: any) and `headers`.
 */
export interface PlannedGatewayMatch {
  path?: { type: string; value: string };
  method?: string | null;
  service?: string | null;
  grpcMethod?: string | null;
  headers: { name: string; type: string; value: string }[];
  queryParams?: { name: string; type: string; value: string }[];
}

/**
 * A Gateway API route (HTTPRoute, GRPCRoute) on one Gateway: for an accepted parentRef, one entry per Listener
 * and match, in the order of precedence a request is tried; for a parentRef not accepted, one entry with why.
 */
export interface PlannedGatewayRoute {
  /** `namespace/name` of the Gateway. */
  gateway: string;
  /** The Listener's name; null when the route is not accepted. */
  listener: string | null;
  /** `Kind/namespace/name` of the route. */
  route: string;
  /** Index of the rule among the route's rules; null when the route is not accepted. */
  rule: number | null;
  /** The hostnames the route serves on the Listener (the intersection of both); empty: every host. */
  hostnames: string[];
  match: PlannedGatewayMatch | null;
  backends: PlannedGatewayBackend[];
  /** The route's Accepted condition for this parent. */
  accepted: boolean;
  /** Its reason: `Accepted`, `NoMatchingParent`, `NotAllowedByListeners`, `NoMatchingListenerHostname`, or `Pending` when no controller would reconcile the Gateway. */
  reason: string;
  /**
   * The reason of the route's ResolvedRefs condition, over all its rules: `ResolvedRefs` (True), or
   * `RefNotPermitted`, `InvalidKind`, `BackendNotFound` (False); null when the route is not accepted.
   */
  resolvedRefs: string | null;
}

export interface PlannedCronJob {
  name: string;
  namespace: string;
  schedule: string;
  /** `spec.timeZone`; null when the controller manager's own zone applies. */
  timeZone: string | null;
  /** ISO 8601 UTC, strictly after the plan's time; empty when suspended or unschedulable. */
  nextRuns: string[];
  suspended: boolean;
  /** The controller's complaint when the schedule or zone cannot be used (its event message). */
  problem?: string;
}

/**
 * A record cluster DNS answers (the Kubernetes DNS-Based Service Discovery specification). `name` is fully
 * qualified, without the final dot. `values`: addresses for `A`/`AAAA`; the external name for `CNAME`;
 * `<port> <target>` for `SRV` (priority and weight are the DNS server's choice). An `A` record without values is
 * a name that does not resolve (a headless Service without ready endpoints).
 */
export interface DnsRecord {
  name: string;
  type: 'A' | 'AAAA' | 'CNAME' | 'SRV';
  values: string[];
}

/** A ReplicaSet at the end of the plan. */
export interface PlannedReplicaSet {
  name: string;
  namespace: string;
  /** Its controller, `Kind/namespace/name`, or null for a ReplicaSet of its own. */
  owner: string | null;
  /** `deployment.kubernetes.io/revision`, or null when the Deployment controller has not set one. */
  revision: number | null;
  /** The `pod-template-hash` label, or null. */
  podTemplateHash: string | null;
  /** spec.replicas, and the status counts as the ReplicaSet controller last wrote them. */
  replicas: number;
  readyReplicas: number;
  availableReplicas: number;
}

/** A HorizontalPodAutoscaler's decision as its status records it at the end of the plan. */
export interface PlannedAutoscaler {
  name: string;
  namespace: string;
  /** `Kind/name` of the scale target. */
  target: string;
  minReplicas: number;
  maxReplicas: number;
  /** status.currentReplicas and status.desiredReplicas, or null when the controller did not reach the target. */
  currentReplicas: number | null;
  desiredReplicas: number | null;
  /** status.conditions (autoscaling/v2: AbleToScale, ScalingActive, ScalingLimited) with upstream's reasons and messages. */
  conditions: { type: string; status: string; reason: string | null; message: string | null }[];
}

/** What the API server answers `kubectl apply` for one input object, after admission. */
export interface PlannedApply {
  /** `Kind/namespace/name`, or `Kind/name` for a cluster-scoped object. */
  object: string;
  outcome: 'created' | 'configured' | 'refused';
  /** The server's error when refused, else null. */
  message: string | null;
  /** The `Warning:` lines the server returns with its answer (kubectl prints them), without the prefix. */
  warnings: string[];
}

/** A NetworkPolicy at the end of the plan: the pods it selects and the directions it isolates them in. */
export interface PlannedNetworkPolicy {
  name: string;
  namespace: string;
  /** `namespace/name` of each pod it selects, in namespace/name order. */
  selects: string[];
  /** `Ingress` and/or `Egress`: `policyTypes`, or its default. */
  isolates: ('Ingress' | 'Egress')[];
}

/**
 * Whether NetworkPolicies let one workload reach a Service port or another workload's port. A workload's pods are
 * represented by its first pod (pods of one template share labels and ports); a pod without a controller is a
 * workload of its own.
 */
export interface PlannedReachability {
  /** `namespace/name` of the source workload (a Deployment, StatefulSet, DaemonSet, CronJob, Job, ReplicaSet, or a bare pod). */
  from: string;
  /** `namespace/name` of the destination Service or workload. */
  to: string;
  /** What `to` names: a Service (reached through its endpoints' pods) or a workload; they often share a name. */
  toKind: 'Service' | 'Workload';
  /** The Service port, or the destination's container port; null: a port no rule names (the destination declares none). */
  port: number | null;
  protocol: string;
  allowed: boolean;
  /** `namespace/name` of the policies that decide. */
  by: string[];
  reason: string;
}

export interface Plan {
  kubernetesVersion: string;
  /** One per manifest object, in input order (objects of `current` and of cluster files are not listed). */
  applied: PlannedApply[];
  nodes: PlannedNode[];
  pods: PlannedPod[];
  rollouts: PlannedRollout[];
  /** StatefulSet and DaemonSet rollouts (added after `rollouts`, which holds Deployments). */
  workloadRollouts: PlannedWorkloadRollout[];
  services: PlannedService[];
  ingresses: PlannedIngress[];
  /** Gateway API routes by Gateway and Listener (added after `ingresses`). */
  gatewayRoutes: PlannedGatewayRoute[];
  cronjobs: PlannedCronJob[];
  /** Every PersistentVolumeClaim, in namespace/name order (added after `cronjobs`). */
  persistentVolumeClaims: PlannedPersistentVolumeClaim[];
  /** Services' records in namespace/name order, then pods' (`<a>-<b>-<c>-<d>.<ns>.pod.<zone>`). */
  dns: DnsRecord[];
  events: ClusterEvent[];
  /** Every ReplicaSet at the end of the plan, in creation order. */
  replicaSets: PlannedReplicaSet[];
  /** Every HorizontalPodAutoscaler's decision. */
  autoscalers: PlannedAutoscaler[];
  /** Every NetworkPolicy, in namespace/name order (added after `autoscalers`). */
  networkPolicies: PlannedNetworkPolicy[];
  /** Each Service port and workload pair a NetworkPolicy affects, sources then destinations in namespace/name order. */
  reachability: PlannedReachability[];
  /** What the plan could not take into account (ignored cluster objects, limits reached). */
  notes: string[];
  /** What the scenario flags (`--drain`, `--fail-node`, `--fail-zone`, `--scale`, `--for`) did after the apply; absent without them. */
  scenario?: PlannedScenario;
  /** What the change does against a Git revision (`--base REF`); absent without it. */
  changes?: PlannedChanges;
  /** `--what-if nodes|zones`: each node's or zone's failure played alone from the state after the apply; absent without it. */
  resilience?: PlannedResilience;
}

/**
 * A change to the manifests against a Git revision (`kubeplan plan --base REF`): the objects it adds, changes and
 * removes, and what it does in the cluster model, found by comparing the settled state of the revision alone with
 * the settled state after the change is applied over it.
 */
export interface PlannedChanges {
  /** The revision as given to `--base`. */
  base: string;
  /** Added and changed objects in the order of the manifests, then removed ones in the revision's order. */
  objects: PlannedObjectChange[];
  /** Files under the paths at the revision that the working tree no longer has. */
  deletedFiles: string[];
  /** Workloads whose pod template the change alters: `Deployment/namespace/name` (also StatefulSet, DaemonSet). */
  rollouts: { workload: string; outcome: string }[];
  /** Pods Pending after the change that were not Pending before it (`namespace/name`). */
  pendingPods: { pod: string; owner: string | null; message: string | null }[];
  /** Services whose number of ready endpoints changes (`namespace/name`); null: no such Service on that side. */
  endpoints: { service: string; before: number | null; after: number | null }[];
  /** Ingress and Gateway routes whose backends or ready endpoints change, or that appear or disappear; null: no such route on that side. */
  routes: { route: string; before: string | null; after: string | null }[];
  /** CronJobs whose next run moves (`namespace/name`, ISO 8601 UTC, or why it never runs); null: no such CronJob on that side. */
  schedules: { cronjob: string; before: string | null; after: string | null }[];
}

/** One object the change adds, changes or removes (by kind, namespace and name). */
export interface PlannedObjectChange {
  change: 'added' | 'changed' | 'removed';
  apiVersion: string;
  kind: string;
  /** "" for a cluster-scoped object. */
  namespace: string;
  name: string;
  /** For a changed object, each field whose value changes after the API server's defaulting; empty otherwise. */
  fields: PlannedFieldChange[];
}

/**
 * A field that changes: `path` as `spec.template.spec.containers[name=web].image` (items of lists of named objects
 * by name, other items by index, keys that are not plain words in brackets). `before` and `after` are the whole
 * values, null when the field is unset on that side; a Secret's values are masked as kubectl diff masks them
 * (`*** (before)`, `*** (after)`).
 */
export interface PlannedFieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

/**
 * One step of a scenario played after the manifests settled, as a flag of `kubeplan plan` names it; steps run in
 * the order the flags were given, each settled before the next. Consecutive `fail-node` and `fail-zone` steps
 * fail their nodes at the same instant.
 */
export type ScenarioStep =
  | { kind: 'drain'; node: string }
  /** The node's kubelet stops posting status: the node lifecycle and taint eviction controllers take over. */
  | { kind: 'fail-node'; node: string }
  /** Every node whose `topology.kubernetes.io/zone` label is `zone` fails. */
  | { kind: 'fail-zone'; zone: string }
  /** `--scale [NAMESPACE/]KIND/NAME=N`: `kubectl scale KIND/NAME --replicas=N -n NAMESPACE`. */
  | { kind: 'scale'; resource: ScalableKind; namespace: string; name: string; replicas: number }
  /** `--for DURATION`: this many seconds pass on the plan's clock. */
  | { kind: 'for'; seconds: number };

/** The kinds `kubectl scale` sets a new size for. */
export type ScalableKind = 'Deployment' | 'ReplicaSet' | 'ReplicationController' | 'StatefulSet';

/**
 * The scenario played after the manifests settled: its steps in order (`--drain NODE` as `kubectl drain NODE
 * --ignore-daemonsets` does it; `--fail-node`/`--fail-zone` as the node lifecycle controller handles nodes that
 * stop posting status), each settled before the next. Times are seconds since the scenario began.
 */
export interface PlannedScenario {
  events: ScenarioEvent[];
  /**
   * One entry per pod each drain looked at, with its final result; for a failed node, each pod the taint eviction
   * controller deleted (`evicted`) or left for good (`skipped`).
   */
  evictions: PlannedEviction[];
  /** Each time a Service port lost its last ready endpoint during the scenario. */
  outages: ServiceOutage[];
  /** Pods left Pending at the end of the scenario that were not Pending when it began. */
  pending: ScenarioPendingPod[];
}

export interface ScenarioEvent {
  at: number;
  what: string;
}

export interface PlannedEviction {
  /** `namespace/name`. */
  pod: string;
  node: string;
  /** `blocked`: refused by kubectl's filters, by a budget until the drain gave up, or by the eviction API. */
  result: 'evicted' | 'blocked' | 'skipped';
  message: string;
}

export interface ServiceOutage {
  /** `namespace/name`. */
  service: string;
  port: number;
  from: number;
  /** When a ready endpoint came back; null when none did by the end of the scenario. */
  to: number | null;
  reason: string;
}

export interface ScenarioPendingPod {
  /** `namespace/name`. */
  pod: string;
  message: string;
}

/**
 * `--what-if nodes` or `--what-if zones`: the failure of each node (or of every node of each zone) played as
 * `--fail-node`/`--fail-zone` would play it, each alone from the same state after the apply. Times are seconds since
 * the failure's last heartbeat.
 */
export interface PlannedResilience {
  whatIf: 'nodes' | 'zones';
  failures: PlannedFailure[];
}

export interface PlannedFailure {
  /** The node's name, or the zone (a `topology.kubernetes.io/zone` value). */
  failed: string;
  /** The nodes that stopped responding: the node itself, or the zone's nodes. */
  nodes: string[];
  /** True when no Service port and no workload lost its last ready endpoint or replica, even for a moment. */
  survives: boolean;
  /** One line: `node worker-1: survives`, or each outage with how long it lasted and why. */
  verdict: string;
  /** Each time a Service port lost its last ready endpoint. */
  outages: ServiceOutage[];
  /** Each time a workload lost its last ready replica. */
  workloadOutages: WorkloadOutage[];
  /** Pods left Pending at the end that were not Pending before the failure, with the scheduler's message. */
  pending: ScenarioPendingPod[];
  /** Why: where the lost replicas ran, replacements that found no node, pods never replaced, budgets that do not apply. */
  reasons: string[];
}

export interface WorkloadOutage {
  /** `Deployment namespace/name` (also StatefulSet, DaemonSet, ReplicaSet, ReplicationController). */
  workload: string;
  from: number;
  /** When a replica was Ready again; null when none was by the end of the failure's play. */
  to: number | null;
  reason: string;
}
