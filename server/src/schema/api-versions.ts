/**
 * Decides what an object's apiVersion/kind pair means for the chosen Kubernetes version: a kind with a schema,
 * a built-in API that is not (or no longer) served — one clear finding instead of a wall of schema errors — or a
 * custom resource, which is not ours to judge.
 */
import type { KindInfo, SchemaBundle } from './bundle-types';
import { findKind } from './bundle';
import { closestName } from './did-you-mean';

/** `on`: the field the finding belongs on — the kind when the version is served but the kind name is not. */
export type KindResolution = { status: 'known'; info: KindInfo } | { status: 'not-served'; message: string; on: 'apiVersion' | 'kind' } | { status: 'custom' };

interface Removal {
  apiVersion: string;
  kinds: readonly string[];
  removedIn: string;
  /** The apiVersion to use instead, or a sentence when there is none. */
  replacement: string;
  /** Fields that must change by hand with the apiVersion (the guide's "notable changes" that are not defaults). */
  byHand?: string;
}

const SELECTOR_REQUIRED = "spec.selector is required (the template's labels keep existing objects matched)";
const INGRESS_FIELDS = 'spec.backend is renamed spec.defaultBackend, serviceName and servicePort become service.name and service.port.number or .name, and each path needs a pathType';
const SAR_GROUPS = 'spec.group is renamed spec.groups';

/** Facts from the Kubernetes deprecated-API migration guide (kubernetes.io/docs/reference/using-api/deprecation-guide). */
const REMOVALS: readonly Removal[] = [
  { apiVersion: 'extensions/v1beta1', kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'], removedIn: '1.16', replacement: 'apps/v1', byHand: SELECTOR_REQUIRED },
  { apiVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], removedIn: '1.16', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'extensions/v1beta1', kinds: ['PodSecurityPolicy'], removedIn: '1.16', replacement: 'Pod Security Admission (PodSecurityPolicy is gone since 1.25)' },
  { apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], removedIn: '1.22', replacement: 'networking.k8s.io/v1', byHand: INGRESS_FIELDS },
  { apiVersion: 'apps/v1beta1', kinds: ['Deployment', 'StatefulSet'], removedIn: '1.16', replacement: 'apps/v1', byHand: SELECTOR_REQUIRED },
  { apiVersion: 'apps/v1beta1', kinds: ['ControllerRevision'], removedIn: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'apps/v1beta2', kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'], removedIn: '1.16', replacement: 'apps/v1', byHand: SELECTOR_REQUIRED },
  { apiVersion: 'apps/v1beta2', kinds: ['ControllerRevision'], removedIn: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress', 'IngressClass'], removedIn: '1.22', replacement: 'networking.k8s.io/v1', byHand: INGRESS_FIELDS },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'rbac.authorization.k8s.io/v1alpha1', kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  {
    apiVersion: 'apiextensions.k8s.io/v1beta1',
    kinds: ['CustomResourceDefinition'],
    removedIn: '1.22',
    replacement: 'apiextensions.k8s.io/v1',
    byHand: 'spec.scope is required, and spec.validation, spec.subresources and spec.additionalPrinterColumns move under each of spec.versions',
  },
  {
    apiVersion: 'admissionregistration.k8s.io/v1beta1',
    kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
    removedIn: '1.22',
    replacement: 'admissionregistration.k8s.io/v1',
    byHand: 'webhooks[*].sideEffects and webhooks[*].admissionReviewVersions are required',
  },
  { apiVersion: 'apiregistration.k8s.io/v1beta1', kinds: ['APIService'], removedIn: '1.22', replacement: 'apiregistration.k8s.io/v1' },
  { apiVersion: 'authentication.k8s.io/v1beta1', kinds: ['TokenReview'], removedIn: '1.22', replacement: 'authentication.k8s.io/v1' },
  {
    apiVersion: 'authorization.k8s.io/v1beta1',
    kinds: ['SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview'],
    removedIn: '1.22',
    replacement: 'authorization.k8s.io/v1',
    byHand: SAR_GROUPS,
  },
  {
    apiVersion: 'certificates.k8s.io/v1beta1',
    kinds: ['CertificateSigningRequest'],
    removedIn: '1.22',
    replacement: 'certificates.k8s.io/v1',
    byHand: 'spec.signerName and spec.usages are required',
  },
  { apiVersion: 'coordination.k8s.io/v1beta1', kinds: ['Lease'], removedIn: '1.22', replacement: 'coordination.k8s.io/v1' },
  { apiVersion: 'scheduling.k8s.io/v1beta1', kinds: ['PriorityClass'], removedIn: '1.22', replacement: 'scheduling.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], removedIn: '1.22', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], removedIn: '1.27', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], removedIn: '1.25', replacement: 'batch/v1' },
  { apiVersion: 'batch/v2alpha1', kinds: ['CronJob'], removedIn: '1.21', replacement: 'batch/v1' },
  { apiVersion: 'discovery.k8s.io/v1beta1', kinds: ['EndpointSlice'], removedIn: '1.25', replacement: 'discovery.k8s.io/v1', byHand: "each endpoint's topology becomes its nodeName and zone" },
  {
    apiVersion: 'events.k8s.io/v1beta1',
    kinds: ['Event'],
    removedIn: '1.25',
    replacement: 'events.k8s.io/v1',
    byHand:
      'involvedObject is renamed regarding; action, reason, reportingComponent and reportingInstance are required; firstTimestamp, lastTimestamp, count and source give way to eventTime, series and reportingComponent/reportingInstance',
  },
  { apiVersion: 'autoscaling/v2beta1', kinds: ['HorizontalPodAutoscaler'], removedIn: '1.25', replacement: 'autoscaling/v2' },
  { apiVersion: 'autoscaling/v2beta2', kinds: ['HorizontalPodAutoscaler'], removedIn: '1.26', replacement: 'autoscaling/v2' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], removedIn: '1.25', replacement: 'policy/v1' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], removedIn: '1.25', replacement: 'Pod Security Admission' },
  { apiVersion: 'node.k8s.io/v1beta1', kinds: ['RuntimeClass'], removedIn: '1.25', replacement: 'node.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], removedIn: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], removedIn: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
];

