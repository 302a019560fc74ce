/**
 * Running the cluster until it is steady (docs/timing-model.md). One step is one sync of each Deployment; between
 * steps the other controllers, the scheduler and the kubelets converge. When no sync changes anything while a
 * rollout is unfinished, the clock jumps past its progress deadline once, so that the next sync reports
 * ProgressDeadlineExceeded as the controller would after waiting.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { deploymentComplete, getCondition, hasProgressDeadline, REASONS } from './controllers/deployment/conditions';
import { type DeploymentSyncInput, type DeploymentSyncResult, syncDeployment } from './controllers/deployment/deployment-controller';
import { resolveFenceposts } from './controllers/deployment/fenceposts';
import { findNewReplicaSet } from './controllers/deployment/replica-sets';
import { converge } from './converge';
import { parseTime } from './rfc3339';
import { eventObject } from './events';
import type { ClusterEvent, PlannedRollout, PlannedRolloutOutcome, PlannedRolloutStep } from '../protocol/plan';
import type { SimulatedCluster } from './simulated-cluster';
import { keyOf, type Stored } from './store';

/** Far more steps than a rollout takes (each step moves at least one replica); a guard against a loop. */
const MAX_STEPS = 10_000;

/**
 * Settles the cluster; returns a rollout record for each Deployment whose `namespace/name` is in `recorded`.
 * `notes` receives what kept a Deployment from syncing.
 */
export function settle(cluster: SimulatedCluster, recorded: ReadonlySet<string>, notes: string[]): PlannedRollout[] {
  const records = new Map<string, PlannedRollout>();
  const refused = new Set<string>();
  converge(cluster);
  let waited = false;
  for (let step = 0; step < MAX_STEPS; step++) {
    const stepped: { deployment: Stored<Deployment>; step: PlannedRolloutStep }[] = [];
    let scaled = false;
    for (const deployment of cluster.store.list<Deployment>('Deployment')) {
      const key = keyOf(deployment.metadata.namespace ?? '', deployment.metadata.name);
      const result = unchanged(cluster, key, deployment) ? { scaled: false, events: [] } : syncOnce(cluster, deployment, key);
      if ('error' in result) {
        if (!refused.has(key)) notes.push(`Deployment ${key} was not rolled out: ${result.error}`);
        refused.add(key);
        continue;
      }
      scaled ||= result.scaled;
      if (!recorded.has(key)) continue;
      const record = records.get(key) ?? newRecord(deployment);
      records.set(key, record);
      if (result.scaled) {
        const counts = replicaCounts(cluster, deployment);
        const entry = { new: counts.new, old: counts.old, total: 0, available: 0, events: result.events };
        record.steps.push(entry);
        stepped.push({ deployment, step: entry });
      }
    }
    const eventsBefore = cluster.events.length;
    converge(cluster);
    const convergeEvents = eventsByObject(cluster.events.slice(eventsBefore));
    for (const { deployment, step: entry } of stepped) {
      const counts = replicaCounts(cluster, deployment);
      entry.total = counts.total;
      entry.available = counts.available;
      for (const object of counts.replicaSetObjects) entry.events.push(...(convergeEvents.get(object) ?? []));
    }
    if (scaled) {
      waited = false;
      continue;
    }
    const deadline = nextProgressDeadline(cluster);
    if (deadline === undefined || waited) break;
    cluster.clock.advance(Math.max(1000, deadline - cluster.clock.now() + 1000));
    waited = true;
  }
  for (const [key, record] of records) {
    const [namespace, name] = key.split('/') as [string, string];
    const deployment = cluster.store.get<Deployment>('Deployment', namespace, name);
    if (deployment) record.outcome = podLimitRefused(cluster, deployment) ? 'notSimulated' : outcomeOf(deployment);
  }
  return [...records.values()];
}

interface SyncOutcome {
  /** Whether any ReplicaSet's spec.replicas changed (or a ReplicaSet with replicas was created). */
  scaled: boolean;
  events: ClusterEvent[];
}

