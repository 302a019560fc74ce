/** A field's type in a few characters, for completion details. */
import { resolveRef } from '../schema/bundle';
import type { FieldSchema, SchemaBundle } from '../schema/bundle-types';

export function fieldTypeLabel(bundle: SchemaBundle, declared: FieldSchema): string {
  const field = resolveRef(bundle, declared);
  if (field.type === 'array' && field.items) return `[]${fieldTypeLabel(bundle, field.items)}`;
  if (field.properties || field['x-go-struct']) return 'Object';
  if (typeof field.additionalProperties === 'object') return `map[string]${fieldTypeLabel(bundle, field.additionalProperties)}`;
  if (Array.isArray(field.type)) return field.type.join(' or ');
  return field.type ?? 'Object';
}
