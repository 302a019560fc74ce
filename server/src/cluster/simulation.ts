/**
 * A plan: what applying manifests to a cluster would do, under the timing model of docs/timing-model.md.
 *
 * 1. The cluster's nodes, existing pods and the other objects of a snapshot are loaded as they are.
 * 2. The `current` objects (what runs now) are applied and the cluster settles; what happens then is not part of
 *    the plan (its events and rollouts are dropped).
 * 3. The manifests are applied on top and the cluster settles again: one step is one sync of each Deployment,
 *    and between steps every other controller, the scheduler and the kubelets act until nothing changes.
 *
 * Pure: the same request gives the same plan; time comes from `now`, names and addresses from counters.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { Endpoints, Node, PersistentVolumeClaim, Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Ingress, IngressClass, NetworkPolicy } from 'kubernetes-types/networking/v1';
import { objectAt, stringAt } from '../kube/plain-values';
import type { KubernetesVersion } from '../schema/versions';
import type { ClusterModel, DecodedObject } from './cluster-model';
import type { Plan, PlannedApply, PlannedResilience, PlannedRollout, PlannedScenario, PlannedService, ScenarioStep } from '../protocol/plan';
import { eventObject } from './events';
import { inputKey } from './admission/admission';
import { ingressNotes, planIngresses } from './plan-ingresses';
import { gatewayObjects, planGatewayRoutes } from './plan-gateways';
import { planCronJobs } from './plan-cronjobs';
import { planPersistentVolumeClaims } from './plan-persistent-volume-claims';
import { DEFAULT_CLUSTER_DOMAIN, planDns } from './plan-dns';
import { planWorkloadRollouts, workloadTemplateHashes } from './plan-workload-rollouts';
import { planServices, type NetworkingObjects } from './plan-services';
import { planAutoscalers } from './plan-autoscalers';
import { networkPolicyNotes, networkPolicyView, planNetworkPolicies, planReachability, type NetworkPolicyObjects, type NetworkPolicyView } from './plan-network-policies';
import { namespaceOf as namespaceObject } from './admission/policy-matching';
import { planReplicaSets } from './plan-replica-sets';
import { podAssumptionNotes, storedKind, unmodelledObjectNotes } from './plan-notes';
import { nodeViews, podViews } from './plan-view';
import { autoscalerNotes } from './run-autoscalers';
import { jobNotes } from './run-jobs';
import { volumeNotes } from './run-persistent-volumes';
import { playScenario } from './scenarios/play';
import { checkResilience, type WhatIf } from './scenarios/what-if';
import { settle } from './settle';
import { SimulatedCluster } from './simulated-cluster';
import { keyOf } from './store';

export interface PlanRequest {
  kubernetesVersion: KubernetesVersion;
  cluster: ClusterModel;
  /** What runs now (`--from`). */
  current: readonly DecodedObject[];
  manifests: readonly DecodedObject[];
  /** False: pods of templates the manifests add or change never become Ready. */
  newPodsReady: boolean;
  /** Milliseconds since the epoch. */
  now: number;
  /** The most pods controllers may create (MAX_CREATED_PODS when absent). */
  maxCreatedPods?: number;
  /** The zone cluster DNS serves (the kubelet's `--cluster-domain`); DEFAULT_CLUSTER_DOMAIN when absent. */
  clusterDomain?: string;
  /** Steps played after the manifests settled (`--drain`, `--scale`, `--for`), in order; the plan's sections show the state after. */
  scenario?: readonly ScenarioStep[];
  /** `--what-if`: each node's or zone's failure played alone from the state after the apply (before any scenario). */
  whatIf?: WhatIf;
}

export function planApply(request: PlanRequest): Plan {
  return planApplyWithPolicies(request).plan;
}

