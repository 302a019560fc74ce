/**
 * Field paths as the API server writes them (k8s.io/apimachinery/pkg/util/validation/field/path.go, Path.String):
 * struct fields joined by dots, list indexes and map keys in brackets — `spec.template.spec.containers[0].image`,
 * `data[tls.crt]`.
 */
export type PathSegment = { field: string } | { index: number } | { key: string };

export function formatFieldPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if ('field' in segment) out += out ? `.${segment.field}` : segment.field;
    else if ('index' in segment) out += `[${segment.index}]`;
    else out += `[${segment.key}]`;
  }
  return out;
}

/** The raw keys and indexes of a path, for walking the YAML tree. */
export function pathKeys(segments: readonly PathSegment[]): (string | number)[] {
  return segments.map((s) => ('field' in s ? s.field : 'index' in s ? s.index : s.key));
}
