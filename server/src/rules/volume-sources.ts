/**
 * Volume sources as the API server validates them (pkg/apis/core/validation/validation.go): validateVolumeSource for
 * a pod's volumes and the persistent sources ValidatePersistentVolumeSpec checks, each source's own validator, and
 * the path helpers they share (validateKeyToPath, ValidateLocalNonReservedPath, validatePathNoBacksteps). Paths and
 * wording are upstream's, quirks included: a second downwardAPI source is named `downwarAPI`, a gcePersistentDisk is
 * validated under `persistentDisk`, a cephfs source is named `cephFS`.
 */
import { isObject, listAt, objectAt, objectsAt, stringEntries, textOf, type PlainObject, type PlainValue } from '../kube/plain-values';
import { quantityOf } from '../kube/quantity';
import { FieldPath, forbidden, invalid, notSupported, placedAt, required, tooLong, type FieldError } from '../kube/field-errors';
import { isDns1123Label, isDns1123Subdomain } from './apimachinery-validation';
import { objectFieldSelectorErrors, resourceFieldSelectorErrors, VOLUME_FIELD_PATHS } from './downward-api';

/** fileModeErrorMsg */
const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';
/** pdPartitionErrorMsg: validation.InclusiveRangeError(1, 255). */
const PARTITION_ERROR = 'must be between 1 and 255, inclusive';
const LUN_ERROR = 'must be between 0 and 255, inclusive';
const MORE_THAN_ONE = 'may not specify more than 1 volume type';
/** supportedHostPathTypes, sorted as sets.List sorts them. */
const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];
const AZURE_CACHING_MODES = ['None', 'ReadOnly', 'ReadWrite'];
const AZURE_DISK_KINDS = ['Dedicated', 'Managed', 'Shared'];
const AZURE_MANAGED_URI = '/subscriptions/{sub-id}/resourcegroups/{group-name}/providers/microsoft.compute/disks/{disk-id}';
const AZURE_BLOB_URI = 'https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd';
const ISCSI_TOO_LONG = 'Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.';
const ISCSI_IQN = /iqn\.\d{4}-\d{2}\.([A-Za-z0-9\-.]+)(:[^,;*&$|\s]+)$/;
const ISCSI_EUI = /^eui.[A-Za-z0-9]{16}$/;
const ISCSI_NAA = /^naa.[A-Za-z0-9]{32}$/;
const MIN_TOKEN_SECONDS = 600;
const MAX_TOKEN_SECONDS = 2 ** 32;
/** What a source validator may need besides the source: the volume's (or PersistentVolume's) name. */
export interface SourceContext {
  name: string;
  /** Where the volume (or the PersistentVolume's spec) is. */
  at: FieldPath;
  /** A Pod's own spec rather than a template (ResourceIsPod). */
  isPod: boolean;
  /** A PersistentVolume's nodeAffinity is set (a local volume requires it). */
  hasNodeAffinity?: boolean;
}

export type SourceValidator = (source: PlainObject, path: FieldPath, context: SourceContext) => FieldError[];

/** A source in upstream's order: its field, the path a second source is named by, the path its errors are under. */
interface SourceEntry {
  field: string;
  named: string;
  validatedAt: string;
  validate: SourceValidator;
}

function mode(value: PlainValue | undefined, path: FieldPath): FieldError[] {
  return typeof value === 'number' && (value > 0o777 || value < 0) ? [invalid(path, value, FILE_MODE_ERROR)] : [];
}

/** validatePathNoBacksteps: one error however many `..` elements. */
export function pathNoBackstepsErrors(value: string, path: FieldPath): FieldError[] {
  return value.split('/').includes('..') ? [invalid(path, value, "must not contain '..'")] : [];
}

/** validateLocalDescendingPath: relative, without `..` elements. */
function localDescendingPathErrors(value: string, path: FieldPath): FieldError[] {
  const errors = value.startsWith('/') ? [invalid(path, value, 'must be a relative path')] : [];
  return [...errors, ...pathNoBackstepsErrors(value, path)];
}

