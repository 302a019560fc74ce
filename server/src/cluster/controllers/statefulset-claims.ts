/**
 * The claims a StatefulSet controller creates for a pod before the pod itself (pkg/controller/statefulset:
 * stateful_set_utils.go getPersistentVolumeClaimName, getPersistentVolumeClaims; stateful_pod_control.go
 * createPersistentVolumeClaims, recordClaimEvent).
 */
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { ClusterEvent } from '../../protocol/plan';
import { eventObject } from '../events';

/** getPersistentVolumeClaimName: `<template>-<set>-<ordinal>`. */
export function persistentVolumeClaimName(set: StatefulSet, template: PersistentVolumeClaim, ordinal: number): string {
  return `${template.metadata?.name ?? ''}-${set.metadata?.name ?? ''}-${ordinal}`;
}

/** getPersistentVolumeClaims: each template under its claim name, in the set's namespace, labelled with the set's matchLabels too. */
export function statefulSetClaims(set: StatefulSet, ordinal: number): PersistentVolumeClaim[] {
  const matchLabels = set.spec?.selector?.matchLabels ?? {};
  return (set.spec?.volumeClaimTemplates ?? []).map((template) => {
    // A template's status is not the claim's: the PV controller writes it.
    const { status: _status, ...claim } = structuredClone(template);
    return {
      ...claim,
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        ...claim.metadata,
        name: persistentVolumeClaimName(set, template, ordinal),
        namespace: set.metadata?.namespace ?? 'default',
        labels: { ...claim.metadata?.labels, ...matchLabels },
      },
    };
  });
}

/** recordClaimEvent: `SuccessfulCreate` or `FailedCreate` on the set. */
export function claimEvent(set: StatefulSet, podName: string, claimName: string, error?: string): ClusterEvent {
  const object = eventObject('StatefulSet', set.metadata?.name ?? '', set.metadata?.namespace ?? 'default');
  const setName = set.metadata?.name ?? '';
  if (error === undefined) return { type: 'Normal', reason: 'SuccessfulCreate', object, message: `create Claim ${claimName} Pod ${podName} in StatefulSet ${setName} success` };
  return { type: 'Warning', reason: 'FailedCreate', object, message: `create Claim ${claimName} for Pod ${podName} in StatefulSet ${setName} failed error: ${error}` };
}
