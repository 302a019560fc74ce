/**
 * The kustomization files of an overlay and of the local bases and components it builds on, read before kustomize
 * runs: what they fetch from the network (refused unless allowed, since kubeplan works offline), and the patches
 * they apply (to place a finding in the patch that set the field). Only local folders are followed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KUSTOMIZATION_FILE_NAMES } from '../check/file-formats';
import { isObject, type Keys, type PlainObject, type PlainValue } from '../kube/plain-values';
import { parseYamlChunk } from '../parse/yaml-documents';
import { readInputFile, UnreadableInputError } from './read-text';

/** A patch as a kustomization lists it. */
export interface PatchSource {
  /** The file the patch is written in: a patch file, or the kustomization itself for an inline patch. */
  file: string;
  /** For an inline patch, where its text is in the kustomization (`patches[0].patch`); absent for a patch file. */
  inlineAt?: Keys;
  /** The objects the patch applies to when the kustomization names them; absent: the patch document's own kind and name. */
  target?: { kind?: string; name?: string };
}

export interface Kustomization {
  /** The kustomization file's absolute path. */
  file: string;
  value: PlainObject;
}

/** A network location a kustomization names, where it names it. */
export interface RemoteReference {
  file: string;
  field: string;
  reference: string;
}

export interface KustomizationTree {
  /** Bases and components before the kustomizations that use them: the order kustomize applies their patches in. */
  kustomizations: Kustomization[];
  patches: PatchSource[];
  remote: RemoteReference[];
}

/** Bases nested deeper than this are a cycle kustomize would refuse; the walk stops. */
const MAX_DEPTH = 64;

/** The kustomization file of a folder, as kustomize looks for it; undefined when there is none. */
export function kustomizationFileIn(dir: string): string | undefined {
  for (const name of KUSTOMIZATION_FILE_NAMES) {
    const file = path.join(dir, name);
    if (isFile(file)) return file;
  }
  return undefined;
}

/**
 * The overlay's kustomization and the local ones below it. A folder without a kustomization file is refused in
 * kustomize's words (api/internal/target/kusttarget.go, loadKustFile).
 */
export function readKustomizationTree(dir: string): KustomizationTree {
  const tree: KustomizationTree = { kustomizations: [], patches: [], remote: [] };
  const visited = new Set<string>();
  const visit = (folder: string, depth: number): void => {
    const file = kustomizationFileIn(folder);
    if (file === undefined) {
      if (depth === 0) throw new UnreadableInputError(`unable to find one of ${KUSTOMIZATION_FILE_NAMES.map((name) => `'${name}'`).join(', ')} in directory '${folder}'`);
      return; // kustomize reports a base without one itself
    }
    const real = fs.realpathSync(file);
    if (visited.has(real) || depth > MAX_DEPTH) return;
    visited.add(real);
    const value = readKustomization(file);
    for (const field of ['resources', 'bases', 'components']) {
      for (const entry of strings(value[field])) {
        if (isRemoteReference(entry)) tree.remote.push({ file, field, reference: entry });
        else if (isDirectory(path.resolve(folder, entry))) visit(path.resolve(folder, entry), depth + 1);
      }
    }
    tree.remote.push(...remoteFiles(file, value));
    tree.patches.push(...patchesOf(file, value));
    tree.kustomizations.push({ file, value });
  };
  visit(dir, 0);
  return tree;
}

/**
 * The patch files (absolute paths) the kustomizations of the files' folders list: each such file is a patch, not
 * an object. A kustomization that cannot be read lists none; `kubeplan check` reports it on its own.
 */
export function patchFilesBeside(files: readonly string[]): Set<string> {
  const patchFiles = new Set<string>();
  for (const folder of new Set(files.filter((file) => file !== '-').map((file) => path.dirname(path.resolve(file))))) {
    const file = kustomizationFileIn(folder);
    if (file !== undefined) for (const patch of listedPatchFiles(file)) patchFiles.add(patch);
  }
  return patchFiles;
}

/** The patch files a kustomization file lists (not its inline patches); none when it cannot be read. */
export function listedPatchFiles(file: string, text?: string): string[] {
  let value: PlainObject;
  try {
    value = text === undefined ? readKustomization(file) : kustomizationValue(file, text);
  } catch (error) {
    if (error instanceof UnreadableInputError) return [];
    throw error;
  }
  return patchesOf(file, value).flatMap((patch) => (patch.inlineAt === undefined ? [patch.file] : []));
}

function readKustomization(file: string): PlainObject {
  return kustomizationValue(file, readInputFile(file).text);
}

