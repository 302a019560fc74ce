/**
 * What a plan says about itself (docs/timing-model.md, "Assumed" and "Not modelled"): the manifest objects nothing in
 * the embedded cluster acts on, by kind and name with what that means for the plan, and the assumptions behind the
 * pods it started. A plan that leaves these out reads as more certain than it is.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { objectAt, stringAt } from '../kube/plain-values';
import { groupOf } from '../schema/api-versions';
import { loadBundle } from '../schema/bundle';
import type { KubernetesVersion } from '../schema/versions';
import type { DecodedObject } from './cluster-model';
import { annotatedNeverReady } from './kubelet';
import type { Stored } from './store';

/**
 * Kinds, as `group/Kind`, that some part of the embedded cluster reads: a controller, the scheduler, admission, the
 * kubelet or a section of the plan.
 */
const MODELLED = new Set([
  '/Namespace',
  '/Node',
  '/Pod',
  '/Service',
  '/Endpoints',
  '/LimitRange',
  '/ResourceQuota',
  '/PersistentVolumeClaim',
  '/PersistentVolume',
  'storage.k8s.io/StorageClass',
  'node.k8s.io/RuntimeClass',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  '/ReplicationController',
  'apps/Deployment',
  'apps/ReplicaSet',
  'apps/StatefulSet',
  'apps/DaemonSet',
  'apps/ControllerRevision',
  'batch/Job',
  'batch/CronJob',
  'autoscaling/HorizontalPodAutoscaler',
  'policy/PodDisruptionBudget',
  'scheduling.k8s.io/PriorityClass',
  'discovery.k8s.io/EndpointSlice',
  'networking.k8s.io/Ingress',
  'networking.k8s.io/IngressClass',
  'networking.k8s.io/NetworkPolicy',
  'gateway.networking.k8s.io/GatewayClass',
  'gateway.networking.k8s.io/Gateway',
  'gateway.networking.k8s.io/HTTPRoute',
  'gateway.networking.k8s.io/GRPCRoute',
  'gateway.networking.k8s.io/ReferenceGrant',
]);

/** Kinds a cluster only keeps for others to read: storing them is all applying them does. */
const STORED_ONLY = new Set(['/ConfigMap', '/Secret', '/ServiceAccount', '/PodTemplate', '/Event', 'events.k8s.io/Event', 'coordination.k8s.io/Lease']);

/** What leaving a kind out means for the plan, where there is more to say than that nothing acts on it. */
const MEANINGS: Readonly<Record<string, string>> = {
  'rbac.authorization.k8s.io/Role': 'permissions are not checked: every workload is assumed to be allowed what it does',
  'rbac.authorization.k8s.io/ClusterRole': 'permissions are not checked: every workload is assumed to be allowed what it does',
  'rbac.authorization.k8s.io/RoleBinding': 'permissions are not checked: every workload is assumed to be allowed what it does',
  'rbac.authorization.k8s.io/ClusterRoleBinding': 'permissions are not checked: every workload is assumed to be allowed what it does',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration': 'its webhooks are not called: what they would refuse is not in the plan',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration': 'its webhooks are not called: what they would change or refuse is not in the plan',
  'admissionregistration.k8s.io/MutatingAdmissionPolicy': 'its mutations are not applied: objects are planned as written',
  'admissionregistration.k8s.io/MutatingAdmissionPolicyBinding': "its policy's mutations are not applied: objects are planned as written",
  'apiextensions.k8s.io/CustomResourceDefinition': 'its resources are stored, but no controller of theirs runs in the plan',
};

/** Names listed per kind before the rest are counted. */
const NAMES_SHOWN = 10;

/** One note per kind of manifest object that nothing in the plan acts on, in the order the kinds first appear. */
/** The groups each modelled or stored kind is read in, by kind name. */
const GROUPS_OF_KIND = new Map<string, Set<string>>();
for (const key of [...MODELLED, ...STORED_ONLY]) {
  const [group, kind] = [key.slice(0, key.lastIndexOf('/')), key.slice(key.lastIndexOf('/') + 1)];
  GROUPS_OF_KIND.set(kind, (GROUPS_OF_KIND.get(kind) ?? new Set()).add(group));
}

/**
 * The kind the store keeps an object under: its own, or `Kind.group` when the model reads a kind of that name in
 * another group — a custom resource called Ingress is no Ingress, and no controller of the model may take it for one.
 */
export function storedKind(apiVersion: string, kind: string): string {
  const groups = GROUPS_OF_KIND.get(kind);
  const group = groupOf(apiVersion);
  return groups === undefined || groups.has(group) ? kind : `${kind}.${group}`;
}

export function unmodelledObjectNotes(manifests: readonly DecodedObject[], kubernetesVersion: KubernetesVersion): string[] {
  // The bundle is read only when some object is not modelled: most plans never need it.
  let builtInGroups: Set<string> | undefined;
  const isBuiltIn = (group: string) => (builtInGroups ??= new Set(['', ...loadBundle(kubernetesVersion).builtInGroups])).has(group);
  const byKind = new Map<string, { kind: string; custom: boolean; names: string[] }>();
  for (const object of manifests) {
    const key = `${groupOf(object.apiVersion)}/${object.kind}`;
    if (MODELLED.has(key) || STORED_ONLY.has(key)) continue;
    const metadata = objectAt(object.value, 'metadata');
    const name = stringAt(metadata, 'name') ?? stringAt(metadata, 'generateName') ?? '';
    const namespace = stringAt(metadata, 'namespace');
    let entry = byKind.get(key);
    if (!entry) byKind.set(key, (entry = { kind: object.kind, custom: !isBuiltIn(groupOf(object.apiVersion)), names: [] }));
    entry.names.push(namespace ? `${namespace}/${name}` : name);
  }
  return [...byKind].map(([key, { kind, custom, names }]) => {
    const listed = names.length > NAMES_SHOWN ? `${names.slice(0, NAMES_SHOWN).join(', ')} and ${names.length - NAMES_SHOWN} more` : names.join(', ');
    const meaning = MEANINGS[key] ?? (custom ? 'no controller for it runs in the plan: what its operator would do is not modelled' : 'nothing in the plan acts on it');
    return `not modelled: ${kind} ${listed}: ${meaning}`;
  });
}

/** The assumptions behind the pods the plan started (`started`: those the manifests' apply led to). */
export function podAssumptionNotes(started: readonly Stored<Pod>[]): string[] {
  if (started.length === 0) return [];
  const notes = [`images were assumed to pull and containers to start at once, without crashing (${count(started.length)} started)`];
  const probed = started.filter((pod) => pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') && hasReadinessProbe(pod));
  if (probed.length > 0) {
    notes.push(
      `readiness probes were assumed to pass: ${count(probed.length)} with a readiness probe became Ready at once (annotate a pod template with kubeplan.dev/ready: "false" to plan a probe that fails)`,
    );
  }
  return notes;
}

function hasReadinessProbe(pod: Pod): boolean {
  return !annotatedNeverReady(pod) && (pod.spec?.containers ?? []).some((container) => container.readinessProbe !== undefined);
}

/** `1 pod`, `10,000 pods` (grouped by hand: Intl's first use costs more than the whole note). */
const count = (pods: number) => `${String(pods).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} ${pods === 1 ? 'pod' : 'pods'}`;
