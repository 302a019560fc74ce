/**
 * The parts of the cluster state that the model never writes in place once stored: a write to them stores a new
 * object, or a new part in place of the old one. `--what-if` freezes them before it copies the settled state once
 * per failure, so that every copy shares them rather than copying them (object-graph-copy.ts shares what is frozen);
 * a write in place that this list did not foresee then fails loudly instead of leaking from one copy into others.
 *
 * - A Deployment's and a ReplicaSet's metadata, spec and status: the Deployment controller writes its copies
 *   through the store, the ReplicaSet controller a new status, an autoscaler a new spec.
 * - A StatefulSet's and a DaemonSet's pod template and selector: pods are made from a copy of the template
 *   (GetPodFromTemplate deep copies it), the selector is immutable in apps/v1, and a new template is a new object
 *   written through the store.
 * - A pod's labels, owner references and the parts of its spec that are fixed once it is created (upstream's
 *   pkg/apis/core/validation ValidatePodUpdate lets only container images, activeDeadlineSeconds, added
 *   tolerations and a few scheduling fields change; the model writes none of them in place): adoption writes a
 *   new list of owner references, and admission, which does change a new pod's containers and volumes, runs
 *   before the pod is stored.
 * - A pod's conditions (setCondition puts a new condition in place of the old one) and its addresses (the
 *   kubelet writes new lists).
 * - A Service's selector and ports, written by admission before the Service is stored.
 * - The events recorded: only ever appended.
 * - In the scheduler's snapshot, each bound pod's requests and host ports (derived once from its containers) and
 *   the compiled default spreading constraints.
 */
import type { ClusterEvent } from '../protocol/plan';
import { deepFreeze } from './object-graph-copy';
import type { ObjectStore } from './store';
import type { ClusterSnapshot } from './scheduler/index';

const WORKLOAD_PARTS = [
  ['spec', 'template'],
  ['spec', 'selector'],
] as const;

const WRITTEN_ANEW = [['metadata'], ['spec'], ['status']] as const;

const UNCHANGING_PARTS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  Deployment: WRITTEN_ANEW,
  ReplicaSet: WRITTEN_ANEW,
  StatefulSet: WORKLOAD_PARTS,
  DaemonSet: WORKLOAD_PARTS,
  Pod: [
    ['metadata', 'labels'],
    ['metadata', 'ownerReferences'],
    ['spec', 'containers'],
    ['spec', 'initContainers'],
    ['spec', 'volumes'],
    ['spec', 'tolerations'],
    ['spec', 'affinity'],
    ['spec', 'nodeSelector'],
    ['spec', 'securityContext'],
    ['spec', 'topologySpreadConstraints'],
    ['status', 'conditions', '*'],
    ['status', 'podIPs'],
    ['status', 'hostIPs'],
  ],
  Service: [
    ['spec', 'selector'],
    ['spec', 'ports'],
  ],
};

/** Freezes the parts of the stored objects, the events and the scheduler's snapshot that are never written in place. */
export function freezeUnchangingParts(store: ObjectStore, events: readonly ClusterEvent[], snapshot: ClusterSnapshot | undefined): void {
  for (const [kind, parts] of Object.entries(UNCHANGING_PARTS)) {
    for (const object of store.list<object>(kind)) for (const part of parts) for (const value of partsAt(object, part)) deepFreeze(value);
  }
  for (const event of events) deepFreeze(event);
  if (snapshot === undefined) return;
  for (const info of snapshot.nodes) {
    for (const pod of info.pods) {
      deepFreeze(pod.requests);
      deepFreeze(pod.hostPorts);
    }
  }
  for (const constraints of snapshot.defaultSpreading.values()) deepFreeze(constraints);
}

/** The values at the path, where `*` stands for each element of a list (the list itself is not among them). */
function partsAt(object: unknown, path: readonly string[]): unknown[] {
  let values = [object];
  for (const key of path) {
    const next: unknown[] = [];
    for (const value of values) {
      if (typeof value !== 'object' || value === null) continue;
      if (key === '*') {
        if (Array.isArray(value)) next.push(...value);
      } else next.push((value as Record<string, unknown>)[key]);
    }
    values = next;
  }
  return values;
}
