/**
 * The `x-kubernetes-validations` rules of a CRD schema, evaluated for each custom resource as apiextensions-apiserver
 * evaluates them on create (staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel/validation.go:
 * NewValidator, Validate, validateExpressions, fieldErrorForReason, evalMessageExpression; called by
 * pkg/registry/customresource/strategy.go Validate with celconfig.RuntimeCELCostBudget).
 *
 * Every rule on a node of the schema (the root, properties, items, additionalProperties) is evaluated with `self`
 * bound to the node's value, when the value is present and not null. `self` is typed as upstream types it
 * (staging/src/k8s.io/apiserver/pkg/cel/common/values.go UnstructuredToVal): integers as `int`, numbers as `double`
 * (also when written without a fraction), int-or-string as whichever it holds, objects with properties as maps of
 * their declared, non-null properties under escaped names (cel.Escape), the root and embedded resources with only
 * apiVersion, kind, metadata.name and metadata.generateName of their type and object meta (WithTypeAndObjectMeta).
 *
 * What kubeplan's CEL cannot do is said, never guessed: a rule it cannot compile (a library it lacks, a syntax
 * error), a rule on values CEL sees as timestamps, durations or bytes (string formats), a rule evaluated with an
 * optional oldSelf, and an evaluation error upstream's checker would have refused the CRD for, give an information
 * finding instead of an error. Transition rules (those reading `oldSelf`) run only on update, so never here.
 */
import { CEL_RESERVED_WORDS } from '../../cel/reserved-words';
import type { CelInput } from '@bufbuild/cel';
import { COST_LIMIT_EXCEEDED, compileCel, type CelProgram } from '../../cel/compile';
import { celRuntime } from '../../cel/runtime';
import { celInputOf } from '../../cel/values';
import { type FieldError, FieldPath, duplicate, forbidden, invalid, renderFieldError, required } from '../../kube/field-errors';
import { isObject, type Keys, type PlainObject, type PlainValue } from '../../kube/plain-values';
import type { Report } from '../../catalog/workspace-object';

/** celconfig.RuntimeCELCostBudget (staging/src/k8s.io/apiserver/pkg/apis/cel/config.go). */
export const RUNTIME_CEL_COST_BUDGET = 10_000_000;
/** celconfig.MaxEvaluatedMessageExpressionSizeBytes. */
const MAX_EVALUATED_MESSAGE_BYTES = 5 * 1024;
/** The variables of a rule (cel/compilation.go: ScopedVarName, OldScopedVarName). */
const RULE_VARIABLES = ['self', 'oldSelf'] as const;
/** String formats UnstructuredToVal turns into durations, timestamps and bytes. */
const CONVERTED_FORMATS = new Set(['duration', 'date', 'date-time', 'byte']);
const OUT_OF_BUDGET = 'validation failed due to running out of cost budget, no further validation rules will be run';

/** One entry of x-kubernetes-validations, compiled once. */
interface CompiledRule {
  readonly rule: string;
  readonly message: string;
  readonly reason: string | undefined;
  /** Where the rule is written, relative to openAPIV3Schema. */
  readonly at: Keys;
  /** The program, or why kubeplan does not evaluate the rule. */
  readonly program: CelProgram | { readonly problem: string };
  readonly messageExpression: CelProgram | undefined;
  /** A transition rule: it reads oldSelf, and so runs only on update. */
  readonly transition: boolean;
  /** fieldPath, as upstream names it in the message (NormalizedRuleFieldPath) and as keys to place it. */
  readonly fieldPath: { readonly text: string; readonly keys: Keys } | undefined;
}

/** A schema node with rules at it or under it (cel.Validator). */
interface NodeValidator {
  readonly schema: PlainObject;
  /** The schema's type as the messages print it (sts.Type): "" for int-or-string and untyped nodes. */
  readonly type: string;
  readonly rules: readonly CompiledRule[];
  readonly resourceRoot: boolean;
  readonly properties: ReadonlyMap<string, NodeValidator>;
  readonly items: NodeValidator | undefined;
  readonly additionalProperties: NodeValidator | undefined;
  /** The CEL names of every property at or under the node, and whether a map (additionalProperties) is there. */
  readonly names: ReadonlySet<string>;
  readonly hasMaps: boolean;
}

