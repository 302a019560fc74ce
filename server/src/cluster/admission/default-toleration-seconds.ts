/**
 * The DefaultTolerationSeconds admission plugin (plugin/pkg/admission/defaulttolerationseconds/admission.go,
 * `Admit` for pods on create and update): a pod that does not tolerate the `node.kubernetes.io/not-ready` or
 * `node.kubernetes.io/unreachable` NoExecute taint gets a toleration of it for 300 seconds (the plugin's
 * `--default-not-ready-toleration-seconds` and `--default-unreachable-toleration-seconds`), so that the taint
 * manager evicts it five minutes after its node fails rather than at once.
 */
import type { Pod, Toleration } from 'kubernetes-types/core/v1';
import type { AdmissionPlugin } from './admission';

export const DEFAULT_TOLERATION_SECONDS = 300;
const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';

/** The two tolerations the plugin adds, the same for every pod: shared, and frozen so that nothing changes them in place. */
const DEFAULT_TOLERATIONS: readonly Toleration[] = [NOT_READY_TAINT, UNREACHABLE_TAINT].map((key) =>
  Object.freeze({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS }),
);

export const defaultTolerationSeconds: AdmissionPlugin = {
  name: 'DefaultTolerationSeconds',
  admit(request) {
    if (request.object.kind !== 'Pod') return undefined;
    const spec = (request.object as Pod).spec;
    if (spec) spec.tolerations = withDefaultTolerations(spec.tolerations ?? []);
    return undefined;
  },
};

/**
 * The tolerations with the two defaults appended where missing. A toleration with the taint's key or no key (all
 * keys), and effect NoExecute or none (all effects), already tolerates the taint, whatever its operator.
 * A new array: a controller's pod may share its template's.
 */
export function withDefaultTolerations(tolerations: readonly Toleration[]): Toleration[] {
  const result = [...tolerations];
  for (const toleration of DEFAULT_TOLERATIONS) {
    if (!tolerations.some((existing) => (existing.key === toleration.key || !existing.key) && (existing.effect === 'NoExecute' || !existing.effect))) result.push(toleration);
  }
  return result;
}
