/** Defaulted Deployments for the controller tests, as the API server would store them. */
import type { Deployment } from 'kubernetes-types/apps/v1';
import { applyDefaults } from '../../../../server/src/defaulting';
import type { PlainObject } from '../../../../server/src/parse/yaml-documents';

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
