/**
 * The one-line summaries shown above Deployments, Services and CronJobs: what the plan of their document says about
 * them. Each names the object it opens the plan at.
 */
import type { Plan, PlannedCronJob, PlannedRollout, PlannedService } from '../protocol/plan';
import { intlZone, wallClock } from '../cron/time-zone';
import type { OffsetRange } from '../kube/findings';
import { sourceKey } from '../plan/plan-sources';
import { receivingEndpoints, unresolvedTargetPorts } from '../plan/service-endpoints';

export interface LensObject {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  range: OffsetRange;
}

export interface PlanLens {
  /** Where the object starts; the lens is shown above that line. */
  offset: number;
  title: string;
  /** `Kind/namespace/name` of the object, the key of the plan's sources; absent: the lens plans the whole document. */
  target?: string;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function planLenses(objects: readonly LensObject[], plan: Plan): PlanLens[] {
  const lenses: PlanLens[] = [];
  for (const object of objects) {
    const title = lensTitle(object, plan);
    if (title !== undefined) lenses.push({ offset: object.range.start, title, target: sourceKey(object.kind, object.namespace, object.name) });
  }
  return lenses;
}

/** An object the API server would reject, with the first reason; `kind` is empty for a file that cannot be read. */
export interface RejectedObject {
  kind: string;
  namespace: string;
  name: string;
  message: string;
}

/**
 * When the plan is refused: each object that would have a lens says that it would be rejected and why, or, when
 * another object is the one rejected, names it, rather than claiming no endpoints or no rollout.
 */
export function refusedLenses(objects: readonly LensObject[], rejected: readonly RejectedObject[]): PlanLens[] {
  const first = rejected[0];
  if (!first) return [];
  const lenses: PlanLens[] = [];
  for (const object of objects) {
    if (!hasLens(object)) continue;
    const namespace = object.namespace || 'default';
    const own = rejected.find((candidate) => candidate.kind === object.kind && candidate.name === object.name && (candidate.namespace || 'default') === namespace);
    const title = own ? `rejected: ${own.message}` : first.kind ? `no plan: ${first.kind}/${first.name} would be rejected` : `no plan: ${first.message}`;
    lenses.push({ offset: object.range.start, title, target: sourceKey(object.kind, object.namespace, object.name) });
  }
  return lenses;
}

/** Deployments, Services and CronJobs: the kinds a lens sums up. */
export function hasLens(object: Pick<LensObject, 'apiVersion' | 'kind'>): boolean {
  return (
    (object.apiVersion === 'apps/v1' && object.kind === 'Deployment') ||
    (object.apiVersion === 'v1' && object.kind === 'Service') ||
    (object.apiVersion === 'batch/v1' && object.kind === 'CronJob')
  );
}

function lensTitle(object: LensObject, plan: Plan): string | undefined {
  const namespace = object.namespace || 'default';
  const same = (item: { name: string; namespace: string }) => item.name === object.name && item.namespace === namespace;
  if (object.apiVersion === 'apps/v1' && object.kind === 'Deployment') {
    const rollout = plan.rollouts.find((candidate) => candidate.deployment === `${namespace}/${object.name}`);
    return rollout && rolloutTitle(rollout);
  }
  if (object.apiVersion === 'v1' && object.kind === 'Service') {
    const service = plan.services.find(same);
    return service && endpointsTitle(service);
  }
  if (object.apiVersion === 'batch/v1' && object.kind === 'CronJob') {
    const cronJob = plan.cronjobs.find(same);
    return cronJob && nextRunTitle(cronJob);
  }
  return undefined;
}

export function rolloutTitle(rollout: PlannedRollout): string {
  const steps = `${rollout.steps.length} ${rollout.steps.length === 1 ? 'step' : 'steps'}`;
  const bounds = rollout.strategy === 'RollingUpdate' ? `, ≤${rollout.maxTotal} pods, ≥${rollout.minAvailable} available` : ', Recreate: old pods stop first';
  const outcome = { complete: '', stalled: ', stalls', progressDeadlineExceeded: ', exceeds its progress deadline', notSimulated: ', not simulated (pod limit)' }[rollout.outcome];
  return `rollout: ${steps}${bounds}${outcome}`;
}

/** Endpoints that receive traffic are counted; the rest (not ready, terminating) are mentioned. */
export function endpointsTitle(service: PlannedService): string {
  if (service.type === 'ExternalName') return 'ExternalName: no endpoints';
  const unresolved = unresolvedTargetPorts(service);
  if (unresolved) return `no endpoints: ${unresolved}`;
  const receiving = receivingEndpoints(service);
  const ready = receiving.filter((endpoint) => endpoint.ready).length;
  const notReady = receiving.length - ready;
  const counted = ready === 0 ? 'no endpoints' : `${ready} ${ready === 1 ? 'endpoint' : 'endpoints'}`;
  return notReady > 0 ? `${counted} (${notReady} not ready)` : counted;
}

/** The next run in the CronJob's own time zone, as its schedule is written: `next: Mon 09:00 Asia/Seoul`. */
export function nextRunTitle(cronJob: PlannedCronJob): string {
  if (cronJob.suspended) return 'suspended: no runs';
  if (cronJob.problem !== undefined) return `no runs: ${cronJob.problem}`;
  const first = cronJob.nextRuns[0];
  if (first === undefined) return 'next: never';
  const zone = cronJob.timeZone ?? 'UTC';
  const clock = wallClock(intlZone(zone), Date.parse(first));
  const two = (value: number) => String(value).padStart(2, '0');
  return `next: ${WEEKDAYS[clock.weekday]} ${two(clock.hour)}:${two(clock.minute)} ${zone}`;
}
