/**
 * A CustomResourceDefinition's own validation, as ValidateCustomResourceDefinition
 * (staging/src/k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/validation/validation.go) reports it on create,
 * on the object after v1 defaulting and after conversion to the internal type. That conversion
 * (Convert_v1_CustomResourceDefinitionSpec_To_apiextensions_CustomResourceDefinitionSpec) moves the subresources and
 * printer columns to the top of the spec when every version has identical ones, so those errors name
 * `spec.subresources` / `spec.additionalPrinterColumns` and are placed on the first version; the conversion
 * webhook's fields are named as the internal type names them (`spec.conversion.webhookClientConfig`,
 * `spec.conversion.conversionReviewVersions`). The OpenAPI schema's own checks are not reproduced (see the docs).
 */
import { isObject, textOf, type PlainObject, type PlainValue } from '../kube/plain-values';
import { FieldPath, duplicate, forbidden, invalid, notSupported, placedAt, required, tooMany, type FieldError } from '../kube/field-errors';
import { type GoValue, goPointer, goScalar, goSlice, goString, goStrings, goStruct } from '../kube/go-values';
import { webhookServiceErrors, webhookUrlErrors } from './admission-registration';
import { isDns1035Label, isDns1123Subdomain } from './apimachinery-validation';
import { minorOf } from '../schema/versions';
import { structuralErrors } from './crd-structural';
import type { ObjectRule } from './rule';

const KINDS = ['CustomResourceDefinition'];
const API_VERSION = 'apiextensions.k8s.io/v1';

const objectsAt = (object: PlainObject, key: string): PlainObject[] => (Array.isArray(object[key]) ? (object[key] as PlainValue[]).filter(isObject) : []);

/** printerColumnDatatypes and customResourceColumnDefinitionFormats, listed sorted as sets.String.List() does. */
const COLUMN_TYPES = ['boolean', 'date', 'integer', 'number', 'string'];
const COLUMN_FORMATS = ['byte', 'date', 'date-time', 'double', 'float', 'int32', 'int64', 'password'];
const MAX_DEPRECATION_WARNING_BYTES = 256;
/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const CONTROL = /^\p{Cc}$/u;
const utf8 = new TextEncoder();

/**
 * apiequality.Semantic.DeepEqual over decoded values, as the v1 → internal conversion compares the versions'
 * subresources and columns: absent, null, empty lists and empty maps of an omitempty field compare equal.
 */
