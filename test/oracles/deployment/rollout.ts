/**
 * Rollouts played out step by step under the timing model of docs/timing-model.md: one step is one Deployment sync;
 * between two syncs the ReplicaSet controller brings every ReplicaSet to its spec.replicas, deleted pods vanish,
 * and new pods are Running and Ready at once (unless `newPodsNeverReady`), available once minReadySeconds
 * have passed. The clock moves `syncIntervalMs` per sync (more when minReadySeconds needs it) and jumps to
 * the controller's requeue time when a rollout stops making progress, so deadlines pass as they would.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod, PodCondition } from 'kubernetes-types/core/v1';
import type { ClusterEvent } from '../../../server/src/protocol/plan';
import { asOwner, isControlledBy } from '../../../server/src/kube/owner-references';
import { formatTime } from '../../../server/src/cluster/rfc3339';
import { manageReplicas } from '../../../server/src/cluster/controllers/replicaset/manage-replicas';
import { calculateReplicaSetStatus } from '../../../server/src/cluster/controllers/replicaset/status';
import { REVISION_ANNOTATION } from '../../../server/src/cluster/controllers/deployment/annotations';
import { REASONS, deploymentComplete, getCondition } from '../../../server/src/cluster/controllers/deployment/conditions';
import { checkDeployment, syncDeployment, type DeploymentSyncResult } from '../../../server/src/cluster/controllers/deployment/deployment-controller';
import { findNewReplicaSet, findOldReplicaSets, specReplicaCount, specReplicas } from '../../../server/src/cluster/controllers/deployment/replica-sets';
import { sameJson } from '../../../server/src/cluster/controllers/deployment/status';

export interface ClusterState {
  deployment: Deployment;
  replicaSets: ReplicaSet[];
  pods: Pod[];
}

export interface RolloutOptions {
  /** Time of the first sync, milliseconds since the epoch. */
  now: number;
  /** Pods of the new ReplicaSet start but never become Ready (a failing readiness probe, a crashing image). */
  newPodsNeverReady?: boolean;
  /** Time between two syncs; 1 s by default. */
  syncIntervalMs?: number;
  /** Give up after this many syncs (the outcome is then "stalled"); by default 1000 + 4 × replicas, more than any rollout needs. */
  maxSyncs?: number;
  /** Kubernetes release whose event wording to use, e.g. "1.33". */
  kubernetesVersion?: string;
  /** First sequence number of generated pod names (see replicaset nameSuffix). */
  podNameSequence?: number;
}

export interface RolloutStep {
  /** Which sync (1-based) made this step. */
  sync: number;
  /** Time of that sync. */
  at: number;
  /** spec.replicas of the new ReplicaSet after the sync. */
  new: number;
  /** Σ spec.replicas of the old ReplicaSets after the sync. */
  old: number;
  /** new + old: the pods running once the ReplicaSets catch up. */
  total: number;
  /** Available pods once the ReplicaSets have caught up, as the next sync sees them. */
  available: number;
  /** Available pods just after this sync's deletions, before any pod it adds is Ready. */
  lowestAvailable: number;
  /** The Deployment controller's events of that sync. */
  events: ClusterEvent[];
}

export type RolloutOutcome = 'complete' | 'stalled' | 'progressDeadlineExceeded';

export interface RolloutResult {
  steps: RolloutStep[];
  outcome: RolloutOutcome;
  /** The state after the last sync, ReplicaSets caught up. */
  state: ClusterState;
  /** Every event in order, the ReplicaSet controller's (`SuccessfulCreate`, `SuccessfulDelete`) included. */
  events: ClusterEvent[];
  syncs: number;
  /** Time of the last sync. */
  endedAt: number;
  /** Sequence number for the next generated pod name, to continue in a later simulation. */
  nextPodNameSequence: number;
}

const DEFAULT_SYNC_INTERVAL_MS = 1000;
const BASE_MAX_SYNCS = 1000;

function readyPodStatus(ready: boolean, now: number): Pod['status'] {
  const time = formatTime(now);
  const condition = (type: string, status: boolean): PodCondition => ({ type, status: status ? 'True' : 'False', lastTransitionTime: time });
  return {
    phase: 'Running',
    conditions: [condition('ContainersReady', ready), condition('Ready', ready)],
    startTime: time,
  };
}

const ownedBy = (pod: Pod, replicaSet: ReplicaSet) => isControlledBy(pod.metadata, asOwner('ReplicaSet', replicaSet));

