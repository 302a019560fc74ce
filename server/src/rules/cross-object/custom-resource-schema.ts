/**
 * `custom-resource-schema`: when the workspace holds a CustomResourceDefinition, its instances are validated against
 * the `openAPIV3Schema` of the version they are written in (when that version is served), as the API server does,
 * with its wording: unknown fields as strict decoding reports them, then field errors as apiextensions reports them.
 * Validators are compiled once per schema object: the objects of unchanged documents and files keep their identity.
 */
import type { default as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import { goRegexp } from '../../kube/go-regexp';
import { emptyPlainObject, isObject, listAt, objectAt, stringAt, type Keys, type PlainObject, type PlainValue } from '../../kube/plain-values';
import type { Catalog } from '../../catalog/catalog';
import { fieldPath, type Report, type WorkspaceObject } from '../../catalog/workspace-object';
import { withSchemaDefaults } from './custom-resource-defaults';
import { ruleValidatorOf, uncheckedRules, validateRules } from './custom-resource-validations';

const compiled = new WeakMap<PlainObject, ValidateFunction | { problem: string }>();
let ajv: AjvClass | undefined;

/** The schema's validator, or why it cannot be had; compiled once per schema object. */
function validatorOf(schema: PlainObject): ValidateFunction | { problem: string } {
  let validator = compiled.get(schema);
  if (!validator) {
    // OpenAPI's `nullable` and the `x-kubernetes-*` extensions are not JSON Schema: strict mode off, formats unchecked
    // (the API server checks only a few, leniently).
    // Loaded on first use: most workspaces have no custom resource with its CRD, and the server's memory is counted.
    ajv ??= new (require('ajv') as typeof import('ajv')).default({ strict: false, allErrors: true, validateFormats: false, code: { regExp: goPattern } });
    try {
      validator = ajv.compile(toJsonSchema(schema, true) as object);
    } catch (error) {
      validator = { problem: (error instanceof Error ? error.message : String(error)).split('\n')[0]! };
    }
    compiled.set(schema, validator);
  }
  return validator;
}

/** Why the schema cannot be compiled, or undefined when it can. */
export function schemaProblem(schema: PlainObject): string | undefined {
  const validate = validatorOf(schema);
  return validate instanceof Function ? undefined : validate.problem;
}

/**
 * A schema's `pattern` as kube-openapi's validator compiles it: with Go's regexp (validate/values.go Pattern), so
 * `(?i)`, `\z` or `[[:alpha:]]` mean what they mean to the API server. A pattern Go refuses makes the schema
 * unusable, as it makes the CustomResourceDefinition invalid (crd-structural.ts reports it there).
 */
const goPattern = Object.assign(
  (pattern: string) => {
    const compiled = goRegexp(pattern);
    if (!compiled.ok) throw new Error(compiled.error);
    return compiled.regexp;
  },
  // Only for ajv's standalone code, which is not generated for custom resources.
  { code: 'goPattern' },
);

/**
 * The object validated as the API server validates it on create (pkg/registry/customresource/strategy.go Validate):
 * defaulted, checked against the schema, then its x-kubernetes-validations rules evaluated — unless strict decoding
 * already refused it (an unknown field), or a schema error blocks them (hasBlockingErr).
 */
export function checkCustomResource(object: WorkspaceObject, schemas: Map<string, PlainObject>): Report[] {
  const schema = schemas.get(`${object.apiVersion}/${object.kind}`);
  if (!schema) return [];
  const validate = validatorOf(schema);
  // A schema that cannot be used is reported once, on its CustomResourceDefinition.
  if (!(validate instanceof Function)) return [];
  const value = withSchemaDefaults(object.value, schema);
  const errors = validate(value) ? [] : [...(validate.errors ?? [])];
  const reports = reportsOf(errors, value);
  const rules = ruleValidatorOf(schema);
  if (!rules || errors.some((error) => error.keyword === 'additionalProperties')) return reports;
  if (errors.some((error) => BLOCKING_KEYWORDS.has(error.keyword))) {
    reports.push({ rule: 'custom-resource-schema', severity: 'information', message: NOT_ALL_RULES_CHECKED, at: [], prefer: 'key' });
    return reports;
  }
  return [...reports, ...validateRules(rules, value)];
}

/**
 * The schema errors hasBlockingErr counts (NotSupported, Required, TooLong, TooMany, TypeInvalid): with one of them,
 * the rules are not evaluated and the API server adds field.Invalid(nil, nil, …), printed with the value "null".
 */
const BLOCKING_KEYWORDS = new Set(['enum', 'required', 'maxLength', 'maxItems', 'maxProperties', 'type']);
const NOT_ALL_RULES_CHECKED = '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

/**
 * A served version whose schema cannot be compiled while the workspace holds objects of it: they go unchecked, and
 * the user should know. Versions without objects are left alone: compiling a large CRD's schema takes seconds.
 */
export function checkDefinitionSchemas(crd: WorkspaceObject, catalog: Catalog): Report[] {
  if (crd.kind !== 'CustomResourceDefinition') return [];
  const spec = objectAt(crd.value, 'spec');
  const kind = stringAt(objectAt(spec, 'names'), 'kind');
  const group = stringAt(spec, 'group');
  if (!kind || !group) return [];
  const reports: Report[] = [];
  listAt(spec, 'versions').forEach((version, i) => {
    const schema = objectAt(version, 'schema', 'openAPIV3Schema');
    if (!schema || !isObject(version) || version['served'] === false) return;
    const apiVersion = `${group}/${stringAt(version, 'name') ?? ''}`;
    if (!catalog.ofKind(kind).some((object) => object.apiVersion === apiVersion)) return;
    const validate = validatorOf(schema);
    const schemaAt = ['spec', 'versions', i, 'schema', 'openAPIV3Schema'];
    if (validate instanceof Function) {
      reports.push(...uncheckedRuleNotes(schema, kind, stringAt(version, 'name') ?? String(i), schemaAt));
      return;
    }
    reports.push({
      rule: 'custom-resource-schema',
      severity: 'information',
      message: `${kind} objects of version ${stringAt(version, 'name') ?? i} are not checked: their schema cannot be compiled (${validate.problem})`,
      at: ['spec', 'versions', i, 'schema', 'openAPIV3Schema'],
      prefer: 'key',
    });
  });
  return reports;
}

/**
 * What the objects of a version do not get checked for: its transition rules, in one note (the API server runs them
 * only on update), and each rule kubeplan's CEL cannot evaluate, with why.
 */
function uncheckedRuleNotes(schema: PlainObject, kind: string, version: string, schemaAt: Keys): Report[] {
  const validator = ruleValidatorOf(schema);
  if (!validator) return [];
  const { transition, unsupported } = uncheckedRules(validator);
  const reports: Report[] = [];
  const first = transition[0];
  if (first) {
    const count = transition.length === 1 ? '1 transition rule' : `${transition.length} transition rules`;
    reports.push({
      rule: 'custom-resource-schema',
      severity: 'information',
      message: `${count} (reading oldSelf) of ${kind} objects of version ${version} not checked: the API server evaluates them only when an object is updated`,
      at: [...schemaAt, ...first.at, 'rule'],
      prefer: 'value',
    });
  }
  for (const rule of unsupported) {
    reports.push({
      rule: 'custom-resource-schema',
      severity: 'information',
      message: `x-kubernetes-validations rule of ${kind} objects of version ${version} not checked: ${rule.why}`,
      at: [...schemaAt, ...rule.at, 'rule'],
      prefer: 'value',
    });
  }
  return reports;
}

/**
 * Structural schemas prune unknown fields, which strict field validation (kubectl's default) reports; objects
 * with `x-kubernetes-preserve-unknown-fields` keep them. The root's apiVersion, kind and metadata are the API
 * server's own and validated elsewhere.
 */
function toJsonSchema(schema: PlainValue, root: boolean): PlainValue {
  if (Array.isArray(schema)) return schema.map((item) => toJsonSchema(item, false));
  if (!isObject(schema)) return schema;
  const converted: PlainObject = emptyPlainObject();
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && isObject(value)) {
      const properties: PlainObject = emptyPlainObject();
      for (const [name, property] of Object.entries(value)) properties[name] = root && name === 'metadata' ? {} : toJsonSchema(property, false);
      converted[key] = properties;
    } else if (key === 'nullable' || key === 'description') continue;
    else converted[key] = toJsonSchema(value, false);
  }
  if (schema['nullable'] === true && typeof schema['type'] === 'string') converted['type'] = [schema['type'], 'null'];
  // int-or-string fields carry no type, and the extension says what they take.
  if (schema['x-kubernetes-int-or-string'] === true) converted['type'] = ['integer', 'string'];
  const properties = schema['properties'];
  if (isObject(properties) && schema['x-kubernetes-preserve-unknown-fields'] !== true && schema['additionalProperties'] === undefined) {
    converted['additionalProperties'] = false;
    if (root) for (const name of ['apiVersion', 'kind', 'metadata']) if (!(name in properties)) (converted['properties'] as PlainObject)[name] = {};
  }
  return converted;
}

