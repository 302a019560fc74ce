/**
 * Admission in the embedded cluster, as the API server runs it for a create or an update
 * (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/create.go and update.go, admission/chain.go):
 *
 * 1. every plugin's mutating half (`Admit`), in the order of ORDERED_PLUGINS, before the name of a `generateName`
 *    object is generated;
 * 2. the object's name is generated and it is validated (the store's part);
 * 3. every plugin's validating half (`Validate`), in the same order.
 *
 * The first refusal ends the request: nothing is stored and the client (kubectl, or the controller that created a
 * pod) gets the message. Warnings are collected for the client, as the server returns them in `Warning` headers.
 *
 * Each plugin is one file of this folder named for it, reading the state it needs (LimitRanges, quotas, namespaces
 * …) from the store, as the upstream plugin reads its informers.
 */
import type { KubernetesVersion } from '../../schema/versions';
import type { ObjectStore, StoredObject } from '../store';

export type AdmissionOperation = 'CREATE' | 'UPDATE';

/** admission.Attributes: what is being done to which object. */
export interface AdmissionRequest {
  readonly operation: AdmissionOperation;
  /** The object as it will be stored; mutating plugins change it in place. Its name is empty for `generateName` in the mutating phase. */
  readonly object: StoredObject;
  /** The stored object an update replaces. */
  readonly oldObject?: StoredObject;
  /** The object's name as the server knows it in this phase: empty in the mutating phase of a `generateName` create. */
  readonly name: string;
  /** The request's namespace (empty for cluster-scoped kinds). */
  readonly namespace: string;
}

/** What plugins may read and say besides their verdict. */
export interface AdmissionContext {
  /** The cluster's objects as stored before this request: what the plugins' informers hold. */
  readonly store: ObjectStore;
  readonly kubernetesVersion: KubernetesVersion;
  /** An assumption or a limit of the model this request met, for the plan's notes (repeated texts are kept once). */
  note(text: string): void;
  /** What the plan's inputs hold, so that a plugin can tell an object not stored yet from one made elsewhere. */
  readonly inputs: PlanInputs;
}

/**
 * The plan's inputs as admission sees them. An object a request refers to that is not stored is either among the
 * inputs, to be applied later (the server refuses the request, as it would), or made outside them, which a plugin
 * assumes with a note, since the manifests are often applied into a cluster set up elsewhere.
 */
export interface PlanInputs {
  /** inputKey of every object of the manifests and the `--from` objects. */
  readonly objects: ReadonlySet<string>;
  /** Namespaces of the objects loaded from cluster files: they exist though no Namespace object was loaded. */
  readonly loadedNamespaces: ReadonlySet<string>;
}

/** An object's key in PlanInputs.objects: `kind/namespace/name`, the namespace empty for cluster-scoped kinds. */
export function inputKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

export interface AdmissionVerdict {
  /** The API server's error: the request is refused with this message. */
  refused?: string;
  /** `Warning` headers returned to the client. */
  warnings?: readonly string[];
}

/** One admission plugin (admission.Interface): either half may be absent. */
export interface AdmissionPlugin {
  /** The upstream PluginName, as `--enable-admission-plugins` spells it. */
  readonly name: string;
  /** admission.MutationInterface.Admit. */
  admit?(request: AdmissionRequest, context: AdmissionContext): AdmissionVerdict | undefined;
  /** admission.ValidationInterface.Validate. */
  validate?(request: AdmissionRequest, context: AdmissionContext): AdmissionVerdict | undefined;
}

export type AdmissionPhase = 'admit' | 'validate';

type PhaseFunction = (request: AdmissionRequest, context: AdmissionContext) => AdmissionVerdict | undefined;

/** The halves of a list of plugins for each phase, in order: every pod created runs them, so they are listed once. */
const halvesOf = new WeakMap<readonly AdmissionPlugin[], Record<AdmissionPhase, readonly PhaseFunction[]>>();

function phaseFunctions(plugins: readonly AdmissionPlugin[], phase: AdmissionPhase): readonly PhaseFunction[] {
  let halves = halvesOf.get(plugins);
  if (!halves) {
    const of = (half: AdmissionPhase) => plugins.flatMap((plugin) => (plugin[half] ? [plugin[half].bind(plugin)] : []));
    halves = { admit: of('admit'), validate: of('validate') };
    halvesOf.set(plugins, halves);
  }
  return halves[phase];
}

/** Runs one phase of the plugins in order; warnings of the plugins that ran are kept even when a later one refuses. */
export function runAdmissionPhase(plugins: readonly AdmissionPlugin[], phase: AdmissionPhase, request: AdmissionRequest, context: AdmissionContext, warnings: string[]): string | undefined {
  for (const half of phaseFunctions(plugins, phase)) {
    const verdict = half(request, context);
    if (!verdict) continue;
    if (verdict.warnings) warnings.push(...verdict.warnings);
    if (verdict.refused !== undefined) return verdict.refused;
  }
  return undefined;
}

/**
 * admission.NewForbidden: `<resource>[.<group>] "<name>" is forbidden: <reason>`, the name being the object's, or its
 * generateName before one is generated (extractResourceName in staging/src/k8s.io/apiserver/pkg/admission/errors.go).
 */
export function forbidden(request: AdmissionRequest, reason: string): string {
  const name = request.name || request.object.metadata.generateName || '';
  return `${groupResource(request.object)} "${name}" is forbidden: ${reason}`;
}

/** schema.GroupResource.String() of an object: `pods`, `deployments.apps`, `ingresses.networking.k8s.io`. */
export function groupResource(object: { apiVersion?: string; kind: string }): string {
  const apiVersion = object.apiVersion ?? 'v1';
  const slash = apiVersion.indexOf('/');
  const group = slash === -1 ? '' : apiVersion.slice(0, slash);
  const resource = pluralOf(object.kind);
  return group ? `${resource}.${group}` : resource;
}

/**
 * The REST resource of a kind, as the built-in REST storages name theirs: `pods`, `ingresses`, `networkpolicies`,
 * `endpoints`, `storageclasses`.
 */
function pluralOf(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower === 'endpoints') return lower;
  if (/(s|x|ch|sh)$/.test(lower)) return `${lower}es`;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}