/**
 * The ReplicaSet controller catching up at `now`: pods created or deleted until each ReplicaSet has its
 * spec.replicas, the new ones Running and Ready (or never Ready, for `neverReady`). Placing pods on nodes is
 * the scheduler's part; these keep no spec.nodeName.
 */
function reconcilePods(state: ClusterState, now: number, neverReady: ReplicaSet | undefined, sequence: number, events: ClusterEvent[]): number {
  for (const replicaSet of state.replicaSets) {
    for (;;) {
      const owned = state.pods.filter((pod) => ownedBy(pod, replicaSet));
      const related = state.pods.filter((pod) => state.replicaSets.some((rs) => ownedBy(pod, rs)));
      const result = manageReplicas({
        replicaSet,
        ownedPods: owned,
        relatedPods: related,
        now,
        nameSequence: sequence,
        takenNames: new Set(state.pods.map((pod) => pod.metadata?.name ?? '')),
      });
      sequence = result.nextNameSequence;
      events.push(...result.events);
      if (result.podsToCreate.length === 0 && result.podsToDelete.length === 0) break;
      const deleted = new Set(result.podsToDelete);
      const ready = replicaSet.metadata?.name !== neverReady?.metadata?.name;
      state.pods = [...state.pods.filter((pod) => !deleted.has(pod)), ...result.podsToCreate.map((pod) => ({ ...pod, status: readyPodStatus(ready, now) }))];
    }
  }
  return sequence;
}

/** Every ReplicaSet's status as its controller computes it at `now`. */
function refreshReplicaSetStatus(state: ClusterState, now: number): void {
  state.replicaSets = state.replicaSets.map((rs) => ({
    ...rs,
    status: calculateReplicaSetStatus(
      rs,
      state.pods.filter((pod) => ownedBy(pod, rs)),
      now,
    ),
  }));
}

/** Applies a sync's writes to `state`; pods of a deleted ReplicaSet go with it (garbage collection). */
export function applyDeploymentSync(state: ClusterState, result: DeploymentSyncResult): void {
  const updated = new Map(result.replicaSetsToUpdate.map((rs) => [rs.metadata?.name, rs]));
  const deleted = new Set(result.replicaSetsToDelete);
  const gone = state.replicaSets.filter((rs) => deleted.has(rs.metadata?.name ?? ''));
  state.pods = state.pods.filter((pod) => !gone.some((rs) => ownedBy(pod, rs)));
  state.replicaSets = [...state.replicaSets.filter((rs) => !deleted.has(rs.metadata?.name ?? '')).map((rs) => updated.get(rs.metadata?.name) ?? rs), ...result.replicaSetsToCreate];
  state.deployment = result.deployment;
}

function changedAnything(before: Deployment, result: DeploymentSyncResult): boolean {
  return (
    result.replicaSetsToCreate.length > 0 ||
    result.replicaSetsToUpdate.length > 0 ||
    result.replicaSetsToDelete.length > 0 ||
    !sameJson(before.status ?? {}, result.deployment.status ?? {}) ||
    !sameJson(before.metadata ?? {}, result.deployment.metadata ?? {})
  );
}

const timedOutIn = (deployment: Deployment) => getCondition(deployment.status, 'Progressing')?.reason === REASONS.progressDeadlineExceeded;

/** How long until the next sync, or undefined when nothing would ever trigger one. */
function nextSyncDelay(deployment: Deployment, result: DeploymentSyncResult, changed: boolean, interval: number): number | undefined {
  if (changed || result.endedEarly !== undefined) {
    const minReadySeconds = deployment.spec?.minReadySeconds ?? 0;
    return Math.max(interval, minReadySeconds > 0 ? minReadySeconds * 1000 + 1000 : 0);
  }
  if (result.requeueAfterMs === undefined) return undefined;
  return Math.max(result.requeueAfterMs, interval);
}

/**
 * Plays the Deployment's rollout from `initial` (its stored status, ReplicaSets and pods) until a sync changes
 * nothing: "complete" when every replica is updated and available, "progressDeadlineExceeded" once the
 * controller reports the deadline passed, "stalled" when the rollout stops short without a deadline to pass.
 */
