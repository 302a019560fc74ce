/**
 * The DaemonSet and StatefulSet controllers over the store. Their pods carry `controller-revision-hash` (here
 * the pod-template hash of the current template). A changed template is rolled out the way RollingUpdate does,
 * one pod at a time once the others are Ready: the outdated pod is deleted and the sync after re-creates it
 * (StatefulSet: highest ordinal first). OnDelete leaves outdated pods alone, as upstream.
 */
import type { DaemonSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import { syncDaemonSet } from './controllers/daemonset';
import { computePodTemplateHash } from './controllers/deployment/hash';
import { isPodReady } from './controllers/replicaset/pods';
import { ordinalOf, syncStatefulSet } from './controllers/statefulset';
import { eventObject } from './events';
import type { ClusterEvent } from '../protocol/plan';
import type { SimulatedCluster } from './simulated-cluster';
import type { Stored } from './store';

const REVISION_LABEL = 'controller-revision-hash';

/** One sync of every DaemonSet and StatefulSet; true when a pod was created or deleted. */
export function syncWorkloads(cluster: SimulatedCluster): boolean {
  let changed = false;
  const nodes = cluster.store.list<Node>('Node');
  for (const daemonSet of cluster.store.list<DaemonSet>('DaemonSet')) {
    const pods = cluster.store.controlledBy<Pod>('Pod', daemonSet);
    const revision = revisionOf(daemonSet.spec?.template);
    const name = () => cluster.store.generateName('Pod', daemonSet.metadata.namespace ?? '', `${daemonSet.metadata.name}-`);
    const result = syncDaemonSet(daemonSet, nodes, pods, name, revision);
    const outdated = result.create.length + result.delete.length === 0 && daemonSet.spec?.updateStrategy?.type !== 'OnDelete' ? nextOutdated(pods, revision) : undefined;
    const deleted = outdated ? [outdated] : result.delete;
    const events = outdated ? [deletedEvent('DaemonSet', daemonSet, `Deleted pod: ${outdated.metadata?.name ?? ''}`)] : result.events;
    changed = apply(cluster, eventObject('DaemonSet', daemonSet.metadata.name, daemonSet.metadata.namespace ?? 'default'), result.create, deleted, events) || changed;
  }
  for (const statefulSet of cluster.store.list<StatefulSet>('StatefulSet')) {
    const pods = cluster.store.controlledBy<Pod>('Pod', statefulSet);
    const revision = revisionOf(statefulSet.spec?.template);
    const result = syncStatefulSet(statefulSet, pods, revision);
    const idle = result.create.length + result.delete.length === 0 && result.waitingFor === undefined;
    const outdated =
      idle && statefulSet.spec?.updateStrategy?.type !== 'OnDelete'
        ? nextOutdated(
            [...pods].sort((a, b) => (ordinalOf(statefulSet, b) ?? 0) - (ordinalOf(statefulSet, a) ?? 0)),
            revision,
          )
        : undefined;
    const name = statefulSet.metadata.name;
    const deleted = outdated ? [outdated] : result.delete;
    const events = outdated ? [deletedEvent('StatefulSet', statefulSet, `delete Pod ${outdated.metadata?.name ?? ''} in StatefulSet ${name} successful`)] : result.events;
    changed = apply(cluster, eventObject('StatefulSet', name, statefulSet.metadata.namespace ?? 'default'), result.create, deleted, events) || changed;
  }
  return changed;
}

function revisionOf(template: PodTemplateSpec | undefined): string {
  return computePodTemplateHash(template ?? {});
}

/** The first pod of an older revision, when every pod is Ready (RollingUpdate with maxUnavailable 1). */
function nextOutdated(pods: readonly Stored<Pod>[], revision: string): Stored<Pod> | undefined {
  if (!pods.every(isPodReady)) return undefined;
  return pods.find((pod) => pod.metadata.labels?.[REVISION_LABEL] !== revision);
}

function deletedEvent(kind: string, owner: Stored<DaemonSet | StatefulSet>, message: string): ClusterEvent {
  return { type: 'Normal', reason: 'SuccessfulDelete', object: eventObject(kind, owner.metadata.name, owner.metadata.namespace ?? 'default'), message };
}

/** The sync's writes; a pod the API server refuses gets the controller's FailedCreate instead of its SuccessfulCreate. */
function apply(cluster: SimulatedCluster, owner: string, created: readonly Pod[], deleted: readonly Pod[], events: readonly ClusterEvent[]): boolean {
  const refused = new Set(created.filter((pod) => cluster.createPod(pod, owner) === undefined).map((pod) => pod.metadata?.name ?? ''));
  for (const pod of deleted) cluster.deletePod(pod as Stored<Pod>);
  cluster.record(events.filter((event) => !(event.reason === 'SuccessfulCreate' && [...refused].some((name) => event.message.includes(` ${name} `) || event.message.endsWith(` ${name}`)))));
  return created.length - refused.size + deleted.length > 0;
}
