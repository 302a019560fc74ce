/**
 * What `kubectl rollout status` prints for a Deployment
 * [staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go : DeploymentStatusViewer.Status].
 */
import type { Deployment } from 'kubernetes-types/apps/v1';
import { REASONS, getCondition } from '../../../server/src/cluster/controllers/deployment/conditions';

export interface RolloutStatusText {
  text: string;
  done: boolean;
  /** kubectl exits with this as an error instead of printing `text`. */
  failed: boolean;
}

export function rolloutStatusText(deployment: Deployment): RolloutStatusText {
  const name = JSON.stringify(deployment.metadata?.name ?? '');
  const status = deployment.status ?? {};
  const waiting = (text: string): RolloutStatusText => ({ text: `Waiting for deployment ${name} rollout to finish: ${text}`, done: false, failed: false });
  if ((deployment.metadata?.generation ?? 0) > (status.observedGeneration ?? 0)) {
    return { text: 'Waiting for deployment spec update to be observed...', done: false, failed: false };
  }
  if (getCondition(status, 'Progressing')?.reason === REASONS.progressDeadlineExceeded) {
    return { text: `deployment ${name} exceeded its progress deadline`, done: false, failed: true };
  }
  const updated = status.updatedReplicas ?? 0;
  const replicas = status.replicas ?? 0;
  const available = status.availableReplicas ?? 0;
  const desired = deployment.spec?.replicas;
  if (desired !== undefined && updated < desired) return waiting(`${updated} out of ${desired} new replicas have been updated...`);
  if (replicas > updated) return waiting(`${replicas - updated} old replicas are pending termination...`);
  if (available < updated) return waiting(`${available} of ${updated} updated replicas are available...`);
  return { text: `deployment ${name} successfully rolled out`, done: true, failed: false };
}
