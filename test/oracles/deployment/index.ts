/**
 * The Deployment controller of the cluster model (pkg/controller/deployment), as pure functions over plain API
 * objects:
 *
 * - `resolveFenceposts(deployment)` — maxSurge / maxUnavailable resolved against spec.replicas, with maxTotal and
 *   minAvailable (what a hover or a plan shows).
 * - `syncDeployment(input)` — one sync of one Deployment: the ReplicaSets to create, update (scale, annotate,
 *   adopt) and delete, the Deployment's new status and conditions, and `ScalingReplicaSet` events.
 * - `simulateRollout(state, options)` / `simulateSpecChange(current, next, options)` — syncs played out under the
 *   timing model of docs/timing-model.md, as steps `{ new, old, total, available, events }` and an outcome.
 * - `rolloutStatusText(deployment)` — what `kubectl rollout status` prints.
 */
export { resolveFenceposts } from '../../../server/src/cluster/controllers/deployment/fenceposts';
export { scaledValueFromIntOrPercent, type IntOrString } from '../../../server/src/kube/int-or-string';
export type { Fenceposts } from '../../../server/src/cluster/controllers/deployment/fenceposts';
export { syncDeployment, checkDeployment } from '../../../server/src/cluster/controllers/deployment/deployment-controller';
export type { DeploymentSyncInput, DeploymentSyncResult } from '../../../server/src/cluster/controllers/deployment/deployment-controller';
export type { ScaleChange } from '../../../server/src/cluster/controllers/deployment/sync-context';
export { simulateRollout, simulateSpecChange, applyDeploymentSync } from './rollout';
export type { ClusterState, RolloutOptions, RolloutStep, RolloutOutcome, RolloutResult } from './rollout';
export { rolloutStatusText } from './rollout-status';
export type { RolloutStatusText } from './rollout-status';
export { computePodTemplateHash } from '../../../server/src/cluster/controllers/deployment/hash';
export { findNewReplicaSet, findOldReplicaSets } from '../../../server/src/cluster/controllers/deployment/replica-sets';
export { REASONS as DEPLOYMENT_CONDITION_REASONS } from '../../../server/src/cluster/controllers/deployment/conditions';
export {
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  POD_TEMPLATE_HASH_LABEL,
} from '../../../server/src/cluster/controllers/deployment/annotations';
