/**
 * The controllers' events of a scenario step as lines of its timeline: what the workload, Job, CronJob and
 * autoscaler controllers decided (scaling, Jobs created and completed, runs skipped), in upstream's reasons and
 * messages. Per-pod events (each pod created, deleted, scheduled, started) are left to the plan's `events`, where
 * every one of them is, so that a scale to 50 replicas is one line, not fifty.
 */
import type { ClusterEvent } from '../../protocol/plan';
import type { ScenarioPlay } from './scenario-play';

/** The kinds whose controllers' decisions a timeline shows. */
const CONTROLLER_KINDS = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'Job', 'CronJob', 'HorizontalPodAutoscaler']);

/** The messages of a controller's one-pod creations and deletions (manage-replicas.ts, statefulset.ts, job.ts). */
const POD_MESSAGE = /^(Created pod: |Deleted pod: |create Pod |delete Pod )/;

/** Whether the timeline shows this event. */
export function isControllerDecision(event: ClusterEvent): boolean {
  const kind = event.object.slice(0, event.object.indexOf('/'));
  return CONTROLLER_KINDS.has(kind) && !POD_MESSAGE.test(event.message);
}

/** `CronJob default/report SuccessfulCreate: Created job report-29430375`: the object as the timeline names objects. */
export function controllerEventLine(event: ClusterEvent): string {
  const [kind, ...rest] = event.object.split('/');
  const warning = event.type === 'Warning' ? 'Warning ' : '';
  return `${warning}${kind} ${rest.join('/')} ${event.reason}: ${event.message}`;
}

/**
 * Adds a timeline line, at the current time, for each controller decision among the cluster's events since `from`.
 * The model syncs every controller in each round of a convergence, where upstream syncs on a watch event or a
 * requeue, so a decision repeated at one instant (a CronJob's JobAlreadyActive) is one line.
 */
export function recordControllerEvents(play: ScenarioPlay, from: number): void {
  const seen = new Set<string>();
  for (const event of play.cluster.events.slice(from)) {
    if (!isControllerDecision(event)) continue;
    const line = controllerEventLine(event);
    if (seen.has(line)) continue;
    seen.add(line);
    play.event(line);
  }
}