/**
 * Whether the Deployment's sync can be left out because it would write nothing: its last sync wrote nothing, and
 * neither the Deployment nor any ReplicaSet it controls has changed since (compared by content, since ReplicaSet
 * statuses are written in place), with no orphan ReplicaSet to adopt. Upstream's controller likewise syncs a
 * Deployment only when a watch event on it, its ReplicaSets or their pods enqueues it
 * (pkg/controller/deployment/deployment_controller.go addReplicaSet, updateReplicaSet, deletePod, enqueueDeployment).
 */
function unchanged(cluster: SimulatedCluster, key: string, deployment: Stored<Deployment>): boolean {
  const read = cluster.quietDeployments.get(key);
  if (read === undefined || cluster.store.countWithoutController('ReplicaSet') > 0) return false;
  const now = syncInputs(cluster, deployment);
  return read.text === now.text && read.frozen.length === now.frozen.length && read.frozen.every((part, index) => part === now.frozen[index]);
}

/** What a sync read, as syncInputs writes it down. */
export interface SyncRead {
  /** The objects as JSON text, each frozen part written as its place in `frozen`. */
  text: string;
  /** The frozen parts (unchanging-parts.ts): they cannot change, so the same object is the same content. */
  frozen: readonly object[];
}

/**
 * What a sync of a finished rollout reads besides the clock: the Deployment and the ReplicaSets it controls.
 * Other ReplicaSets of the namespace only matter when it adopts an orphan or creates a ReplicaSet whose name may
 * collide, neither of which a sync that wrote nothing does again on the same input. Frozen metadata, specs and
 * statuses (those of a cluster that `--what-if` forks) are compared by identity instead of as text.
 */
function syncInputs(cluster: SimulatedCluster, deployment: Stored<Deployment>): SyncRead {
  const frozen: object[] = [];
  const objects = [deployment, ...cluster.store.controlledBy<ReplicaSet>('ReplicaSet', deployment)].map((object) => withFrozenPartsAside(object, frozen));
  // Never changed once made, and frozen so that forks share it: only its parts aside are objects, frozen already.
  return Object.freeze({ text: JSON.stringify(objects), frozen: Object.freeze(frozen) });
}

/** The object with each frozen part replaced by its place in `frozen`, where it is put. */
function withFrozenPartsAside(object: object, frozen: object[]): unknown {
  let aside: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(object)) {
    if (typeof value !== 'object' || value === null || !Object.isFrozen(value)) continue;
    aside ??= { ...object };
    aside[key] = frozen.length;
    frozen.push(value);
  }
  return aside ?? object;
}

/**
 * A sync that wrote nothing stays a no-op on the same input at a later time only when the clock plays no part in
 * it: the rollout is finished (a Progressing condition with reason NewReplicaSetAvailable, which
 * syncRolloutStatus leaves as it is), the Deployment is not paused or being deleted, and it does not use the
 * Recreate strategy (whose sync also reads pods).
 */
function remembersAsQuiet(deployment: Stored<Deployment>, result: DeploymentSyncResult): boolean {
  return (
    result.replicaSetsToCreate.length === 0 &&
    result.replicaSetsToUpdate.length === 0 &&
    result.replicaSetsToDelete.length === 0 &&
    result.events.length === 0 &&
    result.requeueAfterMs === undefined &&
    result.endedEarly === undefined &&
    JSON.stringify(result.deployment) === JSON.stringify(deployment) &&
    deployment.spec?.paused !== true &&
    deployment.metadata.deletionTimestamp === undefined &&
    deployment.spec?.strategy?.type !== 'Recreate' &&
    getCondition(deployment.status, 'Progressing')?.reason === REASONS.newReplicaSetAvailable
  );
}

