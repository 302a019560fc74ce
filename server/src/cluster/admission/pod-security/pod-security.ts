/**
 * The PodSecurity admission plugin (plugin/pkg/admission/security/podsecurity/admission.go, delegating to
 * staging/src/k8s.io/pod-security-admission/admission/admission.go), with the default AdmissionConfiguration:
 * every mode `privileged:latest` unless the namespace's labels say otherwise, and no exempt users, namespaces or
 * runtime classes. It only validates:
 *
 * - a pod, on create and on an update that changes an image or the number of containers (ValidatePod): refused
 *   when it violates the enforce level, else warned about when it violates the warn level;
 * - an object with a pod template (ValidatePodController): never refused, warned about when its template violates
 *   the warn level; the pods its controller creates are what is enforced;
 * - a Namespace (ValidateNamespace): refused when its labels do not parse; on an update that makes the enforce
 *   level stricter, warned about the pods already in it that violate the new level.
 *
 * The audit level only writes audit annotations, which a plan does not show.
 */
import type { Container, Namespace, Pod, PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { controllerOf } from '../../../kube/owner-references';
import { podTemplatePath } from '../../../kube/pod-templates';
import type { PlainObject, PlainValue } from '../../../kube/plain-values';
import { minorOf } from '../../../schema/versions';
import type { StoredObject } from '../../store';
import { type AdmissionContext, type AdmissionPlugin, type AdmissionRequest, type AdmissionVerdict, forbidden, groupResource } from '../admission';
import { compareLevels, type LevelVersion, levelVersionText, policyToEvaluate, sameLevelVersion } from './levels';
import { evaluatePod, forbiddenDetail, forbiddenReason } from './registry';

/** The resources whose pod template the plugin checks (DefaultPodSpecExtractor's defaultPodSpecResources). */
const POD_CONTROLLER_RESOURCES = new Set([
  'replicationcontrollers',
  'podtemplates',
  'replicasets.apps',
  'deployments.apps',
  'statefulsets.apps',
  'daemonsets.apps',
  'jobs.batch',
  'cronjobs.batch',
]);

/** The most existing pods a namespace update is checked against (the default namespaceMaxPodsToCheck). */
const NAMESPACE_MAX_PODS_TO_CHECK = 3000;

export const podSecurity: AdmissionPlugin = {
  name: 'PodSecurity',
  validate(request, context) {
    const resource = groupResource(request.object);
    if (resource === 'namespaces') return validateNamespace(request, context);
    if (resource === 'pods') return validatePod(request, context);
    if (POD_CONTROLLER_RESOURCES.has(resource)) return validatePodController(request, context);
    return undefined;
  },
};

function namespacePolicy(request: AdmissionRequest, context: AdmissionContext) {
  const namespace = context.store.get<Namespace>('Namespace', '', request.namespace);
  return policyToEvaluate(namespace?.metadata.labels, minorOf(context.kubernetesVersion));
}

function validatePod(request: AdmissionRequest, context: AdmissionContext): AdmissionVerdict | undefined {
  const { policy, errors } = namespacePolicy(request, context);
  if (errors.length === 0 && policy.enforce.level === 'privileged' && policy.audit.level === 'privileged' && policy.warn.level === 'privileged') return undefined;
  const pod = request.object as unknown as Pod;
  if (request.operation === 'UPDATE' && request.oldObject && !isSignificantPodUpdate(pod, request.oldObject as unknown as Pod)) return undefined;
  const minor = minorOf(context.kubernetesVersion);
  const enforced = evaluatePod(policy.enforce, minor, pod.metadata ?? {}, pod.spec ?? ({} as PodSpec));
  if (enforced.length > 0) return { refused: forbidden(request, `violates PodSecurity "${levelVersionText(policy.enforce)}": ${forbiddenDetail(enforced)}`) };
  return warnVerdict(policy.warn, minor, pod.metadata ?? {}, pod.spec ?? ({} as PodSpec));
}

function validatePodController(request: AdmissionRequest, context: AdmissionContext): AdmissionVerdict | undefined {
  const { policy, errors } = namespacePolicy(request, context);
  if (errors.length === 0 && policy.warn.level === 'privileged' && policy.audit.level === 'privileged') return undefined;
  const template = templateOf(request.object);
  if (!template) return undefined;
  return warnVerdict(policy.warn, minorOf(context.kubernetesVersion), template.metadata ?? {}, template.spec ?? ({} as PodSpec));
}

function warnVerdict(warn: LevelVersion, minor: number, metadata: ObjectMeta, spec: PodSpec): AdmissionVerdict | undefined {
  const violations = evaluatePod(warn, minor, metadata, spec);
  if (violations.length === 0) return undefined;
  return { warnings: [`would violate PodSecurity "${levelVersionText(warn)}": ${forbiddenDetail(violations)}`] };
}

/** The pod template of a workload (extractPodSpecFromTemplate); undefined when it has none. */
function templateOf(object: StoredObject): PodTemplateSpec | undefined {
  let value: PlainValue | undefined = object as unknown as PlainObject;
  for (const key of podTemplatePath(object.kind) ?? []) value = value && typeof value === 'object' && !Array.isArray(value) ? value[key] : undefined;
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as unknown as PodTemplateSpec) : undefined;
}

