/**
 * A kustomization file checked as kustomize reads it: `Kustomization.Unmarshal` (kustomize api/types/kustomization.go)
 * turns the YAML into JSON and decodes it with encoding/json's DisallowUnknownFields, then `EnforceFields` checks
 * kind and apiVersion. Messages are kustomize's (`kubectl kustomize` prints them after `invalid Kustomization: `).
 * kustomize stops at the first error; every one is reported here, each in the same words. Only the top level of
 * the file is checked; the fields of images, patches, generators and the rest are left to kustomize.
 */
import type { Finding } from '../kube/findings';
import { isObject, type Keys, type PlainObject, type PlainValue } from '../kube/plain-values';
import type { OffsetRange } from '../kube/findings';

export const KUSTOMIZATION_RULE = 'kustomization';

/** The Go type of each field of kustomize's Kustomization struct (api/types/kustomization.go), by JSON name. */
const KUSTOMIZATION_FIELDS: ReadonlyMap<string, string> = new Map([
  ['apiVersion', 'string'],
  ['kind', 'string'],
  ['metadata', 'types.ObjectMeta'],
  ['openapi', 'map[string]string'],
  ['namePrefix', 'string'],
  ['nameSuffix', 'string'],
  ['namespace', 'string'],
  ['commonLabels', 'map[string]string'],
  ['labels', '[]types.Label'],
  ['commonAnnotations', 'map[string]string'],
  ['patchesStrategicMerge', '[]types.PatchStrategicMerge'],
  ['patchesJson6902', '[]types.Patch'],
  ['patches', '[]types.Patch'],
  ['images', '[]types.Image'],
  ['imageTags', '[]types.Image'],
  ['replacements', '[]types.ReplacementField'],
  ['replicas', '[]types.Replica'],
  ['vars', '[]types.Var'],
  ['sortOptions', 'types.SortOptions'],
  ['resources', '[]string'],
  ['components', '[]string'],
  ['crds', '[]string'],
  ['bases', '[]string'],
  ['configMapGenerator', '[]types.ConfigMapArgs'],
  ['secretGenerator', '[]types.SecretArgs'],
  ['helmGlobals', 'types.HelmGlobals'],
  ['helmCharts', '[]types.HelmChart'],
  ['helmChartInflationGenerator', '[]types.HelmChartArgs'],
  ['generatorOptions', 'types.GeneratorOptions'],
  ['configurations', '[]string'],
  ['generators', '[]string'],
  ['transformers', '[]string'],
  ['validators', '[]string'],
  ['inventory', 'types.Inventory'],
  ['buildMetadata', '[]string'],
]);

/** encoding/json matches object keys to field names ignoring case (json.Unmarshal: "preferring an exact match"). */
const FIELD_BY_FOLDED_NAME = new Map([...KUSTOMIZATION_FIELDS.keys()].map((name) => [name.toLowerCase(), name]));

const KUSTOMIZATION_VERSION = 'kustomize.config.k8s.io/v1beta1';
const COMPONENT_VERSION = 'kustomize.config.k8s.io/v1alpha1';

export function checkKustomization(value: PlainObject, locate: (keys: Keys, prefer: 'key' | 'value') => OffsetRange): Finding[] {
  const findings: Finding[] = [];
  const report = (message: string, keys: Keys, prefer: 'key' | 'value'): void => {
    findings.push({ rule: KUSTOMIZATION_RULE, severity: 'error', message, path: keys.join('.'), range: locate(keys, prefer) });
  };
  for (const [key, field] of Object.entries(value)) {
    const name = KUSTOMIZATION_FIELDS.has(key) ? key : FIELD_BY_FOLDED_NAME.get(key.toLowerCase());
    if (name === undefined) {
      report(`invalid Kustomization: json: unknown field "${key}"`, [key], 'key');
      continue;
    }
    const mismatch = typeMismatch(field, KUSTOMIZATION_FIELDS.get(name)!);
    if (mismatch !== undefined) {
      report(`invalid Kustomization: json: cannot unmarshal ${mismatch.jsonType} into Go struct field Kustomization.${name} of type ${mismatch.goType}`, [key, ...mismatch.at], 'value');
    }
  }
  // Kustomization.EnforceFields, after the decode; kubectl prints these under "Failed to read kustomization file".
  const kind = typeof value['kind'] === 'string' ? value['kind'] : '';
  const apiVersion = typeof value['apiVersion'] === 'string' ? value['apiVersion'] : '';
  if (kind !== '' && kind !== 'Kustomization' && kind !== 'Component') report('kind should be Kustomization or Component', ['kind'], 'value');
  const requiredVersion = kind === 'Component' ? COMPONENT_VERSION : KUSTOMIZATION_VERSION;
  if (apiVersion !== '' && apiVersion !== requiredVersion) report(`apiVersion for ${kind} should be ${requiredVersion}`, ['apiVersion'], 'value');
  return findings;
}

/** encoding/json's name for the JSON value a YAML value becomes (UnmarshalTypeError.Value). */
function jsonType(value: PlainValue): string {
  if (Array.isArray(value)) return 'array';
  if (isObject(value)) return 'object';
  if (typeof value === 'boolean') return 'bool';
  return typeof value === 'number' ? 'number' : 'string';
}

/**
 * Where a value does not decode into a field of the plain Go types (string, []string, map[string]string), as
 * encoding/json reports it: the JSON type met and the Go type wanted, the element's for an element. A null
 * decodes into anything; struct-typed fields are not checked.
 */
function typeMismatch(value: PlainValue, goType: string): { jsonType: string; goType: string; at: Keys } | undefined {
  if (value === null) return undefined;
  const scalar = (item: PlainValue, at: Keys) => (item === null || typeof item === 'string' ? undefined : { jsonType: jsonType(item), goType: 'string', at });
  if (goType === 'string') return scalar(value, []);
  if (goType === '[]string') {
    if (!Array.isArray(value)) return { jsonType: jsonType(value), goType, at: [] };
    for (const [index, item] of value.entries()) {
      const found = scalar(item, [index]);
      if (found) return found;
    }
    return undefined;
  }
  if (goType === 'map[string]string') {
    if (!isObject(value)) return { jsonType: jsonType(value), goType, at: [] };
    for (const [key, item] of Object.entries(value)) {
      const found = scalar(item, [key]);
      if (found) return found;
    }
  }
  return undefined;
}
