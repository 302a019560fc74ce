/**
 * A Deployment's strategy block resolved against its replicas, as the deployment controller resolves it
 * (resolveFenceposts from the cluster model): maxSurge rounds up, maxUnavailable rounds down, both zero allows
 * one unavailable, and maxUnavailable never exceeds replicas. Absent fields take the API server's defaults.
 */
import type { Deployment } from 'kubernetes-types/apps/v1';
import { resolveFenceposts } from '../../cluster/controllers/deployment/fenceposts';
import { scaledValueFromIntOrPercent } from '../../kube/int-or-string';
import { objectAt, type PlainValue } from '../../kube/plain-values';
import { plural, startsWith, type Explainer } from './target';

export const explainRollout: Explainer = (target) => {
  if (target.kind !== 'Deployment' || !target.apiVersion.startsWith('apps/')) return undefined;
  if (!startsWith(target.path, ['spec', 'strategy']) && !(target.path.length === 2 && startsWith(target.path, ['spec', 'replicas']))) return undefined;
  return rolloutMarkdown(objectAt(target.object, 'spec'));
};

/** The bounds of a rollout in words, from the spec as written. */
export function rolloutMarkdown(spec: Record<string, PlainValue> | undefined): string {
  const written = spec?.['replicas'];
  const replicas = typeof written === 'number' ? written : 1;
  const replicasText = typeof written === 'number' ? plural(replicas, 'replica') : `${plural(replicas, 'replica')} (default)`;
  const strategy = objectAt(spec, 'strategy');
  const resolved = resolveFenceposts({ spec: { replicas, strategy } } as unknown as Deployment);
  if ('error' in resolved) return `**Rollout**: the controller cannot resolve this strategy: ${resolved.error}`;
  if (resolved.strategy === 'Recreate') {
    return `**Rollout** (Recreate, ${replicasText}): every old pod is stopped before any new one is created, so no pod is available for a while; maxSurge and maxUnavailable do not apply.`;
  }
  const rollingUpdate = objectAt(strategy, 'rollingUpdate');
  const surgeSetting = intOrString(rollingUpdate?.['maxSurge']);
  const unavailableSetting = intOrString(rollingUpdate?.['maxUnavailable']);
  const surgeWritten = surgeSetting ?? '25%';
  const unavailableWritten = unavailableSetting ?? '25%';
  const surgeText = `${setting('maxSurge', surgeWritten, surgeSetting === undefined)}${scaled(surgeWritten, replicas, resolved.maxSurge, 'up')}`;
  const roundedUnavailable = scaledValueFromIntOrPercent(unavailableWritten, replicas, false);
  const rounded = typeof roundedUnavailable === 'number' ? roundedUnavailable : resolved.maxUnavailable;
  let unavailableText = `${setting('maxUnavailable', unavailableWritten, unavailableSetting === undefined)}${scaled(unavailableWritten, replicas, rounded, 'down')}`;
  if (replicas === 0) unavailableText += '; with 0 replicas the controller takes 0';
  else if (resolved.maxSurge === 0 && rounded === 0) unavailableText += '; maxSurge is 0 too, and both 0 would never progress, so the controller allows 1';
  else if (rounded > replicas) unavailableText += `, more than the replicas: capped at ${replicas}`;
  return [
    `**Rollout** (RollingUpdate, ${replicasText})`,
    '',
    `- ${surgeText}: at most ${plural(resolved.maxTotal, 'pod')} during a rollout`,
    `- ${unavailableText}: at least ${resolved.minAvailable} available`,
  ].join('\n');
}

function intOrString(value: PlainValue | undefined): number | string | undefined {
  return typeof value === 'number' || typeof value === 'string' ? value : undefined;
}

function setting(name: string, value: number | string, defaulted: boolean): string {
  return `${name} \`${value}\`${defaulted ? ' (default)' : ''}`;
}

function scaled(written: number | string, replicas: number, result: number, rounding: 'up' | 'down'): string {
  if (typeof written === 'number') return '';
  return ` of ${plural(replicas, 'replica')} → ${result} (rounded ${rounding})`;
}
