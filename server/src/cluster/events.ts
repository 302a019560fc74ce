/**
 * An event as the cluster records it (`kubectl get events`): which component saw what, about which object.
 * Controllers return the events of a sync in the order they happened; the simulation keeps that order.
 */
export interface ClusterEvent {
  type: 'Normal' | 'Warning';
  /** CamelCase, as upstream: `ScalingReplicaSet`, `FailedScheduling`, `SuccessfulCreate`. */
  reason: string;
  /** `Kind/namespace/name`, or `Kind/name` for a cluster-scoped object. */
  object: string;
  /** Upstream wording, e.g. `Scaled up replica set web-5d78c9b4f6 from 0 to 3`. */
  message: string;
}

/** The `object` of an event about a namespaced or cluster-scoped object. */
export function eventObject(kind: string, name: string, namespace?: string): string {
  return namespace === undefined ? `${kind}/${name}` : `${kind}/${namespace}/${name}`;
}
