/**
 * admissionregistration.k8s.io defaulting (pkg/apis/admissionregistration/v1/defaults.go and the same functions of
 * v1beta1): webhooks, their rules and service references, and the specs and match resources of
 * ValidatingAdmissionPolicy and its binding.
 */
import { isObject, objectAt, objectsAt, type PlainObject } from '../kube/plain-values';
import { setDefault } from './plain';

/** SetDefaults_Rule: a rule without a scope matches every scope. */
function defaultRules(rules: PlainObject[]): void {
  for (const rule of rules) setDefault(rule, 'scope', '*');
}

/** SetDefaults_ServiceReference: port 443. */
function defaultClientConfig(webhook: PlainObject): void {
  const service = objectAt(webhook, 'clientConfig', 'service');
  if (service) setDefault(service, 'port', 443);
}

/**
 * SetDefaults_ValidatingWebhook and SetDefaults_MutatingWebhook: Fail, Equivalent, empty selectors, side effects
 * Unknown, 30 seconds, and AdmissionReview v1 when no version is listed (`[]` too); a mutating webhook is never
 * reinvoked unless it says so.
 */
function defaultWebhook(webhook: PlainObject, mutating: boolean): void {
  setDefault(webhook, 'failurePolicy', 'Fail');
  setDefault(webhook, 'matchPolicy', 'Equivalent');
  if (!isObject(webhook['namespaceSelector'])) webhook['namespaceSelector'] = {};
  if (!isObject(webhook['objectSelector'])) webhook['objectSelector'] = {};
  setDefault(webhook, 'sideEffects', 'Unknown');
  if (typeof webhook['timeoutSeconds'] !== 'number') webhook['timeoutSeconds'] = 30;
  if (mutating) setDefault(webhook, 'reinvocationPolicy', 'Never');
  const versions = webhook['admissionReviewVersions'];
  if (!Array.isArray(versions) || versions.length === 0) webhook['admissionReviewVersions'] = ['v1'];
  defaultRules(objectsAt(webhook, 'rules'));
  defaultClientConfig(webhook);
}

export function defaultValidatingWebhookConfiguration(configuration: PlainObject): void {
  for (const webhook of objectsAt(configuration, 'webhooks')) defaultWebhook(webhook, false);
}

export function defaultMutatingWebhookConfiguration(configuration: PlainObject): void {
  for (const webhook of objectsAt(configuration, 'webhooks')) defaultWebhook(webhook, true);
}

/** SetDefaults_MatchResources: Equivalent and empty selectors; its rules get SetDefaults_Rule. */
function defaultMatchResources(match: PlainObject | undefined): void {
  if (!match) return;
  setDefault(match, 'matchPolicy', 'Equivalent');
  if (!isObject(match['namespaceSelector'])) match['namespaceSelector'] = {};
  if (!isObject(match['objectSelector'])) match['objectSelector'] = {};
  defaultRules(objectsAt(match, 'resourceRules'));
  defaultRules(objectsAt(match, 'excludeResourceRules'));
}

/** SetDefaults_ValidatingAdmissionPolicySpec: failurePolicy Fail; then the match constraints, when present. */
export function defaultValidatingAdmissionPolicy(policy: PlainObject): void {
  const spec = objectAt(policy, 'spec');
  if (!spec) return;
  setDefault(spec, 'failurePolicy', 'Fail');
  defaultMatchResources(objectAt(spec, 'matchConstraints'));
}

/** A binding's matchResources, when present; v1 and v1beta1 give paramRef no default. */
export function defaultValidatingAdmissionPolicyBinding(binding: PlainObject): void {
  defaultMatchResources(objectAt(binding, 'spec', 'matchResources'));
}