function semanticEqual(a: PlainValue | undefined, b: PlainValue | undefined): boolean {
  // The same decoded value (a version compared with itself): no need to walk a schema of thousands of lines.
  if (a === b) return true;
  const empty = (v: PlainValue | undefined) => v === undefined || v === null || (Array.isArray(v) && v.length === 0);
  if (empty(a) && empty(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => semanticEqual(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!semanticEqual(a[key], b[key])) return false;
    return true;
  }
  return a === b;
}

/** The per-version fields the conversion lifts to the top of the spec, selectable fields only with the schema. */
const LIFTED_FIELDS = ['schema', 'subresources', 'additionalPrinterColumns', 'selectableFields'] as const;

/**
 * The internal []apiextensions.CustomResourceDefinitionVersion as field.Error prints it, when it can be printed
 * exactly: every per-version schema, subresources, printer columns and selectable fields lifted to the top (or
 * absent), so that each is nil. Otherwise undefined: the list would print whole OpenAPI schemas.
 */
function internalVersionsValue(versions: PlainObject[], lifted: { schema: boolean; subresources: boolean; additionalPrinterColumns: boolean }): GoValue | undefined {
  const liftedNow = { ...lifted, selectableFields: lifted.schema && liftedToTop(versions, 'selectableFields') };
  for (const key of LIFTED_FIELDS) {
    if (!liftedNow[key] && versions.some((version) => version[key] !== undefined && version[key] !== null)) return undefined;
  }
  const items = versions.map((version) =>
    goStruct('apiextensions.CustomResourceDefinitionVersion', [
      ['Name', goString(textOf(version['name']))],
      ['Served', goScalar(version['served'] === true)],
      ['Storage', goScalar(version['storage'] === true)],
      ['Deprecated', goScalar(version['deprecated'] === true)],
      ['DeprecationWarning', goPointer('*string', typeof version['deprecationWarning'] === 'string' ? goString(version['deprecationWarning']) : undefined)],
      ['Schema', goPointer('*apiextensions.CustomResourceValidation', undefined)],
      ['Subresources', goPointer('*apiextensions.CustomResourceSubresources', undefined)],
      ['AdditionalPrinterColumns', goSlice('[]apiextensions.CustomResourceColumnDefinition', undefined)],
      ['SelectableFields', goSlice('[]apiextensions.SelectableField', undefined)],
    ]),
  );
  return goSlice('[]apiextensions.CustomResourceDefinitionVersion', items);
}

/** Whether conversion to the internal type lifts a per-version field to the top of the spec. */
export function liftedToTop(versions: PlainObject[], key: string): boolean {
  return versions.length > 0 && versions.every((version) => semanticEqual(version[key], versions[0]![key]));
}

/** An error reported on the lifted, top-level field, placed where the user wrote it: under the first version. */
function onFirstVersion(error: FieldError, topLevel: FieldPath, firstVersion: FieldPath): FieldError {
  const relative = error.path.slice(topLevel.segments.length);
  return placedAt(error, new FieldPath([...firstVersion.segments, ...relative]), error.target);
}

/** validateSimpleJSONPath (the empty path is reported by every caller before). */
function simpleJsonPathErrors(value: string, path: FieldPath): FieldError[] {
  if (value === '') return [invalid(path, value, 'must not be empty')];
  if (!value.startsWith('.')) return [invalid(path, value, 'must be a simple json path starting with .')];
  return [];
}

/** ValidateCustomResourceDefinitionSubresources: the scale subresource's paths. */
function subresourceErrors(subresources: PlainObject, path: FieldPath): FieldError[] {
  const scale = subresources['scale'];
  if (!isObject(scale)) return [];
  const errors: FieldError[] = [];
  const replicaPaths: [string, string, string][] = [
    ['specReplicasPath', '.spec.', 'should be a json path under .spec'],
    ['statusReplicasPath', '.status.', 'should be a json path under .status'],
  ];
  for (const [key, prefix, detail] of replicaPaths) {
    const value = textOf(scale[key]);
    const fieldPath = path.child('scale', key);
    if (value === '') {
      errors.push(required(fieldPath));
      continue;
    }
    const pathErrors = simpleJsonPathErrors(value, fieldPath);
    if (pathErrors.length > 0) errors.push(...pathErrors);
    else if (!value.startsWith(prefix)) errors.push(invalid(fieldPath, value, detail));
  }
  const selectorPath = textOf(scale['labelSelectorPath']);
  if (selectorPath !== '') {
    const fieldPath = path.child('scale', 'labelSelectorPath');
    const pathErrors = simpleJsonPathErrors(selectorPath, fieldPath);
    if (pathErrors.length > 0) errors.push(...pathErrors);
    else if (!selectorPath.startsWith('.status.')) errors.push(invalid(fieldPath, selectorPath, 'should be a json path under .status'));
  }
  return errors;
}

/** ValidateCustomResourceColumnDefinition. The internal type names the JSON path `JSONPath`. */
function columnErrors(column: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (textOf(column['name']) === '') errors.push(required(path.child('name')));
  const type = textOf(column['type']);
  const types = `must be one of ${COLUMN_TYPES.join(',')}`;
  if (type === '') errors.push(required(path.child('type'), types));
  else if (!COLUMN_TYPES.includes(type)) errors.push(invalid(path.child('type'), type, types));
  const format = textOf(column['format']);
  if (format !== '' && !COLUMN_FORMATS.includes(format)) errors.push(invalid(path.child('format'), format, `must be one of ${COLUMN_FORMATS.join(',')}`));
  const jsonPath = textOf(column['jsonPath']);
  const jsonPathField = path.child('JSONPath');
  const jsonPathErrors = jsonPath === '' ? [required(jsonPathField)] : simpleJsonPathErrors(jsonPath, jsonPathField);
  errors.push(...jsonPathErrors.map((error) => placedAt(error, path.child('jsonPath'), error.target)));
  return errors;
}

/** validateDeprecationWarning: the messages, byte indexes as Go's range over a string gives them. */
function deprecationWarningMessages(deprecated: boolean, warning: string | undefined): string[] {
  if (warning === undefined) return [];
  if (!deprecated) return ['can only be set for deprecated versions'];
  const messages: string[] = [];
  if (utf8.encode(warning).length > MAX_DEPRECATION_WARNING_BYTES) messages.push(`must be <= ${MAX_DEPRECATION_WARNING_BYTES} characters long`);
  if (warning.length === 0) messages.push('must not be an empty string');
  let index = 0;
  for (const character of warning) {
    if (!PRINTABLE.test(character)) {
      messages.push(`must only contain printable UTF-8 characters; non-printable character found at index ${index}`);
      break;
    }
    if (CONTROL.test(character)) {
      messages.push(`must only contain printable UTF-8 characters; control character found at index ${index}`);
      break;
    }
    index += utf8.encode(character).length;
  }
  return messages;
}

/** ValidateCustomResourceDefinitionNames. */
function namesErrors(names: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of ['plural', 'singular']) {
    const value = textOf(names[key]);
    const messages = value === '' ? [] : isDns1035Label(value);
    if (messages.length > 0) errors.push(invalid(path.child(key), value, messages.join(',')));
  }
  for (const key of ['kind', 'listKind']) {
    const value = textOf(names[key]);
    const messages = value === '' ? [] : isDns1035Label(value.toLowerCase());
    if (messages.length > 0) errors.push(invalid(path.child(key), value, `may have mixed case, but should otherwise match: ${messages.join(',')}`));
  }
  const listOf = (key: string) => (Array.isArray(names[key]) ? (names[key] as PlainValue[]) : []);
  listOf('shortNames').forEach((shortName, i) => {
    const messages = typeof shortName === 'string' ? isDns1035Label(shortName) : [];
    if (messages.length > 0) errors.push(invalid(path.child('shortNames').index(i), shortName, messages.join(',')));
  });
  const kind = textOf(names['kind']);
  if (kind !== '' && kind === textOf(names['listKind'])) errors.push(invalid(path.child('listKind'), kind, 'kind and listKind may not be the same'));
  listOf('categories').forEach((category, i) => {
    const messages = typeof category === 'string' ? isDns1035Label(category) : [];
    if (messages.length > 0) errors.push(invalid(path.child('categories').index(i), category, messages.join(',')));
  });
  return errors;
}

