/**
 * Reading `--cluster` files, and `--from` files that are snapshots: Node manifests, or what `kubectl get
 * nodes,namespaces,deployments,…,pods -A -o yaml` prints (one List of full objects that may hold thousands). The objects are only decoded, not validated: they describe a running cluster,
 * and a snapshot of a large one is far over the size the validator takes. Each item of a List is decoded with a
 * budget of its own, so a List of 10,000 pods is read while an alias bomb inside one item is still refused.
 */
import { clusterFromObjects, defaultCluster, type ClusterModel, type DecodedObject } from '../cluster/cluster-model';
import { isObject, objectAt, stringAt, type PlainObject, type PlainValue } from '../kube/plain-values';
import { splitDocuments } from '../parse/split-documents';
import { DecodeLimit } from '../parse/decoded';
import { fastLoad } from '../parse/fast-decode';
import { decodeLoaded, parseYamlChunk } from '../parse/yaml-documents';
import { collectFiles } from './collect-files';
import { readInputFile, UnreadableInputError } from './read-text';

export function readClusterFiles(paths: readonly string[]): ClusterModel {
  return clusterWithNodes(readClusterObjects(paths), paths);
}

/**
 * The cluster of `kubeplan plan`: the `--cluster` files with the snapshots among the `--from` files, or undefined for
 * the embedded default cluster when there are neither. Snapshots without Nodes run on the embedded cluster's nodes.
 */
export function readPlanCluster(clusterPaths: readonly string[], snapshots: readonly DecodedObject[]): ClusterModel | undefined {
  if (clusterPaths.length > 0) return clusterWithNodes([...readClusterObjects(clusterPaths), ...snapshots], clusterPaths);
  if (snapshots.length === 0) return undefined;
  const hasNodes = snapshots.some((object) => object.apiVersion === 'v1' && object.kind === 'Node');
  const embeddedNodes = hasNodes ? [] : defaultCluster().nodes.map((node): DecodedObject => ({ apiVersion: 'v1', kind: 'Node', value: node as unknown as PlainObject }));
  return clusterFromObjects([...embeddedNodes, ...snapshots]);
}

function clusterWithNodes(objects: readonly DecodedObject[], paths: readonly string[]): ClusterModel {
  const cluster = clusterFromObjects(objects);
  if (cluster.nodes.length === 0) throw new UnreadableInputError(`no Node objects in ${paths.join(', ')}: a cluster file holds Node manifests or the output of kubectl get nodes,pods -A -o yaml`);
  return cluster;
}

/**
 * The objects of a `--from` file when it is a snapshot of a cluster rather than manifests: every object carries
 * `metadata.uid`, which only the API server writes (what `kubectl get -o yaml` prints). Undefined otherwise, and for
 * a text that does not decode, which the check then reports as it reports any manifest.
 */
export function snapshotObjects(text: string, file: string): DecodedObject[] | undefined {
  let objects: DecodedObject[];
  try {
    objects = decodeClusterText(text, file);
  } catch (error) {
    if (error instanceof UnreadableInputError) return undefined;
    throw error;
  }
  const hasUid = (object: DecodedObject) => stringAt(objectAt(object.value, 'metadata'), 'uid') !== undefined;
  return objects.length > 0 && objects.every(hasUid) ? objects : undefined;
}

/** The objects of the files, Lists expanded, in the order they are written. */
function readClusterObjects(paths: readonly string[]): DecodedObject[] {
  return collectFiles(paths).flatMap((file) => decodeClusterText(readInputFile(file).text, file));
}

function decodeClusterText(text: string, file: string): DecodedObject[] {
  const objects: DecodedObject[] = [];
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
  return objects;
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
