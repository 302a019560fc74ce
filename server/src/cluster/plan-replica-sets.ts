/** The plan's `replicaSets`: every ReplicaSet at the end of the plan, with what a reader needs to check a rollout. */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PlannedReplicaSet } from '../protocol/plan';
import { controllerOf } from '../kube/owner-references';
import { eventObject } from './events';
import type { ObjectStore } from './store';

/** The annotation the Deployment controller keeps a ReplicaSet's revision in (deployment/util RevisionAnnotation). */
const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

export function planReplicaSets(store: ObjectStore): PlannedReplicaSet[] {
  return store.list<ReplicaSet>('ReplicaSet').map((replicaSet) => {
    const namespace = replicaSet.metadata.namespace ?? '';
    const owner = controllerOf(replicaSet.metadata);
    const revision = Number(replicaSet.metadata.annotations?.[REVISION_ANNOTATION]);
    return {
      name: replicaSet.metadata.name,
      namespace,
      owner: owner ? eventObject(owner.kind, owner.name, namespace) : null,
      revision: Number.isInteger(revision) ? revision : null,
      podTemplateHash: replicaSet.metadata.labels?.['pod-template-hash'] ?? null,
      replicas: replicaSet.spec?.replicas ?? 1,
      readyReplicas: replicaSet.status?.readyReplicas ?? 0,
      availableReplicas: replicaSet.status?.availableReplicas ?? 0,
    };
  });
}