/** The CRD's spec, or nothing when it is not an apiextensions.k8s.io/v1 object with a spec. */
function specOf(apiVersion: string, object: PlainObject): PlainObject | undefined {
  if (apiVersion !== API_VERSION) return undefined;
  const spec = object['spec'];
  return isObject(spec) ? spec : undefined;
}

export const crdNameRule: ObjectRule = {
  id: 'crd-name',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'A CustomResourceDefinition is named spec.names.plural + "." + spec.group.',
  kinds: KINDS,
  check({ apiVersion, defaulted }) {
    const spec = specOf(apiVersion, defaulted);
    const metadata = defaulted['metadata'];
    if (!spec || !isObject(metadata) || typeof metadata['name'] !== 'string') return [];
    const name = metadata['name'];
    const names = isObject(spec['names']) ? spec['names'] : {};
    if (name === `${textOf(names['plural'])}.${textOf(spec['group'])}`) return [];
    return [invalid(FieldPath.of('metadata', 'name'), name, 'must be spec.names.plural+"."+spec.group')];
  },
};

export const crdSpecRule: ObjectRule = {
  id: 'crd-spec',
  family: 'api-validation',
  defaultSeverity: 'error',
  description:
    'A CustomResourceDefinition spec: a group with a dot, a known scope, versions named as DNS-1035 labels with a schema each, valid names, subresource and printer-column JSON paths, deprecation warnings, preserveUnknownFields false.',
  kinds: KINDS,
  check({ apiVersion, defaulted }) {
    const spec = specOf(apiVersion, defaulted);
    if (!spec) return [];
    const errors: FieldError[] = [];
    const specPath = FieldPath.of('spec');

    const group = textOf(spec['group']);
    const groupPath = specPath.child('group');
    const groupMessages = isDns1123Subdomain(group);
    if (group === '') errors.push(required(groupPath));
    else if (groupMessages.length > 0) errors.push(invalid(groupPath, group, groupMessages.join(',')));
    else if (!group.includes('.')) errors.push(invalid(groupPath, group, 'should be a domain with at least one dot'));

    const scope = textOf(spec['scope']);
    if (scope === '') errors.push(required(specPath.child('scope')));
    else if (scope !== 'Cluster' && scope !== 'Namespaced') errors.push(notSupported(specPath.child('scope'), scope, ['Cluster', 'Namespaced']));

    const versions = objectsAt(spec, 'versions');
    const versionsPath = specPath.child('versions');
    const schemaOf = (version: PlainObject) => (isObject(version['schema']) ? version['schema']['openAPIV3Schema'] : undefined);
    const schemaLifted = liftedToTop(versions, 'schema');
    const subresourcesLifted = liftedToTop(versions, 'subresources');
    const columnsLifted = liftedToTop(versions, 'additionalPrinterColumns');
    // requireOpenAPISchema: without a (lifted) top-level schema, every version needs its own.
    if (!(schemaLifted && isObject(schemaOf(versions[0]!)))) {
      versions.forEach((version, i) => {
        if (schemaLifted || !isObject(schemaOf(version))) {
          const error = required(versionsPath.index(i).child('schema', 'openAPIV3Schema'), 'schemas are required');
          errors.push(placedAt(error, versionsPath.index(i).child('name'), 'value'));
        }
      });
    }

    versions.forEach((version, i) => {
      const path = versionsPath.index(i);
      const name = textOf(version['name']);
      const nameMessages = isDns1035Label(name);
      if (nameMessages.length > 0) errors.push(invalid(path.child('name'), name, nameMessages.join(',')));
      // validateCustomResourceDefinitionVersion
      const warning = typeof version['deprecationWarning'] === 'string' ? version['deprecationWarning'] : undefined;
      for (const message of deprecationWarningMessages(version['deprecated'] === true, warning)) {
        errors.push(invalid(path.child('deprecationWarning'), warning, message));
      }
      if (!subresourcesLifted && isObject(version['subresources'])) errors.push(...subresourceErrors(version['subresources'], path.child('subresources')));
      if (!columnsLifted) {
        objectsAt(version, 'additionalPrinterColumns').forEach((column, j) => {
          errors.push(...columnErrors(column, path.child('additionalPrinterColumns').index(j)));
        });
      }
    });

    // The version names must be unique and exactly one version stored; both print the internal versions list.
    const seen = new Set<string>();
    const uniqueNames = versions.every((version) => !seen.has(textOf(version['name'])) && !!seen.add(textOf(version['name'])));
    const storageCount = versions.filter((version) => version['storage'] === true).length;
    if (!uniqueNames || storageCount !== 1) {
      const list = internalVersionsValue(versions, { schema: schemaLifted, subresources: subresourcesLifted, additionalPrinterColumns: columnsLifted });
      if (list && !uniqueNames) errors.push(placedAt(invalid(versionsPath, list, 'must contain unique version names'), versionsPath, 'key'));
      if (list && storageCount !== 1) errors.push(placedAt(invalid(versionsPath, list, 'must have exactly one version marked as storage version'), versionsPath, 'key'));
    }

    // The internal spec.version is versions[0].name and is checked again.
    const firstName = versions.length > 0 ? textOf(versions[0]!['name']) : '';
    if (firstName !== '') {
      const messages = isDns1035Label(firstName);
      if (messages.length > 0) errors.push(placedAt(invalid(specPath.child('version'), firstName, messages.join(',')), versionsPath.index(0).child('name'), 'value'));
    }

    const names = isObject(spec['names']) ? spec['names'] : {};
    const namesPath = specPath.child('names');
    for (const key of ['plural', 'singular', 'kind', 'listKind']) {
      if (textOf(names[key]) === '') errors.push(required(namesPath.child(key)));
    }
    errors.push(...namesErrors(names, namesPath));

    const firstVersion = versionsPath.index(0);
    if (subresourcesLifted && isObject(versions[0]!['subresources'])) {
      const top = specPath.child('subresources');
      for (const error of subresourceErrors(versions[0]!['subresources'], top)) errors.push(onFirstVersion(error, top, firstVersion.child('subresources')));
    }
    if (columnsLifted) {
      const top = specPath.child('additionalPrinterColumns');
      objectsAt(versions[0] ?? {}, 'additionalPrinterColumns').forEach((column, j) => {
        for (const error of columnErrors(column, top.index(j))) {
          const placed = error.placeAt ? { ...error, path: error.placeAt.path } : error;
          const moved = onFirstVersion(placed, top, firstVersion.child('additionalPrinterColumns'));
          errors.push({ ...moved, path: error.path });
        }
      });
    }

    // ValidateCustomResourceDefinitionStoredVersions: on create the strategy stores the first storage version, so
    // without one status.storedVersions is nil. Placed on spec.versions, the field to fix.
    if (storageCount === 0) {
      errors.push(placedAt(invalid(FieldPath.of('status', 'storedVersions'), goStrings('[]string', undefined), 'must have at least one stored version'), versionsPath, 'key'));
    }

    // validatePreserveUnknownFields
    if (spec['preserveUnknownFields'] === true) {
      errors.push(invalid(specPath.child('preserveUnknownFields'), true, 'cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead'));
    }
    return errors;
  },
};

