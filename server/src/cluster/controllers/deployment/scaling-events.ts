/**
 * The text of `ScalingReplicaSet` events, which changed twice [sync.go : scaleReplicaSet, getNewReplicaSet]:
 * up to 1.21 `Scaled up replica set web-a to 3`; from 1.22 (kubernetes#101142) the old size follows,
 * `Scaled up replica set web-a to 3 from 1`; from 1.31 (kubernetes#125118) it reads from → to,
 * `Scaled up replica set web-a from 1 to 3`, and a new ReplicaSet's first scale `from 0 to 3` (before: `to 3`).
 */
export const LATEST_MINOR_VERSION = 36;

/** The minor number of "1.33", "v1.33.2"; the latest known for anything else. */
export function minorVersionOf(version: string | undefined): number {
  const match = version === undefined ? null : /^v?1\.(\d+)/.exec(version.trim());
  return match ? Number(match[1]) : LATEST_MINOR_VERSION;
}

export function scaledMessage(minorVersion: number, name: string, from: number, to: number): string {
  const verb = from < to ? 'up' : 'down';
  if (minorVersion >= 31) return `Scaled ${verb} replica set ${name} from ${from} to ${to}`;
  if (minorVersion >= 22) return `Scaled ${verb} replica set ${name} to ${to} from ${from}`;
  return `Scaled ${verb} replica set ${name} to ${to}`;
}

export function createdScaledMessage(minorVersion: number, name: string, replicas: number): string {
  return minorVersion >= 31 ? `Scaled up replica set ${name} from 0 to ${replicas}` : `Scaled up replica set ${name} to ${replicas}`;
}
