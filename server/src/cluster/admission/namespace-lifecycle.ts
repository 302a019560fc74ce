/**
 * The NamespaceLifecycle admission plugin (staging/src/k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle/
 * admission.go, `Admit`): an object is created or updated only in a namespace that exists; otherwise the server
 * answers NotFound for the namespace, `namespaces "x" not found`. Namespaces and cluster-scoped objects pass.
 *
 * In a plan a namespace exists when it is stored (a Namespace applied before), when it is one the API server
 * creates itself, or when objects of the cluster files live in it. A namespace the inputs do not mention at all is
 * assumed to exist, with a note: manifests are often applied into namespaces made elsewhere. A namespace whose
 * Namespace object is among the inputs but not applied yet is refused, as the server would refuse it.
 * Namespaces being deleted (phase Terminating) are not modelled.
 */
import { type AdmissionContext, type AdmissionPlugin, inputKey } from './admission';

/**
 * The namespaces the API server makes at start and never lets go: the immortal ones of Register (default,
 * kube-system, kube-public) and kube-node-lease, which the system namespaces controller creates with them.
 */
export const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

export const namespaceLifecycle: AdmissionPlugin = {
  name: 'NamespaceLifecycle',
  admit(request, context) {
    if (!request.namespace || request.object.kind === 'Namespace') return undefined;
    const existence = namespaceExistence(request.namespace, context);
    if (existence === 'missing') {
      context.note(
        `namespace "${request.namespace}" is made by a manifest that comes after objects in it: the API server refuses those, as it does for kubectl apply in this order; apply the Namespace first`,
      );
      return { refused: `namespaces "${request.namespace}" not found` };
    }
    if (existence === 'assumed') context.note(`namespace "${request.namespace}" is not among the inputs or the cluster: assumed to exist`);
    return undefined;
  },
};

/**
 * Whether a namespace exists in the plan's cluster: `exists` (stored, a system namespace, or holding objects of
 * the cluster files), `missing` (its Namespace is among the inputs and not applied yet) or `assumed` (the inputs do
 * not mention it).
 */
export function namespaceExistence(namespace: string, context: AdmissionContext): 'exists' | 'missing' | 'assumed' {
  if (SYSTEM_NAMESPACES.has(namespace) || context.inputs.loadedNamespaces.has(namespace)) return 'exists';
  if (context.store.get('Namespace', '', namespace)) return 'exists';
  return context.inputs.objects.has(inputKey('Namespace', '', namespace)) ? 'missing' : 'assumed';
}