/** cel.Escape: a property name as CEL reads it, or undefined when CEL cannot name it. */
export function escapeProperty(name: string): string | undefined {
  if (!/^[a-zA-Z_][a-zA-Z0-9_.\-/]*$/.test(name)) return undefined;
  if (CEL_RESERVED_WORDS.has(name)) return `__${name}__`;
  return name.replace(/__|[./-]/g, (match) => ({ __: '__underscores__', '.': '__dot__', '-': '__dash__', '/': '__slash__' })[match] ?? match);
}

const ruleErrorString = (rule: CompiledRule): string => (rule.message.length > 0 ? rule.message.trim() : rule.rule.trim());

/** Whether the expression reads oldSelf (compiled.UsesOldSelf), string literals left aside. */
function readsOldSelf(expression: string): boolean {
  return /\boldSelf\b/.test(expression.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''"));
}

/**
 * ValidFieldPath: a rule's fieldPath (`.spec.replicas`, `.labels['app.kubernetes.io/name']`) relative to its node,
 * as field.Path prints it and as keys; undefined when it does not parse (the API server refuses such a CRD).
 */
function parseFieldPath(text: string): { text: string; keys: Keys } | undefined {
  const keys: string[] = [];
  let printed = '';
  const pattern = /\.([^.[\]]+)|\['((?:[^'\\]|\\.)*)'\]/gy;
  let end = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    end = pattern.lastIndex;
    if (match[1] !== undefined) {
      keys.push(match[1]);
      printed += printed ? `.${match[1]}` : match[1];
    } else {
      const key = (match[2] ?? '').replace(/\\(.)/g, '$1');
      keys.push(key);
      printed += `[${key}]`;
    }
  }
  if (end !== text.length || keys.length === 0) return undefined;
  return { text: printed, keys };
}

const validators = new WeakMap<PlainObject, NodeValidator | null>();

/** The validator of a version's openAPIV3Schema, compiled once per schema object; null when it has no rules. */
export function ruleValidatorOf(schema: PlainObject): NodeValidator | null {
  let validator = validators.get(schema);
  if (validator === undefined) {
    validator = buildNode(schema, [], true) ?? null;
    validators.set(schema, validator);
  }
  return validator;
}

function schemaTypeOf(schema: PlainObject): string {
  return typeof schema['type'] === 'string' ? schema['type'] : '';
}

/** Whether the node or one under it holds a string whose format CEL converts. */
function hasConvertedFormat(schema: PlainValue | undefined): boolean {
  if (!isObject(schema)) return false;
  if (typeof schema['format'] === 'string' && CONVERTED_FORMATS.has(schema['format']) && schema['type'] === 'string') return true;
  const properties = isObject(schema['properties']) ? Object.values(schema['properties']) : [];
  return properties.some(hasConvertedFormat) || hasConvertedFormat(schema['items']) || hasConvertedFormat(schema['additionalProperties']);
}

function compileRules(schema: PlainObject, at: Keys): CompiledRule[] {
  const entries = schema['x-kubernetes-validations'];
  if (!Array.isArray(entries)) return [];
  const formats = hasConvertedFormat(schema);
  const rules: CompiledRule[] = [];
  entries.forEach((entry, i) => {
    if (!isObject(entry) || typeof entry['rule'] !== 'string' || entry['rule'].trim() === '') return;
    const rule = entry['rule'];
    const compiled = compileCel(rule, RULE_VARIABLES);
    let program: CompiledRule['program'] = compiled.ok ? compiled.program : { problem: compiled.error };
    if (compiled.ok && formats)
      program = { problem: 'it reads a string with a format (duration, date, date-time or byte) that CEL sees as a duration, timestamp or bytes, which kubeplan does not convert' };
    if (compiled.ok && entry['optionalOldSelf'] === true && readsOldSelf(rule)) program = { problem: 'it is evaluated on create with an optional oldSelf, and kubeplan has no optional types' };
    const expression = typeof entry['messageExpression'] === 'string' && entry['messageExpression'].trim() !== '' ? compileCel(entry['messageExpression'], RULE_VARIABLES) : undefined;
    const fieldPath = typeof entry['fieldPath'] === 'string' && entry['fieldPath'] !== '' ? parseFieldPath(entry['fieldPath']) : undefined;
    rules.push({
      rule,
      message: typeof entry['message'] === 'string' ? entry['message'] : '',
      reason: typeof entry['reason'] === 'string' ? entry['reason'] : undefined,
      at: [...at, 'x-kubernetes-validations', i],
      program,
      messageExpression: expression?.ok ? expression.program : undefined,
      transition: readsOldSelf(rule) && entry['optionalOldSelf'] !== true,
      fieldPath,
    });
  });
  return rules;
}