/** ValidateLocalNonReservedPath: a descending path that does not start with `..` either. */
function localNonReservedPathErrors(value: string, path: FieldPath): FieldError[] {
  const errors = localDescendingPathErrors(value, path);
  if (value.startsWith('..') && !value.startsWith('../')) errors.push(invalid(path, value, "must not start with '..'"));
  return errors;
}

/** validateKeyToPath */
function keyToPathErrors(item: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (textOf(item['key']) === '') errors.push(required(path.child('key')));
  const itemPath = textOf(item['path']);
  if (itemPath === '') errors.push(required(path.child('path')));
  errors.push(...localNonReservedPathErrors(itemPath, path.child('path')));
  errors.push(...mode(item['mode'], path.child('mode')));
  return errors;
}

function itemsErrors(source: PlainObject, path: FieldPath): FieldError[] {
  return objectsAt(source, 'items').flatMap((item, i) => keyToPathErrors(item, path.child('items').index(i)));
}

function requiredText(source: PlainObject, field: string, path: FieldPath, detail?: string): FieldError[] {
  return textOf(source[field]) === '' ? [required(path.child(field), detail)] : [];
}

function requiredList(source: PlainObject, field: string, path: FieldPath): FieldError[] {
  return listAt(source, field).length === 0 ? [required(path.child(field))] : [];
}

/** validateHostPathVolumeSource */
export function hostPathErrors(source: PlainObject, path: FieldPath): FieldError[] {
  const value = textOf(source['path']);
  if (value === '') return [required(path.child('path'))];
  const errors = pathNoBackstepsErrors(value, path.child('path'));
  const type = source['type'];
  if (typeof type === 'string' && !HOST_PATH_TYPES.includes(type)) errors.push(notSupported(path.child('type'), type, HOST_PATH_TYPES));
  return errors;
}

/** The emptyDir checks of validateVolumeSource: a sizeLimit may not be negative. */
function emptyDirErrors(source: PlainObject, path: FieldPath): FieldError[] {
  const quantity = quantityOf(source['sizeLimit']);
  return quantity && quantity.nanos < 0n ? [forbidden(path.child('sizeLimit'), 'SizeLimit field must be a valid resource quantity')] : [];
}

/** validateGitRepoVolumeSource */
function gitRepoErrors(source: PlainObject, path: FieldPath): FieldError[] {
  return [...requiredText(source, 'repository', path), ...localDescendingPathErrors(textOf(source['directory']), path.child('directory'))];
}

/** validateGCEPersistentDiskVolumeSource, validateAWSElasticBlockStoreVolumeSource */
function diskErrors(idField: string): SourceValidator {
  return (source, path) => {
    const errors = requiredText(source, idField, path);
    const partition = source['partition'];
    if (typeof partition === 'number' && (partition < 0 || partition > 255)) errors.push(invalid(path.child('partition'), partition, PARTITION_ERROR));
    return errors;
  };
}

/** validateSecretVolumeSource */
function secretErrors(source: PlainObject, path: FieldPath): FieldError[] {
  return [...requiredText(source, 'secretName', path), ...mode(source['defaultMode'], path.child('defaultMode')), ...itemsErrors(source, path)];
}

/** validateConfigMapVolumeSource */
function configMapErrors(source: PlainObject, path: FieldPath): FieldError[] {
  return [...requiredText(source, 'name', path), ...mode(source['defaultMode'], path.child('defaultMode')), ...itemsErrors(source, path)];
}

/** validateNFSVolumeSource: the path is required and absolute (an empty one is both). */
function nfsErrors(source: PlainObject, path: FieldPath): FieldError[] {
  const errors = [...requiredText(source, 'server', path), ...requiredText(source, 'path', path)];
  const value = textOf(source['path']);
  if (!value.startsWith('/')) errors.push(invalid(path.child('path'), value, 'must be an absolute path'));
  return errors;
}

