/** ReplicaSet status as its controller computes it [replica_set_utils.go : calculateStatus]. */
import type { ReplicaSet, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { compileSetSelector } from '../../../kube/label-selectors';
import { isPodActive, isPodAvailable, isPodReady } from './pods';

/**
 * `replicas` counts active pods; `fullyLabeledReplicas` those carrying every template label; `readyReplicas`
 * the Ready ones; `availableReplicas` those Ready for longer than minReadySeconds. Conditions are kept as they are.
 */
export function calculateReplicaSetStatus(replicaSet: ReplicaSet, ownedPods: readonly Pod[], now: number): ReplicaSetStatus {
  const active = ownedPods.filter(isPodActive);
  const fullyLabeled = compileSetSelector(replicaSet.spec?.template?.metadata?.labels ?? {});
  const minReadySeconds = replicaSet.spec?.minReadySeconds ?? 0;
  const status: ReplicaSetStatus = {
    ...replicaSet.status,
    replicas: active.length,
    fullyLabeledReplicas: active.filter((pod) => fullyLabeled(pod.metadata?.labels ?? {})).length,
    readyReplicas: active.filter(isPodReady).length,
    availableReplicas: active.filter((pod) => isPodAvailable(pod, minReadySeconds, now)).length,
  };
  if (replicaSet.metadata?.generation !== undefined) status.observedGeneration = replicaSet.metadata.generation;
  return status;
}
