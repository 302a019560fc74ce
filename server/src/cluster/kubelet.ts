/**
 * What the kubelet of each node does to a pod bound to it, collapsed into one instant (the timing model,
 * docs/timing-model.md): the pod starts Running with its IPs and, unless it is held back, becomes Ready. A pod is
 * held back by the annotation `kubeplan.dev/ready: "false"` (on the pod or its template), or by the plan's
 * choice that pods of updated templates never become Ready. It then stays Running and not Ready, as a pod
 * failing its readiness probe does. A pod the kubelet cannot start (a missing ConfigMap or Secret) is held
 * instead: kubelet/run-kubelets.ts.
 */
import type { Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import type { Stored } from './store';

const READY_ANNOTATION = 'kubeplan.dev/ready';
/** The exit code every container of an annotated pod ends with (0–255). */
export const EXIT_CODE_ANNOTATION = 'kubeplan.dev/exit-code';
/** How long an annotated pod runs before its containers exit; 0 when absent. */
export const RUN_SECONDS_ANNOTATION = 'kubeplan.dev/run-seconds';

/** When and how a pod's containers end, from its annotations. */
export interface PlannedExit {
  exitCode: number;
  runSeconds: number;
}

/**
 * The exit a pod is annotated with, or undefined when it has none (its containers never exit) or one that does not
 * read: an exit code is an integer from 0 to 255, run-seconds a whole number of seconds.
 */
export function plannedExit(annotations: Readonly<Record<string, string>> | undefined): PlannedExit | undefined {
  const code = annotations?.[EXIT_CODE_ANNOTATION];
  if (code === undefined || !/^\d{1,3}$/.test(code) || Number(code) > 255) return undefined;
  const seconds = annotations?.[RUN_SECONDS_ANNOTATION] ?? '0';
  if (!/^\d{1,9}$/.test(seconds)) return undefined;
  return { exitCode: Number(code), runSeconds: Number(seconds) };
}

/**
 * Whether a pod of this restartPolicy (Always when unset) ends when its containers exit with this code: with restartPolicy Never always, with OnFailure only
 * on success (a failing container is restarted in place), with Always never.
 */
export function exitEndsPod(restartPolicy: string | undefined, exitCode: number): boolean {
  return restartPolicy === 'Never' || (restartPolicy === 'OnFailure' && exitCode === 0);
}

/**
 * The kubelet sees every container of the pod exit with the planned code at `at`: the pod is Succeeded (all 0) or
 * Failed, each container terminated with reason Completed or Error, and the pod no longer Ready (reason
 * PodCompleted, as the kubelet's status manager writes it for a terminal pod).
 */
export function endPod(pod: Stored<Pod>, exit: PlannedExit, at: string): void {
  const status = podStatus(pod);
  status.phase = exit.exitCode === 0 ? 'Succeeded' : 'Failed';
  const startedAt = status.startTime ?? at;
  status.containerStatuses = (pod.spec?.containers ?? []).map((container) => ({
    name: container.name,
    image: container.image ?? '',
    imageID: '',
    ready: false,
    restartCount: 0,
    started: false,
    state: { terminated: { exitCode: exit.exitCode, reason: exit.exitCode === 0 ? 'Completed' : 'Error', startedAt, finishedAt: at } },
  }));
  const notReady = { status: 'False', reason: 'PodCompleted', lastTransitionTime: at };
  setCondition(pod, { type: 'ContainersReady', ...notReady });
  setCondition(pod, { type: 'Ready', ...notReady });
}

export interface PodStart {
  /** Absent when the node's pod CIDR is exhausted: the pod then runs without an address, as it would fail to. */
  podIP: string | undefined;
  hostIP: string | undefined;
  ready: boolean;
  /** RFC 3339 time of the transition. */
  at: string;
}

/** Whether a pod's own annotations keep it from ever becoming Ready. */
export function annotatedNeverReady(pod: Pod): boolean {
  return pod.metadata?.annotations?.[READY_ANNOTATION] === 'false';
}

/** A bound pod that the kubelet has not started yet. */
export function awaitsStart(pod: Pod): boolean {
  return Boolean(pod.spec?.nodeName) && (pod.status?.phase ?? 'Pending') === 'Pending';
}

/** Starts a pod: phase Running, podIP/hostIP, startTime and the four pod conditions. */
export function startPod(pod: Stored<Pod>, start: PodStart): void {
  const status = podStatus(pod);
  status.phase = 'Running';
  setAddresses(status, start.podIP, start.hostIP);
  status.startTime = start.at;
  const readiness = start.ready ? { status: 'True' } : { status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: [${containerNames(pod)}]` };
  setCondition(pod, { type: 'Initialized', status: 'True', lastTransitionTime: start.at });
  setCondition(pod, { type: 'ContainersReady', ...readiness, lastTransitionTime: start.at });
  setCondition(pod, { type: 'Ready', ...readiness, lastTransitionTime: start.at });
}

/** Writes the pod's and its node's addresses, each as the single-stack pair (podIP and podIPs …) when known. */
export function setAddresses(status: PodStatus, podIP: string | undefined, hostIP: string | undefined): void {
  if (podIP) {
    status.podIP = podIP;
    status.podIPs = [{ ip: podIP }];
  }
  if (hostIP) {
    status.hostIP = hostIP;
    status.hostIPs = [{ ip: hostIP }];
  }
}

/** Replaces the condition of the same type (or adds it), keeping the order in which types first appeared. */
export function setCondition(pod: Pod, condition: PodCondition): void {
  const conditions = (podStatus(pod).conditions ??= []);
  const index = conditions.findIndex((existing) => existing.type === condition.type);
  if (index >= 0) conditions[index] = condition;
  else conditions.push(condition);
}

function containerNames(pod: Pod): string {
  return (pod.spec?.containers ?? []).map((container) => container.name).join(' ');
}

/** The pod's status for writing (clients see it read-only; the kubelet and scheduler write it). */
export function podStatus(pod: Pod): PodStatus {
  const writable = pod as { status?: PodStatus };
  return (writable.status ??= {});
}