/** The iqn/eui/naa formats of an iSCSI qualified name. */
function iscsiNameErrors(value: string, path: FieldPath, noPrefix: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!value.startsWith('iqn') && !value.startsWith('eui') && !value.startsWith('naa')) errors.push(invalid(path, value, noPrefix));
  if ((value.startsWith('iqn') && !ISCSI_IQN.test(value)) || (value.startsWith('eui') && !ISCSI_EUI.test(value)) || (value.startsWith('naa') && !ISCSI_NAA.test(value))) {
    errors.push(invalid(path, value, 'must be valid format'));
  }
  return errors;
}

/**
 * validateISCSIVolumeSource (a pod's, with the volume-name length check of validateVolumeSource) and
 * validateISCSIPersistentVolumeSource (`persistent`: the length check on targetportal, secretRef's name, and the
 * shorter wording for an initiator name without a known prefix).
 */
function iscsiErrors(persistent: boolean): SourceValidator {
  return (source, path, { name, at }) => {
    const errors = requiredText(source, 'targetPortal', path);
    const portal = textOf(source['targetPortal']);
    const initiator = source['initiatorName'];
    const tooLongName = typeof initiator === 'string' && `${name}:${portal}`.length > 64;
    if (persistent && tooLongName) errors.push(invalid(path.child('targetportal'), portal, ISCSI_TOO_LONG));
    const iqn = textOf(source['iqn']);
    if (iqn === '') errors.push(required(path.child('iqn')));
    else errors.push(...iscsiNameErrors(iqn, path.child('iqn'), persistent ? 'must be valid format' : 'must be valid format starting with iqn, eui, or naa'));
    const lun = source['lun'];
    if (typeof lun === 'number' && (lun < 0 || lun > 255)) errors.push(invalid(path.child('lun'), lun, LUN_ERROR));
    const secretRef = objectAt(source, 'secretRef');
    if ((source['chapAuthDiscovery'] === true || source['chapAuthSession'] === true) && !secretRef) errors.push(required(path.child('secretRef')));
    if (persistent && secretRef && textOf(secretRef['name']) === '') errors.push(required(path.child('secretRef', 'name')));
    if (typeof initiator === 'string') {
      errors.push(...iscsiNameErrors(initiator, path.child('initiatorname'), persistent ? 'must be valid format' : 'must be valid format starting with iqn, eui, or naa'));
    }
    if (!persistent && tooLongName) errors.push(placedAt(invalid(at.child('name'), name, ISCSI_TOO_LONG), path, 'key'));
    return errors;
  };
}

/** validateGlusterfsVolumeSource; the persistent variant also checks endpointsNamespace. */
function glusterfsErrors(persistent: boolean): SourceValidator {
  return (source, path) => {
    const errors = [...requiredText(source, 'endpoints', path), ...requiredText(source, 'path', path)];
    const namespace = source['endpointsNamespace'];
    if (persistent && typeof namespace === 'string') {
      if (namespace === '') errors.push(invalid(path.child('endpointsNamespace'), namespace, 'if the endpointnamespace is set, it must be a valid namespace name'));
      else for (const message of isDns1123Label(namespace)) errors.push(invalid(path.child('endpointsNamespace'), namespace, message));
    }
    return errors;
  };
}

/** validateFlockerVolumeSource */
function flockerErrors(source: PlainObject, path: FieldPath): FieldError[] {
  const name = textOf(source['datasetName']);
  const uuid = textOf(source['datasetUUID']);
  const errors: FieldError[] = [];
  if (name === '' && uuid === '') errors.push(required(path, 'one of datasetName and datasetUUID is required'));
  if (name !== '' && uuid !== '') errors.push(invalid(path, 'resource', 'datasetName and datasetUUID can not be specified simultaneously'));
  if (name.includes('/')) errors.push(invalid(path.child('datasetName'), name, "must not contain '/'"));
  return errors;
}

/** validateRBDVolumeSource, validateRBDPersistentVolumeSource */
function rbdErrors(source: PlainObject, path: FieldPath): FieldError[] {
  return [...requiredList(source, 'monitors', path), ...requiredText(source, 'image', path)];
}

