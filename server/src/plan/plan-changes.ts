/**
 * The `changes` part of a plan made against a Git revision: which objects the change adds, changes and removes
 * (object-diff.ts), and what it does in the cluster model.
 *
 * The effects come from two settled states of one cluster model: `before` is the plan of the revision's objects
 * applied and settled with nothing after them, `after` the plan of the same revision settled first and the
 * working tree's manifests applied over it. Both start the same way from the same inputs and the model is
 * deterministic, so an object both states hold (a pod, a ReplicaSet) has the same name in both, and a difference
 * between them is the change's doing.
 */
import { isClusterScopedKind } from '../kube/namespaces';
import type { ManifestObject } from '../check/report';
import type { Plan, PlannedBackend, PlannedChanges, PlannedGatewayRoute, PlannedObjectChange } from '../protocol/plan';
import { diffObjects } from './object-diff';

export interface ChangeInputs {
  base: string;
  /** The objects at the revision, and in the working tree, in the order of their files. */
  baseObjects: readonly ManifestObject[];
  objects: readonly ManifestObject[];
  deletedFiles: readonly string[];
  before: Plan;
  after: Plan;
}

export function planChanges(inputs: ChangeInputs): PlannedChanges {
  return {
    base: inputs.base,
    objects: objectChanges(inputs.baseObjects, inputs.objects),
    deletedFiles: [...inputs.deletedFiles],
    rollouts: triggeredRollouts(inputs.before, inputs.after),
    pendingPods: newlyPending(inputs.before, inputs.after),
    endpoints: endpointChanges(inputs.before, inputs.after),
    routes: routeChanges(inputs.before, inputs.after),
    schedules: scheduleChanges(inputs.before, inputs.after),
  };
}

/** What kubectl apply does not do, for the plan's notes: the objects the change removes stay. */
export function removedObjectsNote(changes: PlannedChanges): string | undefined {
  const removed = changes.objects.filter((object) => object.change === 'removed').length;
  if (removed === 0) return undefined;
  return `the change removes ${removed} ${removed === 1 ? 'object' : 'objects'} from the manifests; kubectl apply leaves ${removed === 1 ? 'it' : 'them'} in the cluster (kubectl delete, or apply --prune, removes ${removed === 1 ? 'it' : 'them'}), and so does this plan`;
}

/**
 * An object is the same object on both sides when its API group, kind, namespace and name are: the API server's
 * identity of a resource (a version change of the same group is the same object).
 */
function identity(object: ManifestObject): string {
  const slash = object.apiVersion.lastIndexOf('/');
  const group = slash === -1 ? '' : object.apiVersion.slice(0, slash);
  return `${group}/${object.kind}/${namespaceOf(object)}/${object.name}`;
}

/** The namespace the object is applied in: `default` when it names none, nothing for a cluster-scoped kind. */
function namespaceOf(object: ManifestObject): string {
  if (isClusterScopedKind(object.kind)) return '';
  return object.namespace || 'default';
}

function objectChanges(baseObjects: readonly ManifestObject[], objects: readonly ManifestObject[]): PlannedObjectChange[] {
  // The first object of each identity counts; a repeated one is the duplicate-object rule's finding.
  const firstOf = (list: readonly ManifestObject[]) => {
    const map = new Map<string, ManifestObject>();
    for (const object of list) if (!map.has(identity(object))) map.set(identity(object), object);
    return map;
  };
  const before = firstOf(baseObjects);
  const after = firstOf(objects);
  const changes: PlannedObjectChange[] = [];
  const entry = (change: PlannedObjectChange['change'], object: ManifestObject, fields: PlannedObjectChange['fields']): PlannedObjectChange => ({
    change,
    apiVersion: object.apiVersion,
    kind: object.kind,
    namespace: namespaceOf(object),
    name: object.name,
    fields,
  });
  for (const [key, object] of after) {
    const previous = before.get(key);
    if (!previous) changes.push(entry('added', object, []));
    else {
      const fields = diffObjects(previous, object);
      if (fields.length > 0) changes.push(entry('changed', object, fields));
    }
  }
  for (const [key, object] of before) if (!after.has(key)) changes.push(entry('removed', object, []));
  return changes;
}

/**
 * Deployments that make a ReplicaSet of a pod-template hash they did not have before (the Deployment controller's
 * new ReplicaSet, pkg/controller/deployment/sync.go getNewReplicaSet, named by the hash of the defaulted template),
 * then the StatefulSets and DaemonSets whose template hash changed (the plan's workloadRollouts). A workload the
 * change adds is created, not rolled out.
 */