/** isSignificantPodUpdate: only a change of images or of the number of containers is evaluated again. */
function isSignificantPodUpdate(pod: Pod, oldPod: Pod): boolean {
  const changed = (containers: readonly Container[] | undefined, oldContainers: readonly Container[] | undefined) =>
    (containers ?? []).length !== (oldContainers ?? []).length || (containers ?? []).some((container, index) => container.image !== oldContainers![index]!.image);
  if (changed(pod.spec?.containers, oldPod.spec?.containers) || changed(pod.spec?.initContainers, oldPod.spec?.initContainers)) return true;
  const oldEphemeral = new Map((oldPod.spec?.ephemeralContainers ?? []).map((container) => [container.name, container]));
  return (pod.spec?.ephemeralContainers ?? []).some((container) => oldEphemeral.get(container.name)?.image !== container.image || !oldEphemeral.has(container.name));
}

function validateNamespace(request: AdmissionRequest, context: AdmissionContext): AdmissionVerdict | undefined {
  const minor = minorOf(context.kubernetesVersion);
  const namespace = request.object as unknown as Namespace;
  const { policy, errors } = policyToEvaluate(namespace.metadata?.labels, minor);
  const invalid = (): AdmissionVerdict => ({ refused: `Namespace "${request.name}" is invalid: ${errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`}` });
  if (request.operation === 'CREATE' || !request.oldObject) return errors.length > 0 ? invalid() : undefined;
  const old = policyToEvaluate((request.oldObject as unknown as Namespace).metadata?.labels, minor);
  if (errors.length > 0 && (old.errors.length === 0 || errors.join('\n') !== old.errors.join('\n'))) return invalid();
  const enforce = policy.enforce;
  if (sameLevelVersion(enforce, old.policy.enforce) || enforce.level === 'privileged') return undefined;
  if (enforce.version === old.policy.enforce.version && compareLevels(enforce.level, old.policy.enforce.level) < 1) return undefined;
  const warnings = existingPodWarnings(context, request.name, enforce, minor);
  return warnings.length > 0 ? { warnings } : undefined;
}

/**
 * EvaluatePodsInNamespace: the pods of the namespace that violate a new enforce level, one line per distinct list of
 * reasons naming the first pod (by name) with it and how many others. Pods of a controller already checked come
 * last (prioritizePods), in case the bound on pods checked is reached.
 */
function existingPodWarnings(context: AdmissionContext, namespace: string, enforce: LevelVersion, minor: number): string[] {
  const first: Pod[] = [];
  const duplicates: Pod[] = [];
  const seenControllers = new Set<string>();
  for (const pod of context.store.list<Pod>('Pod', namespace)) {
    const controller = controllerOf(pod.metadata);
    if (controller && seenControllers.has(controller.uid)) duplicates.push(pod);
    else {
      if (controller) seenControllers.add(controller.uid);
      first.push(pod);
    }
  }
  const pods = [...first, ...duplicates];
  const checked = pods.slice(0, NAMESPACE_MAX_PODS_TO_CHECK);
  const byReason = new Map<string, { podName: string; count: number }>();
  for (const pod of checked) {
    const violations = evaluatePod(enforce, minor, pod.metadata ?? {}, pod.spec ?? ({} as PodSpec));
    if (violations.length === 0) continue;
    const reason = forbiddenReason(violations);
    const name = pod.metadata?.name ?? '';
    const seen = byReason.get(reason);
    if (!seen) byReason.set(reason, { podName: name, count: 1 });
    else {
      seen.count++;
      if (name < seen.podName) seen.podName = name;
    }
  }
  const warnings: string[] = [];
  if (checked.length < pods.length) warnings.push(`new PodSecurity enforce level only checked against the first ${checked.length} of ${pods.length} existing pods`);
  if (byReason.size > 0) warnings.push(`existing pods in namespace "${namespace}" violate the new PodSecurity enforce level "${levelVersionText(enforce)}"`);
  const podLines = [...byReason].map(([reason, { podName, count }]) => {
    if (count === 1) return `${podName}: ${reason}`;
    if (count === 2) return `${podName} (and 1 other pod): ${reason}`;
    return `${podName} (and ${count - 1} other pods): ${reason}`;
  });
  return [...warnings, ...podLines.sort()];
}
