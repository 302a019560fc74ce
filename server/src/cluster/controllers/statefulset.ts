/**
 * The pods a StatefulSet controller creates and deletes in one sync (pkg/controller/statefulset:
 * stateful_set_utils.go newStatefulSetPod, getPodName, initIdentity, updateStorage;
 * stateful_set_control.go updateStatefulSet, processReplica, processCondemned). Rolling updates of the
 * template are not modelled.
 */
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { Pod, Volume } from 'kubernetes-types/core/v1';
import { eventObject } from '../events';
import type { ClusterEvent } from '../../protocol/plan';
import { asOwner, controllerReference, isControlledBy } from '../../kube/owner-references';

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

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

/** newStatefulSetPod: the template with the pod's stable identity (name, labels, hostname, subdomain) and storage. */
export function newStatefulSetPod(set: StatefulSet, ordinal: number, revisionHash?: string): Pod {
  const template = set.spec?.template;
  const name = statefulSetPodName(set, ordinal);
  const labels: Record<string, string> = { ...template?.metadata?.labels, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) };
  if (revisionHash !== undefined) labels['controller-revision-hash'] = revisionHash;
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

export interface StatefulSetSync {
  create: Pod[];
  delete: Pod[];
  events: ClusterEvent[];
  /** Why an OrderedReady set stops before doing everything, e.g. `waiting for web-0 to be Running and Ready`. */
  waitingFor?: string;
}

/**
 * One sync: replicas are ordinals `start … start+replicas−1` (spec.ordinals.start, default 0). Missing ones
 * are created in ordinal order, failed ones deleted for re-creation, pods outside the range deleted from the
 * highest ordinal down. OrderedReady (the default) does one step at a time and only after every lower
 * ordinal is Running and Ready; Parallel does all of it at once.
 */
export function syncStatefulSet(set: StatefulSet, pods: readonly Pod[], revisionHash?: string): StatefulSetSync {
  const start = set.spec?.ordinals?.start ?? 0;
  const replicas = set.spec?.replicas ?? 1;
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
      else create(newStatefulSetPod(set, ordinal, revisionHash));
      if (!ordered) continue;
      result.waitingFor = `waiting for ${statefulSetPodName(set, ordinal)} to be created`;
      return result;
    }
    if (ordered && (pod.metadata?.deletionTimestamp || !isRunningAndReady(pod))) {
      result.waitingFor = `waiting for ${statefulSetPodName(set, ordinal)} to be Running and Ready`;
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
  return result;
}
