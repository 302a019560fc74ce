/**
 * The Priority admission plugin (plugin/pkg/admission/priority/admission.go): on create, a pod's
 * `priorityClassName` becomes `spec.priority` and `spec.preemptionPolicy` from that PriorityClass; a pod without
 * one gets the global default class (the lowest-valued of several), or priority 0. The two system classes exist
 * in every cluster. A class that does not exist makes the API server refuse the pod.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';

const SYSTEM_CLASSES: readonly PriorityClass[] = [
  { value: 2000001000, metadata: { name: 'system-node-critical' } },
  { value: 2000000000, metadata: { name: 'system-cluster-critical' } },
];

/** Sets the pod's priority in place; the API server's refusal when its class does not exist. */
export function admitPodPriority(pod: Pod, classes: readonly PriorityClass[]): string | undefined {
  const spec = pod.spec;
  if (!spec) return undefined;
  const all = [...SYSTEM_CLASSES, ...classes];
  let chosen: PriorityClass | undefined;
  if (spec.priorityClassName) {
    chosen = all.find((candidate) => candidate.metadata?.name === spec.priorityClassName);
    // Admission runs before the name is generated, so a controller's pod is named by its generateName prefix.
    const name = pod.metadata?.generateName || pod.metadata?.name || '';
    if (!chosen) return `pods "${name}" is forbidden: no PriorityClass with name ${spec.priorityClassName} was found`;
  } else {
    chosen = classes.filter((candidate) => candidate.globalDefault).sort((a, b) => a.value - b.value)[0];
    if (chosen?.metadata?.name) spec.priorityClassName = chosen.metadata.name;
  }
  spec.priority = chosen?.value ?? 0;
  spec.preemptionPolicy = chosen?.preemptionPolicy ?? 'PreemptLowerPriority';
  return undefined;
}
