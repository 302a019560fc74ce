/**
 * ConfigMap and Secret validation as ValidateConfigMap and ValidateSecret (pkg/apis/core/validation) report it.
 * A Secret is validated defaulted: `stringData` merged into `data` (stringData wins), `type` Opaque. Base64
 * that does not decode never reaches these rules: the decoder refuses it first.
 */
import { isObject, stringEntries, type PlainObject } from '../kube/plain-values';
import { isConfigMapKey } from './apimachinery-validation';
import { FieldPath, invalid, placedAt, required, tooLong, type FieldError } from '../kube/field-errors';
import { goJsonObjectError } from './go-json';
import type { ObjectRule } from './rule';

/** core.MaxSecretSize, which also bounds a ConfigMap. */
const MAX_SIZE = 1024 * 1024;
const SERVICE_ACCOUNT_NAME_KEY = 'kubernetes.io/service-account.name';

interface SecretEntry {
  bytes: Buffer;
  /** Where the key was written: `data` or `stringData`. */
  written: FieldPath;
}

/**
 * The defaulted Secret's data as decoded bytes, each entry with the place it was written: `stringData` when it
 * came from there, `data` otherwise.
 */
function secretData(object: PlainObject, defaulted: PlainObject): Map<string, SecretEntry> {
  const fromStringData = new Set(isObject(object['stringData']) ? Object.keys(object['stringData']) : []);
  const entries = new Map<string, SecretEntry>();
  for (const [key, value] of stringEntries(defaulted['data'])) {
    entries.set(key, { bytes: Buffer.from(value, 'base64'), written: FieldPath.of(fromStringData.has(key) ? 'stringData' : 'data').key(key) });
  }
  return entries;
}

/** Invalid keys, named in the bag the API server validates them in and underlined where they were written. */
function keyErrors(bag: 'data' | 'binaryData', key: string, written = FieldPath.of(bag).key(key)): FieldError[] {
  const path = FieldPath.of(bag).key(key);
  return isConfigMapKey(key).map((message) => placedAt(invalid(path, key, message), written, 'key'));
}

export const configKeysRule: ObjectRule = {
  id: 'config-keys',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'ConfigMap and Secret keys must be valid config keys, and a ConfigMap key may not be in both data and binaryData.',
  kinds: ['ConfigMap', 'Secret'],
  check({ kind, object, defaulted }) {
    const errors: FieldError[] = [];
    if (kind === 'Secret') {
      for (const [key, entry] of secretData(object, defaulted)) errors.push(...keyErrors('data', key, entry.written));
      return errors;
    }
    const binaryKeys = new Set(isObject(object['binaryData']) ? Object.keys(object['binaryData']) : []);
    for (const [key] of stringEntries(object['data'])) {
      errors.push(...keyErrors('data', key));
      const path = FieldPath.of('data').key(key);
      if (binaryKeys.has(key)) errors.push(placedAt(invalid(path, key, 'duplicate of key present in binaryData'), path, 'key'));
    }
    for (const key of binaryKeys) errors.push(...keyErrors('binaryData', key));
    return errors;
  },
};

export const configSizeRule: ObjectRule = {
  id: 'config-size',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'The values of a ConfigMap or Secret may hold at most 1 MiB together.',
  kinds: ['ConfigMap', 'Secret'],
  check({ kind, object, defaulted }) {
    if (kind === 'Secret') {
      let total = 0;
      for (const entry of secretData(object, defaulted).values()) total += entry.bytes.length;
      return total > MAX_SIZE ? [tooLong(FieldPath.of('data'), MAX_SIZE)] : [];
    }
    let total = 0;
    for (const [, value] of stringEntries(object['data'])) total += Buffer.byteLength(value, 'utf8');
    for (const [, value] of stringEntries(object['binaryData'])) total += Buffer.from(value, 'base64').length;
    if (total <= MAX_SIZE) return [];
    // ValidateConfigMap names the whole object with field.NewPath(""), which prints as `[]`.
    return [placedAt(tooLong(new FieldPath([{ key: '' }]), MAX_SIZE), FieldPath.of(isObject(object['data']) ? 'data' : 'binaryData'), 'key')];
  },
};

/** Keys each Secret type requires, in the order ValidateSecret checks them. */
function typeErrors(type: string, object: PlainObject, data: Map<string, SecretEntry>): FieldError[] {
  const missing = (...keys: string[]) => keys.map((key) => placedAt(required(FieldPath.of('data').key(key)), FieldPath.of('type'), 'value'));
  const jsonErrors = (key: string) => {
    const entry = data.get(key);
    if (!entry) return missing(key);
    const error = goJsonObjectError(entry.bytes);
    return error ? [placedAt(invalid(FieldPath.of('data').key(key), '<secret contents redacted>', error), entry.written, 'value')] : [];
  };
  switch (type) {
    case 'kubernetes.io/service-account-token': {
      const annotations = isObject(object['metadata']) ? object['metadata']['annotations'] : undefined;
      const name = isObject(annotations) ? annotations[SERVICE_ACCOUNT_NAME_KEY] : undefined;
      if (typeof name === 'string' && name !== '') return [];
      return [placedAt(required(FieldPath.of('metadata', 'annotations').key(SERVICE_ACCOUNT_NAME_KEY)), FieldPath.of('type'), 'value')];
    }
    case 'kubernetes.io/dockercfg':
      return jsonErrors('.dockercfg');
    case 'kubernetes.io/dockerconfigjson':
      return jsonErrors('.dockerconfigjson');
    case 'kubernetes.io/basic-auth':
      // Either may be empty, but one of them must be present.
      return data.has('username') || data.has('password') ? [] : missing('username', 'password');
    case 'kubernetes.io/ssh-auth':
      return (data.get('ssh-privatekey')?.bytes.length ?? 0) > 0 ? [] : missing('ssh-privatekey');
    case 'kubernetes.io/tls':
      return missing(...['tls.crt', 'tls.key'].filter((key) => !data.has(key)));
    default:
      // Opaque, empty and custom types: no required keys.
      return [];
  }
}

export const secretTypeKeysRule: ObjectRule = {
  id: 'secret-type-keys',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'A Secret of a built-in type must hold the keys that type requires (tls.crt and tls.key, .dockerconfigjson as a JSON object, and so on).',
  kinds: ['Secret'],
  check({ object, defaulted }) {
    return typeErrors(typeof defaulted['type'] === 'string' ? defaulted['type'] : '', object, secretData(object, defaulted));
  },
};