/** validateCinderVolumeSource; the persistent variant's secretRef also needs a namespace. */
function cinderErrors(persistent: boolean): SourceValidator {
  return (source, path) => {
    const errors = requiredText(source, 'volumeID', path);
    const secretRef = objectAt(source, 'secretRef');
    if (secretRef && textOf(secretRef['name']) === '') errors.push(required(path.child('secretRef', 'name')));
    if (persistent && secretRef && textOf(secretRef['namespace']) === '') errors.push(required(path.child('secretRef', 'namespace')));
    return errors;
  };
}

/** validateCephFSVolumeSource, validateCephFSPersistentVolumeSource */
function cephfsErrors(source: PlainObject, path: FieldPath): FieldError[] {
  return requiredList(source, 'monitors', path);
}

/** validateQuobyteVolumeSource, without the host:port parse of each registry entry (see the docs). */
function quobyteErrors(source: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (textOf(source['registry']) === '') errors.push(required(path.child('registry'), 'must be a host:port pair or multiple pairs separated by commas'));
  else if (textOf(source['tenant']).length >= 65) errors.push(required(path.child('tenant'), 'must be a UUID and may not exceed a length of 64 characters'));
  errors.push(...requiredText(source, 'volume', path));
  return errors;
}

/**
 * validateDownwardAPIVolumeFile: upstream names each file's errors by the source's path, without the item's index
 * (`…downwardAPI.path`); they are underlined on the item.
 */
