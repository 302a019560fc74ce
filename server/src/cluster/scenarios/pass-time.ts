/**
 * `--for DURATION`: time passes on the plan's clock, event by event rather than second by second. The clock moves
 * to the earliest thing waiting for time — a CronJob's next schedule time (cronjob_controllerv2.go syncCronJob's
 * requeue, without its 100 ms nextScheduleDelta), a pod's planned exit, a Job's back-off or activeDeadlineSeconds —
 * the cluster settles there, and so on until the duration is over. CronJobs fire on schedule under their
 * concurrencyPolicy, startingDeadlineSeconds, suspend, timeZone and history limits (controllers/cronjob.ts), and the
 * Jobs they create run under the plan's Job model (kubeplan.dev/exit-code).
 */
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import { NEXT_SCHEDULE_DELTA_MS, syncCronJob } from '../controllers/cronjob';
import { formatTime } from '../rfc3339';
import { settle } from '../settle';
import type { SimulatedCluster } from '../simulated-cluster';
import { recordControllerEvents } from './controller-events';
import type { ScenarioPlay } from './scenario-play';

/** The longest `--for`: a year (8760h). Past it, the CronJob bound below would cut any schedule short anyway. */
export const MAX_FOR_SECONDS = 8760 * 3600;

/**
 * The Jobs CronJobs may create in one `--for` (a `*\/1 * * * *` schedule over 720h would ask for 43,200); past it,
 * time stops there and a note says so, so that the plan stays fast.
 */
export const MAX_CRONJOB_RUNS = 500;

/** The clock's moves in one `--for`, a guard far above what MAX_CRONJOB_RUNS Jobs and their pods take. */
const MAX_MOVES = 20 * MAX_CRONJOB_RUNS;

/** Go's Duration.String() of whole seconds: `1h0m0s`, `1m30s`, `45s`. */
export function durationText(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours > 0) return `${hours}h${minutes}m${rest}s`;
  if (minutes > 0) return `${minutes}m${rest}s`;
  return `${rest}s`;
}

/** One `--for` step. */
export function passTime(play: ScenarioPlay, seconds: number, notes: string[]): void {
  const { cluster, event } = play;
  const duration = durationText(seconds);
  const end = cluster.clock.now() + seconds * 1000;
  event(`time passes for ${duration} (--for)`);
  let runs = 0;
  let moves = 0;
  let cutShort = false;
  try {
    for (;;) {
      const next = nextTimedEvent(cluster, end);
      if (next === undefined) break;
      if (runs >= MAX_CRONJOB_RUNS || moves >= MAX_MOVES) {
        cutShort = true;
        break;
      }
      cluster.clock.advance(next - cluster.clock.now());
      moves++;
      // Convergence may not move the clock on by itself: the next thing waiting for time is this loop's to find.
      cluster.horizon = next;
      const eventsBefore = cluster.events.length;
      settle(cluster, new Set(), notes);
      runs += cluster.events.slice(eventsBefore).filter((entry) => entry.object.startsWith('CronJob/') && entry.reason === 'SuccessfulCreate').length;
      recordControllerEvents(play, eventsBefore);
      play.outages.observe(play.at(), `no ready endpoint while time passed (--for ${duration})`);
    }
  } finally {
    cluster.horizon = undefined;
  }
  if (cutShort) {
    const left = durationText(Math.round((end - cluster.clock.now()) / 1000));
    notes.push(
      `--for ${duration}: time stopped at ${formatTime(cluster.clock.now())}, ${left} short of the end, after CronJobs created ${runs} Jobs (the most one --for simulates is ${MAX_CRONJOB_RUNS}); the plan shows the cluster at that time`,
    );
    event(`time stops ${left} early: CronJobs created ${runs} Jobs, the most one --for simulates`);
    return;
  }
  if (cluster.clock.now() < end) cluster.clock.advance(end - cluster.clock.now());
  event(`${duration} passed`);
}

/**
 * The earliest time after now and not after `end` at which something waits: a pod's exit, a Job's back-off or
 * deadline (SimulatedCluster.nextWake), or a CronJob's next schedule time as its sync would requeue it.
 */
function nextTimedEvent(cluster: SimulatedCluster, end: number): number | undefined {
  const now = cluster.clock.now();
  const times: number[] = [];
  const wake = cluster.nextWake(end);
  if (wake !== undefined) times.push(wake);
  for (const cronJob of cluster.store.list<CronJob>('CronJob')) {
    const { requeueAt } = syncCronJob(cronJob, cluster.store.list<Job>('Job', cronJob.metadata.namespace ?? ''), now);
    if (requeueAt === undefined) continue;
    const scheduled = requeueAt - NEXT_SCHEDULE_DELTA_MS;
    if (scheduled > now && scheduled <= end) times.push(scheduled);
  }
  return times.length > 0 ? Math.min(...times) : undefined;
}
