/**
 * The pods a StatefulSet controller creates and deletes in one sync (pkg/controller/statefulset:
 * stateful_set_utils.go newStatefulSetPod, getPodName, initIdentity, updateStorage;
 * newVersionedStatefulSetPod, completeRollingUpdate; stateful_set_control.go updateStatefulSet, processReplica,
 * processCondemned, updateStatefulSetAfterInvariantEstablished, computeReplicaStatus).
 */
import type { StatefulSet, StatefulSetStatus } from 'kubernetes-types/apps/v1';
import type { Pod, PodTemplateSpec, Volume } from 'kubernetes-types/core/v1';
import { eventObject } from '../events';
import type { ClusterEvent } from '../../protocol/plan';
import { asOwner, controllerReference, isControlledBy } from '../../kube/owner-references';
import { scaledValueFromIntOrPercent } from '../../kube/int-or-string';
import { isPodAvailable } from './replicaset/pods';

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
/** apps.StatefulSetRevisionLabel: a StatefulSet pod carries the name of its ControllerRevision (`web-<hash>`). */
export const REVISION_LABEL = 'controller-revision-hash';

export function statefulSetPodName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata?.name ?? ''}-${ordinal}`;
}

/** The ordinal a pod's name gives it under this set, or undefined for a name the set would not use. */
export function ordinalOf(set: StatefulSet, pod: Pod): number | undefined {
  const prefix = `${set.metadata?.name ?? ''}-`;
  const name = pod.metadata?.name ?? '';
  if (!name.startsWith(prefix)) return undefined;
  const rest = name.slice(prefix.length);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : undefined;
}

/** Each volumeClaimTemplate becomes a volume bound to the claim `<template>-<pod>` (updateStorage). */
function claimVolumes(set: StatefulSet, podName: string, volumes: readonly Volume[]): Volume[] {
  const claims = (set.spec?.volumeClaimTemplates ?? []).map((template) => template.metadata?.name ?? '');
  const kept = volumes.filter((volume) => !claims.includes(volume.name));
  return [...kept, ...claims.map((claim) => ({ name: claim, persistentVolumeClaim: { claimName: `${claim}-${podName}` } }))];
}

/**
 * newStatefulSetPod: the template with the pod's stable identity (name, labels, hostname, subdomain) and storage;
 * setPodRevision labels it with its revision's name.
 */
export function newStatefulSetPod(set: StatefulSet, ordinal: number, revisionName?: string): Pod {
  const template = set.spec?.template;
  const name = statefulSetPodName(set, ordinal);
  const labels: Record<string, string> = { ...template?.metadata?.labels, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) };
  if (revisionName !== undefined) labels[REVISION_LABEL] = revisionName;
  const spec = template?.spec ?? { containers: [] };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...template?.metadata,
      name,
      namespace: set.metadata?.namespace ?? 'default',
      labels,
      ownerReferences: [controllerReference(asOwner('StatefulSet', set))],
    },
    spec: {
      ...spec,
      hostname: name,
      ...(set.spec?.serviceName ? { subdomain: set.spec.serviceName } : {}),
      volumes: claimVolumes(set, name, spec.volumes ?? []),
    },
  };
}

/** isRunningAndReady: phase Running and condition Ready=True. */
export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && (pod.status.conditions ?? []).some((condition) => condition.type === 'Ready' && condition.status === 'True');
}

/** isRunningAndAvailable: Running and Ready for longer than minReadySeconds. */
function isRunningAndAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  return pod.status?.phase === 'Running' && isPodAvailable(pod, minReadySeconds, now);
}

/** isUnavailable: not created yet, terminating, or not Running and available. */
function isUnavailable(pod: Pod | undefined, minReadySeconds: number, now: number): boolean {
  return pod === undefined || pod.metadata?.deletionTimestamp !== undefined || !isRunningAndAvailable(pod, minReadySeconds, now);
}

/** getPodRevision: the revision name the pod is labelled with. */
export function podRevision(pod: Pod): string | undefined {
  return pod.metadata?.labels?.[REVISION_LABEL];
}

/**
 * The two revisions a sync works between (getStatefulSetRevisions): the update revision is the set's template
 * now; the current revision is the one status.currentRevision names, the template pods below the partition
 * keep. Both are the same once a rollout completes.
 */
export interface StatefulSetRevisions {
  currentRevision: string;
  currentTemplate: PodTemplateSpec;
  updateRevision: string;
}

export interface StatefulSetSyncOptions {
  revisions: StatefulSetRevisions;
  /** The MaxUnavailableStatefulSet feature gate: spec.updateStrategy.rollingUpdate.maxUnavailable is obeyed. */
  maxUnavailableEnabled: boolean;
  /** The simulated time, for minReadySeconds. */
  now: number;
}

export interface StatefulSetSync {
  create: Pod[];
  delete: Pod[];
  events: ClusterEvent[];
  /** Why an OrderedReady set stops before doing everything, e.g. `waiting for web-0 to be Running and Ready`. */
  waitingFor?: string;
}

/** The revision an ordinal is created at (newVersionedStatefulSetPod): current below the partition, else update. */
function createsAtCurrentRevision(set: StatefulSet, ordinal: number): boolean {
  const strategy = set.spec?.updateStrategy;
  const start = set.spec?.ordinals?.start ?? 0;
  // Go's `a && b || c`: a rollingUpdate block decides on its own, whatever the strategy type.
  if (strategy?.rollingUpdate !== undefined) return ordinal < start + (strategy.rollingUpdate.partition ?? 0);
  return (strategy?.type ?? 'RollingUpdate') === 'RollingUpdate' && ordinal < start + (set.status?.currentReplicas ?? 0);
}

/** newVersionedStatefulSetPod. */
function newVersionedStatefulSetPod(set: StatefulSet, ordinal: number, revisions: StatefulSetRevisions): Pod {
  if (createsAtCurrentRevision(set, ordinal)) {
    const currentSet: StatefulSet = { ...set, spec: { ...set.spec!, template: revisions.currentTemplate } };
    return newStatefulSetPod(currentSet, ordinal, revisions.currentRevision);
  }
  return newStatefulSetPod(set, ordinal, revisions.updateRevision);
}

/** getStatefulSetMaxUnavailable: maxUnavailable (default 1) of spec.replicas, rounded down, at least 1. */
export function statefulSetMaxUnavailable(set: StatefulSet): number {
  const scaled = scaledValueFromIntOrPercent(set.spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, set.spec?.replicas ?? 1, false);
  return typeof scaled === 'number' ? Math.max(scaled, 1) : 1;
}

/**
 * One sync (updateStatefulSet): replicas are ordinals `start … start+replicas−1` (spec.ordinals.start, default
 * 0). Missing ones are created at their revision in ordinal order, failed ones deleted for re-creation, pods
 * outside the range deleted from the highest ordinal down. OrderedReady (the default) does one step at a time and
 * only after every lower ordinal is Running and available; Parallel does all of it at once. Then RollingUpdate
 * replaces pods of another revision, highest ordinal first, down to the partition.
 */
export function syncStatefulSet(set: StatefulSet, pods: readonly Pod[], options: StatefulSetSyncOptions): StatefulSetSync {
  const { revisions, now } = options;
  const start = set.spec?.ordinals?.start ?? 0;
  const replicas = set.spec?.replicas ?? 1;
  const minReadySeconds = set.spec?.minReadySeconds ?? 0;
  const ordered = (set.spec?.podManagementPolicy ?? 'OrderedReady') !== 'Parallel';
  const object = eventObject('StatefulSet', set.metadata?.name ?? '', set.metadata?.namespace ?? 'default');
  const setName = set.metadata?.name ?? '';
  const result: StatefulSetSync = { create: [], delete: [], events: [] };
  const create = (pod: Pod): void => {
    result.create.push(pod);
    result.events.push({ type: 'Normal', reason: 'SuccessfulCreate', object, message: `create Pod ${pod.metadata!.name} in StatefulSet ${setName} successful` });
  };
  const remove = (pod: Pod): void => {
    result.delete.push(pod);
    result.events.push({ type: 'Normal', reason: 'SuccessfulDelete', object, message: `delete Pod ${pod.metadata?.name ?? ''} in StatefulSet ${setName} successful` });
  };

  const byOrdinal = new Map<number, Pod>();
  const condemned: { ordinal: number; pod: Pod }[] = [];
  for (const pod of pods) {
    const ordinal = isControlledBy(pod.metadata, asOwner('StatefulSet', set)) ? ordinalOf(set, pod) : undefined;
    if (ordinal === undefined) continue;
    if (ordinal >= start && ordinal < start + replicas) byOrdinal.set(ordinal, pod);
    else condemned.push({ ordinal, pod });
  }

  for (let ordinal = start; ordinal < start + replicas; ordinal++) {
    const pod = byOrdinal.get(ordinal);
    if (pod === undefined || pod.status?.phase === 'Failed') {
      if (pod) remove(pod);
      else create(newVersionedStatefulSetPod(set, ordinal, revisions));
      if (!ordered) continue;
      result.waitingFor = `waiting for ${statefulSetPodName(set, ordinal)} to be created`;
      return result;
    }
    if (!ordered) continue;
    if (pod.metadata?.deletionTimestamp) {
      result.waitingFor = `waiting for ${statefulSetPodName(set, ordinal)} to terminate`;
      return result;
    }
    if (!isRunningAndReady(pod)) {
      result.waitingFor = `waiting for ${statefulSetPodName(set, ordinal)} to be Running and Ready`;
      return result;
    }
    if (!isRunningAndAvailable(pod, minReadySeconds, now)) {
      result.waitingFor = `waiting for ${statefulSetPodName(set, ordinal)} to be Available`;
      return result;
    }
  }

  condemned.sort((a, b) => b.ordinal - a.ordinal);
  for (const { pod } of condemned) {
    if (pod.metadata?.deletionTimestamp) {
      if (ordered) {
        result.waitingFor = `waiting for ${pod.metadata.name ?? ''} to terminate`;
        return result;
      }
      continue;
    }
    remove(pod);
    if (ordered) return result;
  }

  if ((set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'OnDelete') return result;
  // The pods of the range as this sync left them: a pod created or deleted here is not there yet (unavailable).
  const changed = new Set(result.delete);
  const replicaAt = (index: number): Pod | undefined => {
    const pod = byOrdinal.get(start + index);
    return pod === undefined || changed.has(pod) ? undefined : pod;
  };
  const partition = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
  const outdated = (pod: Pod | undefined): pod is Pod => pod !== undefined && podRevision(pod) !== revisions.updateRevision && !pod.metadata?.deletionTimestamp;
  if (options.maxUnavailableEnabled) {
    // updateStatefulSetAfterInvariantEstablished: replace up to maxUnavailable − unavailable pods at once.
    const maxUnavailable = statefulSetMaxUnavailable(set);
    let unavailable = 0;
    for (let index = 0; index < replicas; index++) if (isUnavailable(replicaAt(index), minReadySeconds, now)) unavailable++;
    let toDelete = maxUnavailable - unavailable;
    for (let index = replicas - 1; index >= partition && toDelete > 0; index--) {
      const pod = replicaAt(index);
      if (!outdated(pod)) continue;
      remove(pod);
      toDelete--;
    }
    return result;
  }
  // Without the gate: the highest outdated pod is deleted, and nothing moves while a pod above it is unavailable.
  for (let index = replicas - 1; index >= partition; index--) {
    const pod = replicaAt(index);
    if (outdated(pod)) {
      remove(pod);
      return result;
    }
    if (isUnavailable(pod, minReadySeconds, now)) {
      result.waitingFor = `waiting for ${statefulSetPodName(set, start + index)} to update`;
      return result;
    }
  }
  return result;
}

/**
 * The status a sync writes (updateStatus over computeReplicaStatus, then completeRollingUpdate): counts over the
 * set's pods; once every pod is of the update revision and Ready, the update revision becomes the current one.
 */
export function statefulSetStatus(set: StatefulSet, pods: readonly Pod[], revisions: StatefulSetRevisions, now: number): StatefulSetStatus {
  const minReadySeconds = set.spec?.minReadySeconds ?? 0;
  const status: StatefulSetStatus = {
    observedGeneration: set.metadata?.generation ?? 1,
    replicas: 0,
    readyReplicas: 0,
    availableReplicas: 0,
    currentReplicas: 0,
    updatedReplicas: 0,
    currentRevision: revisions.currentRevision,
    updateRevision: revisions.updateRevision,
    collisionCount: 0,
  };
  for (const pod of pods) {
    if (!isControlledBy(pod.metadata, asOwner('StatefulSet', set)) || ordinalOf(set, pod) === undefined) continue;
    status.replicas++;
    if (isRunningAndReady(pod)) {
      status.readyReplicas = (status.readyReplicas ?? 0) + 1;
      if (isRunningAndAvailable(pod, minReadySeconds, now)) status.availableReplicas = (status.availableReplicas ?? 0) + 1;
    }
    if (pod.metadata?.deletionTimestamp) continue;
    if (podRevision(pod) === revisions.currentRevision) status.currentReplicas = (status.currentReplicas ?? 0) + 1;
    if (podRevision(pod) === revisions.updateRevision) status.updatedReplicas = (status.updatedReplicas ?? 0) + 1;
  }
  const rolling = (set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  if (rolling && status.updatedReplicas === status.replicas && status.readyReplicas === status.replicas) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
  return status;
}
