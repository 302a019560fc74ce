/**
 * The DaemonSet and StatefulSet controllers over the store. Each StatefulSet template is kept as a
 * ControllerRevision `<set>-<hash>` (the hash is the pod-template hash of the template), so that a rollout with a
 * partition can re-create pods below it from the template they had; the set's status names its current and
 * update revisions. Daemon pods carry the template's hash in `controller-revision-hash`.
 */
import type { ControllerRevision, DaemonSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { Node, PersistentVolumeClaim, Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import { applyDefaults } from '../defaulting/index';
import type { PlainObject } from '../kube/plain-values';
import { minorOf } from '../schema/versions';
import { syncDaemonSet } from './controllers/daemonset';
import { computePodTemplateHash } from './controllers/deployment/hash';
import { isPodAvailable, isPodReady } from './controllers/replicaset/pods';
import { ordinalOf, type StatefulSetRevisions, statefulSetStatus, syncStatefulSet } from './controllers/statefulset';
import { claimEvent, statefulSetClaims } from './controllers/statefulset-claims';
import { eventObject } from './events';
import type { ClusterEvent } from '../protocol/plan';
import { asOwner, controllerReference } from '../kube/owner-references';
import type { SimulatedCluster } from './simulated-cluster';
import { StoreError, type Stored } from './store';

/** One sync of every DaemonSet and StatefulSet; true when a pod was created or deleted, or the clock moved. */
export function syncWorkloads(cluster: SimulatedCluster): boolean {
  let changed = false;
  const nodes = cluster.store.list<Node>('Node');
  const now = cluster.clock.now();
  const waits: number[] = [];
  for (const daemonSet of cluster.store.list<DaemonSet>('DaemonSet')) {
    const pods = cluster.store.controlledBy<Pod>('Pod', daemonSet);
    const hash = computePodTemplateHash(daemonSet.spec?.template ?? {});
    const name = () => cluster.store.generateName('Pod', daemonSet.metadata.namespace ?? '', `${daemonSet.metadata.name}-`);
    const result = syncDaemonSet(daemonSet, nodes, pods, name, hash, now);
    const acted = apply(cluster, eventObject('DaemonSet', daemonSet.metadata.name, daemonSet.metadata.namespace ?? 'default'), result.create, result.delete, result.events);
    if (!acted) waits.push(availabilityWait(pods, daemonSet.spec?.minReadySeconds ?? 0, now));
    changed = acted || changed;
  }
  const maxUnavailableEnabled = minorOf(cluster.kubernetesVersion) >= 35;
  for (const statefulSet of cluster.store.list<StatefulSet>('StatefulSet')) {
    const revisions = statefulSetRevisions(cluster, statefulSet);
    const pods = cluster.store.controlledBy<Pod>('Pod', statefulSet);
    const result = syncStatefulSet(statefulSet, pods, { revisions, maxUnavailableEnabled, now });
    const name = statefulSet.metadata.name;
    // createPersistentVolumeClaims comes first: a pod whose claim cannot be created is not created either.
    const withoutClaims = new Set(result.create.filter((pod) => !createClaims(cluster, statefulSet, pod)));
    const create = result.create.filter((pod) => !withoutClaims.has(pod));
    const notCreated = new Set([...withoutClaims].map((pod) => `create Pod ${pod.metadata?.name ?? ''} in StatefulSet ${name} successful`));
    const events = result.events.filter((event) => !(event.reason === 'SuccessfulCreate' && notCreated.has(event.message)));
    const acted = apply(cluster, eventObject('StatefulSet', name, statefulSet.metadata.namespace ?? 'default'), create, result.delete, events);
    if (!acted) waits.push(availabilityWait(pods, statefulSet.spec?.minReadySeconds ?? 0, now));
    changed = acted || changed;
    const settledPods = cluster.store.controlledBy<Pod>('Pod', statefulSet);
    cluster.store.update<StatefulSet>({ ...statefulSet, status: statefulSetStatus(statefulSet, settledPods, revisions, now) });
  }
  // A controller that only waits for Ready pods to be available for minReadySeconds: the clock moves on that far.
  const wait = Math.max(0, ...waits);
  if (!changed && wait > 0) {
    cluster.clock.advance(wait * 1000 + 1000);
    return true;
  }
  return changed;
}

/** createPersistentVolumeClaims: the pod's claims that do not exist yet, each with its event; false when one is refused. */
function createClaims(cluster: SimulatedCluster, set: Stored<StatefulSet>, pod: Pod): boolean {
  const ordinal = ordinalOf(set, pod);
  if (ordinal === undefined) return true;
  const podName = pod.metadata?.name ?? '';
  for (const claim of statefulSetClaims(set, ordinal)) {
    const claimName = claim.metadata?.name ?? '';
    if (cluster.store.get('PersistentVolumeClaim', claim.metadata?.namespace ?? 'default', claimName)) continue;
    try {
      cluster.store.create(applyDefaults('v1', 'PersistentVolumeClaim', claim as unknown as PlainObject) as unknown as PersistentVolumeClaim);
      cluster.record([claimEvent(set, podName, claimName)]);
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      cluster.record([claimEvent(set, podName, claimName, error.message)]);
      return false;
    }
  }
  return true;
}

/** minReadySeconds when some Ready pod is not available yet, else 0. */
function availabilityWait(pods: readonly Pod[], minReadySeconds: number, now: number): number {
  if (minReadySeconds === 0) return 0;
  return pods.some((pod) => isPodReady(pod) && !isPodAvailable(pod, minReadySeconds, now)) ? minReadySeconds : 0;
}

/**
 * getStatefulSetRevisions: the update revision is the ControllerRevision of the set's template (created when
 * new, numbered one past the highest); the current revision is the one status.currentRevision names, or the
 * update revision when there is none.
 */
function statefulSetRevisions(cluster: SimulatedCluster, set: Stored<StatefulSet>): StatefulSetRevisions {
  const namespace = set.metadata.namespace ?? 'default';
  const template = set.spec?.template ?? {};
  const hash = computePodTemplateHash(template);
  const updateRevision = `${set.metadata.name}-${hash}`;
  if (!cluster.store.get('ControllerRevision', namespace, updateRevision)) {
    const history = cluster.store.controlledBy<ControllerRevision>('ControllerRevision', set);
    cluster.store.create<ControllerRevision>({
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name: updateRevision,
        namespace,
        labels: { ...template.metadata?.labels, 'controller-revision-hash': hash },
        ownerReferences: [controllerReference(asOwner('StatefulSet', set))],
      },
      // getPatch: the template as a strategic-merge patch that replaces the whole template.
      data: { spec: { template: { ...template, $patch: 'replace' } } },
      revision: Math.max(0, ...history.map((revision) => revision.revision)) + 1,
    });
  }
  const currentName = set.status?.currentRevision;
  const current = currentName ? cluster.store.get<ControllerRevision>('ControllerRevision', namespace, currentName) : undefined;
  if (current === undefined || currentName === undefined) return { currentRevision: updateRevision, currentTemplate: template, updateRevision };
  return { currentRevision: currentName, currentTemplate: revisionTemplate(current), updateRevision };
}

/** ApplyRevision: the template a revision's patch holds. */
function revisionTemplate(revision: ControllerRevision): PodTemplateSpec {
  const data = revision.data as { spec?: { template?: PodTemplateSpec & { $patch?: string } } } | undefined;
  const { $patch: _replace, ...template } = data?.spec?.template ?? {};
  return template;
}

/** The sync's writes; a pod the API server refuses gets the controller's FailedCreate instead of its SuccessfulCreate. */
function apply(cluster: SimulatedCluster, owner: string, created: readonly Pod[], deleted: readonly Pod[], events: readonly ClusterEvent[]): boolean {
  const refused = new Set(created.filter((pod) => cluster.createPod(pod, owner) === undefined).map((pod) => pod.metadata?.name ?? ''));
  for (const pod of deleted) cluster.deletePod(pod as Stored<Pod>);
  cluster.record(events.filter((event) => !(event.reason === 'SuccessfulCreate' && [...refused].some((name) => event.message.includes(` ${name} `) || event.message.endsWith(` ${name}`)))));
  return created.length - refused.size + deleted.length > 0;
}