function reportsOf(errors: readonly ErrorObject[], value: PlainObject): Report[] {
  const reports: Report[] = [];
  const typeErrorAt = new Set<string>();
  for (const error of errors) if (error.keyword === 'type') typeErrorAt.add(error.instancePath);
  for (const error of errors) {
    const keys = keysOf(error.instancePath);
    const path = fieldPath(keys);
    const actual = valueAt(value, keys);
    const at = (message: string, where: Keys = keys, prefer: 'key' | 'value' = 'value'): void => {
      reports.push({ rule: 'custom-resource-schema', severity: 'error', message, at: where, prefer });
    };
    // One finding per value: a value of the wrong type says only that.
    if (error.keyword !== 'type' && typeErrorAt.has(error.instancePath)) continue;
    switch (error.keyword) {
      case 'additionalProperties': {
        const field = fieldPath([...keys, String(error.params['additionalProperty'])]);
        at(`strict decoding error: unknown field "${field}"`, [...keys, String(error.params['additionalProperty'])], 'key');
        break;
      }
      case 'required': {
        const field = fieldPath([...keys, String(error.params['missingProperty'])]);
        at(`${field}: Required value`, keys, 'key');
        break;
      }
      case 'type': {
        const types = ([] as string[]).concat(error.params['type'] as string | string[]).filter((type) => type !== 'null');
        at(`${path}: Invalid value: "${jsonType(actual)}": ${path} in body must be of type ${types.join(',')}: "${jsonType(actual)}"`);
        break;
      }
      case 'enum': {
        const allowed = (error.params['allowedValues'] as unknown[]).map((item) => JSON.stringify(item)).join(', ');
        at(`${path}: Unsupported value: ${JSON.stringify(actual)}: supported values: ${allowed}`);
        break;
      }
      case 'minimum':
      case 'maximum':
        at(`${path}: Invalid value: ${JSON.stringify(actual)}: ${path} in body should be ${error.keyword === 'minimum' ? 'greater' : 'less'} than or equal to ${String(error.params['limit'])}`);
        break;
      case 'pattern':
        at(`${path}: Invalid value: ${JSON.stringify(actual)}: ${path} in body should match '${String(error.params['pattern'])}'`);
        break;
      default:
        at(`${path}: Invalid value: ${JSON.stringify(actual)}: ${path} in body ${error.message ?? 'is invalid'}`);
    }
  }
  return reports;
}

function keysOf(instancePath: string): Keys {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

function valueAt(value: PlainValue, keys: Keys): PlainValue | undefined {
  let current: PlainValue | undefined = value;
  for (const key of keys) {
    if (typeof key === 'number') current = Array.isArray(current) ? current[key] : undefined;
    else current = isObject(current) ? current[key] : undefined;
  }
  return current;
}

/** The JSON type name the API server's messages use for a value. */
function jsonType(value: PlainValue | undefined): string {
  if (Array.isArray(value)) return 'array';
  if (value === null || value === undefined) return 'null';
  return typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value;
}
