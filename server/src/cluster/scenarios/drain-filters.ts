/**
 * Which pods `kubectl drain` evicts, skips or refuses to touch (kubectl pkg/drain/filters.go makeFilters and its
 * filters, PodDeleteList.errors), under the flags the plan models: `--ignore-daemonsets` given, `--force` and
 * `--delete-emptydir-data` left at kubectl's default (false).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { controllerOf } from '../../kube/owner-references';

export interface DrainFlags {
  ignoreAllDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  force: boolean;
}

/** The flags every `--drain` runs with; DRAIN_COMMAND spells them out. */
export const MODELLED_DRAIN_FLAGS: DrainFlags = { ignoreAllDaemonSets: true, deleteEmptyDirData: false, force: false };

/** The command a `--drain NODE` stands for. */
export function drainCommand(node: string): string {
  return `kubectl drain ${node} --ignore-daemonsets`;
}

const DAEMON_SET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMON_SET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
const UNMANAGED_FATAL = 'Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';
/** corev1.MirrorPodAnnotationKey: the kubelet's copy of a static pod. */
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

/** PodDeleteStatus: whether the pod is evicted, and kubectl's Skip, Warning or Error with its message. */
export interface PodDeleteStatus {
  delete: boolean;
  reason: 'Okay' | 'Skip' | 'Warning' | 'Error';
  message: string;
}

const OKAY: PodDeleteStatus = { delete: true, reason: 'Okay', message: '' };

function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/**
 * filterPods for one pod: the filters in makeFilters' order (skipDeletedFilter passes everything at kubectl's
 * default --skip-wait-for-delete-timeout of 0); the first that keeps the pod decides, otherwise the last. `daemonSetExists` answers
 * the Get daemonSetFilter makes for the pod's controller.
 */
export function podDeleteStatus(pod: Pod, flags: DrainFlags, daemonSetExists: (namespace: string, name: string) => boolean): PodDeleteStatus {
  // As filterPods: every filter runs while the pod is still to be deleted, and the last one's status stands.
  let status = OKAY;
  for (const filter of [daemonSetFilter, mirrorPodFilter, localStorageFilter, unreplicatedFilter]) {
    status = filter(pod, flags, daemonSetExists);
    if (!status.delete) break;
  }
  return status;
}

function daemonSetFilter(pod: Pod, flags: DrainFlags, daemonSetExists: (namespace: string, name: string) => boolean): PodDeleteStatus {
  const owner = controllerOf(pod.metadata);
  if (owner?.kind !== 'DaemonSet' || owner.apiVersion !== 'apps/v1') return OKAY;
  if (isTerminal(pod)) return OKAY;
  if (!daemonSetExists(pod.metadata?.namespace ?? '', owner.name)) {
    const notFound = `daemonsets.apps "${owner.name}" not found`;
    return flags.force ? { delete: true, reason: 'Warning', message: notFound } : { delete: false, reason: 'Error', message: notFound };
  }
  if (!flags.ignoreAllDaemonSets) return { delete: false, reason: 'Error', message: DAEMON_SET_FATAL };
  return { delete: false, reason: 'Warning', message: DAEMON_SET_WARNING };
}

function mirrorPodFilter(pod: Pod): PodDeleteStatus {
  return pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] !== undefined ? { delete: false, reason: 'Skip', message: '' } : OKAY;
}

function localStorageFilter(pod: Pod, flags: DrainFlags): PodDeleteStatus {
  if (!(pod.spec?.volumes ?? []).some((volume) => volume.emptyDir !== undefined)) return OKAY;
  if (isTerminal(pod)) return OKAY;
  return flags.deleteEmptyDirData ? { delete: true, reason: 'Warning', message: LOCAL_STORAGE_WARNING } : { delete: false, reason: 'Error', message: LOCAL_STORAGE_FATAL };
}

function unreplicatedFilter(pod: Pod, flags: DrainFlags): PodDeleteStatus {
  if (isTerminal(pod) || controllerOf(pod.metadata)) return OKAY;
  return flags.force ? { delete: true, reason: 'Warning', message: UNMANAGED_WARNING } : { delete: false, reason: 'Error', message: UNMANAGED_FATAL };
}

/**
 * PodDeleteList.errors, aggregated as deleteOrEvictPodsSimple returns them: `cannot delete <message>: ns/a, ns/b`
 * per message (in the order first met, where upstream iterates a map), one error as it is, several as `[a, b]`.
 * Undefined when no pod was refused.
 */
export function drainRefusal(statuses: readonly { pod: string; status: PodDeleteStatus }[]): string | undefined {
  const refused = new Map<string, string[]>();
  for (const { pod, status } of statuses) {
    if (status.reason !== 'Error') continue;
    const message = status.message || 'unexpected error';
    refused.set(message, [...(refused.get(message) ?? []), pod]);
  }
  const errors = [...refused].map(([message, pods]) => `cannot delete ${message}: ${pods.join(', ')}`);
  if (errors.length === 0) return undefined;
  return errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
}
