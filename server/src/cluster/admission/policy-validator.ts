/**
 * One ValidatingAdmissionPolicy's expressions, compiled once, and their evaluation for one binding and one param
 * (staging/src/k8s.io/apiserver/pkg/admission/plugin/policy/validating/validator.go, validator.Validate, with
 * cel/filter.go ForInput and cel/composition.go for variables, matchconditions/matcher.go Match).
 */
import type { ValidatingAdmissionPolicy } from 'kubernetes-types/admissionregistration/v1';
import type { CelInput, CelValue } from '@bufbuild/cel';
import { type CelCompilation, compileCel } from '../../cel/compile';

/** The variables a policy's expressions may read (cel/filter.go evaluationActivation, composition.go). */
const POLICY_VARIABLES = ['object', 'oldObject', 'request', 'params', 'namespaceObject', 'variables'] as const;

/** celconfig.MaxEvaluatedMessageExpressionSizeBytes: a longer evaluated message is dropped. */
const MAX_EVALUATED_MESSAGE_BYTES = 5 * 1024;

export type PolicyBindings = Readonly<Record<Exclude<(typeof POLICY_VARIABLES)[number], 'variables'>, CelInput>>;

/** One validation's verdict (validator.go PolicyDecision): admit, or deny with a message and a reason. */
export interface PolicyDecision {
  readonly action: 'admit' | 'deny';
  readonly message: string;
  /** An evaluation error rather than a failed validation. */
  readonly evaluationError: boolean;
}

interface CompiledExpression {
  readonly expression: string;
  readonly compiled: CelCompilation;
}

export interface CompiledPolicy {
  readonly failurePolicy: 'Fail' | 'Ignore';
  readonly matchConditions: readonly CompiledExpression[];
  readonly variables: readonly (CompiledExpression & { readonly name: string })[];
  readonly validations: readonly (CompiledExpression & { readonly message?: string; readonly messageExpression?: CelCompilation })[];
  /** Whether an expression reads the authorizer, which the cluster model cannot answer. */
  readonly usesAuthorizer: boolean;
}

const compiledPolicies = new WeakMap<ValidatingAdmissionPolicy, CompiledPolicy>();

/** The policy's expressions compiled, once per stored policy (an apply stores a new object, compiled anew). */
export function compilePolicy(policy: ValidatingAdmissionPolicy): CompiledPolicy {
  let compiled = compiledPolicies.get(policy);
  if (compiled) return compiled;
  const spec = policy.spec ?? {};
  const compile = (expression: string): CompiledExpression => ({ expression, compiled: compileCel(expression, POLICY_VARIABLES) });
  const expressions = [
    ...(spec.matchConditions ?? []).map((condition) => condition.expression),
    ...(spec.variables ?? []).map((variable) => variable.expression),
    ...(spec.validations ?? []).flatMap((validation) => [validation.expression, validation.messageExpression ?? '']),
  ];
  compiled = {
    failurePolicy: spec.failurePolicy === 'Ignore' ? 'Ignore' : 'Fail',
    matchConditions: (spec.matchConditions ?? []).map((condition) => compile(condition.expression)),
    variables: (spec.variables ?? []).map((variable) => ({ name: variable.name, ...compile(variable.expression) })),
    validations: (spec.validations ?? []).map((validation) => ({
      ...compile(validation.expression),
      ...(validation.message !== undefined ? { message: validation.message } : {}),
      ...(validation.messageExpression ? { messageExpression: compileCel(validation.messageExpression, POLICY_VARIABLES) } : {}),
    })),
    usesAuthorizer: expressions.some((expression) => /\bauthorizer\b/.test(expression)),
  };
  compiledPolicies.set(policy, compiled);
  return compiled;
}

/** filter.go ForInput: a compile error, a runtime error, or the value. */
function evaluate(expression: CompiledExpression, bindings: Readonly<Record<string, CelInput>>): { ok: true; value: CelValue } | { ok: false; error: string } {
  const compiled = expression.compiled;
  if (!compiled.ok) return { ok: false, error: `compilation error: ${compiled.error}` };
  const outcome = compiled.program.evaluate(bindings);
  return outcome.ok ? outcome : { ok: false, error: `expression '${expression.expression}' resulted in error: ${outcome.error}` };
}

/**
 * validator.Validate for one binding and one param: the match conditions (any false: nothing to validate; an
 * error: the failure policy decides), the variables, then each validation's decision. Upstream evaluates a
 * variable when an expression first reads it; here each is evaluated in order before the validations, and one that
 * fails is left out of `variables`, so the expression reading it fails instead.
 */
export function validatePolicy(policy: CompiledPolicy, inputs: PolicyBindings): PolicyDecision[] {
  const onError = (message: string): PolicyDecision => ({ action: policy.failurePolicy === 'Ignore' ? 'admit' : 'deny', message, evaluationError: true });
  const variables: Record<string, CelInput> = {};
  const bindings: Record<string, CelInput> = { ...inputs, variables };
  // matchconditions/matcher.go Match: a false condition ends it; errors of the others are aggregated.
  const conditionErrors: string[] = [];
  for (const condition of policy.matchConditions) {
    const result = evaluate(condition, bindings);
    if (!result.ok) conditionErrors.push(result.error);
    else if (result.value === false) return [];
  }
  if (conditionErrors.length > 0) return [onError(conditionErrors.length === 1 ? (conditionErrors[0] ?? '') : `[${conditionErrors.join(', ')}]`)];
  for (const variable of policy.variables) {
    const result = evaluate(variable, bindings);
    if (result.ok) variables[variable.name] = result.value as CelInput;
  }
  return policy.validations.map((validation) => {
    const result = evaluate(validation, bindings);
    if (!result.ok) return onError(result.error);
    if (result.value === true) return { action: 'admit', message: '', evaluationError: false };
    return { action: 'deny', message: failureMessage(validation, bindings), evaluationError: false };
  });
}

/**
 * validator.go: the messageExpression's string when it evaluates to one that is not blank, fits in 5 KiB and has no
 * line break; else the message; else `failed expression: <expression>`; each trimmed.
 */
function failureMessage(validation: CompiledPolicy['validations'][number], bindings: Readonly<Record<string, CelInput>>): string {
  if (validation.messageExpression?.ok) {
    const result = validation.messageExpression.program.evaluate(bindings);
    if (result.ok && typeof result.value === 'string') {
      const message = result.value.trim();
      if (message && Buffer.byteLength(message) <= MAX_EVALUATED_MESSAGE_BYTES && !message.includes('\n')) return message;
    }
  }
  const message = validation.message?.trim();
  if (message) return message;
  return `failed expression: ${validation.expression.trim()}`;
}
