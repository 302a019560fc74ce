/**
 * The pod's effective request as the scheduler sums it (component-helpers/resource/helpers.go PodRequests):
 * regular containers add up; init containers run one at a time, except sidecars (init containers with
 * `restartPolicy: Always`), which keep running and accumulate; the pod needs the larger of the two, plus the
 * RuntimeClass overhead. A container without a request for a resource it has a limit for gets the limit
 * (SetDefaults_Pod, on every pod a template creates too).
 */
import { quantityOf } from '../../kube/quantity';
import { isObject, objectAt, objectsAt, stringAt, type PlainObject, type PlainValue } from '../../kube/plain-values';
import { podSpecPath } from '../../kube/pod-templates';
import { groupDigits, startsWith, valueAt, type Explainer } from './target';

export interface PodRequests {
  /** Per resource, in nano units. */
  containers: Map<string, bigint>;
  initMax: Map<string, bigint>;
  overhead: Map<string, bigint>;
  effective: Map<string, bigint>;
}

export const explainPodRequests: Explainer = (target) => {
  const specPath = podSpecPath(target.kind);
  if (!specPath) return undefined;
  const inResources = ['containers', 'initContainers'].some((list) => startsWith(target.path, [...specPath, list, '*', 'resources']));
  if (!inResources) return undefined;
  const spec = valueAt(target.object, specPath);
  return isObject(spec) ? podRequestsMarkdown(podRequests(spec)) : undefined;
};

export function podRequests(spec: PlainObject): PodRequests {
  const containers = new Map<string, bigint>();
  for (const container of objectsAt(spec, 'containers')) add(containers, requestsOf(container));
  const initMax = new Map<string, bigint>();
  const sidecars = new Map<string, bigint>();
  for (const container of objectsAt(spec, 'initContainers')) {
    const requests = requestsOf(container);
    if (stringAt(container, 'restartPolicy') === 'Always') {
      add(containers, requests);
      add(sidecars, requests);
      maxInto(initMax, sidecars);
    } else {
      const candidate = new Map(sidecars);
      add(candidate, requests);
      maxInto(initMax, candidate);
    }
  }
  const overhead = quantities(objectAt(spec, 'overhead'));
  const effective = new Map(containers);
  maxInto(effective, initMax);
  add(effective, overhead);
  return { containers, initMax, overhead, effective };
}

/** The requests a pod made from this container has: its requests, and its limits where it requests nothing. */
function requestsOf(container: PlainObject): Map<string, bigint> {
  const resources = objectAt(container, 'resources');
  const requests = quantities(objectAt(resources, 'limits'));
  for (const [name, value] of quantities(objectAt(resources, 'requests'))) requests.set(name, value);
  return requests;
}

function quantities(list: PlainObject | undefined): Map<string, bigint> {
  const result = new Map<string, bigint>();
  for (const [name, value] of Object.entries(list ?? {})) {
    const quantity = quantityOf(value as PlainValue);
    if (quantity) result.set(name, quantity.nanos);
  }
  return result;
}

function add(into: Map<string, bigint>, from: Map<string, bigint>): void {
  for (const [name, value] of from) into.set(name, (into.get(name) ?? 0n) + value);
}

function maxInto(into: Map<string, bigint>, from: Map<string, bigint>): void {
  for (const [name, value] of from) if (value > (into.get(name) ?? 0n)) into.set(name, value);
}

export function podRequestsMarkdown(requests: PodRequests): string {
  if (requests.effective.size === 0) return '**Pod requests**: no container requests anything; the scheduler counts the pod as needing nothing.';
  const lines = ['**Pod requests** (as the scheduler sums them)', '', '| resource | containers | init (max) | overhead | pod |', '|---|---|---|---|---|'];
  for (const name of [...requests.effective.keys()].sort()) {
    const cell = (map: Map<string, bigint>) => (map.has(name) ? formatAmount(name, map.get(name)!) : '–');
    lines.push(`| ${name} | ${cell(requests.containers)} | ${cell(requests.initMax)} | ${cell(requests.overhead)} | **${cell(requests.effective)}** |`);
  }
  return lines.join('\n');
}

/** CPU in millicores, everything else in the largest binary unit that keeps it whole, else in units. */
export function formatAmount(resource: string, nanos: bigint): string {
  if (resource === 'cpu') {
    const millis = (nanos + 999_999n) / 1_000_000n;
    return `${millis}m`;
  }
  const units = nanos / 1_000_000_000n + (nanos % 1_000_000_000n > 0n ? 1n : 0n);
  for (const [suffix, size] of [
    ['Gi', 1n << 30n],
    ['Mi', 1n << 20n],
    ['Ki', 1n << 10n],
  ] as const) {
    if (units >= size && units % size === 0n) return `${units / size}${suffix}`;
  }
  return groupDigits(units);
}
