/**
 * A Job run under the model's timing (docs/timing-model.md): between two syncs everything else converges — each pod
 * created is scheduled, runs and succeeds — so the Job advances one sync at a time until it finishes.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Job } from 'kubernetes-types/batch/v1';
import type { KubernetesVersion } from '../../server/src/schema/versions';
import type { ClusterEvent } from '../../server/src/protocol/plan';
import { isJobFinished, syncJob } from '../../server/src/cluster/controllers/job';
import { endPod } from '../../server/src/cluster/kubelet';
import { NameGenerator } from '../../server/src/cluster/names';
import { formatTime } from '../../server/src/cluster/rfc3339';
import type { Stored } from '../../server/src/cluster/store';

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
    // Until the next sync, every running pod succeeds, as the kubelet ends a pod whose containers exit with 0.
    pods = pods.map((pod) => {
      if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return pod;
      const ended = structuredClone(pod) as Stored<Pod>;
      endPod(ended, { exitCode: 0, runSeconds: 0 }, formatTime(time + podRunMs));
      return ended;
    });
  }
  return { steps, job: current, pods };
}
