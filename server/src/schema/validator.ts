/**
 * Schema validation of one Kubernetes object with ajv. One ajv instance per Kubernetes version holds that
 * version's definitions; each kind's validator is compiled the first time the kind is seen and reused after.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { FieldSchema, KindInfo, SchemaBundle } from './bundle-types';
import { loadBundle } from './bundle';
import type { KubernetesVersion } from './versions';
import { parseQuantity } from '../quantity';
import { base64ErrorOffset } from './base64';
import type { PlainObject, PlainValue } from '../parse/yaml-documents';

export interface SchemaValidator {
  bundle: SchemaBundle;
  validate(info: KindInfo, object: PlainObject): ErrorObject[];
  rootSchema(info: KindInfo): FieldSchema;
}

const validators = new Map<KubernetesVersion, SchemaValidator>();

export function validatorFor(version: KubernetesVersion): SchemaValidator {
  let validator = validators.get(version);
  if (!validator) {
    validator = createValidator(loadBundle(version));
    validators.set(version, validator);
  }
  return validator;
}

function createValidator(bundle: SchemaBundle): SchemaValidator {
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, validateFormats: true, messages: false });
  ajv.addFormat('quantity', { type: 'string', validate: (value: string) => parseQuantity(value).ok });
  ajv.addFormat('byte', { type: 'string', validate: (value: string) => base64ErrorOffset(value) === undefined });
  const id = `kubernetes-${bundle.kubernetesVersion}`;
  ajv.addSchema({ $id: id, definitions: bundle.definitions as Record<string, object> });
  const compiled = new Map<string, ValidateFunction>();

  return {
    bundle,
    rootSchema: (info) => bundle.definitions[info.definition]!,
    validate(info, object) {
      let validate = compiled.get(info.definition);
      if (!validate) {
        validate = ajv.getSchema(`${id}#/definitions/${info.definition}`);
        if (!validate) throw new Error(`no schema for ${info.definition}`);
        compiled.set(info.definition, validate);
      }
      return validate(withoutNullFields(object)) ? [] : [...(validate.errors ?? [])];
    },
  };
}

/**
 * The API server decodes JSON into Go structs, where `field: null` leaves the field at its zero value: it is
 * neither a type error nor a value. Validate what Go would see.
 */
function withoutNullFields(value: PlainValue): PlainValue {
  if (Array.isArray(value)) return value.map(withoutNullFields);
  if (value === null || typeof value !== 'object') return value;
  const out: PlainObject = Object.create(null) as PlainObject;
  for (const key of Object.keys(value)) {
    const field = value[key]!;
    if (field !== null) out[key] = withoutNullFields(field);
  }
  return out;
}
