/**
 * A Helm chart's values checked against its values.schema.json, as `helm install` and `helm template` check the
 * values before rendering (helm/helm pkg/chart/common/util/jsonschema.go, ValidateAgainstSingleSchema, since Helm
 * 3.18 and in Helm 4 with github.com/santhosh-tekuri/jsonschema/v6). Helm prints every failure under one heading,
 * `values don't meet the specifications of the schema(s) in the following chart(s):\n<chart>:\n- at '<pointer>':
 * <message>` (values.go, ToRenderValues); here each failure is one finding on the value's line, with that text on one
 * line. The messages are santhosh-tekuri/jsonschema's (kind/kind.go, each kind's LocalizedString); ajv finds the
 * failures. A schema without `$schema` is read as draft 2020-12, the library's default.
 */
import type { default as AjvClass, ErrorObject } from 'ajv';

export const HELM_VALUES_RULE = 'helm-values-schema';

const HEADING = "values don't meet the specifications of the schema(s) in the following chart(s):";

/** What a chart's values are checked with: its schema compiled, or why it cannot be used. */
export type ValuesSchema = { check: (values: unknown) => SchemaFailure[] } | { problem: string };

/** Compiled schemas by their text: the editor checks a values file on every edit against the same schema. */
const compiled = new Map<string, ValuesSchema>();
const COMPILED_KEPT = 32;

export function compileValuesSchema(schemaText: string): ValuesSchema {
  const known = compiled.get(schemaText);
  if (known) return known;
  let schema: ValuesSchema;
  try {
    const parsed = JSON.parse(schemaText) as unknown;
    const validate = compilerFor(parsed).compile(withoutDialect(parsed) as object);
    schema = { check: (values) => (validate(values) ? [] : failures(validate.errors ?? [])) };
  } catch (error) {
    schema = { problem: (error as Error).message };
  }
  if (compiled.size >= COMPILED_KEPT) compiled.delete(compiled.keys().next().value as string);
  compiled.set(schemaText, schema);
  return schema;
}

/** Helm's text for one failure of one chart, on one line. */
export function valuesFailureMessage(chart: string, failure: SchemaFailure): string {
  return `${HEADING} ${chart}: - at ${goQuote(failure.pointer)}: ${failure.message}`;
}

/** ajv for the schema's draft: 2019-09 and 2020-12 by name, draft 2020-12 without `$schema`, else draft-07. */
const compilers = new Map<string, AjvClass>();
function compilerFor(schema: unknown): AjvClass {
  const dialect = typeof schema === 'object' && schema !== null ? String((schema as Record<string, unknown>)['$schema'] ?? '') : '';
  const draft = dialect === '' || dialect.includes('2020-12') ? '2020' : dialect.includes('2019-09') ? '2019' : '07';
  let ajv = compilers.get(draft);
  if (!ajv) {
    const options = { strict: false, allErrors: true, verbose: true, validateFormats: false } as const;
    if (draft === '2020') ajv = new (require('ajv/dist/2020') as typeof import('ajv/dist/2020')).default(options);
    else if (draft === '2019') ajv = new (require('ajv/dist/2019') as typeof import('ajv/dist/2019')).default(options);
    else ajv = new (require('ajv') as typeof import('ajv')).default(options);
    compilers.set(draft, ajv);
  }
  return ajv;
}

/** ajv refuses a `$schema` it has no meta-schema for (draft-04, draft-06); the draft was chosen already. */
function withoutDialect(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const { $schema: _dialect, ...rest } = schema as Record<string, unknown>;
  return rest;
}

export interface SchemaFailure {
  pointer: string;
  keys: (string | number)[];
  message: string;
  /** Placed on the key (a property not allowed) rather than on the value. */
  atKey: boolean;
}

/** Keywords whose failure the library reports as the combination alone (its branches are the causes under it). */
const COMBINATIONS = /\/(anyOf|oneOf|not|propertyNames)(\/|$)/;

/**
 * ajv's errors as the library reports them: one `required` and one `additionalProperties` failure per object,
 * listing every name; the branches of anyOf, oneOf and not folded into the combination; if/then's own marker
 * dropped (the library reports the `then` or `else` failures themselves).
 */