/** The plan, with the view of its pods its NetworkPolicies take, for questions the plan's rows do not answer (`kubeplan can-connect`). */
export function planApplyWithPolicies(request: PlanRequest): { plan: Plan; networkPolicies: NetworkPolicyView } {
  const { cluster, notes, applied, rollouts, resilience, scenario, templatesBefore } = settleRequest(request);
  const networking: NetworkingObjects = {
    services: cluster.store.list<Service>('Service'),
    pods: cluster.store.list<Pod>('Pod'),
    nodes: cluster.store.list<Node>('Node'),
    endpointSlices: cluster.store.list<EndpointSlice>('EndpointSlice'),
    endpoints: cluster.store.list<Endpoints>('Endpoints'),
  };
  const services = planServices(networking);
  const dns = planDns({ services: networking.services, plannedServices: services, pods: networking.pods, clusterDomain: request.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN });
  const ingresses = planIngresses({ ...networking, ingresses: cluster.store.list<Ingress>('Ingress'), ingressClasses: cluster.store.list<IngressClass>('IngressClass') });
  const gateways = planGatewayRoutes({ ...networking, ...gatewayObjects(cluster.store) });
  const networkPolicies = networkPolicyView(networkPolicyObjects(cluster, services));
  notes.push(
    ...dns.notes,
    ...cluster.admissionNotes,
    ...gateways.notes,
    ...cluster.kubelet.notes(cluster.store),
    ...ingressNotes(ingresses),
    ...networkPolicyNotes(networkPolicies),
    ...unmodelledObjectNotes(request.manifests, request.kubernetesVersion),
    ...podAssumptionNotes(cluster.startedSinceBaseline()),
  );
  const plan: Plan = {
    kubernetesVersion: request.kubernetesVersion,
    applied,
    nodes: nodeViews(cluster),
    pods: podViews(cluster),
    rollouts,
    workloadRollouts: planWorkloadRollouts(cluster, templatesBefore),
    services,
    ingresses,
    gatewayRoutes: gateways.routes,
    // After a scenario, the next runs are those after its end (`--for` moves the clock hours or days on).
    cronjobs: planCronJobs(cluster.store.list<CronJob>('CronJob'), scenario ? cluster.clock.now() : request.now),
    persistentVolumeClaims: planPersistentVolumeClaims(cluster.store.list<PersistentVolumeClaim>('PersistentVolumeClaim')),
    dns: dns.records,
    events: cluster.events,
    replicaSets: planReplicaSets(cluster.store),
    autoscalers: planAutoscalers(cluster.store),
    networkPolicies: planNetworkPolicies(networkPolicies),
    reachability: planReachability(networkPolicies),
    notes,
    ...(scenario ? { scenario } : {}),
    ...(resilience ? { resilience } : {}),
  };
  return { plan, networkPolicies };
}

/** The cluster once the request's objects were applied and everything settled, before any section of the plan is read from it. */
export interface SettledRequest {
  cluster: SimulatedCluster;
  notes: string[];
  applied: PlannedApply[];
  rollouts: Plan['rollouts'];
  resilience: PlannedResilience | undefined;
  scenario: PlannedScenario | undefined;
  templatesBefore: ReturnType<typeof workloadTemplateHashes>;
}

/**
 * Steps 1–3 of a plan: the cluster loaded, what runs now applied and settled, then the manifests applied and
 * settled (then each failure of `--what-if` checked on a copy, and the scenario played). The plan's sections are all read from the cluster this leaves.
 */
export function settleRequest(request: PlanRequest): SettledRequest {
  const cluster = new SimulatedCluster(request.kubernetesVersion, request.now, request.newPodsReady, request.maxCreatedPods);
  const notes = [...request.cluster.notes];
  loadCluster(cluster, request.cluster);
  for (const object of [...request.current, ...request.manifests]) cluster.inputs.objects.add(inputKeyOf(cluster, object));
  // What runs now settles before the manifests come. A snapshot alone is taken as the moment it was read: a
  // rollout under way there goes on in the plan, step by step, with the manifests.
  if (request.current.length > 0) {
    applyAll(cluster, request.current, notes);
    settle(cluster, new Set(), notes);
    if (request.cluster.objects.length > 0)
      notes.push('what runs now (--from) was applied over the snapshot and the cluster settled before the manifests: rollouts under way in the snapshot finished (or stalled) first');
  }
  cluster.events.length = 0;
  cluster.markBaseline();
  const templatesBefore = workloadTemplateHashes(cluster);
  const applied = applyAll(cluster, request.manifests, notes);
  const rollouts = settle(cluster, deploymentsIn(request.manifests, cluster), notes);
  const resilience = request.whatIf ? checkResilience(cluster, request.whatIf, notes) : undefined;
  const scenario = request.scenario && request.scenario.length > 0 ? playScenario(cluster, request.scenario, notes) : undefined;
  notes.push(...autoscalerNotes(cluster.store), ...jobNotes(cluster.store), ...volumeNotes(cluster));
  if (cluster.podLimitReached) notes.push(podLimitNote(cluster.maxCreatedPods, rollouts));
  return { cluster, notes, applied, rollouts, resilience, scenario, templatesBefore };
}

