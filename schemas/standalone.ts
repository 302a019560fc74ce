/**
 * Compiles a schema bundle into a standalone validator module with ajv at build time, so that the CLI and the
 * language server start without compiling schemas (compiling the PodSpec graph alone takes about half a second).
 * The module exports one validate function per kind's definition name.
 */
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import type { FieldSchema, SchemaBundle } from '../server/src/schema/bundle-types';

/** Descriptions and our `x-` annotations do not affect validation; leaving them out keeps the module small. */
function validationOnly(schema: FieldSchema): FieldSchema {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'description' || key.startsWith('x-') || key === 'format') continue;
    if (key === 'properties') {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, FieldSchema>).map(([name, s]) => [name, validationOnly(s)]));
    } else if ((key === 'items' || key === 'additionalProperties') && typeof value === 'object') {
      out[key] = validationOnly(value as FieldSchema);
    } else {
      out[key] = value;
    }
  }
  return out as FieldSchema;
}

export function standaloneValidators(bundle: SchemaBundle): string {
  // Formats (quantities, base64) are checked by the engine itself, with the API server's messages.
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, messages: false, validateFormats: false, code: { source: true } });
  const definitions = Object.fromEntries(Object.entries(bundle.definitions).map(([name, schema]) => [name, validationOnly(schema)]));
  const id = `kubernetes-${bundle.kubernetesVersion}`;
  ajv.addSchema({ $id: id, definitions });
  const exports: Record<string, string> = {};
  for (const info of Object.values(bundle.kinds)) exports[info.definition] = `${id}#/definitions/${info.definition}`;
  const code = standaloneCode(ajv, exports);
  if (/require\(/.test(code)) throw new Error('the generated validators need ajv at run time; keep them self-contained');
  return code;
}
