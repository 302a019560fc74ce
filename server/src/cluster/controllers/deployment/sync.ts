/**
 * The parts of a Deployment sync every strategy shares [pkg/controller/deployment/sync.go]: finding or creating
 * the new ReplicaSet, scaling a ReplicaSet, proportional scaling, paused syncs and history cleanup.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { asOwner, controllerReference, isControlledBy } from '../../../kube/owner-references';
import { formatTime } from '../../rfc3339';
import {
  POD_TEMPLATE_HASH_LABEL,
  REVISION_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  intAnnotation,
  maxRevision,
  revisionOf,
  replicasAnnotationsNeedUpdate,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
} from './annotations';
import { REASONS, getCondition, hasProgressDeadline, hasRevisionHistoryLimit, newCondition, setCondition } from './conditions';
import { fencepostsOf } from './fenceposts';
import { computePodTemplateHash } from './hash';
import { newReplicaSetReplicas, proportion } from './replica-counts';
import {
  activeReplicaSets,
  byCreationTimestamp,
  bySizeNewer,
  bySizeOlder,
  equalIgnoreHash,
  findActiveOrLatest,
  findNewReplicaSet,
  findOldReplicaSets,
  isSaturated,
  specReplicaCount,
  specReplicas,
} from './replica-sets';
import { createdScaledMessage, scaledMessage } from './scaling-events';
import { syncDeploymentStatus } from './status';
import { SyncEnded, cloneReplicaSet, recordEvent, writeDeployment, writeReplicaSet, type SyncContext } from './sync-context';

/** The ReplicaSet of the Deployment's namespace with this name, whoever controls it: what a new ReplicaSet's name may collide with. */
export type ReplicaSetLookup = (name: string) => ReplicaSet | undefined;

export interface ReplicaSetsOfDeployment {
  newReplicaSet: ReplicaSet | undefined;
  oldReplicaSets: ReplicaSet[];
}

/** Sets the Deployment's revision annotation; true when it changed. */
function setDeploymentRevision(context: SyncContext, revision: string): boolean {
  const metadata = (context.deployment.metadata ??= {});
  const annotations = (metadata.annotations ??= {});
  if (annotations[REVISION_ANNOTATION] === revision) return false;
  annotations[REVISION_ANNOTATION] = revision;
  return true;
}

function maxReplicasOf(context: SyncContext): number {
  return fencepostsOf(context.deployment).maxTotal;
}

/** An existing new ReplicaSet: bring its annotations and minReadySeconds up to date, then the Deployment's revision. */
function syncExistingNewReplicaSet(context: SyncContext, existing: ReplicaSet, newRevision: number): ReplicaSet {
  const deployment = context.deployment;
  const copy = cloneReplicaSet(existing);
  const annotationsUpdated = setNewReplicaSetAnnotations(deployment, copy, newRevision, true, maxReplicasOf(context));
  const minReadySeconds = deployment.spec?.minReadySeconds ?? 0;
  if (annotationsUpdated || (copy.spec?.minReadySeconds ?? 0) !== minReadySeconds) {
    copy.spec = { ...copy.spec!, minReadySeconds };
    writeReplicaSet(context, existing, copy);
    return copy;
  }
  let needsUpdate = setDeploymentRevision(context, copy.metadata?.annotations?.[REVISION_ANNOTATION] ?? '');
  if (hasProgressDeadline(deployment) && !getCondition(deployment.status, 'Progressing')) {
    const message = `Found new replica set "${copy.metadata?.name ?? ''}"`;
    setCondition((deployment.status ??= {}), newCondition('Progressing', 'True', REASONS.foundNewReplicaSet, message, context.now));
    needsUpdate = true;
  }
  if (needsUpdate) writeDeployment(context);
  return copy;
}

/**
 * Creates the new ReplicaSet: `<deployment>-<hash>`, template and selector labelled with the hash, sized by
 * NewRSNewReplicas. A name taken by a ReplicaSet of another template is a hash collision: collisionCount goes
 * up and the sync ends, to retry with the next hash.
 */
