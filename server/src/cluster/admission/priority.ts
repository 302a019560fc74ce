/**
 * The Priority admission plugin (plugin/pkg/admission/priority/admission.go, `Admit` for pods): on create, a pod's
 * `priorityClassName` becomes `spec.priority` and `spec.preemptionPolicy` from that PriorityClass; a pod without
 * one gets the global default class (the lowest-valued of several), or priority 0. The two system classes exist
 * in every cluster. A class that does not exist makes the API server refuse the pod.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import { type AdmissionPlugin, forbidden } from './admission';

const SYSTEM_CLASSES: readonly PriorityClass[] = [
  { value: 2000001000, metadata: { name: 'system-node-critical' } },
  { value: 2000000000, metadata: { name: 'system-cluster-critical' } },
];

export const priority: AdmissionPlugin = {
  name: 'Priority',
  admit(request, context) {
    if (request.operation !== 'CREATE' || request.object.kind !== 'Pod') return undefined;
    const refused = resolvePodPriority(request.object as Pod, context.store.list<PriorityClass>('PriorityClass'));
    return refused === undefined ? undefined : { refused: forbidden(request, refused) };
  },
};

/** Sets the pod's priority in place; the reason of the refusal when its class does not exist. */
export function resolvePodPriority(pod: Pod, classes: readonly PriorityClass[]): string | undefined {
  const spec = pod.spec;
  if (!spec) return undefined;
  let chosen: PriorityClass | undefined;
  if (spec.priorityClassName) {
    const named = (candidate: PriorityClass) => candidate.metadata?.name === spec.priorityClassName;
    chosen = SYSTEM_CLASSES.find(named) ?? classes.find(named);
    if (!chosen) return `no PriorityClass with name ${spec.priorityClassName} was found`;
  } else {
    chosen = globalDefault(classes);
    if (chosen?.metadata?.name) spec.priorityClassName = chosen.metadata.name;
  }
  spec.priority = chosen?.value ?? 0;
  spec.preemptionPolicy = chosen?.preemptionPolicy ?? 'PreemptLowerPriority';
  return undefined;
}

/** The lowest-valued class marked globalDefault (the first listed of equal ones), as getDefaultPriorityClass picks. */
function globalDefault(classes: readonly PriorityClass[]): PriorityClass | undefined {
  let chosen: PriorityClass | undefined;
  for (const candidate of classes) if (candidate.globalDefault && (chosen === undefined || candidate.value < chosen.value)) chosen = candidate;
  return chosen;
}
