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