function downwardAPIFileErrors(file: PlainObject, path: FieldPath, itemAt: FieldPath): FieldError[] {
  const onItem = (error: FieldError): FieldError => placedAt(error, itemAt, 'key');
  // A selector's errors are underlined on the item's own field, found by their place below the source's path.
  const onSelector = (error: FieldError): FieldError => {
    const place = error.placeAt ?? { path: error.path, target: error.target };
    return placedAt(error, new FieldPath([...itemAt.segments, ...place.path.slice(path.segments.length)]), place.target);
  };
  const errors: FieldError[] = [];
  const filePath = textOf(file['path']);
  if (filePath === '') errors.push(onItem(required(path.child('path'))));
  errors.push(...localNonReservedPathErrors(filePath, path.child('path')).map(onItem));
  const fieldRef = objectAt(file, 'fieldRef');
  const resourceFieldRef = objectAt(file, 'resourceFieldRef');
  if (fieldRef) {
    errors.push(...objectFieldSelectorErrors(fieldRef, VOLUME_FIELD_PATHS, path.child('fieldRef')).map(onSelector));
    if (resourceFieldRef) errors.push(onItem(invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously')));
  } else if (resourceFieldRef) {
    errors.push(...resourceFieldSelectorErrors(resourceFieldRef, path.child('resourceFieldRef'), true).map(onSelector));
  } else {
    errors.push(onItem(required(path, 'one of fieldRef and resourceFieldRef is required')));
  }
  errors.push(...mode(file['mode'], path.child('mode')).map(onItem));
  return errors;
}

/** validateDownwardAPIVolumeSource */
function downwardAPIErrors(source: PlainObject, path: FieldPath): FieldError[] {
  const errors = mode(source['defaultMode'], path.child('defaultMode'));
  objectsAt(source, 'items').forEach((file, i) => errors.push(...downwardAPIFileErrors(file, path, path.child('items').index(i))));
  return errors;
}

/** validateFCVolumeSource */
function fcErrors(source: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const wwns = listAt(source, 'targetWWNs');
  const wwids = listAt(source, 'wwids');
  if (wwns.length === 0 && wwids.length === 0) errors.push(required(path.child('targetWWNs'), 'must specify either targetWWNs or wwids, but not both'));
  if (wwns.length > 0 && wwids.length > 0) errors.push(invalid(path.child('targetWWNs'), wwns, 'targetWWNs and wwids can not be specified simultaneously'));
  if (wwns.length > 0) {
    const lun = source['lun'];
    if (typeof lun !== 'number') errors.push(required(path.child('lun'), 'lun is required if targetWWNs is specified'));
    else if (lun < 0 || lun > 255) errors.push(invalid(path.child('lun'), lun, LUN_ERROR));
  }
  return errors;
}

/** validateFlexVolumeSource, validateFlexPersistentVolumeSource: options may not use kubernetes.io or k8s.io keys. */
function flexVolumeErrors(source: PlainObject, path: FieldPath): FieldError[] {
  const errors = requiredText(source, 'driver', path);
  for (const [key] of stringEntries(source['options'])) {
    const slash = key.indexOf('/');
    const normalized = `.${(slash >= 0 ? key.slice(0, slash) : key).toLowerCase()}`;
    if (normalized.endsWith('.kubernetes.io') || normalized.endsWith('.k8s.io')) {
      errors.push(placedAt(invalid(path.child('options').key(key), key, 'kubernetes.io and k8s.io namespaces are reserved'), path.child('options', key), 'key'));
    }
  }
  return errors;
}

/** validateAzureFile; validateAzureFilePV also refuses an empty secretNamespace. */
function azureFileErrors(persistent: boolean): SourceValidator {
  return (source, path) => {
    const errors = [...requiredText(source, 'secretName', path), ...requiredText(source, 'shareName', path)];
    if (persistent && source['secretNamespace'] === '') errors.push(required(path.child('secretNamespace')));
    return errors;
  };
}

/** validateAzureDisk, on the defaulted source (kind Shared, cachingMode ReadWrite). */
function azureDiskErrors(source: PlainObject, path: FieldPath): FieldError[] {
  const errors = [...requiredText(source, 'diskName', path), ...requiredText(source, 'diskURI', path)];
  const cachingMode = source['cachingMode'];
  if (typeof cachingMode === 'string' && !AZURE_CACHING_MODES.includes(cachingMode)) errors.push(notSupported(path.child('cachingMode'), cachingMode, AZURE_CACHING_MODES));
  const kind = source['kind'];
  if (typeof kind === 'string' && !AZURE_DISK_KINDS.includes(kind)) errors.push(notSupported(path.child('kind'), kind, AZURE_DISK_KINDS));
  const uri = textOf(source['diskURI']);
  if (kind === 'Managed' && !uri.startsWith('/subscriptions/')) errors.push(notSupported(path.child('diskURI'), uri, [AZURE_MANAGED_URI]));
  if (typeof kind === 'string' && kind !== 'Managed' && !uri.startsWith('https://')) errors.push(notSupported(path.child('diskURI'), uri, [AZURE_BLOB_URI]));
  return errors;
}

function required1123Label(source: PlainObject, field: string, path: FieldPath): FieldError[] {
  const value = textOf(source[field]);
  if (value === '') return [required(path.child(field))];
  return isDns1123Label(value).map((message) => invalid(path.child(field), value, message));
}

/** validateStorageOSVolumeSource; the persistent variant's secretRef also needs a namespace. */
function storageosErrors(persistent: boolean): SourceValidator {
  return (source, path) => {
    const errors = required1123Label(source, 'volumeName', path);
    if (textOf(source['volumeNamespace']) !== '') errors.push(...required1123Label(source, 'volumeNamespace', path));
    const secretRef = objectAt(source, 'secretRef');
    if (secretRef && textOf(secretRef['name']) === '') errors.push(required(path.child('secretRef', 'name')));
    if (persistent && secretRef && textOf(secretRef['namespace']) === '') errors.push(required(path.child('secretRef', 'namespace')));
    return errors;
  };
}

/** validateScaleIOVolumeSource, validateScaleIOPersistentVolumeSource */
function scaleIOErrors(source: PlainObject, path: FieldPath): FieldError[] {
  return [...requiredText(source, 'gateway', path), ...requiredText(source, 'system', path), ...requiredText(source, 'volumeName', path)];
}

/** ValidateCSIDriverName's length limit, in bytes. */
const CSI_DRIVER_NAME_MAX_LENGTH = 63;

/**
 * ValidateCSIDriverName (pkg/apis/core/validation), which storage and DRA reuse for driver names: required, at most
 * 63 bytes, and (lower-cased) a DNS subdomain.
 */
export function csiDriverNameErrors(driver: string, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (driver === '') errors.push(required(path));
  if (Buffer.byteLength(driver) > CSI_DRIVER_NAME_MAX_LENGTH) errors.push(tooLong(path, CSI_DRIVER_NAME_MAX_LENGTH));
  for (const message of isDns1123Subdomain(driver.toLowerCase())) errors.push(invalid(path, driver, message));
  return errors;
}

/** validateCSIVolumeSource: a bad nodePublishSecretRef name is reported, as upstream does, on `csi.name`. */
function csiErrors(source: PlainObject, path: FieldPath): FieldError[] {
  const errors = csiDriverNameErrors(textOf(source['driver']), path.child('driver'));
  const secretRef = objectAt(source, 'nodePublishSecretRef');
  if (secretRef) {
    const name = textOf(secretRef['name']);
    if (name === '') errors.push(required(path.child('nodePublishSecretRef', 'name')));
    else for (const message of isDns1123Subdomain(name)) errors.push(placedAt(invalid(path.child('name'), name, message), path.child('nodePublishSecretRef', 'name'), 'value'));
  }
  return errors;
}

/** validatePVSecretReference */
function pvSecretReferenceErrors(ref: PlainObject, path: FieldPath): FieldError[] {
  return [...required1123(ref, 'name', path, isDns1123Subdomain), ...required1123(ref, 'namespace', path, isDns1123Label)];
}

function required1123(source: PlainObject, field: string, path: FieldPath, check: (value: string) => string[]): FieldError[] {
  const value = textOf(source[field]);
  if (value === '') return [required(path.child(field))];
  return check(value).map((message) => invalid(path.child(field), value, message));
}

const CSI_SECRET_REFS = ['controllerPublishSecretRef', 'controllerExpandSecretRef', 'nodePublishSecretRef', 'nodeExpandSecretRef'];

/** validateCSIPersistentVolumeSource */
function csiPersistentErrors(source: PlainObject, path: FieldPath): FieldError[] {
  const errors = csiDriverNameErrors(textOf(source['driver']), path.child('driver'));
  errors.push(...requiredText(source, 'volumeHandle', path));
  for (const field of CSI_SECRET_REFS) {
    const ref = objectAt(source, field);
    if (ref) errors.push(...pvSecretReferenceErrors(ref, path.child(field)));
  }
  return errors;
}

/** validateLocalVolumeSource, and its caller's requirement of node affinity. */
function localErrors(source: PlainObject, path: FieldPath, { at, hasNodeAffinity }: SourceContext): FieldError[] {
  const value = textOf(source['path']);
  const errors = value === '' ? [required(path.child('path'))] : pathNoBackstepsErrors(value, path.child('path'));
  if (!hasNodeAffinity) errors.push(placedAt(required(at.child('nodeAffinity'), 'Local volume requires node affinity'), path, 'key'));
  return errors;
}

/**
 * validateProjectionSources: one source per entry, key-to-path items, duplicate paths across the sources, token
 * expiry and path (reported on `projected.path`, as upstream does). clusterTrustBundle and podCertificate
 * projections are counted but not validated (see the docs).
 */
function projectedErrors(source: PlainObject, path: FieldPath): FieldError[] {
  const errors = mode(source['defaultMode'], path.child('defaultMode'));
  const paths = new Set<string>();
  const seen = (value: string): boolean => {
    if (paths.has(value)) return true;
    paths.add(value);
    return false;
  };
  objectsAt(source, 'sources').forEach((projection, i) => {
    const sourcePath = path.child('sources').index(i);
    let sources = 0;
    for (const kind of ['secret', 'configMap'] as const) {
      const object = objectAt(projection, kind);
      if (!object) continue;
      sources++;
      const at = sourcePath.child(kind);
      errors.push(...requiredText(object, 'name', at));
      objectsAt(object, 'items').forEach((item, j) => {
        const itemAt = at.child('items').index(j);
        errors.push(...keyToPathErrors(item, itemAt));
        const itemPath = textOf(item['path']);
        if (itemPath !== '' && seen(itemPath)) errors.push(placedAt(invalid(path, textOf(object['name']), 'conflicting duplicate paths'), itemAt.child('path'), 'value'));
      });
    }
    const downwardAPI = objectAt(projection, 'downwardAPI');
    if (downwardAPI) {
      sources++;
      const at = sourcePath.child('downwardAPI');
      objectsAt(downwardAPI, 'items').forEach((file, j) => {
        const itemAt = at.child('items').index(j);
        errors.push(...downwardAPIFileErrors(file, at, itemAt));
        const filePath = textOf(file['path']);
        if (filePath !== '' && seen(filePath)) errors.push(placedAt(invalid(path, filePath, 'conflicting duplicate paths'), itemAt.child('path'), 'value'));
      });
    }
    const token = objectAt(projection, 'serviceAccountToken');
    if (token) {
      sources++;
      const at = sourcePath.child('serviceAccountToken');
      const seconds = typeof token['expirationSeconds'] === 'number' ? token['expirationSeconds'] : 0;
      if (seconds < MIN_TOKEN_SECONDS) errors.push(invalid(at.child('expirationSeconds'), seconds, 'may not specify a duration less than 10 minutes'));
      if (seconds > MAX_TOKEN_SECONDS) errors.push(invalid(at.child('expirationSeconds'), seconds, 'may not specify a duration larger than 2^32 seconds'));
      const tokenPath = textOf(token['path']);
      if (tokenPath === '') errors.push(placedAt(required(path.child('path')), at, 'key'));
      else errors.push(...localNonReservedPathErrors(tokenPath, path.child('path')).map((error) => placedAt(error, at.child('path'), 'value')));
    }
    for (const kind of ['clusterTrustBundle', 'podCertificate']) if (isObject(projection[kind])) sources++;
    if (sources > 1) errors.push(forbidden(sourcePath, 'may not specify more than 1 volume type per source'));
  });
  return errors;
}

/**
 * validateImageVolumeSource: the reference is required of a Pod (a template may leave it to be filled in); the pull
 * policy's enum is the schema's. Only where the ImageVolume gate is on by default (`checked`): elsewhere the API
 * server drops the field before validation, which is not modelled.
 */
function imageErrors(checked: boolean): SourceValidator {
  return (source, path, { isPod }) => (checked && isPod ? requiredText(source, 'reference', path) : []);
}

const sourceEntry = (field: string, validate: SourceValidator, named = field, validatedAt = field): SourceEntry => ({ field, named, validatedAt, validate });

/**
 * validateVolumeSource's sources in its order, but for ephemeral, which needs the claim spec validation
 * (pod-volumes.ts passes it in).
 */
export function podVolumeSources(ephemeral: SourceValidator, imageVolumes: boolean): readonly SourceEntry[] {
  return [
    sourceEntry('emptyDir', emptyDirErrors),
    sourceEntry('hostPath', hostPathErrors),
    sourceEntry('gitRepo', gitRepoErrors),
    sourceEntry('gcePersistentDisk', diskErrors('pdName'), 'gcePersistentDisk', 'persistentDisk'),
    sourceEntry('awsElasticBlockStore', diskErrors('volumeID')),
    sourceEntry('secret', secretErrors),
    sourceEntry('nfs', nfsErrors),
    sourceEntry('iscsi', iscsiErrors(false)),
    sourceEntry('glusterfs', glusterfsErrors(false)),
    sourceEntry('flocker', flockerErrors),
    sourceEntry('persistentVolumeClaim', (source, path) => requiredText(source, 'claimName', path)),
    sourceEntry('rbd', rbdErrors),
    sourceEntry('cinder', cinderErrors(false)),
    sourceEntry('cephfs', cephfsErrors, 'cephFS'),
    sourceEntry('quobyte', quobyteErrors),
    sourceEntry('downwardAPI', downwardAPIErrors, 'downwarAPI'),
    sourceEntry('fc', fcErrors),
    sourceEntry('flexVolume', flexVolumeErrors),
    sourceEntry('configMap', configMapErrors),
    sourceEntry('azureFile', azureFileErrors(false)),
    sourceEntry('vsphereVolume', (source, path) => requiredText(source, 'volumePath', path)),
    sourceEntry('photonPersistentDisk', (source, path) => requiredText(source, 'pdID', path)),
    sourceEntry('portworxVolume', (source, path) => requiredText(source, 'volumeID', path)),
    sourceEntry('azureDisk', azureDiskErrors),
    sourceEntry('storageos', storageosErrors(false)),
    sourceEntry('projected', projectedErrors),
    sourceEntry('scaleIO', scaleIOErrors),
    sourceEntry('csi', csiErrors),
    sourceEntry('ephemeral', ephemeral),
    sourceEntry('image', imageErrors(imageVolumes)),
  ];
}

/**
 * ValidatePersistentVolumeSpec's sources in its order. A flexVolume is counted but never refused as a second
 * source; `local`'s node affinity requirement is checked by the caller.
 */
export const PERSISTENT_VOLUME_SOURCES: readonly SourceEntry[] = [
  sourceEntry('hostPath', hostPathErrors),
  sourceEntry('gcePersistentDisk', diskErrors('pdName'), 'gcePersistentDisk', 'persistentDisk'),
  sourceEntry('awsElasticBlockStore', diskErrors('volumeID')),
  sourceEntry('glusterfs', glusterfsErrors(true)),
  sourceEntry('flocker', flockerErrors),
  sourceEntry('nfs', nfsErrors),
  sourceEntry('rbd', rbdErrors),
  sourceEntry('quobyte', quobyteErrors),
  sourceEntry('cephfs', cephfsErrors, 'cephFS'),
  sourceEntry('iscsi', iscsiErrors(true)),
  sourceEntry('cinder', cinderErrors(true)),
  sourceEntry('fc', fcErrors),
  sourceEntry('flexVolume', flexVolumeErrors),
  sourceEntry('azureFile', azureFileErrors(true)),
  sourceEntry('vsphereVolume', (source, path) => requiredText(source, 'volumePath', path)),
  sourceEntry('photonPersistentDisk', (source, path) => requiredText(source, 'pdID', path)),
  sourceEntry('portworxVolume', (source, path) => requiredText(source, 'volumeID', path)),
  sourceEntry('azureDisk', azureDiskErrors),
  sourceEntry('scaleIO', scaleIOErrors),
  sourceEntry('local', localErrors),
  sourceEntry('storageos', storageosErrors(true)),
  sourceEntry('csi', csiPersistentErrors),
];

/**
 * The "exactly one source" walk both validators share: each set source is validated under its path, a later one
 * is forbidden (underlined on its key), none at all is required on `path`. `alwaysCounted` sources are never
 * refused as a second one (a PersistentVolume's flexVolume).
 */
export function volumeSourceErrors(holder: PlainObject, path: FieldPath, sources: readonly SourceEntry[], context: SourceContext, alwaysCounted: readonly string[] = []): FieldError[] {
  const errors: FieldError[] = [];
  let count = 0;
  for (const { field, named, validatedAt, validate } of sources) {
    const source = objectAt(holder, field);
    if (!source) continue;
    if (count > 0 && !alwaysCounted.includes(field)) {
      errors.push(placedAt(forbidden(path.child(named), MORE_THAN_ONE), path.child(field), 'key'));
      continue;
    }
    count++;
    const validatedPath = path.child(validatedAt);
    const found = validate(source, validatedPath, context);
    // Errors named by a path that is not in the text (gcePersistentDisk's `persistentDisk`) are underlined on the source.
    errors.push(...(validatedAt === field ? found : found.map((error) => (error.placeAt ? error : placedAt(error, path.child(field), 'key')))));
  }
  if (count === 0) errors.push(required(path, 'must specify a volume type'));
  return errors;
}