export function simulateRollout(initial: ClusterState, options: RolloutOptions): RolloutResult | { error: string } {
  const problem = checkDeployment(initial.deployment);
  if (problem) return { error: problem };
  const state: ClusterState = structuredClone({ deployment: initial.deployment, replicaSets: initial.replicaSets, pods: initial.pods });
  const interval = Math.max(1, options.syncIntervalMs ?? DEFAULT_SYNC_INTERVAL_MS);
  const maxSyncs = options.maxSyncs ?? BASE_MAX_SYNCS + 4 * (initial.deployment.spec?.replicas ?? 1);
  const steps: RolloutStep[] = [];
  const events: ClusterEvent[] = [];
  let sequence = options.podNameSequence ?? 0;
  let now = options.now;
  let syncs = 0;
  let outcome: RolloutOutcome = 'stalled';
  refreshReplicaSetStatus(state, now);
  while (syncs < maxSyncs) {
    syncs++;
    const before = state.deployment;
    const availableBefore = new Map(state.replicaSets.map((rs) => [rs.metadata?.name, rs.status?.availableReplicas ?? 0]));
    const result = syncDeployment({ deployment: state.deployment, replicaSets: state.replicaSets, pods: state.pods, now, kubernetesVersion: options.kubernetesVersion });
    if ('error' in result) return result;
    events.push(...result.events);
    applyDeploymentSync(state, result);
    const newReplicaSet = findNewReplicaSet(state.deployment, state.replicaSets);
    const oldReplicaSets = findOldReplicaSets(state.deployment, state.replicaSets);
    sequence = reconcilePods(state, now, options.newPodsNeverReady ? newReplicaSet : undefined, sequence, events);
    const changed = changedAnything(before, result);
    const delay = nextSyncDelay(state.deployment, result, changed, interval);
    refreshReplicaSetStatus(state, now + (delay ?? 0));
    if (result.scaled.length > 0 || result.replicaSetsToCreate.some((rs) => specReplicas(rs) > 0)) {
      const newCount = newReplicaSet ? specReplicas(newReplicaSet) : 0;
      const oldCount = specReplicaCount(oldReplicaSets);
      steps.push({
        sync: syncs,
        at: now,
        new: newCount,
        old: oldCount,
        total: newCount + oldCount,
        available: state.replicaSets.reduce((sum, rs) => sum + (rs.status?.availableReplicas ?? 0), 0),
        lowestAvailable: [...(newReplicaSet ? [newReplicaSet] : []), ...oldReplicaSets].reduce((sum, rs) => sum + Math.min(specReplicas(rs), availableBefore.get(rs.metadata?.name) ?? 0), 0),
        events: result.events,
      });
    }
    const timedOut = timedOutIn(state.deployment);
    if (timedOut && !timedOutIn(before)) {
      outcome = 'progressDeadlineExceeded';
      break;
    }
    if (!changed && deploymentComplete(state.deployment, state.deployment.status ?? {})) {
      outcome = 'complete';
      break;
    }
    if (delay === undefined) {
      if (timedOut) outcome = 'progressDeadlineExceeded';
      break;
    }
    now += delay;
  }
  return { steps, outcome, state, events, syncs, endedAt: now, nextPodNameSequence: sequence };
}

/**
 * A Deployment changed from `current` to `next` (same object, new spec): `current` is first rolled out from
 * nothing with every pod Ready, then `next` — generation one higher, the stored status and revision carried
 * over — is played out from that state. The result is `next`'s rollout only.
 */
export function simulateSpecChange(current: Deployment, next: Deployment, options: RolloutOptions): RolloutResult | { error: string } {
  const settled = simulateRollout({ deployment: current, replicaSets: [], pods: [] }, { ...options, newPodsNeverReady: false });
  if ('error' in settled) return settled;
  if (settled.outcome !== 'complete') return { error: `the current Deployment does not roll out completely (${settled.outcome})` };
  const stored = settled.state.deployment;
  const revision = stored.metadata?.annotations?.[REVISION_ANNOTATION];
  const deployment: Deployment = {
    ...next,
    metadata: {
      ...next.metadata,
      ...(stored.metadata?.uid !== undefined ? { uid: stored.metadata.uid } : {}),
      generation: (stored.metadata?.generation ?? 1) + 1,
      annotations: { ...next.metadata?.annotations, ...(revision !== undefined ? { [REVISION_ANNOTATION]: revision } : {}) },
    },
    status: stored.status,
  };
  return simulateRollout(
    { deployment, replicaSets: settled.state.replicaSets, pods: settled.state.pods },
    { ...options, now: settled.endedAt + (options.syncIntervalMs ?? DEFAULT_SYNC_INTERVAL_MS), podNameSequence: settled.nextPodNameSequence },
  );
}
