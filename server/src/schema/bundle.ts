/** Loads the generated schema bundle of a Kubernetes version, once per process. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FieldSchema, KindInfo, SchemaBundle } from './bundle-types';
import type { KubernetesVersion } from './versions';

const loaded = new Map<KubernetesVersion, SchemaBundle>();

/** Where the generated bundles are: `schemas/generated` at the package root, found from this file upwards. */
export function generatedSchemaDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'schemas', 'generated');
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('kubeplan: the generated schemas are missing; run `npm run build` (or `npm ci`) in the kubeplan package');
}

export function loadBundle(version: KubernetesVersion): SchemaBundle {
  let bundle = loaded.get(version);
  if (!bundle) {
    bundle = JSON.parse(fs.readFileSync(path.join(generatedSchemaDir(), `${version}.json`), 'utf8')) as SchemaBundle;
    loaded.set(version, bundle);
  }
  return bundle;
}

export function findKind(bundle: SchemaBundle, apiVersion: string, kind: string): KindInfo | undefined {
  return bundle.kinds[`${apiVersion} ${kind}`];
}

export function resolveRef(bundle: SchemaBundle, schema: FieldSchema): FieldSchema {
  let current = schema;
  for (let hops = 0; current.$ref && hops < 8; hops++) {
    const target = bundle.definitions[current.$ref.replace('#/definitions/', '')];
    if (!target) break;
    current = target;
  }
  return current;
}
