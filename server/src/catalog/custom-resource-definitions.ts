/**
 * What the CustomResourceDefinitions the catalog knows (`Catalog.customResourceDefinitions`) say about their custom
 * kinds: the schema of each served version, and the apiVersion/kind pairs they serve. Validation, hover and
 * completion read custom kinds through these, so they agree on which CRD and version an object is written against.
 */
import { isObject, listAt, objectAt, stringAt, type PlainObject } from '../kube/plain-values';
import type { DefinitionSource } from './workspace-object';

/** A version a CRD serves: its kind under `group/version`, and the version's schema when it gives one. */
export interface ServedCustomKind {
  apiVersion: string;
  kind: string;
  schema?: PlainObject;
}

/**
 * Every served version of every CRD given, in their order. A version with `served: false` is not served by the API
 * server (apiextensions-apiserver's handler answers only served versions), so an object written in it is not known.
 */
export function servedCustomKinds(objects: readonly DefinitionSource[]): ServedCustomKind[] {
  const served: ServedCustomKind[] = [];
  for (const crd of objects) {
    if (crd.kind !== 'CustomResourceDefinition') continue;
    const spec = objectAt(crd.value, 'spec');
    const group = stringAt(spec, 'group');
    const kind = stringAt(objectAt(spec, 'names'), 'kind');
    if (!group || !kind) continue;
    for (const version of listAt(spec, 'versions')) {
      const name = stringAt(version, 'name');
      if (!name || !isObject(version) || version['served'] === false) continue;
      served.push({ apiVersion: `${group}/${name}`, kind, schema: objectAt(version, 'schema', 'openAPIV3Schema') });
    }
  }
  return served;
}

/** `apiVersion/Kind` → the served version's schema, for every CRD given (the workspace's and reference ones). */
export function customResourceSchemas(objects: readonly DefinitionSource[]): Map<string, PlainObject> {
  const schemas = new Map<string, PlainObject>();
  for (const { apiVersion, kind, schema } of servedCustomKinds(objects)) if (schema) schemas.set(`${apiVersion}/${kind}`, schema);
  return schemas;
}