export const crdConversionRule: ObjectRule = {
  id: 'crd-conversion',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'A CustomResourceDefinition conversion: strategy None or Webhook, a webhook client config with exactly one of url or service and review versions only for Webhook.',
  kinds: KINDS,
  check({ apiVersion, defaulted }) {
    const spec = specOf(apiVersion, defaulted);
    const conversion = spec?.['conversion'];
    if (!spec || !isObject(conversion)) return [];
    const errors: FieldError[] = [];
    const path = FieldPath.of('spec', 'conversion');
    const strategy = textOf(conversion['strategy']);
    const preserveUnknownFields = spec['preserveUnknownFields'] === true;
    if (strategy !== 'None' && preserveUnknownFields) errors.push(invalid(path.child('strategy'), strategy, 'must be None if spec.preserveUnknownFields is true'));
    if (strategy === '') errors.push(required(path.child('strategy')));
    else if (strategy !== 'None' && strategy !== 'Webhook') errors.push(notSupported(path.child('strategy'), strategy, ['None', 'Webhook']));
    const webhook = isObject(conversion['webhook']) ? conversion['webhook'] : undefined;
    const webhookPath = path.child('webhook');
    const clientConfig = webhook && isObject(webhook['clientConfig']) ? webhook['clientConfig'] : undefined;
    const reviewVersions = webhook && Array.isArray(webhook['conversionReviewVersions']) ? webhook['conversionReviewVersions'] : [];
    const clientConfigPath = path.child('webhookClientConfig');
    const reviewVersionsPath = path.child('conversionReviewVersions');
    if (strategy === 'Webhook') {
      if (!clientConfig) errors.push(placedAt(required(clientConfigPath, 'required when strategy is set to Webhook'), path.child('strategy'), 'value'));
      else if (isObject(clientConfig['service']) === (typeof clientConfig['url'] === 'string')) {
        errors.push(placedAt(required(clientConfigPath, 'exactly one of url or service is required'), webhookPath.child('clientConfig'), 'key'));
      } else {
        // ValidateWebhookURL and ValidateWebhookService, named under webhookClientConfig, placed under webhook.clientConfig.
        const written = webhookPath.child('clientConfig');
        const clientErrors =
          typeof clientConfig['url'] === 'string'
            ? webhookUrlErrors(clientConfig['url'], clientConfigPath.child('url'))
            : webhookServiceErrors(clientConfig['service'] as PlainObject, clientConfigPath.child('service'));
        for (const error of clientErrors) {
          const at = error.placeAt ?? { path: error.path, target: error.target };
          errors.push(placedAt(error, new FieldPath([...written.segments, ...at.path.slice(clientConfigPath.segments.length)]), at.target));
        }
      }
      // validateConversionReviewVersions
      if (reviewVersions.length === 0) errors.push(placedAt(required(reviewVersionsPath), webhook ? webhookPath : path.child('strategy'), webhook ? 'key' : 'value'));
      const seen = new Set<string>();
      reviewVersions.forEach((version, i) => {
        if (typeof version !== 'string') return;
        const placeAt = webhookPath.child('conversionReviewVersions').index(i);
        if (seen.has(version)) {
          errors.push(placedAt(invalid(reviewVersionsPath.index(i), version, 'duplicate version'), placeAt, 'value'));
          return;
        }
        seen.add(version);
        for (const message of isDns1035Label(version)) errors.push(placedAt(invalid(reviewVersionsPath.index(i), version, message), placeAt, 'value'));
      });
      if (reviewVersions.length > 0 && !reviewVersions.some((version) => version === 'v1' || version === 'v1beta1')) {
        errors.push(placedAt(invalid(reviewVersionsPath, reviewVersions, 'must include at least one of v1, v1beta1'), webhookPath.child('conversionReviewVersions'), 'value'));
      }
    } else {
      if (clientConfig) errors.push(placedAt(forbidden(clientConfigPath, 'should not be set when strategy is not set to Webhook'), webhookPath.child('clientConfig'), 'key'));
      if (reviewVersions.length > 0)
        errors.push(placedAt(forbidden(reviewVersionsPath, 'should not be set when strategy is not set to Webhook'), webhookPath.child('conversionReviewVersions'), 'key'));
    }
    return errors;
  },
};

