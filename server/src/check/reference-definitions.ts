/**
 * CustomResourceDefinitions read as reference (`kubeplan check --crds`, the `kubeplan.crds` setting): the schemas of
 * custom resources the cluster already knows, not objects to check or apply. Files, folders or the output of
 * `kubectl get crd -o yaml` (a v1 List whose items carry status and managedFields, taken as they are). Nothing is
 * validated here; a CRD that cannot give a schema is named in one line, so that its custom resources are not left
 * unchecked in silence.
 */
import type { ReferenceDefinition } from '../catalog/workspace-object';
import { isObject, listAt, objectAt, stringAt, type PlainObject, type PlainValue } from '../kube/plain-values';
import { LineIndex } from '../parse/line-index';
import { splitDocuments } from '../parse/split-documents';
import { parseYamlChunk } from '../parse/yaml-documents';

export interface DefinitionsRead {
  definitions: ReferenceDefinition[];
  /** What in the text could not be used, one line each, naming the file. */
  problems: string[];
}

const CRD_API_VERSION = 'apiextensions.k8s.io/v1';

/**
 * The CRDs written in a text (documents, `kind: List` items). `named`: the file was named itself, not found in a
 * folder, so a file without any CRD is a mistake worth a line; other objects in it are not CRDs and are passed over.
 */
export function definitionsInText(text: string, file: string, named: boolean): DefinitionsRead {
  const read: DefinitionsRead = { definitions: [], problems: [] };
  let lines: LineIndex | undefined;
  for (const chunk of splitDocuments(text)) {
    for (const document of parseYamlChunk(chunk.text)) {
      const syntax = document.problems.find((problem) => problem.severity === 'error');
      if (syntax) {
        lines ??= new LineIndex(text);
        const line = lines.positionAt(chunk.offset + syntax.range.start).line + 1;
        read.problems.push(`${file}:${line}: ${syntax.message}; its CustomResourceDefinitions are not used`);
        return read;
      }
      if (document.value !== undefined) collect(document.value, file, read);
    }
  }
  if (named && read.definitions.length === 0 && read.problems.length === 0) read.problems.push(`${file}: no CustomResourceDefinition in it`);
  return read;
}

function collect(value: PlainValue, file: string, into: DefinitionsRead): void {
  if (!isObject(value)) return;
  const kind = value['kind'];
  if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(value['items'])) {
    for (const item of value['items']) collect(item, file, into);
    return;
  }
  if (kind !== 'CustomResourceDefinition') return;
  const name = stringAt(objectAt(value, 'metadata'), 'name') ?? '';
  const unusable = whyUnusable(value);
  if (unusable) into.problems.push(`${file}: CustomResourceDefinition ${name || '(no name)'} is not used: ${unusable}`);
  else into.definitions.push({ kind: 'CustomResourceDefinition', name, file, value });
}

/**
 * Why a CRD gives no schema: the schema of each version is read from `spec.versions[].schema.openAPIV3Schema`, as
 * apiextensions.k8s.io/v1 writes it (v1beta1 kept one under `spec.validation`, and was removed in Kubernetes 1.22).
 */
function whyUnusable(crd: PlainObject): string | undefined {
  const apiVersion = crd['apiVersion'];
  if (apiVersion !== CRD_API_VERSION) return `its apiVersion is ${JSON.stringify(apiVersion ?? null)}, not ${CRD_API_VERSION} (kubectl get crd -o yaml writes ${CRD_API_VERSION})`;
  const spec = objectAt(crd, 'spec');
  if (!stringAt(spec, 'group')) return 'spec.group is not set';
  if (!stringAt(objectAt(spec, 'names'), 'kind')) return 'spec.names.kind is not set';
  const versions = listAt(spec, 'versions');
  const served = versions.filter((version) => isObject(version) && version['served'] !== false && typeof version['name'] === 'string');
  if (served.length === 0) return 'no version of spec.versions is served';
  if (!served.some((version) => objectAt(version, 'schema', 'openAPIV3Schema'))) return 'no served version has a schema (spec.versions[].schema.openAPIV3Schema)';
  return undefined;
}