/** cel.validator: a node's rules and the validators of the nodes under it; undefined when there are none. */
function buildNode(schema: PlainObject, at: Keys, resourceRoot: boolean): NodeValidator | undefined {
  const rules = compileRules(schema, at);
  const properties = new Map<string, NodeValidator>();
  const names = new Set<string>(resourceRoot || schema['x-kubernetes-embedded-resource'] === true ? ['apiVersion', 'kind', 'metadata', 'name', 'generateName'] : []);
  let hasMaps = false;
  if (isObject(schema['properties'])) {
    for (const [name, property] of Object.entries(schema['properties'])) {
      if (!isObject(property)) continue;
      const escaped = escapeProperty(name);
      if (escaped) names.add(escaped);
      // Fields CEL has no type for are left out of validation (SchemaDeclType gives nil).
      if (escaped === undefined || !declaredType(property)) continue;
      const child = buildNode(property, [...at, 'properties', name], property['x-kubernetes-embedded-resource'] === true);
      if (child) {
        properties.set(name, child);
        for (const inner of child.names) names.add(inner);
        hasMaps ||= child.hasMaps;
      } else collectNames(property, names);
    }
  }
  const items = isObject(schema['items']) ? buildNode(schema['items'], [...at, 'items'], schema['items']['x-kubernetes-embedded-resource'] === true) : undefined;
  const additional = isObject(schema['additionalProperties'])
    ? buildNode(schema['additionalProperties'], [...at, 'additionalProperties'], schema['additionalProperties']['x-kubernetes-embedded-resource'] === true)
    : undefined;
  if (isObject(schema['items'])) collectNames(schema['items'], names);
  if (isObject(schema['additionalProperties'])) {
    hasMaps = true;
    collectNames(schema['additionalProperties'], names);
  }
  hasMaps ||= schema['x-kubernetes-preserve-unknown-fields'] === true || items?.hasMaps === true || additional?.hasMaps === true;
  if (rules.length === 0 && properties.size === 0 && !items && !additional) return undefined;
  return { schema, type: schemaTypeOf(schema), rules, resourceRoot, properties, items, additionalProperties: additional, names, hasMaps };
}

/** Whether CEL declares a type for the schema (SchemaDeclType is not nil). */
function declaredType(schema: PlainObject): boolean {
  return schemaTypeOf(schema) !== '' || schema['x-kubernetes-int-or-string'] === true || schema['x-kubernetes-preserve-unknown-fields'] === true;
}

function collectNames(schema: PlainObject, names: Set<string>): void {
  if (isObject(schema['properties'])) {
    for (const [name, property] of Object.entries(schema['properties'])) {
      const escaped = escapeProperty(name);
      if (escaped) names.add(escaped);
      if (isObject(property)) collectNames(property, names);
    }
  }
  if (isObject(schema['items'])) collectNames(schema['items'], names);
  if (isObject(schema['additionalProperties'])) collectNames(schema['additionalProperties'], names);
}

/** UnstructuredToVal: the value as `self` sees it under its schema. */
export function celValueOf(value: PlainValue, schema: PlainObject, resourceRoot: boolean): CelInput {
  if (value === null) return null;
  if (schema['x-kubernetes-int-or-string'] === true) return typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : celInputOf(value);
  switch (schemaTypeOf(schema)) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : celInputOf(value);
    case 'number':
      return typeof value === 'number' ? value : celInputOf(value);
    case 'array': {
      if (!Array.isArray(value)) return celInputOf(value);
      const items = isObject(schema['items']) ? schema['items'] : {};
      // Built as CEL values once, so that no rule over the value converts it again.
      return celRuntime().celList(value.map((item) => celValueOf(item, items, items['x-kubernetes-embedded-resource'] === true)));
    }
    case 'object':
      return isObject(value) ? objectValueOf(value, schema, resourceRoot || schema['x-kubernetes-embedded-resource'] === true) : celInputOf(value);
    default:
      return celInputOf(value);
  }
}

const STRING_SCHEMA: PlainObject = { type: 'string' };
const OBJECT_META_SCHEMA: PlainObject = { type: 'object', properties: { name: STRING_SCHEMA, generateName: STRING_SCHEMA } };

