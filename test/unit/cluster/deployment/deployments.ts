/** Defaulted Deployments for the controller tests, as the API server would store them. */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { computePodTemplateHash } from '../../../oracles/deployment';
import { applyDefaults } from '../../../../server/src/defaulting';
import type { PlainObject } from '../../../../server/src/kube/plain-values';

export interface DeploymentShape {
  name?: string;
  replicas?: number;
  strategy?: 'RollingUpdate' | 'Recreate';
  maxSurge?: number | string;
  maxUnavailable?: number | string;
  image?: string;
  minReadySeconds?: number;
  progressDeadlineSeconds?: number;
  revisionHistoryLimit?: number;
  paused?: boolean;
}

export const START = Date.parse('2026-01-01T00:00:00Z');

export function deployment(shape: DeploymentShape = {}): Deployment {
  const rollingUpdate: Record<string, number | string> = {};
  if (shape.maxSurge !== undefined) rollingUpdate['maxSurge'] = shape.maxSurge;
  if (shape.maxUnavailable !== undefined) rollingUpdate['maxUnavailable'] = shape.maxUnavailable;
  const manifest = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: shape.name ?? 'web', namespace: 'default', uid: 'uid-web', generation: 1 },
    spec: {
      ...(shape.replicas !== undefined ? { replicas: shape.replicas } : {}),
      selector: { matchLabels: { app: 'web' } },
      strategy: shape.strategy === 'Recreate' ? { type: 'Recreate' } : { type: 'RollingUpdate', rollingUpdate },
      ...(shape.minReadySeconds !== undefined ? { minReadySeconds: shape.minReadySeconds } : {}),
      ...(shape.progressDeadlineSeconds !== undefined ? { progressDeadlineSeconds: shape.progressDeadlineSeconds } : {}),
      ...(shape.revisionHistoryLimit !== undefined ? { revisionHistoryLimit: shape.revisionHistoryLimit } : {}),
      ...(shape.paused !== undefined ? { paused: shape.paused } : {}),
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: shape.image ?? 'nginx:1.25' }] },
      },
    },
  };
  return applyDefaults('apps/v1', 'Deployment', manifest as unknown as PlainObject) as unknown as Deployment;
}

export interface ReplicaSetShape {
  image: string;
  replicas: number;
  /** Ready and available pods; all of `replicas` by default. */
  available?: number;
  /** Pods that exist (status.replicas); `replicas` by default. */
  podCount?: number;
  revision: number;
  /** Seconds after START. */
  createdAfter?: number;
  /** The desired-replicas / max-replicas annotations, when the ReplicaSet was last sized by the Deployment. */
  sizedFor?: { desired: number; max: number };
}

/** A ReplicaSet of the test Deployment for `image`, as the controller would have created it. */
export function replicaSet(shape: ReplicaSetShape): ReplicaSet {
  const template = deployment({ image: shape.image }).spec!.template;
  const hash = computePodTemplateHash(template);
  const labels = { ...template.metadata!.labels, 'pod-template-hash': hash };
  const annotations: Record<string, string> = { 'deployment.kubernetes.io/revision': String(shape.revision) };
  if (shape.sizedFor) {
    annotations['deployment.kubernetes.io/desired-replicas'] = String(shape.sizedFor.desired);
    annotations['deployment.kubernetes.io/max-replicas'] = String(shape.sizedFor.max);
  }
  const available = shape.available ?? shape.replicas;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `web-${hash}`,
      namespace: 'default',
      uid: `uid-web-${hash}`,
      generation: 1,
      labels,
      annotations,
      creationTimestamp: new Date(START + (shape.createdAfter ?? 0) * 1000).toISOString(),
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'uid-web', controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      replicas: shape.replicas,
      minReadySeconds: 0,
      selector: { matchLabels: labels },
      template: { ...template, metadata: { labels } },
    },
    status: { replicas: shape.podCount ?? shape.replicas, readyReplicas: available, availableReplicas: available, observedGeneration: 1 },
  };
}
