/**
 * One sync of one Deployment [pkg/controller/deployment/deployment_controller.go : syncDeployment], as a pure
 * function from the listed state and the time to the writes and events it makes.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { ClusterEvent } from '../../../protocol/plan';
import { compileLabelSelector } from '../../../kube/label-selectors';
import { asOwner, controllerOf, controllerReference, isControlledBy } from '../../../kube/owner-references';
import { resolveFenceposts } from './fenceposts';
import { rolloutRecreate } from './recreate';
import { rolloutRolling } from './rolling';
import { minorVersionOf } from './scaling-events';
import { syncDeploymentStatus } from './status';
import { SyncEnded, recordEvent, writeDeployment, type ScaleChange, type SyncContext } from './sync-context';
import { checkPausedConditions, isScalingEvent, replicaSetsAndSyncRevision, syncScaling, type ReplicaSetLookup } from './sync';

export interface DeploymentSyncInput {
  /** The Deployment after API-server defaulting, with its stored status and metadata.generation. */
  deployment: Deployment;
  /** ReplicaSets of the Deployment's namespace: its own, orphans it may adopt, and others (ignored). */
  replicaSets: readonly ReplicaSet[];
  /**
   * The namespace's ReplicaSet of a name, when `replicaSets` holds only the Deployment's own and the orphans (a
   * store's owner index); without it, `replicaSets` is searched.
   */
  replicaSetNamed?: ReplicaSetLookup;
  /** Pods of the namespace (Recreate waits for the old ones to stop). */
  pods: readonly Pod[];
  /** Milliseconds since the epoch. */
  now: number;
  /** Kubernetes release whose event wording to use, e.g. "1.33"; the latest by default. */
  kubernetesVersion?: string;
}

export interface DeploymentSyncResult {
  /** The Deployment as the sync wrote it (status, revision annotation); the input when it wrote nothing. */
  deployment: Deployment;
  /** New ReplicaSets, named `<deployment>-<pod-template-hash>`, with labels, selector, annotations and size. */
  replicaSetsToCreate: ReplicaSet[];
  /** Changed ReplicaSets as written (size, replica annotations, revision, adoption). */
  replicaSetsToUpdate: ReplicaSet[];
  /** Names of ReplicaSets deleted by revision-history cleanup. */
  replicaSetsToDelete: string[];
  /** Size changes of existing ReplicaSets, in the order made. */
  scaled: ScaleChange[];
  events: ClusterEvent[];
  /** When the controller looks again at a rollout that is not progressing (to report its deadline passing). */
  requeueAfterMs?: number;
  /** Why the sync stopped early (a hash collision or a write conflict); the next sync carries on. */
  endedEarly?: string;
}

/** Input the controller cannot work with, as a message; undefined when the sync can run. */
export function checkDeployment(deployment: Deployment): string | undefined {
  if (!deployment.metadata?.name) return 'the Deployment has no metadata.name';
  if (!deployment.spec?.selector) return 'the Deployment has no spec.selector';
  if (!deployment.spec.template) return 'the Deployment has no spec.template';
  const fenceposts = resolveFenceposts(deployment);
  return 'error' in fenceposts ? fenceposts.error : undefined;
}

/**
 * ClaimReplicaSets: keep own ReplicaSets the selector still matches, release those it no longer matches, adopt
 * matching orphans (not while the Deployment is being deleted).
 */
function claimReplicaSets(context: SyncContext, listed: readonly ReplicaSet[]): ReplicaSet[] {
  const deployment = context.deployment;
  const namespace = deployment.metadata?.namespace ?? 'default';
  const selects = compileLabelSelector(deployment.spec?.selector);
  const owned: ReplicaSet[] = [];
  for (const replicaSet of listed) {
    if ((replicaSet.metadata?.namespace ?? 'default') !== namespace) continue;
    const matches = selects(replicaSet.metadata?.labels ?? {});
    if (isControlledBy(replicaSet.metadata, asOwner('Deployment', deployment))) {
      if (matches) owned.push(replicaSet);
      else if (replicaSet.metadata?.deletionTimestamp === undefined) {
        const released = structuredClone(replicaSet);
        released.metadata!.ownerReferences = released.metadata!.ownerReferences!.filter((reference) => reference.controller !== true);
        context.updated.set(released.metadata?.name ?? '', released);
      }
    } else if (!controllerOf(replicaSet.metadata) && matches && deployment.metadata?.deletionTimestamp === undefined && replicaSet.metadata?.deletionTimestamp === undefined) {
      const adopted = structuredClone(replicaSet);
      adopted.metadata!.ownerReferences = [...(adopted.metadata!.ownerReferences ?? []), controllerReference(asOwner('Deployment', deployment))];
      context.updated.set(adopted.metadata?.name ?? '', adopted);
      owned.push(adopted);
    }
  }
  return owned;
}

