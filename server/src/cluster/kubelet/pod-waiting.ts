/**
 * The status the kubelet writes for a pod it cannot start (pkg/kubelet/kubelet_pods.go : generateAPIPodStatus,
 * convertToAPIContainerStatuses, getPhase): the pod stays Pending and not Ready, and each container that did not
 * start is Waiting with a reason. A container without a runtime status waits with `ContainerCreating`, or
 * `PodInitializing` when the pod has init containers; one whose configuration could not be built waits with
 * `CreateContainerConfigError` and the error as message (kuberuntime_container.go : startContainer).
 */
import type { Container, ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import type { Stored } from '../store';
import { podStatus, setAddresses, setCondition } from '../kubelet';

export const CONTAINER_CREATING = 'ContainerCreating';
export const POD_INITIALIZING = 'PodInitializing';
export const CREATE_CONTAINER_CONFIG_ERROR = 'CreateContainerConfigError';

export interface ContainerWait {
  reason: string;
  message?: string;
}

export interface PodWait {
  hostIP: string | undefined;
  /** Set once the pod sandbox runs: a container configuration error comes after it, a volume failure before. */
  podIP: string | undefined;
  /** By init container name, then by container name; containers absent here are running. */
  waiting: ReadonlyMap<string, ContainerWait>;
  /** Whether the running containers pass their readiness probes. */
  runningReady: boolean;
  at: string;
}

/** The default Waiting reason of a container the runtime has not started. */
export function defaultWaitReason(pod: Pod): string {
  return pod.spec?.initContainers?.length ? POD_INITIALIZING : CONTAINER_CREATING;
}

/** Writes the status of a bound pod whose containers (some or all) could not start. */
export function holdPod(pod: Stored<Pod>, wait: PodWait): void {
  const status = podStatus(pod);
  status.phase = 'Pending';
  setAddresses(status, wait.podIP, wait.hostIP);
  if (wait.podIP) status.startTime ??= wait.at;
  const initContainers = pod.spec?.initContainers ?? [];
  const containers = pod.spec?.containers ?? [];
  const initStatuses = initContainers.map((container) => initContainerStatus(container, wait.waiting.get(container.name)));
  if (initStatuses.length) status.initContainerStatuses = initStatuses;
  status.containerStatuses = containers.map((container) => containerStatus(container, wait.waiting.get(container.name), wait.runningReady));
  const incomplete = initContainers.filter((container) => wait.waiting.has(container.name)).map((container) => container.name);
  setCondition(
    pod,
    incomplete.length
      ? { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: [${incomplete.join(' ')}]`, lastTransitionTime: wait.at }
      : { type: 'Initialized', status: 'True', lastTransitionTime: wait.at },
  );
  const unready = status.containerStatuses.filter((containerStatus) => !containerStatus.ready).map((containerStatus) => containerStatus.name);
  const readiness = { status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: [${unready.join(' ')}]`, lastTransitionTime: wait.at };
  setCondition(pod, { type: 'ContainersReady', ...readiness });
  setCondition(pod, { type: 'Ready', ...readiness });
}

function containerStatus(container: Container, waiting: ContainerWait | undefined, runningReady: boolean): ContainerStatus {
  const common = { name: container.name, image: container.image ?? '', imageID: '', restartCount: 0 };
  if (waiting) return { ...common, ready: false, started: false, state: { waiting: { reason: waiting.reason, ...(waiting.message ? { message: waiting.message } : {}) } } };
  return { ...common, ready: runningReady, started: true, state: { running: {} } };
}

/** An init container that is not waiting ran before the one that is, and completed. */
function initContainerStatus(container: Container, waiting: ContainerWait | undefined): ContainerStatus {
  if (waiting) return containerStatus(container, waiting, false);
  return { name: container.name, image: container.image ?? '', imageID: '', restartCount: 0, ready: true, started: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } };
}

/** The reason the first waiting container (init containers first) waits with, as `kubectl get pods` shows it. */
export function waitingReason(pod: Pod): ContainerWait | undefined {
  for (const statuses of [pod.status?.initContainerStatuses, pod.status?.containerStatuses]) {
    const waiting = statuses?.find((containerStatus) => containerStatus.state?.waiting)?.state?.waiting;
    if (waiting?.reason) return { reason: waiting.reason, ...(waiting.message ? { message: waiting.message } : {}) };
  }
  return undefined;
}
