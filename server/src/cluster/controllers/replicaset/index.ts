/**
 * The ReplicaSet controller as pure functions: how many pods one sync creates or deletes and which, and the
 * status it writes [pkg/controller/replicaset/replica_set.go : manageReplicas; replica_set_utils.go : calculateStatus].
 */
export { manageReplicas, slowStartBatches, nameSuffix, BURST_REPLICAS, SAFE_ALPHABET } from './manage-replicas';
export type { ManageReplicasInput, ManageReplicasResult, ReplicaControllerKind } from './manage-replicas';
export { podsToDelete, POD_DELETION_COST_ANNOTATION } from './pod-ranking';
export { calculateReplicaSetStatus } from './status';
export { isPodActive, isPodReady, isPodAvailable } from './pods';
export { replicaSetOfReplicationController, replicationControllerStatus } from './replication-controller';