/** getPodMapForDeployment: the selected pods of each owned ReplicaSet. */
function podsByReplicaSet(deployment: Deployment, owned: readonly ReplicaSet[], pods: readonly Pod[]): Map<ReplicaSet, Pod[]> {
  const map = new Map<ReplicaSet, Pod[]>(owned.map((rs) => [rs, []]));
  const namespace = deployment.metadata?.namespace ?? 'default';
  const selects = compileLabelSelector(deployment.spec?.selector);
  for (const pod of pods) {
    if ((pod.metadata?.namespace ?? 'default') !== namespace || !selects(pod.metadata?.labels ?? {})) continue;
    const owner = owned.find((rs) => isControlledBy(pod.metadata, asOwner('ReplicaSet', rs)));
    if (owner) map.get(owner)!.push(pod);
  }
  return map;
}

function isEmptySelector(deployment: Deployment): boolean {
  const selector = deployment.spec?.selector ?? {};
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

/**
 * One Deployment sync: an empty selector is refused; a Deployment being deleted only gets status; paused
 * conditions; a paused Deployment or a change of spec.replicas is scaled proportionally; otherwise the strategy
 * rolls out. Bad input yields `{ error }`.
 */
export function syncDeployment(input: DeploymentSyncInput): DeploymentSyncResult | { error: string } {
  const problem = checkDeployment(input.deployment);
  if (problem) return { error: problem };
  const context: SyncContext = {
    deployment: structuredClone(input.deployment),
    now: input.now,
    minorVersion: minorVersionOf(input.kubernetesVersion),
    events: [],
    created: new Map(),
    updated: new Map(),
    deleted: [],
    scaled: [],
  };
  let endedEarly: string | undefined;
  try {
    runSync(context, input);
  } catch (error) {
    if (!(error instanceof SyncEnded)) throw error;
    endedEarly = error.message;
  }
  return {
    deployment: context.writtenDeployment ?? structuredClone(input.deployment),
    replicaSetsToCreate: [...context.created.values()],
    replicaSetsToUpdate: [...context.updated.values()],
    replicaSetsToDelete: context.deleted,
    scaled: context.scaled,
    events: context.events,
    ...(context.requeueAfterMs !== undefined ? { requeueAfterMs: context.requeueAfterMs } : {}),
    ...(endedEarly !== undefined ? { endedEarly } : {}),
  };
}

function runSync(context: SyncContext, input: DeploymentSyncInput): void {
  const deployment = context.deployment;
  if (isEmptySelector(deployment)) {
    recordEvent(context, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
    const generation = deployment.metadata?.generation ?? 0;
    if ((deployment.status?.observedGeneration ?? 0) < generation) {
      (deployment.status ??= {}).observedGeneration = generation;
      writeDeployment(context);
    }
    return;
  }
  const owned = claimReplicaSets(context, input.replicaSets);
  const namespace = deployment.metadata?.namespace ?? 'default';
  const replicaSetNamed: ReplicaSetLookup = input.replicaSetNamed ?? ((name) => input.replicaSets.find((rs) => rs.metadata?.name === name && (rs.metadata?.namespace ?? 'default') === namespace));
  if (deployment.metadata?.deletionTimestamp !== undefined) {
    const { newReplicaSet, oldReplicaSets } = replicaSetsAndSyncRevision(context, owned, replicaSetNamed, false);
    syncDeploymentStatus(context, [...oldReplicaSets, newReplicaSet], newReplicaSet);
    return;
  }
  checkPausedConditions(context);
  if (deployment.spec?.paused || isScalingEvent(context, owned, replicaSetNamed)) {
    syncScaling(context, owned, replicaSetNamed);
    return;
  }
  if (deployment.spec?.strategy?.type === 'Recreate') {
    rolloutRecreate(context, owned, replicaSetNamed, podsByReplicaSet(deployment, owned, input.pods));
  } else {
    rolloutRolling(context, owned, replicaSetNamed);
  }
}
