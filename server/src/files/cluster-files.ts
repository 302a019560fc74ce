/**
 * Reading `--cluster` files: Node manifests, or what `kubectl get nodes,pods -A -o yaml` prints (one List that
 * may hold thousands of objects). The objects are only decoded, not validated: they describe a running cluster,
 * and a snapshot of a large one is far over the size the validator takes. Each item of a List is decoded with a
 * budget of its own, so a List of 10,000 pods is read while an alias bomb inside one item is still refused.
 */
import { clusterFromObjects, type ClusterModel, type DecodedObject } from '../cluster/cluster-model';
import { isObject, type PlainValue } from '../kube/plain-values';
import { splitDocuments } from '../parse/split-documents';
import { DecodeLimit } from '../parse/decoded';
import { fastLoad } from '../parse/fast-decode';
import { decodeLoaded, parseYamlChunk } from '../parse/yaml-documents';
import { collectFiles } from './collect-files';
import { readInputFile, UnreadableInputError } from './read-text';

export function readClusterFiles(paths: readonly string[]): ClusterModel {
  const objects: DecodedObject[] = [];
  for (const file of collectFiles(paths)) {
    const { text } = readInputFile(file);
    for (const chunk of splitDocuments(text)) {
      const loaded = fastLoad(chunk.text);
      if (loaded) {
        for (const document of loaded) collectObjects(document, objects, file);
        continue;
      }
      // What the fast loader refuses, the full decoder reads or explains.
      for (const document of parseYamlChunk(chunk.text)) {
        const problem = document.problems.find((finding) => finding.severity === 'error');
        if (problem) throw new UnreadableInputError(`cannot read the cluster from ${file}: ${problem.message}`);
        collectObjects(document.value, objects, file);
      }
    }
  }
  const cluster = clusterFromObjects(objects);
  if (cluster.nodes.length === 0) throw new UnreadableInputError(`no Node objects in ${paths.join(', ')}: a cluster file holds Node manifests or the output of kubectl get nodes,pods -A -o yaml`);
  return cluster;
}

/** The object, or the items of a List (`kind: List`, `NodeList`, `PodList` …), each decoded on its own. */
function collectObjects(loaded: unknown, into: DecodedObject[], file: string): void {
  if (typeof loaded !== 'object' || loaded === null || Array.isArray(loaded)) return;
  const { kind, items } = loaded as { kind?: unknown; items?: unknown };
  if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(items)) {
    for (const item of items) collectObjects(item, into, file);
    return;
  }
  let value: PlainValue;
  try {
    value = decodeLoaded(loaded);
  } catch (error) {
    if (!(error instanceof DecodeLimit)) throw error;
    throw new UnreadableInputError(`cannot read the cluster from ${file}: an object nests too deep or expands to too many values`);
  }
  if (isObject(value) && typeof value['apiVersion'] === 'string' && typeof value['kind'] === 'string') {
    into.push({ apiVersion: value['apiVersion'], kind: value['kind'], value });
  }
}