const API_APPROVAL_ANNOTATION = 'api-approved.kubernetes.io';
const ENHANCEMENT = 'see https://github.com/kubernetes/enhancements/pull/1111';
/** A URL with a scheme and a host, as url.ParseRequestURI reads one; the host is whatever follows `//` up to the path. */
const REQUEST_URI_WITH_HOST = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?]*)/;
const URL_CONTROL_CHARACTER = /[\x00-\x1f\x7f]/;

/** apihelpers.IsProtectedCommunityGroup. */
const isProtectedCommunityGroup = (group: string) => group === 'k8s.io' || group.endsWith('.k8s.io') || group === 'kubernetes.io' || group.endsWith('.kubernetes.io');

/**
 * apihelpers.GetAPIApprovalState, as far as it can be told without Go's url.ParseRequestURI: undefined for an
 * approved (or bypassed) annotation, and for a URL with a scheme and host that Go's parser might still refuse
 * (kubeplan says nothing rather than guess).
 */
function apiApprovalProblem(annotation: string): 'missing' | 'invalid' | undefined {
  if (annotation === '') return 'missing';
  if (annotation.startsWith('unapproved')) return undefined;
  if (URL_CONTROL_CHARACTER.test(annotation)) return 'invalid';
  const match = REQUEST_URI_WITH_HOST.exec(annotation);
  const authority = match?.[1] ?? '';
  return authority.slice(authority.lastIndexOf('@') + 1) === '' ? 'invalid' : undefined;
}