function failures(errors: readonly ErrorObject[]): SchemaFailure[] {
  const grouped = new Map<string, SchemaFailure & { names: string[] }>();
  const out: SchemaFailure[] = [];
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    const combination = COMBINATIONS.exec(error.schemaPath);
    if (combination && !error.schemaPath.endsWith(`/${combination[1]}`)) continue;
    const keys = pointerKeys(error.instancePath);
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'required' || error.keyword === 'additionalProperties' || error.keyword === 'dependencies' || error.keyword === 'dependentRequired') {
      const name = String(params['missingProperty'] ?? params['additionalProperty']);
      const id = `${error.keyword}\u0000${String(params['property'] ?? '')}\u0000${error.instancePath}`;
      let failure = grouped.get(id);
      if (!failure) {
        // A property not allowed is placed on its key; a missing one on the object that lacks it.
        failure = { pointer: error.instancePath, keys: error.keyword === 'additionalProperties' ? [...keys, name] : keys, message: '', atKey: true, names: [] };
        grouped.set(id, failure);
        out.push(failure);
      }
      failure.names.push(name);
      failure.message = groupedMessage(error.keyword, failure.names, String(params['property'] ?? ''));
      continue;
    }
    out.push({ pointer: error.instancePath, keys, message: message(error), atKey: false });
  }
  return out;
}

function groupedMessage(keyword: string, names: string[], property: string): string {
  const quoted = names.map(goQuote).join(', ');
  if (keyword === 'additionalProperties') return `additional properties ${quoted} not allowed`;
  if (keyword === 'required') return names.length === 1 ? `missing property ${quoted}` : `missing properties ${quoted}`;
  return `properties ${quoted} required, if ${goQuote(property)} exists`;
}

/** kind/kind.go, each kind's LocalizedString. */
function message(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const data = error.data as unknown;
  switch (error.keyword) {
    case 'type':
      return `got ${jsonType(data)}, want ${String(params['type']).split(',').join(' or ')}`;
    case 'enum':
      return enumMessage(params['allowedValues'] as unknown[]);
    case 'const':
      return isPrimitive(params['allowedValue']) ? `value must be ${display(params['allowedValue'])}` : 'const failed';
    case 'pattern':
      return `${goQuote(String(data))} does not match pattern ${goQuote(String(params['pattern']))}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${error.keyword}: got ${goFloat(Number(data))}, want ${goFloat(Number(params['limit']))}`;
    case 'multipleOf':
      return `multipleOf: got ${goFloat(Number(data))}, want ${goFloat(Number(params['multipleOf']))}`;
    case 'minLength':
    case 'maxLength':
      return `${error.keyword}: got ${[...String(data)].length}, want ${String(params['limit'])}`;
    case 'minItems':
    case 'maxItems':
      return `${error.keyword}: got ${(data as unknown[]).length}, want ${String(params['limit'])}`;
    case 'minProperties':
    case 'maxProperties':
      return `${error.keyword}: got ${Object.keys(data as object).length}, want ${String(params['limit'])}`;
    case 'uniqueItems': {
      const [i, j] = [Number(params['i']), Number(params['j'])].sort((a, b) => a - b);
      return `items at ${i} and ${j} are equal`;
    }
    case 'anyOf':
      return 'anyOf failed';
    case 'oneOf': {
      const passing = params['passingSchemas'] as number[] | null;
      return passing ? `oneOf failed, subschemas ${passing[0]}, ${passing[1]} matched` : 'oneOf failed, none matched';
    }
    case 'not':
      return 'not failed';
    case 'false schema':
      return 'false schema';
    case 'propertyNames':
      return `invalid propertyName ${goQuote(String(params['propertyName']))}`;
    default:
      return 'validation failed';
  }
}

function enumMessage(allowed: unknown[]): string {
  if (!allowed.every(isPrimitive)) return 'enum failed';
  if (allowed.length === 1) return `value must be ${display(allowed[0])}`;
  return `value must be one of ${allowed.map(display).join(', ')}`;
}

function isPrimitive(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

/** kind.go display: strings quoted, other primitives as Go's %v prints them. */
function display(value: unknown): string {
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return goFloat(value);
  return value === null ? '<nil>' : String(value);
}

/** The library's type names (schema.go, typeOf): every number is a "number". */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  return typeof value;
}

/**
 * kind.go quote: Go's %q with `"` unescaped and `'` escaped, in single quotes. JSON's escaping agrees with %q for
 * the printable text of values files; control and non-printable characters may be written differently.
 */
function goQuote(text: string): string {
  const json = JSON.stringify(text).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'");
  return `'${json}'`;
}

/** Go's %v of a float64: the shortest form, with an exponent below 1e-4 and from 1e21 (fmt, fmtFloat). */
function goFloat(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN';
  const magnitude = Math.abs(value);
  if (value !== 0 && (magnitude < 1e-4 || magnitude >= 1e21)) {
    const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
    const sign = exponent.startsWith('-') ? '-' : '+';
    const digits = exponent.replace(/^[+-]/, '');
    return `${mantissa}e${sign}${digits.padStart(2, '0')}`;
  }
  return String(value);
}

/** A JSON pointer as the keys of a decoded value: array indexes as numbers. */
function pointerKeys(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((token) => (/^(0|[1-9]\d*)$/.test(token) ? Number(token) : token));
}
