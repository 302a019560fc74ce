/**
 * A scenario played after the manifests settled: its steps in the order the flags gave them, each settled before
 * the next, on one clock. The outages and the pods left Pending are those of the whole scenario.
 */
import type { PlannedScenario, ScenarioStep, WorkloadOutage } from '../../protocol/plan';
import type { SimulatedCluster } from '../simulated-cluster';
import { drainNode } from './drain';
import { failNodes, type FailureStep } from './node-failure';
import { OutageTracker } from './outages';
import { passTime } from './pass-time';
import { scaleTarget } from './scale';
import { pendingPods, podKey, type ScenarioPlay } from './scenario-play';

/** `notes` receives what the plan could not model while the steps played (the plan's notes). */
export function playScenario(cluster: SimulatedCluster, steps: readonly ScenarioStep[], notes: string[] = []): PlannedScenario {
  return playScenarioFollowingWorkloads(cluster, steps, notes).scenario;
}

/**
 * As playScenario, with the times each workload had no ready replica as well. `outages`, when given, has looked
 * at the cluster as it is now (a fork made with it) and follows the scenario's outages from there.
 */
export function playScenarioFollowingWorkloads(
  cluster: SimulatedCluster,
  steps: readonly ScenarioStep[],
  notes: string[] = [],
  outages: OutageTracker = new OutageTracker(cluster.store),
): { scenario: PlannedScenario; workloadOutages: WorkloadOutage[] } {
  const start = cluster.clock.now();
  const scenario: PlannedScenario = { events: [], evictions: [], outages: [], pending: [] };
  const pendingBefore = new Set(pendingPods(cluster).map((pod) => pod.metadata.uid));
  const at = () => (cluster.clock.now() - start) / 1000;
  const play: ScenarioPlay = { cluster, scenario, outages, at, event: (what) => scenario.events.push({ at: at(), what }) };
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index]!;
    switch (step.kind) {
      case 'drain':
        drainNode(play, step.node);
        break;
      case 'fail-node':
      case 'fail-zone': {
        // Failures given one after the other happen at the same instant, so that zones fail together.
        const failures: FailureStep[] = [step];
        for (let next = steps[index + 1]; next?.kind === 'fail-node' || next?.kind === 'fail-zone'; next = steps[index + 1]) {
          failures.push(next);
          index++;
        }
        failNodes(play, failures);
        break;
      }
      case 'scale':
        scaleTarget(play, step, notes);
        break;
      case 'for':
        passTime(play, step.seconds, notes);
        break;
    }
  }
  scenario.outages = play.outages.outages;
  scenario.pending = pendingPods(cluster)
    .filter((pod) => !pendingBefore.has(pod.metadata.uid))
    .map((pod) => ({
      pod: podKey(pod),
      message: pod.status?.conditions?.find((condition) => condition.type === 'PodScheduled' && condition.status === 'False')?.message ?? 'not scheduled yet',
    }));
  return { scenario, workloadOutages: play.outages.workloadOutages };
}