export const crdApiApprovalRule: ObjectRule = {
  id: 'crd-api-approval',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'A CustomResourceDefinition in a *.k8s.io or *.kubernetes.io group carries the api-approved.kubernetes.io annotation with a URL or a reason starting with "unapproved".',
  kinds: KINDS,
  check({ apiVersion, defaulted }) {
    const spec = specOf(apiVersion, defaulted);
    if (!spec || !isProtectedCommunityGroup(textOf(spec['group']))) return [];
    const metadata = isObject(defaulted['metadata']) ? defaulted['metadata'] : {};
    const annotations = isObject(metadata['annotations']) ? metadata['annotations'] : {};
    const written = annotations[API_APPROVAL_ANNOTATION];
    const annotation = typeof written === 'string' ? written : '';
    const path = FieldPath.of('metadata', 'annotations').key(API_APPROVAL_ANNOTATION);
    const problem = apiApprovalProblem(annotation);
    if (problem === undefined) return [];
    if (problem === 'missing') {
      const error = required(path, `protected groups must have approval annotation "${API_APPROVAL_ANNOTATION}", ${ENHANCEMENT}`);
      // Placed on the annotation when it is written empty, else on the group that makes it necessary.
      return [written === undefined ? placedAt(error, FieldPath.of('spec', 'group'), 'value') : placedAt(error, path, 'value')];
    }
    return [invalid(path, annotation, `protected groups must have approval annotation "${API_APPROVAL_ANNOTATION}" with either a URL or a reason starting with "unapproved", ${ENHANCEMENT}`)];
  },
};