/** One Deployment sync, written back to the store: created, updated and deleted ReplicaSets, the Deployment's status. */
function syncOnce(cluster: SimulatedCluster, deployment: Stored<Deployment>, key: string): SyncOutcome | { error: string } {
  const { store } = cluster;
  const namespace = deployment.metadata.namespace ?? '';
  const result = syncDeployment(syncInput(cluster, deployment));
  cluster.quietDeployments.delete(key);
  if ('error' in result) return result;
  const quiet = remembersAsQuiet(deployment, result);
  // Only the ReplicaSets the sync writes can change size.
  const written = [
    ...result.replicaSetsToCreate.map((replicaSet) => replicaSet.metadata?.name ?? ''),
    ...result.replicaSetsToUpdate.map((replicaSet) => replicaSet.metadata?.name ?? ''),
    ...result.replicaSetsToDelete,
  ];
  const before = sizes(cluster, namespace, written);
  for (const replicaSet of result.replicaSetsToCreate) store.create(replicaSet);
  for (const replicaSet of result.replicaSetsToUpdate) store.update(replicaSet);
  for (const name of result.replicaSetsToDelete) {
    const replicaSet = store.get<ReplicaSet>('ReplicaSet', namespace, name);
    if (!replicaSet) continue;
    for (const pod of store.controlledBy<Pod>('Pod', replicaSet)) cluster.deletePod(pod);
    store.delete(replicaSet);
  }
  store.update(result.deployment);
  cluster.record(result.events);
  const after = sizes(cluster, namespace, written);
  const scaled = [...after].some(([name, replicas]) => (before.get(name) ?? 0) !== replicas) || [...before].some(([name, replicas]) => replicas !== 0 && !after.has(name));
  if (quiet) {
    const stored = store.get<Deployment>('Deployment', namespace, deployment.metadata.name);
    if (stored) cluster.quietDeployments.set(key, syncInputs(cluster, stored));
  }
  return { scaled, events: [...result.events] };
}

/**
 * Remembers as quiet each Deployment whose sync now would write nothing and stay a no-op later (remembersAsQuiet),
 * without syncing it: what the first settle of every fork of this cluster would find out again, found out once.
 */
export function rememberQuietDeployments(cluster: SimulatedCluster): void {
  if (cluster.store.countWithoutController('ReplicaSet') > 0) return;
  for (const deployment of cluster.store.list<Deployment>('Deployment')) {
    const key = keyOf(deployment.metadata.namespace ?? '', deployment.metadata.name);
    if (unchanged(cluster, key, deployment)) continue;
    const result = syncDeployment(syncInput(cluster, deployment));
    if (!('error' in result) && remembersAsQuiet(deployment, result)) cluster.quietDeployments.set(key, syncInputs(cluster, deployment));
    else cluster.quietDeployments.delete(key);
  }
}

/** What one sync of the Deployment reads from the store. */
function syncInput(cluster: SimulatedCluster, deployment: Stored<Deployment>): DeploymentSyncInput {
  const { store } = cluster;
  const namespace = deployment.metadata.namespace ?? '';
  return {
    deployment,
    replicaSets: claimableReplicaSets(cluster, deployment),
    replicaSetNamed: (name) => store.get<ReplicaSet>('ReplicaSet', namespace, name),
    // The controller only looks at pods of its own ReplicaSets (Recreate waits for them); listing just those keeps
    // a sync of one Deployment from reading every pod of a large namespace.
    pods: store.controlledBy<ReplicaSet>('ReplicaSet', deployment).flatMap((replicaSet) => store.controlledBy<Pod>('Pod', replicaSet)),
    now: cluster.clock.now(),
    kubernetesVersion: cluster.kubernetesVersion,
  };
}

/**
 * The ReplicaSets a sync claims from, in the store's order: the Deployment's own, found by the owner index, when no
 * ReplicaSet lacks a controller uid (an orphan to adopt, or one a reference without uid names by kind and name);
 * else every ReplicaSet of the namespace, which the controller sorts out itself.
 */
function claimableReplicaSets(cluster: SimulatedCluster, deployment: Stored<Deployment>): Stored<ReplicaSet>[] {
  const { store } = cluster;
  const namespace = deployment.metadata.namespace ?? '';
  if (store.countWithoutController('ReplicaSet') > 0) return store.list<ReplicaSet>('ReplicaSet', namespace);
  const own = store.controlledBy<ReplicaSet>('ReplicaSet', deployment).filter((replicaSet) => (replicaSet.metadata.namespace ?? '') === namespace);
  return store.inListOrder(own);
}

/** Events grouped by their object, each group in the order the events happened. */
function eventsByObject(events: readonly ClusterEvent[]): Map<string, ClusterEvent[]> {
  const groups = new Map<string, ClusterEvent[]>();
  for (const event of events) {
    const group = groups.get(event.object);
    if (group) group.push(event);
    else groups.set(event.object, [event]);
  }
  return groups;
}

