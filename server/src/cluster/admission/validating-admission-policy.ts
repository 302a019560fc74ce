/**
 * The ValidatingAdmissionPolicy admission plugin (staging/src/k8s.io/apiserver/pkg/admission/plugin/policy/
 * validating/dispatcher.go, dispatcher.Dispatch, over policy/generic's policy source): for each policy whose
 * matchConstraints select the request, each of its bindings whose matchResources select it, each param the binding
 * names, the policy's validations decide. A denial under a binding's `Deny` action refuses the request with the
 * first denial's message; `Warn` returns a warning; `Audit` writes an audit annotation, which a plan has no place
 * for. Policies and bindings take effect as soon as they are stored: the API server's informers see them within
 * about a second, so an object applied right after its policy may still be admitted there.
 */
import type { ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding } from 'kubernetes-types/admissionregistration/v1';
import type { CelInput } from '@bufbuild/cel';
import { celInputOf } from '../../cel/values';
import { compileLabelSelector, labelsOf } from '../../kube/label-selectors';
import type { PlainValue } from '../../kube/plain-values';
import { isClusterScopedKind } from '../../kube/namespaces';
import type { StoredObject } from '../store';
import { type AdmissionContext, type AdmissionPlugin, type AdmissionRequest, forbidden } from './admission';
import { matchesResources, namespaceOf, requestResourceOf } from './policy-matching';
import { compilePolicy, type PolicyDecision, validatePolicy } from './policy-validator';

interface Denial {
  readonly policy: string;
  /** Absent for an error of the policy itself. */
  readonly binding?: string;
  readonly message: string;
}

export const validatingAdmissionPolicy: AdmissionPlugin = {
  name: 'ValidatingAdmissionPolicy',
  validate(request, context) {
    const policies = context.store.list<ValidatingAdmissionPolicy>('ValidatingAdmissionPolicy');
    if (policies.length === 0) return undefined;
    const bindings = context.store.list<ValidatingAdmissionPolicyBinding>('ValidatingAdmissionPolicyBinding');
    const denials: Denial[] = [];
    const warnings: string[] = [];
    for (const policy of policies) {
      const policyName = policy.metadata.name;
      if (!policy.spec?.matchConstraints || !matchesResources(policy.spec.matchConstraints, request, context.store)) continue;
      const compiled = compilePolicy(policy);
      if (compiled.usesAuthorizer)
        context.note(
          `ValidatingAdmissionPolicy '${policyName}' reads the authorizer, which the plan cannot answer: its expressions that do fail as if they did not compile, and its failurePolicy decides`,
        );
      for (const binding of bindings) {
        if (binding.spec?.policyName !== policyName || !matchesResources(binding.spec.matchResources, request, context.store)) continue;
        const bindingName = binding.metadata?.name ?? '';
        const params = collectParams(policy, binding, request, context);
        if (typeof params === 'string') {
          // dispatcher.go addConfigError: the failure policy decides.
          if (compiled.failurePolicy === 'Fail') denials.push({ policy: policyName, binding: bindingName, message: `failed to configure binding: ${params}` });
          continue;
        }
        const inputs = requestInputs(request, policy, context);
        const decisions: PolicyDecision[] = params.flatMap((param) => validatePolicy(compiled, { ...inputs, params: param }));
        const actions = binding.spec.validationActions ?? [];
        for (const decision of decisions) {
          if (decision.action !== 'deny') continue;
          if (actions.includes('Deny')) denials.push({ policy: policyName, binding: bindingName, message: decision.message });
          if (actions.includes('Warn')) warnings.push(`Validation failed for ValidatingAdmissionPolicy '${policyName}' with binding '${bindingName}': ${decision.message}`);
          if (actions.includes('Audit'))
            context.note(
              `ValidatingAdmissionPolicy '${policyName}' with binding '${bindingName}' would write an audit annotation for ${requestResourceOf(request).resource} "${request.name}": ${decision.message}`,
            );
        }
      }
    }
    const first = denials[0];
    if (!first) return warnings.length > 0 ? { warnings } : undefined;
    const message =
      first.binding === undefined
        ? `ValidatingAdmissionPolicy '${first.policy}' denied request: ${first.message}`
        : `ValidatingAdmissionPolicy '${first.policy}' with binding '${first.binding}' denied request: ${first.message}`;
    return { refused: forbidden(request, message), ...(warnings.length > 0 ? { warnings } : {}) };
  },
};

