/**
 * A Job run under the model's timing (docs/timing-model.md): between two syncs everything else converges — each pod
 * created is scheduled, runs and succeeds — so the Job advances one sync at a time until it finishes.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Job } from 'kubernetes-types/batch/v1';
import type { KubernetesVersion } from '../../server/src/schema/versions';
import type { ClusterEvent } from '../../server/src/protocol/plan';
import { isJobFinished, syncJob } from '../../server/src/cluster/controllers/job';
import { NameGenerator } from '../../server/src/cluster/names';

export interface JobStep {
  /** Epoch ms of the sync. */
  time: number;
  createdPods: string[];
  events: ClusterEvent[];
}

export interface JobTimeline {
  steps: JobStep[];
  job: Job;
  pods: Pod[];
}

/**
 * Syncs the Job from `start`, one sync every `podRunMs` (the time a pod takes to run), until it is Complete or
 * Failed or `maxSyncs` syncs have passed (a suspended Job never finishes).
 */
export function runJob(job: Job, start: number, version: KubernetesVersion, podRunMs = 0, maxSyncs = 1000): JobTimeline {
  let current = structuredClone(job);
  let pods: Pod[] = [];
  const steps: JobStep[] = [];
  const names = new NameGenerator();
  const generateName = (base: string) => names.generate(base, (name) => pods.some((pod) => pod.metadata?.name === name));
  for (let sync = 0; sync < maxSyncs && !isJobFinished(current); sync++) {
    const time = start + sync * podRunMs;
    const result = syncJob(current, pods, time, version, generateName);
    current = { ...current, status: result.status };
    pods = [...pods.filter((pod) => !result.deletedPods.includes(pod.metadata?.name ?? '')), ...result.createdPods];
    steps.push({ time, createdPods: result.createdPods.map((pod) => pod.metadata?.name ?? ''), events: result.events });
    // Until the next sync, every running pod succeeds.
    pods = pods.map((pod) => (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed' ? pod : { ...pod, status: { ...pod.status, phase: 'Succeeded' } }));
  }
  return { steps, job: current, pods };
}
