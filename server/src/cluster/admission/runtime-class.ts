/**
 * The RuntimeClass admission plugin (plugin/pkg/admission/runtimeclass/admission.go) for pods on create. `Admit`:
 * the RuntimeClass the pod names must exist (prepareObjects); its `overhead.podFixed` becomes the pod's
 * `spec.overhead` (setOverhead), which the scheduler then adds to the pod's requests; its `scheduling` is merged
 * into the pod: the node selector (a key the pod sets to another value is a conflict) and the tolerations
 * (setScheduling). `Validate`: the pod's overhead must be the class's (validateOverhead).
 *
 * RuntimeClasses are installed with the nodes' container runtimes rather than applied with workloads, and cluster
 * files do not carry them: a class that is not among the inputs is assumed to exist, with no overhead and no
 * scheduling, and the plan says so. One among the inputs that is not applied yet is refused.
 */
import type { Pod, PodSpec, Toleration } from 'kubernetes-types/core/v1';
import type { RuntimeClass } from 'kubernetes-types/node/v1';
import { quantityOf } from '../../kube/quantity';
import { type AdmissionContext, type AdmissionPlugin, type AdmissionRequest, type AdmissionVerdict, forbidden, inputKey } from './admission';

export const runtimeClass: AdmissionPlugin = {
  name: 'RuntimeClass',
  admit(request, context) {
    const prepared = prepare(request, context);
    if (!prepared || !('spec' in prepared)) return prepared;
    const { spec, runtime } = prepared;
    const podFixed = runtime?.overhead?.podFixed;
    if (podFixed) {
      if (spec.overhead && !sameResources(spec.overhead, podFixed)) return { refused: forbidden(request, "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead") };
      spec.overhead = { ...podFixed };
    }
    const scheduling = runtime?.scheduling;
    if (!scheduling) return undefined;
    const runtimeSelector = scheduling.nodeSelector ?? {};
    if (spec.nodeSelector) {
      const merged = { ...spec.nodeSelector };
      for (const [key, value] of Object.entries(runtimeSelector)) {
        const podValue = merged[key];
        if (podValue !== undefined && podValue !== value) {
          return { refused: forbidden(request, `conflict: runtimeClass.scheduling.nodeSelector[${key}] = ${value}; pod.spec.nodeSelector[${key}] = ${podValue}`) };
        }
        merged[key] = value;
      }
      spec.nodeSelector = merged;
    } else if (scheduling.nodeSelector) {
      spec.nodeSelector = { ...scheduling.nodeSelector };
    }
    const tolerations = mergeTolerations(spec.tolerations ?? [], scheduling.tolerations ?? []);
    if (tolerations.length) spec.tolerations = tolerations;
    else delete spec.tolerations;
    return undefined;
  },
  validate(request, context) {
    const prepared = prepare(request, context);
    if (!prepared || !('spec' in prepared)) return prepared;
    const { spec, runtime, assumed } = prepared;
    if (assumed) return undefined;
    const podFixed = runtime?.overhead?.podFixed;
    if (podFixed) {
      if (!spec.overhead || !sameResources(spec.overhead, podFixed)) return { refused: forbidden(request, "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead") };
    } else if (spec.overhead) {
      return { refused: forbidden(request, 'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead') };
    }
    return undefined;
  },
};

interface Prepared {
  spec: PodSpec;
  /** The pod's RuntimeClass; undefined when it names none or the class is assumed. */
  runtime?: RuntimeClass;
  /** The class is not among the inputs: nothing is known of it. */
  assumed: boolean;
}

/** prepareObjects: the pod's spec and its RuntimeClass, or the refusal when the class does not exist. */
function prepare(request: AdmissionRequest, context: AdmissionContext): Prepared | AdmissionVerdict | undefined {
  if (request.operation !== 'CREATE' || request.object.kind !== 'Pod') return undefined;
  const spec = (request.object as Pod).spec;
  if (!spec) return undefined;
  const name = spec.runtimeClassName;
  if (name === undefined) return { spec, assumed: false };
  const runtime = context.store.get<RuntimeClass>('RuntimeClass', '', name);
  if (runtime) return { spec, runtime, assumed: false };
  if (context.inputs.objects.has(inputKey('RuntimeClass', '', name))) return { refused: forbidden(request, `pod rejected: RuntimeClass "${name}" not found`) };
  context.note(`RuntimeClass "${name}" is not among the inputs: assumed to exist, with no pod overhead and no scheduling constraints`);
  return { spec, assumed: true };
}

/** apiequality.Semantic.DeepEqual of two ResourceLists: the same resources, each the same amount however written. */
function sameResources(left: Record<string, unknown>, right: Record<string, unknown>): boolean {
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => {
    if (!(key in right)) return false;
    const a = quantityOf(left[key] as string | number);
    const b = quantityOf(right[key] as string | number);
    return a !== undefined && b !== undefined && a.nanos === b.nanos;
  });
}

/**
 * MergeTolerations (pkg/util/tolerations/tolerations.go): both lists in order, without a toleration that one kept
 * before it, or a different one after it, already covers.
 */
export function mergeTolerations(first: readonly Toleration[], second: readonly Toleration[]): Toleration[] {
  const all = [...first, ...second];
  const merged: Toleration[] = [];
  all.forEach((toleration, index) => {
    if (merged.some((kept) => isSuperset(kept, toleration))) return;
    if (all.slice(index + 1).some((later) => !sameToleration(toleration, later) && isSuperset(later, toleration))) return;
    merged.push(toleration);
  });
  return merged;
}

/** isSuperset: every taint `toleration` tolerates, `superset` tolerates too (and for no shorter time). */
function isSuperset(superset: Toleration, toleration: Toleration): boolean {
  if (sameToleration(superset, toleration)) return true;
  const [ss, t] = [goToleration(superset), goToleration(toleration)];
  if (t.key !== ss.key && (ss.key !== '' || ss.operator !== 'Exists')) return false;
  if (t.effect !== ss.effect && ss.effect !== '') return false;
  if (ss.effect === 'NoExecute' && ss.tolerationSeconds !== undefined) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds > ss.tolerationSeconds) return false;
  }
  if (ss.operator === 'Exists') return true;
  if (ss.operator === '' || ss.operator === 'Equal') return t.operator === 'Equal' && t.value === ss.value;
  return false;
}

/** Semantic.DeepEqual of two tolerations. */
function sameToleration(a: Toleration, b: Toleration): boolean {
  const [x, y] = [goToleration(a), goToleration(b)];
  return x.key === y.key && x.operator === y.operator && x.value === y.value && x.effect === y.effect && x.tolerationSeconds === y.tolerationSeconds;
}

/** The toleration as Go holds it: an absent string is empty. */
function goToleration(toleration: Toleration) {
  return { key: toleration.key ?? '', operator: toleration.operator ?? '', value: toleration.value ?? '', effect: toleration.effect ?? '', tolerationSeconds: toleration.tolerationSeconds };
}