function objectValueOf(value: PlainObject, schema: PlainObject, resource: boolean): CelInput {
  const result = new Map<string, CelInput>();
  let properties = isObject(schema['properties']) ? schema['properties'] : undefined;
  if (resource) properties = { ...properties, apiVersion: STRING_SCHEMA, kind: STRING_SCHEMA, metadata: OBJECT_META_SCHEMA };
  if (properties) {
    // Null properties read as absent ones; undeclared ones are not visible.
    for (const [name, field] of Object.entries(value)) {
      const property = properties[name];
      const escaped = escapeProperty(name);
      if (field === null || !isObject(property) || escaped === undefined) continue;
      result.set(escaped, celValueOf(field, property, false));
    }
    return celRuntime().celMap(result);
  }
  const additional = schema['additionalProperties'];
  if (isObject(additional)) {
    for (const [name, field] of Object.entries(value)) result.set(name, celValueOf(field, additional, additional['x-kubernetes-embedded-resource'] === true));
  }
  // An object that only preserves unknown fields shows none of them.
  return celRuntime().celMap(result);
}

/** The evaluation of one object: its findings and what remains of the cost budget. */
interface Run {
  budget: number;
  readonly reports: Report[];
}

/** validator.Validate over a whole custom resource: the findings of its rules, in the order upstream finds them. */
export function validateRules(validator: NodeValidator, object: PlainObject): Report[] {
  const run: Run = { budget: RUNTIME_CEL_COST_BUDGET, reports: [] };
  validateNode(validator, object, [], new FieldPath(), run);
  return run.reports;
}

function validateNode(node: NodeValidator, value: PlainValue | undefined, keys: Keys, path: FieldPath, run: Run): void {
  if (value === undefined || value === null || run.budget < 0) return;
  validateExpressions(node, value, keys, path, run);
  if (run.budget < 0) return;
  if (Array.isArray(value)) {
    if (!node.items) return;
    for (let i = 0; i < value.length && run.budget >= 0; i++) validateNode(node.items, value[i], [...keys, i], path.index(i), run);
  } else if (isObject(value)) {
    for (const [name, field] of Object.entries(value)) {
      if (run.budget < 0) return;
      if (node.additionalProperties) validateNode(node.additionalProperties, field, [...keys, name], path.key(name), run);
      const property = node.properties.get(name);
      if (property) validateNode(property, field, [...keys, name], path.child(name), run);
    }
  }
}

/** field.Error.Error() of an error at a path that may be the root, which field.Path prints as `<nil>`. */
function render(error: FieldError): string {
  const text = renderFieldError(error, Number.MAX_SAFE_INTEGER);
  return error.path.length === 0 ? `<nil>${text}` : text;
}

function validateExpressions(node: NodeValidator, value: PlainValue, keys: Keys, path: FieldPath, run: Run): void {
  if (node.rules.length === 0) return;
  const report = (error: FieldError, at: Keys = keys): void => {
    run.reports.push({ rule: 'custom-resource-schema', severity: 'error', message: render(error), at, prefer: error.target });
  };
  const notChecked = (rule: CompiledRule, why: string): void => {
    run.reports.push({
      rule: 'custom-resource-schema',
      severity: 'information',
      message: `${path.segments.length === 0 ? '<nil>' : path.toString()}: x-kubernetes-validations rule ${JSON.stringify(rule.rule.trim())} not checked: ${why}`,
      at: keys,
      prefer: 'value',
    });
  };
  let self: CelInput | undefined;
  for (const rule of node.rules) {
    if (rule.transition || !('evaluate' in rule.program)) continue;
    if (run.budget <= 0) {
      report(invalid(path, node.type, OUT_OF_BUDGET));
      run.budget = -1;
      return;
    }
    self ??= celValueOf(value, node.schema, node.resourceRoot);
    const bindings = { self, oldSelf: null };
    const cost = rule.program.costBound(bindings);
    const outcome = rule.program.evaluate(bindings);
    if (!outcome.ok && outcome.error === COST_LIMIT_EXCEEDED) {
      report(invalid(path, node.type, `'${COST_LIMIT_EXCEEDED}': no further validation rules will be run due to call cost exceeds limit for rule: ${ruleErrorString(rule)}`));
      run.budget = -1;
      return;
    }
    if (cost > run.budget) {
      report(invalid(path, node.type, OUT_OF_BUDGET));
      run.budget = -1;
      return;
    }
    run.budget -= cost;
    if (!outcome.ok) {
      const upstream = upstreamEvaluationError(outcome.error, node);
      if (upstream) report(invalid(path, node.type, `${upstream} evaluating rule: ${ruleErrorString(rule)}`));
      else notChecked(rule, `kubeplan's CEL could not evaluate it (${outcome.error})`);
      continue;
    }
    if (outcome.value === true) continue;
    if (outcome.value !== false) {
      notChecked(rule, 'it does not evaluate to a boolean');
      continue;
    }
    const errorPath = rule.fieldPath ? path.child(rule.fieldPath.text) : path;
    const at = rule.fieldPath ? [...keys, ...rule.fieldPath.keys] : keys;
    const detail = messageOf(rule, bindings, run) ?? (rule.message.length === 0 ? `failed rule: ${ruleErrorString(rule)}` : rule.message.trim());
    report(errorForReason(errorPath, node.type, detail, rule.reason), at);
  }
}

