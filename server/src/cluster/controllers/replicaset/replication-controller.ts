/**
 * The ReplicationController controller is the ReplicaSet controller run over ReplicationControllers converted to
 * ReplicaSets [pkg/controller/replication/replication_controller.go : NewReplicationManager, which builds
 * replicaset.NewBaseController with the ReplicationController kind; conversion.go : convertRCtoRS]. The pods it
 * creates and the events it records name the ReplicationController.
 */
import type { ReplicaSet, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import type { ReplicationController, ReplicationControllerStatus } from 'kubernetes-types/core/v1';

/**
 * convertRCtoRS: the same metadata, replicas, minReadySeconds and template; the map selector as `matchLabels`
 * (Convert_v1_ReplicationControllerSpec_To_apps_ReplicaSetSpec). An empty selector was filled from the
 * template's labels by the API server's defaulting.
 */
export function replicaSetOfReplicationController(controller: ReplicationController): ReplicaSet {
  const spec = controller.spec ?? {};
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: controller.metadata ?? {},
    spec: {
      replicas: spec.replicas ?? 1,
      minReadySeconds: spec.minReadySeconds ?? 0,
      selector: { matchLabels: { ...(spec.selector ?? {}) } },
      ...(spec.template ? { template: spec.template } : {}),
    },
    ...(controller.status ? { status: controller.status as ReplicaSetStatus } : {}),
  };
}

/** convertRStoRC for the status the controller writes: the fields are the same in both kinds. */
export function replicationControllerStatus(status: ReplicaSetStatus): ReplicationControllerStatus {
  return status as ReplicationControllerStatus;
}