/**
 * A served API version that its types declare deprecated (the generated APILifecycleDeprecated, APILifecycleRemoved
 * and APILifecycleReplacement of k8s.io/api's zz_generated.prerelease-lifecycle.go). Only versions the API server
 * serves by default in a supported release are listed: a beta API that is off unless enabled by a flag is not.
 */
interface Deprecation {
  apiVersion: string;
  kinds: readonly string[];
  deprecatedIn: string;
  removedIn: string;
  /** The replacement's group/version; the kind is the same. */
  replacement: string;
}

const DEPRECATIONS: readonly Deprecation[] = [
  // k8s.io/api/flowcontrol/v1beta3: introduced 1.26, deprecated 1.29, removed 1.32, replaced by flowcontrol.apiserver.k8s.io/v1.
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3',
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    deprecatedIn: '1.29',
    removedIn: '1.32',
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
  },
];

/** The kinds some deprecated API version serves, for rules that only look at those. */
export const DEPRECATED_API_KINDS: readonly string[] = [...new Set(DEPRECATIONS.flatMap((d) => d.kinds))];

/**
 * The warning the API server returns with a request to a deprecated, still served API version, worded as
 * k8s.io/apiserver's deprecation.WarningMessage words it; undefined when the version is not deprecated (yet) in
 * the given Kubernetes version (deprecation.IsDeprecated) or no longer served (then resolveKind reports it).
 */
export function deprecationWarning(apiVersion: string, kind: string, kubernetesVersion: string): string | undefined {
  const deprecation = DEPRECATIONS.find((d) => d.apiVersion === apiVersion && d.kinds.includes(kind));
  if (!deprecation || compareVersions(kubernetesVersion, deprecation.deprecatedIn) < 0 || compareVersions(kubernetesVersion, deprecation.removedIn) >= 0) return undefined;
  return `${apiVersion} ${kind} is deprecated in v${deprecation.deprecatedIn}+, unavailable in v${deprecation.removedIn}+; use ${deprecation.replacement} ${kind}`;
}

/** Groups served by the API server itself, now or before; anything else is a custom resource. */
function isBuiltInGroup(bundle: SchemaBundle, group: string): boolean {
  return group === 'extensions' || bundle.builtInGroups.includes(group) || REMOVALS.some((r) => groupOf(r.apiVersion) === group);
}

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

function compareVersions(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am! - bm! || an! - bn!;
}

export function resolveKind(bundle: SchemaBundle, apiVersion: string, kind: string): KindResolution {
  // Every object comes here, twice in a check: the message is written only for a kind that is not served.
  const noMatch = (): string => `no matches for kind "${kind}" in version "${apiVersion}"`;
  // Removals come first: a client release can still carry the models of an API its Kubernetes no longer serves
  // (the 1.36 models keep flowcontrol.apiserver.k8s.io/v1beta3, removed in 1.32).
  const removal = REMOVALS.find((r) => r.apiVersion === apiVersion && r.kinds.includes(kind));
  if (removal && compareVersions(bundle.kubernetesVersion, removal.removedIn) >= 0) {
    const instead = removal.replacement.includes(' ') ? `use ${removal.replacement}` : `use apiVersion: ${removal.replacement}`;
    const byHand = removal.byHand ? `, and by hand: ${removal.byHand}` : '';
    return { status: 'not-served', message: `${noMatch()}: ${apiVersion} ${kind} was removed in Kubernetes ${removal.removedIn}; ${instead}${byHand}`, on: 'apiVersion' };
  }
  const info = findKind(bundle, apiVersion, kind);
  if (info) return { status: 'known', info };
  const group = groupOf(apiVersion);
  if (!isBuiltInGroup(bundle, group)) return { status: 'custom' };

  const servedAs = Object.values(bundle.kinds)
    .filter((candidate) => candidate.kind === kind)
    .map((candidate) => candidate.apiVersion);
  if (servedAs.length > 0) {
    const list = servedAs.map((v) => `"${v}"`).join(', ');
    return { status: 'not-served', message: `${noMatch()}: Kubernetes ${bundle.kubernetesVersion} serves ${kind} as ${list}`, on: 'apiVersion' };
  }
  // The version is served but names no such kind: most often a misspelt kind, told on the kind with its near miss.
  const kindsOfVersion = Object.values(bundle.kinds)
    .filter((candidate) => candidate.apiVersion === apiVersion)
    .map((candidate) => candidate.kind);
  const near = closestName(kind, kindsOfVersion);
  const didYouMean = near ? `; did you mean "${near}"?` : '';
  return { status: 'not-served', message: `${noMatch()}: Kubernetes ${bundle.kubernetesVersion} has no such kind${didYouMean}`, on: kindsOfVersion.length > 0 ? 'kind' : 'apiVersion' };
}

/** Whether a kind name is a built-in kind of this version (used to judge a document that lacks apiVersion). */
export function isBuiltInKindName(bundle: SchemaBundle, kind: string): boolean {
  return Object.values(bundle.kinds).some((info) => info.kind === kind);
}
