/**
 * What one Deployment sync reads and writes. The controller works on a copy of the Deployment (its status and
 * revision annotation change as the sync goes, as upstream's does) and on immutable ReplicaSet objects: every
 * write produces a new object, and callers keep the objects they listed, exactly as the Go code keeps its
 * pointers, so a status computed after a scale sees the replica counts upstream would see.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { eventObject } from '../../events';
import type { ClusterEvent } from '../../../protocol/plan';

export interface ScaleChange {
  replicaSet: string;
  from: number;
  to: number;
}

export interface SyncContext {
  deployment: Deployment;
  now: number;
  /** Minor version of the Kubernetes release whose wording events use. */
  minorVersion: number;
  events: ClusterEvent[];
  created: Map<string, ReplicaSet>;
  updated: Map<string, ReplicaSet>;
  deleted: string[];
  scaled: ScaleChange[];
  requeueAfterMs?: number;
  /** The Deployment as this sync wrote it (status and annotations), once it has. */
  writtenDeployment?: Deployment;
}

/** Ends the sync early, as an API error returned from deep inside upstream's sync does; writes made so far stay. */
export class SyncEnded extends Error {}

export function recordEvent(context: SyncContext, type: ClusterEvent['type'], reason: string, message: string): void {
  const metadata = context.deployment.metadata;
  context.events.push({ type, reason, object: eventObject('Deployment', metadata?.name ?? '', metadata?.namespace ?? 'default'), message });
}

/**
 * Stores `written`, a changed copy of `base`; a ReplicaSet created in this sync stays a creation. Writing from a
 * base older than this sync's last write of the same ReplicaSet fails as the API server's optimistic
 * concurrency makes it fail (upstream reads from a cache that has not seen its own write yet): the sync ends.
 */
export function writeReplicaSet(context: SyncContext, base: ReplicaSet, written: ReplicaSet): void {
  const name = written.metadata?.name ?? '';
  if (context.created.has(name)) {
    context.created.set(name, written);
    return;
  }
  const latest = context.updated.get(name);
  if (latest !== undefined && latest !== base) {
    throw new SyncEnded(`Operation cannot be fulfilled on replicasets.apps "${name}": the object has been modified; please apply your changes to the latest version and try again`);
  }
  context.updated.set(name, written);
}

/**
 * Writes the Deployment as the sync now has it. Upstream writes the copy it listed at the start of the sync and
 * never takes the stored result back, so a second write in one sync is refused as stale: the sync ends, the
 * first write stands, and the next sync writes the status.
 */
export function writeDeployment(context: SyncContext): void {
  if (context.writtenDeployment) {
    const name = context.deployment.metadata?.name ?? '';
    throw new SyncEnded(`Operation cannot be fulfilled on deployments.apps "${name}": the object has been modified; please apply your changes to the latest version and try again`);
  }
  context.writtenDeployment = structuredClone(context.deployment);
}

export function cloneReplicaSet(replicaSet: ReplicaSet): ReplicaSet {
  return structuredClone(replicaSet);
}