/** spec.replicas of the named ReplicaSets of the namespace that exist. */
function sizes(cluster: SimulatedCluster, namespace: string, names: readonly string[]): Map<string, number> {
  const found = new Map<string, number>();
  for (const name of names) {
    const replicaSet = cluster.store.get<ReplicaSet>('ReplicaSet', namespace, name);
    if (replicaSet) found.set(name, replicaSet.spec?.replicas ?? 1);
  }
  return found;
}

/** spec.replicas of the new ReplicaSet and of the old ones, and the pods they have now. */
function replicaCounts(cluster: SimulatedCluster, deployment: Stored<Deployment>): { new: number; old: number; total: number; available: number; replicaSetObjects: Set<string> } {
  const current = cluster.store.get<Deployment>('Deployment', deployment.metadata.namespace ?? '', deployment.metadata.name) ?? deployment;
  const owned = cluster.store.controlledBy<ReplicaSet>('ReplicaSet', current);
  const newReplicaSet = findNewReplicaSet(current, owned);
  const counts = { new: 0, old: 0, total: 0, available: 0, replicaSetObjects: new Set<string>() };
  for (const replicaSet of owned) {
    const replicas = replicaSet.spec?.replicas ?? 1;
    if (replicaSet === newReplicaSet) counts.new += replicas;
    else counts.old += replicas;
    counts.total += replicaSet.status?.replicas ?? 0;
    counts.available += replicaSet.status?.availableReplicas ?? 0;
    counts.replicaSetObjects.add(eventObject('ReplicaSet', replicaSet.metadata.name, replicaSet.metadata.namespace ?? 'default'));
  }
  return counts;
}

function newRecord(deployment: Stored<Deployment>): PlannedRollout {
  const fenceposts = resolveFenceposts(deployment);
  const bounds =
    'error' in fenceposts
      ? { strategy: deployment.spec?.strategy?.type ?? 'RollingUpdate', replicas: deployment.spec?.replicas ?? 1, maxSurge: 0, maxUnavailable: 0, maxTotal: 0, minAvailable: 0 }
      : fenceposts;
  return {
    deployment: keyOf(deployment.metadata.namespace ?? '', deployment.metadata.name),
    strategy: bounds.strategy,
    replicas: bounds.replicas,
    maxSurge: bounds.maxSurge,
    maxUnavailable: bounds.maxUnavailable,
    maxTotal: bounds.maxTotal,
    minAvailable: bounds.minAvailable,
    steps: [],
    outcome: 'stalled',
  };
}

/**
 * The latest time at which an unfinished rollout passes its progress deadline (progress condition's
 * lastUpdateTime + progressDeadlineSeconds), or undefined when every rollout is complete or already timed out.
 */
function nextProgressDeadline(cluster: SimulatedCluster): number | undefined {
  let latest: number | undefined;
  for (const deployment of cluster.store.list<Deployment>('Deployment')) {
    if (!hasProgressDeadline(deployment) || outcomeOf(deployment) !== 'stalled') continue;
    const condition = getCondition(deployment.status, 'Progressing');
    const since = parseTime(condition?.lastUpdateTime) ?? cluster.clock.now();
    const deadline = since + (deployment.spec?.progressDeadlineSeconds ?? 0) * 1000;
    latest = latest === undefined ? deadline : Math.max(latest, deadline);
  }
  return latest;
}

/** Whether the plan's pod limit refused pods of the Deployment's ReplicaSets: its outcome says nothing then. */
export function podLimitRefused(cluster: SimulatedCluster, deployment: Stored<Deployment>): boolean {
  if (cluster.podLimitRefused.size === 0) return false;
  return cluster.store
    .controlledBy<ReplicaSet>('ReplicaSet', deployment)
    .some((replicaSet) => cluster.podLimitRefused.has(eventObject('ReplicaSet', replicaSet.metadata.name, replicaSet.metadata.namespace ?? 'default')));
}

function outcomeOf(deployment: Deployment): PlannedRolloutOutcome {
  if (deploymentComplete(deployment, deployment.status ?? {})) return 'complete';
  const reason = getCondition(deployment.status, 'Progressing')?.reason;
  if (reason === REASONS.newReplicaSetAvailable) return 'complete';
  if (reason === REASONS.progressDeadlineExceeded) return 'progressDeadlineExceeded';
  return 'stalled';
}