/**
 * The variables of the request (filter.go ForInput, dispatcher.go): the object and old object, the admission
 * request, the namespace of a namespaced request (none for a Namespace itself). The request's userInfo is empty:
 * the plan applies as no particular user.
 */
function requestInputs(request: AdmissionRequest, policy: ValidatingAdmissionPolicy, context: AdmissionContext): Omit<Parameters<typeof validatePolicy>[1], 'params'> {
  const resource = requestResourceOf(request);
  const kind = { group: resource.group, version: resource.version, kind: resource.kind };
  const gvr = { group: resource.group, version: resource.version, resource: resource.resource };
  const requestValue = {
    kind,
    resource: gvr,
    requestKind: kind,
    requestResource: gvr,
    name: request.name,
    namespace: request.namespace,
    operation: request.operation,
    userInfo: {},
    dryRun: false,
  };
  const namespaced = request.namespace !== '' && !(request.object.kind === 'Namespace' && request.object.apiVersion === 'v1');
  if (policy.spec?.validations?.some((validation) => /\brequest\.userInfo\b/.test(validation.expression))) {
    context.note(`ValidatingAdmissionPolicy '${policy.metadata?.name}' reads request.userInfo: the plan applies as no particular user, so it is empty`);
  }
  return {
    object: celInputOf(request.object as unknown as PlainValue),
    oldObject: request.oldObject ? celInputOf(request.oldObject as unknown as PlainValue) : null,
    request: celInputOf(requestValue as unknown as PlainValue),
    namespaceObject: namespaced ? celInputOf(namespaceOf(context.store, request.namespace) as unknown as PlainValue) : null,
  };
}

/**
 * generic.CollectParams (policy/generic/policy_dispatcher.go): the params of a binding — [null] when the policy
 * has no paramKind or the binding no paramRef; the object named, or those selected, of the paramKind, in the
 * paramRef's namespace or the request's; none found is an error only under parameterNotFoundAction Deny. A
 * string is the error.
 */
function collectParams(policy: ValidatingAdmissionPolicy, binding: ValidatingAdmissionPolicyBinding, request: AdmissionRequest, context: AdmissionContext): CelInput[] | string {
  const paramKind = policy.spec?.paramKind;
  const paramRef = binding.spec?.paramRef;
  if (!paramKind?.kind || !paramRef) return [null];
  let namespace = '';
  if (!isClusterScopedKind(paramKind.kind)) {
    namespace = paramRef.namespace || request.namespace;
    if (!namespace) return 'cannot use namespaced paramRef in policy binding that matches cluster-scoped resources';
  }
  let found: StoredObject[];
  if (paramRef.name) {
    if (paramRef.selector) return 'paramRef.name and paramRef.selector are mutually exclusive';
    const param = context.store.get(paramKind.kind, namespace, paramRef.name);
    found = param ? [param] : [];
  } else {
    const selects = compileLabelSelector(paramRef.selector ?? {});
    found = context.store.list(paramKind.kind, namespace).filter((candidate) => selects(labelsOf(candidate.metadata.labels as PlainValue)));
  }
  if (found.length === 0 && paramRef.parameterNotFoundAction === 'Deny') return 'no params found for policy binding with `Deny` parameterNotFoundAction';
  // No param under the default action (Allow): nothing is validated for this binding.
  return found.map((param) => celInputOf(param as unknown as PlainValue));
}