/** MaxSelectableFields. */
const MAX_SELECTABLE_FIELDS = 8;
/** The first minor version whose API server keeps selectableFields on create (CustomResourceFieldSelectors, GA). */
const SELECTABLE_FIELDS_FROM = 32;
const SELECTABLE_TYPES = new Set(['string', 'boolean', 'integer']);

/** The tokens of ValidFieldPath's scanner: `.`, `[`, `]`, single-quoted strings and the text between them. */
function fieldPathTokens(jsonPath: string): string[] {
  const tokens: string[] = [];
  let at = 0;
  while (at < jsonPath.length) {
    const first = jsonPath[at]!;
    if (first === '.' || first === '[' || first === ']') {
      tokens.push(first);
      at += 1;
      continue;
    }
    let end = at + 1;
    if (first === "'") {
      while (end < jsonPath.length && !(jsonPath[end] === "'" && jsonPath[end - 1] !== '\\')) end += 1;
      end = Math.min(end + 1, jsonPath.length);
    } else {
      while (end < jsonPath.length && !'.[]'.includes(jsonPath[end]!)) end += 1;
    }
    tokens.push(jsonPath.slice(at, end));
    at = end;
  }
  return tokens;
}

type FieldPathResult = { error: string } | { path: string; root: string; schema: PlainObject | undefined } | undefined;

/**
 * cel.ValidFieldPath without array notation, over the structural schema: the field.Path it names (printed), its
 * first step and the schema found; undefined where kubeplan cannot tell (an empty `properties` map, a non-schema
 * `additionalProperties`).
 */
function validFieldPath(jsonPath: string, root: PlainObject): FieldPathResult {
  const tokens = fieldPathTokens(jsonPath);
  let schema: PlainObject | undefined = root;
  let path = '';
  let first = '';
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    if (token === '[') return { error: 'array notation is not allowed' };
    if (token !== '.') return { error: `expected [ or . but got: ${token}` };
    const name = tokens[i + 1];
    if (name === undefined) return { error: 'unexpected end of JSON path' };
    i += 1;
    if (!schema) return undefined;
    const properties: PlainValue | undefined = schema['properties'];
    const additional: PlainValue | undefined = schema['additionalProperties'];
    if (isObject(properties)) {
      if (Object.keys(properties).length === 0) return undefined;
      const property: PlainValue | undefined = properties[name];
      if (!isObject(property)) return { error: 'does not refer to a valid field' };
      schema = property;
      path = path === '' ? name : `${path}.${name}`;
    } else if (additional !== undefined && additional !== null) {
      if (additional !== true && !isObject(additional)) return undefined;
      schema = isObject(additional) ? additional : undefined;
      path = `${path}[${name}]`;
    } else {
      return { error: 'does not refer to a valid field' };
    }
    if (first === '') first = path;
  }
  return { path, root: first, schema };
}