/** The plan's pod limit was reached: what that leaves out, naming the rollouts not simulated in full (the first five). */
function podLimitNote(maxCreatedPods: number, rollouts: readonly PlannedRollout[]): string {
  const note = `controllers asked for more than ${maxCreatedPods.toLocaleString('en-US')} pods, the most this plan simulates: workloads past that are shown short of their replicas`;
  const notSimulated = rollouts.filter((rollout) => rollout.outcome === 'notSimulated').map((rollout) => rollout.deployment);
  if (notSimulated.length === 0) return note;
  const named = notSimulated.slice(0, 5).join(', ');
  const rest = notSimulated.length > 5 ? ` and ${(notSimulated.length - 5).toLocaleString('en-US')} more` : '';
  return `${note}, and the rollouts of ${notSimulated.length === 1 ? 'Deployment' : 'Deployments'} ${named}${rest} are not simulated`;
}

/** What the plan's NetworkPolicies read of a settled cluster: its policies, running pods and their owners, the planned Services, namespace labels. */
export function networkPolicyObjects(cluster: SimulatedCluster, services: readonly PlannedService[]): NetworkPolicyObjects {
  return {
    policies: cluster.store.list<NetworkPolicy>('NetworkPolicy'),
    pods: cluster.store.list<Pod>('Pod'),
    replicaSets: cluster.store.list<ReplicaSet>('ReplicaSet'),
    jobs: cluster.store.list<Job>('Job'),
    services,
    namespaceLabels: (name) => namespaceObject(cluster.store, name).metadata?.labels ?? {},
  };
}

/**
 * Stores what the cluster holds as it is (no admission, no re-creation): nodes, then the snapshot's other objects
 * (owners are matched by uid, so their order does not matter), then pods, which take their PriorityClass's value.
 */
export function loadCluster(cluster: SimulatedCluster, model: ClusterModel): void {
  for (const node of model.nodes) cluster.load(structuredClone(node));
  for (const object of model.objects) {
    const copy = structuredClone(object);
    if (copy.kind) copy.kind = storedKind(copy.apiVersion ?? '', copy.kind);
    cluster.load(copy);
  }
  for (const pod of model.pods) cluster.load(structuredClone(pod));
}

function inputKeyOf(cluster: SimulatedCluster, object: DecodedObject): string {
  const metadata = objectAt(object.value, 'metadata');
  const kind = storedKind(object.apiVersion, object.kind);
  return inputKey(kind, cluster.store.namespaceFor(kind, stringAt(metadata, 'namespace')), stringAt(metadata, 'name') ?? '');
}

/** Applies the objects in order: what the server answered for each. A refusal is also a note. */
function applyAll(cluster: SimulatedCluster, objects: readonly DecodedObject[], notes: string[]): PlannedApply[] {
  return objects.map((object) => {
    const metadata = objectAt(object.value, 'metadata');
    const name = stringAt(metadata, 'name') ?? stringAt(metadata, 'generateName') ?? '';
    const kind = storedKind(object.apiVersion, object.kind);
    const namespace = cluster.store.namespaceFor(kind, stringAt(metadata, 'namespace'));
    const existed = cluster.store.get(kind, namespace, name) !== undefined;
    const warnings: string[] = [];
    const refused = cluster.apply(object.apiVersion, kind, object.value, warnings);
    if (refused) notes.push(`${refused}; not applied`);
    return {
      object: eventObject(object.kind, name, namespace || undefined),
      outcome: refused ? 'refused' : existed ? 'configured' : 'created',
      message: refused ?? null,
      warnings,
    };
  });
}

/** `namespace/name` of each Deployment among the objects, where the store put it. */
function deploymentsIn(objects: readonly DecodedObject[], cluster: SimulatedCluster): Set<string> {
  const keys = new Set<string>();
  for (const object of objects) {
    if (object.apiVersion !== 'apps/v1' || object.kind !== 'Deployment') continue;
    const metadata = objectAt(object.value, 'metadata');
    keys.add(keyOf(cluster.store.namespaceFor('Deployment', stringAt(metadata, 'namespace')), stringAt(metadata, 'name') ?? ''));
  }
  return keys;
}
