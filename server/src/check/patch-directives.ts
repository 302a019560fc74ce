/**
 * The directives of a strategic-merge patch, as k8s.io/apimachinery pkg/util/strategicpatch/patch.go names them
 * (the constants directiveMarker, deleteDirective, replaceDirective, mergeDirective, retainKeysDirective,
 * setElementOrderDirectivePrefix, deleteFromPrimitiveListDirectivePrefix). They are keys of the patch's maps, never
 * fields of the object: a patch is checked with them taken out, and a `$patch` with another value is refused in
 * strategicpatch's words (handleDirectiveInMergeMap and mergeSliceHandler return mergepatch.ErrBadPatchType).
 *
 * kustomize merges the patches a kustomization lists with its own kyaml library, which knows `$patch` alone
 * (sigs.k8s.io/kustomize/kyaml/yaml/merge2/smpdirective.go, determineSmpDirective): it refuses another `$patch`
 * value in its own words and copies `$retainKeys`, `$setElementOrder/…` and `$deleteFromPrimitiveList/…` into what
 * it renders as fields, which the API server's strict decoding then refuses as unknown.
 */
import type { Finding, OffsetRange } from '../kube/findings';
import { formatFieldPath } from '../kube/field-path';
import { isObject, type Keys, type PlainObject, type PlainValue } from '../kube/plain-values';

export const PATCH_DIRECTIVE_RULE = 'patch-directive';

/** `$patch`: how the map (or list item) it is in is merged. */
const DIRECTIVE_MARKER = '$patch';
const DIRECTIVE_VALUES: ReadonlySet<string> = new Set(['delete', 'replace', 'merge']);
/** `$retainKeys`: the keys of the map that stay; the others are cleared. */
const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
/** `$setElementOrder/<list>` and `$deleteFromPrimitiveList/<list>`: beside the list they name, in the same map. */
const DIRECTIVE_PREFIXES = ['$setElementOrder/', '$deleteFromPrimitiveList/'];

/** Who merges the patch: kustomize (a kustomization lists it) or strategicpatch (`kubectl patch`). */
export type PatchMerger = 'kustomize' | 'strategic-merge';

/** The first-line comment that makes a file a patch when no kustomization lists it. */
export const PATCH_MARKER = '# kubeplan: patch';

/** Whether the text's first line is the patch marker. */
export function hasPatchMarker(text: string): boolean {
  const end = text.indexOf('\n');
  return (end === -1 ? text : text.slice(0, end)).replace(/^\uFEFF/, '').trim() === PATCH_MARKER;
}

export function isPatchDirective(key: string): boolean {
  return key === DIRECTIVE_MARKER || key === RETAIN_KEYS_DIRECTIVE || DIRECTIVE_PREFIXES.some((prefix) => key.startsWith(prefix));
}

/**
 * The patch with its directives taken out of every map, at every depth (lists keep their items, so the paths of
 * what remains are those of the text), and the findings about `$patch` values strategicpatch does not know.
 */
export function withoutDirectives(value: PlainObject, locate: (keys: Keys, prefer: 'key' | 'value') => OffsetRange, merger: PatchMerger): { object: PlainObject; findings: Finding[] } {
  const isDirective = merger === 'kustomize' ? (key: string) => key === DIRECTIVE_MARKER : isPatchDirective;
  const findings: Finding[] = [];
  const strip = (node: PlainValue, at: Keys): PlainValue => {
    if (Array.isArray(node)) return node.map((item, index) => strip(item, [...at, index]));
    if (!isObject(node)) return node;
    const directive = node[DIRECTIVE_MARKER];
    if (directive !== undefined && !(typeof directive === 'string' && DIRECTIVE_VALUES.has(directive))) {
      const keys = [...at, DIRECTIVE_MARKER];
      findings.push({
        rule: PATCH_DIRECTIVE_RULE,
        severity: 'error',
        message: merger === 'kustomize' ? `unknown patch strategy '${scalarText(directive)}'` : `unknown patch type: ${goFormat(directive)} in map: ${goFormat(node)}`,
        path: formatFieldPath(keys.map((key) => (typeof key === 'number' ? { index: key } : { field: key }))),
        range: locate(keys, 'value'),
      });
    }
    const kept: PlainObject = {};
    for (const [key, item] of Object.entries(node)) if (!isDirective(key)) kept[key] = strip(item, [...at, key]);
    return kept;
  };
  return { object: strip(value, []) as PlainObject, findings };
}

/** A YAML node's Value as kyaml reads it: a scalar's text, nothing for a map or a list. */
function scalarText(value: PlainValue): string {
  return value === null || typeof value !== 'object' ? String(value) : '';
}

/**
 * A decoded JSON value as Go's fmt prints it with %v (the form ErrBadPatchType's message takes): maps as
 * `map[k:v …]` with sorted keys, slices as `[a b]`, nil as `<nil>`.
 */
function goFormat(value: PlainValue): string {
  if (value === null) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goFormat).join(' ')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `map[${keys.map((key) => `${key}:${goFormat(value[key]!)}`).join(' ')}]`;
  }
  return String(value);
}
