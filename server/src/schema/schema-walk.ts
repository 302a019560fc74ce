/**
 * Walks a kind's schema along an instance path, the way the API server's decoder walks Go structs: used to name
 * the struct and Go type in decode errors, to tell struct fields from map keys in field paths, and (for hover and
 * completion) to find the schema of the field under the cursor.
 */
import type { FieldSchema, SchemaBundle } from './bundle-types';
import { resolveRef } from './bundle';
import type { PathSegment } from '../kube/field-path';

export interface SchemaStep {
  segment: PathSegment;
  /** The schema of the value at this step (refs resolved). */
  schema: FieldSchema | undefined;
  /** The schema as written on the field (before resolving its ref), which carries the field's description and Go type. */
  declared: FieldSchema | undefined;
  /** The Go struct the value sits in (for a map entry or list item, the struct holding the map or list). */
  struct: string | undefined;
}

export function walkSchema(bundle: SchemaBundle, root: FieldSchema, keys: readonly (string | number)[]): SchemaStep[] {
  const steps: SchemaStep[] = [];
  let current: FieldSchema | undefined = resolveRef(bundle, root);
  let struct = current['x-go-struct'];
  for (const key of keys) {
    let declared: FieldSchema | undefined;
    let segment: PathSegment;
    const holder: string | undefined = struct;
    if (typeof key === 'number') {
      segment = { index: key };
      declared = current?.items;
    } else if (current?.properties && Object.hasOwn(current.properties, key)) {
      segment = { field: key };
      declared = current.properties[key];
    } else if (current && typeof current.additionalProperties === 'object') {
      segment = { key };
      declared = current.additionalProperties;
    } else {
      segment = { field: key };
      declared = undefined;
    }
    current = declared ? resolveRef(bundle, declared) : undefined;
    if (current?.['x-go-struct']) struct = current['x-go-struct'];
    steps.push({ segment, schema: current, declared, struct: holder });
  }
  return steps;
}