function createNewReplicaSet(context: SyncContext, replicaSetNamed: ReplicaSetLookup, oldReplicaSets: readonly ReplicaSet[], newRevision: number): ReplicaSet {
  const deployment = context.deployment;
  const template = structuredClone(deployment.spec!.template);
  const hash = computePodTemplateHash(template, deployment.status?.collisionCount);
  const labels = { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash };
  const selector = structuredClone(deployment.spec!.selector);
  selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash };
  const name = `${deployment.metadata?.name ?? ''}-${hash}`;
  const namespace = deployment.metadata?.namespace;
  const replicaSet: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      ...(namespace !== undefined ? { namespace } : {}),
      // The API server would draw a random uid; a name-derived one keeps runs repeatable.
      uid: `${namespace ?? 'default'}.${name}`,
      generation: 1,
      creationTimestamp: formatTime(context.now),
      labels,
      ownerReferences: [controllerReference(asOwner('Deployment', deployment))],
    },
    spec: {
      replicas: 0,
      minReadySeconds: deployment.spec?.minReadySeconds ?? 0,
      selector,
      template: { ...template, metadata: { ...template.metadata, labels } },
    },
  };
  replicaSet.spec!.replicas = newReplicaSetReplicas(deployment, [...oldReplicaSets, replicaSet], replicaSet);
  setNewReplicaSetAnnotations(deployment, replicaSet, newRevision, false, maxReplicasOf(context));

  const taken = replicaSetNamed(name);
  if (taken) {
    if (isControlledBy(taken.metadata, asOwner('Deployment', deployment)) && equalIgnoreHash(deployment.spec?.template, taken.spec?.template)) {
      if (setDeploymentRevision(context, String(newRevision))) writeDeployment(context);
      return taken;
    }
    const status = (deployment.status ??= {});
    status.collisionCount = (status.collisionCount ?? 0) + 1;
    writeDeployment(context);
    throw new SyncEnded(`replicasets.apps "${name}" already exists`);
  }
  context.created.set(name, replicaSet);
  const replicas = specReplicas(replicaSet);
  if (replicas > 0) recordEvent(context, 'Normal', 'ScalingReplicaSet', createdScaledMessage(context.minorVersion, name, replicas));
  const revisionChanged = setDeploymentRevision(context, String(newRevision));
  if (hasProgressDeadline(deployment)) {
    const condition = newCondition('Progressing', 'True', REASONS.newReplicaSetCreated, `Created new replica set "${name}"`, context.now);
    setCondition((deployment.status ??= {}), condition);
  }
  if (revisionChanged || hasProgressDeadline(deployment)) writeDeployment(context);
  return replicaSet;
}

/**
 * getAllReplicaSetsAndSyncRevision: old ReplicaSets, and the new one with its revision (max old revision + 1)
 * and annotations synced, created when `create` and missing.
 */
export function replicaSetsAndSyncRevision(context: SyncContext, owned: readonly ReplicaSet[], replicaSetNamed: ReplicaSetLookup, create: boolean): ReplicaSetsOfDeployment {
  const deployment = context.deployment;
  const oldReplicaSets = findOldReplicaSets(deployment, owned);
  const newRevision = maxRevision(oldReplicaSets) + 1;
  const existing = findNewReplicaSet(deployment, owned);
  if (existing) return { newReplicaSet: syncExistingNewReplicaSet(context, existing, newRevision), oldReplicaSets };
  if (!create) return { newReplicaSet: undefined, oldReplicaSets };
  return { newReplicaSet: createNewReplicaSet(context, replicaSetNamed, oldReplicaSets, newRevision), oldReplicaSets };
}

/**
 * scaleReplicaSet: write the new size and the desired/max-replicas annotations when either differs; a size
 * change is a `ScalingReplicaSet` event. Returns whether the size changed and the ReplicaSet as written.
 */
export function scaleReplicaSet(context: SyncContext, replicaSet: ReplicaSet, newScale: number): { scaled: boolean; replicaSet: ReplicaSet } {
  const { replicas, maxTotal } = fencepostsOf(context.deployment);
  const oldScale = specReplicas(replicaSet);
  const sizeNeedsUpdate = oldScale !== newScale;
  if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(replicaSet, replicas, maxTotal)) return { scaled: false, replicaSet };
  const copy = cloneReplicaSet(replicaSet);
  copy.spec = { ...copy.spec!, replicas: newScale };
  setReplicasAnnotations(copy, replicas, maxTotal);
  if (sizeNeedsUpdate) {
    const metadata = copy.metadata as { generation?: number };
    metadata.generation = (metadata.generation ?? 1) + 1;
  }
  writeReplicaSet(context, replicaSet, copy);
  if (sizeNeedsUpdate) {
    const name = copy.metadata?.name ?? '';
    context.scaled.push({ replicaSet: name, from: oldScale, to: newScale });
    recordEvent(context, 'Normal', 'ScalingReplicaSet', scaledMessage(context.minorVersion, name, oldScale, newScale));
  }
  return { scaled: sizeNeedsUpdate, replicaSet: copy };
}

/** scaleReplicaSetAndRecordEvent: nothing at all when the size is already right. */
export function scaleReplicaSetIfNeeded(context: SyncContext, replicaSet: ReplicaSet, newScale: number): { scaled: boolean; replicaSet: ReplicaSet } {
  if (specReplicas(replicaSet) === newScale) return { scaled: false, replicaSet };
  return scaleReplicaSet(context, replicaSet, newScale);
}

/**
 * scale, with GetProportion: one active ReplicaSet takes all replicas; a saturated new ReplicaSet empties the
 * old ones; otherwise a RollingUpdate spreads the change over the active ReplicaSets in proportion to their
 * size, largest first, the largest taking what rounding leaves over.
 */
