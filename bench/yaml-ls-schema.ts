/**
 * Turns one of our schema bundles into a single JSON Schema that yaml-language-server can use for every
 * document of a Kubernetes YAML file, so that the comparison runs both tools against the same API definitions.
 * Each document is dispatched to its kind's definition on apiVersion + kind; our `x-` annotations are dropped,
 * and so are the formats only our validator implements (yaml-language-server would ignore or reject them).
 */
import * as fs from 'node:fs';
import type { FieldSchema, SchemaBundle } from '../server/src/schema/bundle-types';

const CUSTOM_FORMATS = new Set(['quantity', 'byte']);

type JsonSchema = Record<string, unknown>;

export function dispatchSchema(bundle: SchemaBundle): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  for (const [name, definition] of Object.entries(bundle.definitions)) definitions[name] = plainSchema(definition);
  const branches = Object.values(bundle.kinds).map((info) => ({
    if: {
      properties: { apiVersion: { const: info.apiVersion }, kind: { const: info.kind } },
      required: ['apiVersion', 'kind'],
    },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, never awaited
    then: { $ref: `#/definitions/${info.definition}` },
  }));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `Kubernetes ${bundle.kubernetesVersion} (from kubeplan's bundle)`,
    definitions,
    allOf: branches,
  };
}

/** Writes the schema to `file` and returns its size in bytes. */
export function writeDispatchSchema(bundle: SchemaBundle, file: string): number {
  const text = JSON.stringify(dispatchSchema(bundle));
  fs.writeFileSync(file, text);
  return Buffer.byteLength(text);
}

/**
 * Copies a schema node keyword by keyword. Only the places that hold subschemas are recursed into, so a
 * Kubernetes field that happens to be called `format` or `x-something` is kept as a field.
 */
function plainSchema(schema: FieldSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword.startsWith('x-')) continue;
    if (keyword === 'format' && typeof value === 'string' && CUSTOM_FORMATS.has(value)) continue;
    if (keyword === 'properties' && value) {
      const properties: Record<string, JsonSchema> = {};
      for (const [field, sub] of Object.entries(value as Record<string, FieldSchema>)) properties[field] = plainSchema(sub);
      out[keyword] = properties;
    } else if ((keyword === 'items' || keyword === 'additionalProperties') && typeof value === 'object' && value !== null) {
      out[keyword] = plainSchema(value as FieldSchema);
    } else if ((keyword === 'anyOf' || keyword === 'oneOf' || keyword === 'allOf') && Array.isArray(value)) {
      out[keyword] = (value as FieldSchema[]).map(plainSchema);
    } else {
      out[keyword] = value;
    }
  }
  return out;
}