function triggeredRollouts(before: Plan, after: Plan): PlannedChanges['rollouts'] {
  const hashesBefore = new Map<string, Set<string>>();
  for (const replicaSet of before.replicaSets) {
    if (!replicaSet.owner?.startsWith('Deployment/') || replicaSet.podTemplateHash === null) continue;
    let hashes = hashesBefore.get(replicaSet.owner);
    if (!hashes) hashesBefore.set(replicaSet.owner, (hashes = new Set()));
    hashes.add(replicaSet.podTemplateHash);
  }
  const rolled = new Set<string>();
  for (const replicaSet of after.replicaSets) {
    const hashes = replicaSet.owner ? hashesBefore.get(replicaSet.owner) : undefined;
    if (hashes && replicaSet.podTemplateHash !== null && !hashes.has(replicaSet.podTemplateHash)) rolled.add(replicaSet.owner!);
  }
  const rollouts = after.rollouts
    .filter((rollout) => rolled.has(`Deployment/${rollout.deployment}`))
    .map((rollout) => ({ workload: `Deployment/${rollout.deployment}`, outcome: rollout.outcome }));
  return [...rollouts, ...after.workloadRollouts.map((rollout) => ({ workload: rollout.workload, outcome: rollout.outcome }))];
}

function newlyPending(before: Plan, after: Plan): PlannedChanges['pendingPods'] {
  const pendingBefore = new Set(before.pods.filter((pod) => pod.node === null).map((pod) => `${pod.namespace}/${pod.name}`));
  return after.pods
    .filter((pod) => pod.node === null && !pendingBefore.has(`${pod.namespace}/${pod.name}`))
    .map((pod) => ({ pod: `${pod.namespace}/${pod.name}`, owner: pod.owner, message: pod.message }));
}

/** Ready endpoints counted as the EndpointSlice controller marks them (conditions.ready), per Service. */
function endpointChanges(before: Plan, after: Plan): PlannedChanges['endpoints'] {
  const readyCounts = (plan: Plan) => new Map(plan.services.map((service) => [`${service.namespace}/${service.name}`, service.endpoints.filter((endpoint) => endpoint.ready).length]));
  return compared(readyCounts(before), readyCounts(after)).map(([service, from, to]) => ({ service, before: from, after: to }));
}

function routeChanges(before: Plan, after: Plan): PlannedChanges['routes'] {
  return compared(routesOf(before), routesOf(after)).map(([route, from, to]) => ({ route, before: from, after: to }));
}

/** Each Ingress rule path and Gateway route match, by what a request matches, with where it goes and how many ready endpoints serve it. */
function routesOf(plan: Plan): Map<string, string> {
  const routes = new Map<string, string>();
  for (const ingress of plan.ingresses) {
    const name = `Ingress/${ingress.namespace}/${ingress.name}`;
    for (const route of ingress.routes) routes.set(`${name} ${route.host ?? '*'}${route.path} (${route.pathType})`, ingress.problem ? `not served: ${ingress.problem}` : backendText(route));
    if (ingress.defaultBackend) routes.set(`${name} (default backend)`, ingress.problem ? `not served: ${ingress.problem}` : backendText(ingress.defaultBackend));
  }
  for (const route of plan.gatewayRoutes) {
    const where = `${route.route} on ${route.gateway}${route.listener !== null ? `/${route.listener}` : ''}`;
    const rule = route.rule === null ? '' : ` rule ${route.rule}`;
    const key = `${where}${rule}${route.match ? ` ${matchKey(route)}` : ''}`;
    routes.set(key, route.accepted ? route.backends.map((backend) => `${backend.namespace}/${backendText(backend)}`).join(', ') || 'no backends' : `not accepted: ${route.reason}`);
  }
  return routes;
}

function matchKey(route: PlannedGatewayRoute): string {
  const match = route.match!;
  const parts = match.path ? [`${match.path.type} ${match.path.value}`] : [`${match.service ?? '*'}/${match.grpcMethod ?? '*'}`];
  if (match.method) parts.push(match.method);
  for (const header of match.headers) parts.push(`header:${header.name}=${header.value}`);
  for (const parameter of match.queryParams ?? []) parts.push(`?${parameter.name}=${parameter.value}`);
  return parts.join(' ');
}

function backendText(backend: PlannedBackend): string {
  const name = backend.service === null ? 'resource' : `${backend.service}:${backend.port ?? '?'}`;
  if (backend.problem) return `${name} (${backend.problem})`;
  return `${name} (${backend.endpoints.filter((endpoint) => endpoint.ready).length} ready)`;
}

/** The first next run, or why there is none. */
function scheduleChanges(before: Plan, after: Plan): PlannedChanges['schedules'] {
  const nextRuns = (plan: Plan) =>
    new Map(plan.cronjobs.map((cronJob) => [`${cronJob.namespace}/${cronJob.name}`, cronJob.nextRuns[0] ?? cronJob.problem ?? (cronJob.suspended ? 'suspended' : 'never')]));
  return compared(nextRuns(before), nextRuns(after)).map(([cronjob, from, to]) => ({ cronjob, before: from, after: to }));
}

/** The keys whose values differ, `after`'s order first: [key, before or null, after or null]. */
function compared<T>(before: ReadonlyMap<string, T>, after: ReadonlyMap<string, T>): [string, T | null, T | null][] {
  const rows: [string, T | null, T | null][] = [];
  for (const [key, value] of after) if (before.get(key) !== value) rows.push([key, before.has(key) ? before.get(key)! : null, value]);
  for (const [key, value] of before) if (!after.has(key)) rows.push([key, value, null]);
  return rows;
}