function kustomizationValue(file: string, text: string): PlainObject {
  const [document] = parseYamlChunk(text);
  const problem = document?.problems.find((finding) => finding.severity === 'error');
  if (problem) throw new UnreadableInputError(`${file}: ${problem.message}`);
  return isObject(document?.value) ? document.value : {};
}

/**
 * Whether kustomize would fetch a reference from the network rather than read it from disk: an http(s) URL
 * (api/loader/fileloader.go, IsRemoteFile) or a Git repository as kustomize parses one (api/internal/git/repospec.go,
 * parseHostSpec: `git::`, `gh:`, `ssh://`, `https://`, `http://`, `git@`, `github.com:`, `github.com/`; `_git/`
 * for Azure DevOps). Any other `scheme://` (`file://` clones a local repository with git) counts too.
 */
export function isRemoteReference(reference: string): boolean {
  const lower = reference.trim().toLowerCase();
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(lower)) return true;
  if (['git::', 'gh:', 'git@', 'github.com:', 'github.com/'].some((prefix) => lower.startsWith(prefix))) return true;
  return lower.includes('_git/');
}

/** The other fields that name files, any of which kustomize's loader would download (api/types/kustomization.go). */
function remoteFiles(file: string, value: PlainObject): RemoteReference[] {
  const found: RemoteReference[] = [];
  const check = (field: string, reference: string): void => {
    if (isRemoteReference(reference)) found.push({ file, field, reference });
  };
  for (const field of ['crds', 'configurations', 'generators', 'transformers', 'validators', 'patchesStrategicMerge']) {
    for (const entry of strings(value[field])) check(field, entry);
  }
  for (const field of ['patches', 'patchesJson6902']) {
    for (const patch of objects(value[field])) if (typeof patch['path'] === 'string') check(field, patch['path']);
  }
  for (const field of ['configMapGenerator', 'secretGenerator']) {
    for (const generator of objects(value[field])) {
      // `files` entries are `path` or `key=path` (api/kv/kv.go, ParseFileSource).
      for (const source of strings(generator['files'])) check(field, source.includes('=') ? source.slice(source.indexOf('=') + 1) : source);
      for (const env of [...strings(generator['envs']), ...strings([generator['env'] ?? null])]) check(field, env);
    }
  }
  const openapi = value['openapi'];
  if (isObject(openapi) && typeof openapi['path'] === 'string') check('openapi', openapi['path']);
  for (const chart of objects(value['helmCharts'])) if (typeof chart['repo'] === 'string') check('helmCharts', chart['repo']);
  return found;
}

/**
 * The patches of one kustomization, in the order it lists them: `patches` (a file or inline, either kind),
 * `patchesStrategicMerge` (a file or an inline document) and `patchesJson6902` (a file or inline operations).
 */
function patchesOf(file: string, value: PlainObject): PatchSource[] {
  const folder = path.dirname(file);
  const patches: PatchSource[] = [];
  const add = (entry: PlainObject, field: string, index: number): void => {
    const target = targetOf(entry['target']);
    if (typeof entry['path'] === 'string') patches.push({ file: path.resolve(folder, entry['path']), ...(target ? { target } : {}) });
    else if (typeof entry['patch'] === 'string') patches.push({ file, inlineAt: [field, index, 'patch'], ...(target ? { target } : {}) });
  };
  listed(value['patches']).forEach((entry, index) => isObject(entry) && add(entry, 'patches', index));
  listed(value['patchesStrategicMerge']).forEach((entry, index) => {
    if (typeof entry !== 'string') return;
    // kustomize reads an entry as the patch itself first, then as a file (api/internal/builtins/
    // PatchStrategicMergeTransformer.go, loadFromPaths): an entry with a line break is a document, not a file name.
    patches.push(entry.includes('\n') ? { file, inlineAt: ['patchesStrategicMerge', index] } : { file: path.resolve(folder, entry) });
  });
  listed(value['patchesJson6902']).forEach((entry, index) => isObject(entry) && add(entry, 'patchesJson6902', index));
  return patches;
}

function targetOf(value: PlainValue | undefined): PatchSource['target'] {
  if (!isObject(value)) return undefined;
  const kind = typeof value['kind'] === 'string' ? value['kind'] : undefined;
  const name = typeof value['name'] === 'string' ? value['name'] : undefined;
  return { ...(kind ? { kind } : {}), ...(name ? { name } : {}) };
}

function listed(value: PlainValue | undefined): PlainValue[] {
  return Array.isArray(value) ? value : [];
}

function strings(value: PlainValue | undefined): string[] {
  return listed(value).filter((item): item is string => typeof item === 'string');
}

function objects(value: PlainValue | undefined): PlainObject[] {
  return listed(value).filter(isObject);
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}
