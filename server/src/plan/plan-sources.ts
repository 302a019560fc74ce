/**
 * Where the objects of a plan are written. Objects from the manifests are placed at their manifest; a pod, which no
 * manifest names, is placed at the workload that makes it: its controller when a manifest holds that, else the
 * Deployment of its ReplicaSet or the CronJob of its Job (whose names the controllers make from the owner's name
 * followed by `-` and a hash or a time).
 */
import type { Plan } from '../protocol/plan';
import type { SourceLocation } from '../protocol/plan-request';

export interface PlacedObject {
  kind: string;
  /** "" for an object without metadata.namespace: the plan puts it in `default`. */
  namespace: string;
  name: string;
  location: SourceLocation;
}

/** The makers the controllers name their objects after, by the kind of the object they make. */
const NAMED_AFTER: Record<string, string> = { ReplicaSet: 'Deployment', Job: 'CronJob' };

export function sourceKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace || 'default'}/${name}`;
}

export function planSources(plan: Plan, objects: readonly PlacedObject[]): Record<string, SourceLocation> {
  const sources: Record<string, SourceLocation> = {};
  for (const object of objects) sources[sourceKey(object.kind, object.namespace, object.name)] ??= object.location;
  for (const pod of plan.pods) {
    const key = sourceKey('Pod', pod.namespace, pod.name);
    if (sources[key] || pod.owner === null) continue;
    const location = ownerLocation(pod.owner, pod.namespace, objects, sources);
    if (location) sources[key] = location;
  }
  return sources;
}

function ownerLocation(owner: string, namespace: string, objects: readonly PlacedObject[], sources: Record<string, SourceLocation>): SourceLocation | undefined {
  const slash = owner.indexOf('/');
  const kind = owner.slice(0, slash);
  const name = owner.slice(slash + 1);
  const direct = sources[sourceKey(kind, namespace, name)];
  if (direct) return direct;
  const makerKind = NAMED_AFTER[kind];
  if (!makerKind) return undefined;
  let best: PlacedObject | undefined;
  for (const object of objects) {
    if (object.kind !== makerKind || (object.namespace || 'default') !== namespace || !name.startsWith(`${object.name}-`)) continue;
    if (!best || object.name.length > best.name.length) best = object;
  }
  return best?.location;
}