export function scale(context: SyncContext, newReplicaSet: ReplicaSet | undefined, oldReplicaSets: readonly ReplicaSet[]): void {
  const deployment = context.deployment;
  const { strategy, replicas, maxTotal } = fencepostsOf(deployment);
  const activeOrLatest = findActiveOrLatest(newReplicaSet, oldReplicaSets);
  if (activeOrLatest) {
    if (specReplicas(activeOrLatest) !== replicas) scaleReplicaSetIfNeeded(context, activeOrLatest, replicas);
    return;
  }
  if (isSaturated(deployment, newReplicaSet)) {
    for (const old of activeReplicaSets(oldReplicaSets)) scaleReplicaSetIfNeeded(context, old, 0);
    return;
  }
  if (strategy !== 'RollingUpdate') return;
  const active = activeReplicaSets([...oldReplicaSets, newReplicaSet]);
  const allowed = replicas > 0 ? maxTotal : 0;
  const toAdd = allowed - specReplicaCount(active);
  if (toAdd > 0) active.sort(bySizeNewer);
  else if (toAdd < 0) active.sort(bySizeOlder);
  let added = 0;
  const sizes = active.map((replicaSet) => {
    if (toAdd === 0) return specReplicas(replicaSet);
    const change = proportion(replicaSet, deployment, toAdd, added);
    added += change;
    return specReplicas(replicaSet) + change;
  });
  if (toAdd !== 0 && sizes.length > 0) sizes[0] = Math.max(0, sizes[0]! + toAdd - added);
  active.forEach((replicaSet, i) => scaleReplicaSet(context, replicaSet, sizes[i]!));
}

/**
 * cleanupDeployment: beyond revisionHistoryLimit, delete the old ReplicaSets of lowest revision that are empty
 * (spec and status replicas 0) and fully observed.
 */
export function cleanupDeployment(context: SyncContext, oldReplicaSets: readonly ReplicaSet[]): void {
  const deployment = context.deployment;
  if (!hasRevisionHistoryLimit(deployment)) return;
  const cleanable = oldReplicaSets.filter((rs) => rs.metadata?.deletionTimestamp === undefined);
  const excess = cleanable.length - (deployment.spec?.revisionHistoryLimit ?? 0);
  if (excess <= 0) return;
  cleanable.sort((a, b) => {
    const revisionA = revisionOf(a);
    const revisionB = revisionOf(b);
    if (revisionA === undefined || revisionB === undefined || revisionA === revisionB) return byCreationTimestamp(a, b);
    return revisionA - revisionB;
  });
  for (const replicaSet of cleanable.slice(0, excess)) {
    const unobserved = (replicaSet.metadata?.generation ?? 0) > (replicaSet.status?.observedGeneration ?? 0);
    if ((replicaSet.status?.replicas ?? 0) !== 0 || specReplicas(replicaSet) !== 0 || unobserved) continue;
    context.deleted.push(replicaSet.metadata?.name ?? '');
  }
}

/** sync: a paused Deployment or a scaling event — scale, clean up history when paused, write status. */
export function syncScaling(context: SyncContext, owned: readonly ReplicaSet[], replicaSetNamed: ReplicaSetLookup): void {
  const { newReplicaSet, oldReplicaSets } = replicaSetsAndSyncRevision(context, owned, replicaSetNamed, false);
  scale(context, newReplicaSet, oldReplicaSets);
  if (context.deployment.spec?.paused) cleanupDeployment(context, oldReplicaSets);
  syncDeploymentStatus(context, [...oldReplicaSets, newReplicaSet], newReplicaSet);
}

/** isScalingEvent: an active ReplicaSet was sized for a different spec.replicas. */
export function isScalingEvent(context: SyncContext, owned: readonly ReplicaSet[], replicaSetNamed: ReplicaSetLookup): boolean {
  const { newReplicaSet, oldReplicaSets } = replicaSetsAndSyncRevision(context, owned, replicaSetNamed, false);
  const replicas = context.deployment.spec?.replicas ?? 1;
  return activeReplicaSets([...oldReplicaSets, newReplicaSet]).some((rs) => {
    const desired = intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
    return desired !== undefined && desired !== replicas;
  });
}

/** checkPausedConditions: Progressing Unknown DeploymentPaused / DeploymentResumed, never over a timeout. */
export function checkPausedConditions(context: SyncContext): void {
  const deployment = context.deployment;
  if (!hasProgressDeadline(deployment)) return;
  const condition = getCondition(deployment.status, 'Progressing');
  if (condition?.reason === REASONS.progressDeadlineExceeded) return;
  const pausedConditionExists = condition?.reason === REASONS.deploymentPaused;
  if (deployment.spec?.paused && !pausedConditionExists) {
    setCondition((deployment.status ??= {}), newCondition('Progressing', 'Unknown', REASONS.deploymentPaused, 'Deployment is paused', context.now));
    writeDeployment(context);
  } else if (!deployment.spec?.paused && pausedConditionExists) {
    setCondition((deployment.status ??= {}), newCondition('Progressing', 'Unknown', REASONS.deploymentResumed, 'Deployment is resumed', context.now));
    writeDeployment(context);
  }
}
