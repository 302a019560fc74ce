/** What the steps of a scenario share: the cluster, the record so far, the clock, and how they name pods. */
import type { Pod } from 'kubernetes-types/core/v1';
import type { PlannedScenario } from '../../protocol/plan';
import type { SimulatedCluster } from '../simulated-cluster';
import type { Stored } from '../store';
import type { OutageTracker } from './outages';

/** What every step reads and writes: the cluster, the scenario's record so far, and its clock. */
export interface ScenarioPlay {
  cluster: SimulatedCluster;
  scenario: PlannedScenario;
  outages: OutageTracker;
  /** Seconds since the scenario began. */
  at: () => number;
  /** Adds a line to the timeline, at the current time. */
  event: (what: string) => void;
}

/** Pods no node runs that have not ended. */
export function pendingPods(cluster: SimulatedCluster): Stored<Pod>[] {
  return cluster.store.list<Pod>('Pod').filter((pod) => !pod.spec?.nodeName && (pod.status?.phase ?? 'Pending') === 'Pending');
}

/** `namespace/name`, as the scenario's records name a pod. */
export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`;
}