/**
 * evalMessageExpression: the messageExpression's string, trimmed, when it evaluates to one that is not empty, fits in
 * 5 KiB and has no line break; otherwise undefined, and the rule's message (or `failed rule: …`) is used.
 */
function messageOf(rule: CompiledRule, bindings: Readonly<Record<string, CelInput>>, run: Run): string | undefined {
  if (!rule.messageExpression) return undefined;
  const outcome = rule.messageExpression.evaluate(bindings);
  run.budget -= rule.messageExpression.costBound(bindings);
  if (!outcome.ok || typeof outcome.value !== 'string') return undefined;
  const message = outcome.value.trim();
  if (message.length === 0 || Buffer.byteLength(message) > MAX_EVALUATED_MESSAGE_BYTES || message.includes('\n')) return undefined;
  return message;
}

/** fieldErrorForReason. */
function errorForReason(path: FieldPath, type: string, detail: string, reason: string | undefined): FieldError {
  switch (reason) {
    case 'FieldValueForbidden':
      return forbidden(path, detail);
    case 'FieldValueRequired':
      return required(path, detail);
    case 'FieldValueDuplicate':
      return duplicate(path, type);
    default:
      return invalid(path, type, detail);
  }
}

/**
 * An evaluation error of kubeplan's CEL in cel-go's words, when it is one upstream reports at run time too:
 * an absent field (unstructuredMap.Get "no such key"), a list index (unstructuredList.Get "index out of bounds"), and
 * cel-go's arithmetic errors (common/types/overflow.go). A missing field that the schema does not declare, or any other
 * error (a type mismatch), is one upstream's checker refuses when the CRD is created: undefined, not reported.
 */
function upstreamEvaluationError(error: string, node: NodeValidator): string | undefined {
  const missing = /^field not found: (.*)$/.exec(error);
  if (missing) return node.names.has(missing[1] ?? '') || node.hasMaps ? `no such key: ${missing[1]}` : undefined;
  const index = /^index (-?\d+) out of bounds/.exec(error);
  if (index) return `index out of bounds: ${index[1]}`;
  if (error === 'int divide by zero') return 'division by zero';
  if (error === 'int modulus by zero') return 'modulus by zero';
  if (/^int overflow/.test(error)) return 'integer overflow';
  return undefined;
}

/** A rule kubeplan does not evaluate, and why, with where it is written (relative to openAPIV3Schema). */
export interface UncheckedRule {
  readonly at: Keys;
  readonly rule: string;
  readonly why: string;
}

/** The rules of a validator that kubeplan does not evaluate on create: transition rules, and those it cannot run. */
export function uncheckedRules(validator: NodeValidator): { transition: UncheckedRule[]; unsupported: UncheckedRule[] } {
  const transition: UncheckedRule[] = [];
  const unsupported: UncheckedRule[] = [];
  const visit = (node: NodeValidator): void => {
    for (const rule of node.rules) {
      if (rule.transition) transition.push({ at: rule.at, rule: rule.rule, why: 'transition rule' });
      else if (!('evaluate' in rule.program)) unsupported.push({ at: rule.at, rule: rule.rule, why: rule.program.problem });
    }
    for (const child of node.properties.values()) visit(child);
    if (node.items) visit(node.items);
    if (node.additionalProperties) visit(node.additionalProperties);
  };
  visit(validator);
  return { transition, unsupported };
}