/** ValidateCustomResourceSelectableFields at `path`, placed under `placed` (where the user wrote the list). */
function selectableFieldsErrors(fields: PlainObject[], schema: PlainObject, path: FieldPath, placed: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const unique = new Set<string>();
  const at = (error: FieldError, i: number) => placedAt(error, placed.index(i).child('jsonPath'), error.target);
  for (let i = 0; i < fields.length; i += 1) {
    const jsonPath = textOf(fields[i]!['jsonPath']);
    const named = path.index(i).child('jsonPath');
    if (jsonPath === '') {
      errors.push(placedAt(required(named), placed.index(i), 'key'));
      continue;
    }
    const found = validFieldPath(jsonPath, schema);
    if (found === undefined) return [];
    if ('error' in found) {
      errors.push(at(invalid(named, jsonPath, `is an invalid path: ${found.error}`), i));
      continue;
    }
    if (found.root === 'metadata') errors.push(at(invalid(named, jsonPath, 'must not point to fields in metadata'), i));
    if (!SELECTABLE_TYPES.has(textOf(found.schema?.['type']))) {
      errors.push(at(invalid(named, jsonPath, 'must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed.'), i));
    }
    if (unique.has(found.path)) errors.push(at(duplicate(named, jsonPath), i));
    else unique.add(found.path);
  }
  if (unique.size > MAX_SELECTABLE_FIELDS) errors.push(placedAt(tooMany(path, unique.size, MAX_SELECTABLE_FIELDS), placed, 'key'));
  return errors;
}

export const crdSelectableFieldsRule: ObjectRule = {
  id: 'crd-selectable-fields',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'A CustomResourceDefinition version selects at most 8 distinct fields, each a path of the schema to a string, boolean or integer field outside metadata.',
  kinds: KINDS,
  check({ apiVersion, defaulted, kubernetesVersion }) {
    if (minorOf(kubernetesVersion) < SELECTABLE_FIELDS_FROM) return [];
    const spec = specOf(apiVersion, defaulted);
    const versions = spec ? objectsAt(spec, 'versions') : [];
    if (!versions.some((version) => objectsAt(version, 'selectableFields').length > 0)) return [];
    const schemaOf = (version: PlainObject) => (isObject(version['schema']) && isObject(version['schema']['openAPIV3Schema']) ? version['schema']['openAPIV3Schema'] : undefined);
    const schemaLifted = liftedToTop(versions, 'schema');
    const fieldsLifted = liftedToTop(versions, 'selectableFields');
    // A schema and selectable fields lifted apart leave one of them per version: not reproduced (see the docs).
    if (schemaLifted !== fieldsLifted) return [];
    const versionsPath = FieldPath.of('spec', 'versions');
    const checked = fieldsLifted ? versions.slice(0, 1) : versions;
    const errors: FieldError[] = [];
    checked.forEach((version, i) => {
      const fields = objectsAt(version, 'selectableFields');
      const schema = schemaOf(version);
      // A missing schema is crd-spec's; one NewStructural refuses is crd-schema's (the API server stops there too).
      if (fields.length === 0 || !schema || structuralErrors(schema, FieldPath.of('schema'), minorOf(kubernetesVersion)).refused.size > 0) return;
      const placed = versionsPath.index(i).child('selectableFields');
      errors.push(...selectableFieldsErrors(fields, schema, fieldsLifted ? FieldPath.of('spec', 'selectableFields') : placed, placed));
    });
    return errors;
  },
};

export const CUSTOM_RESOURCE_DEFINITION_RULES: readonly ObjectRule[] = [crdNameRule, crdSpecRule, crdConversionRule, crdSelectableFieldsRule, crdApiApprovalRule];
