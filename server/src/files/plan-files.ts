/**
 * The texts a `kubeplan/plan` request names: URIs of files and folders are read (an open document from the
 * editor, so that unsaved edits count), folders walked for the files the include/exclude settings select.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readClusterFiles } from './cluster-files';
import { collectFiles } from './collect-files';
import { readInputFile, UnreadableInputError } from './read-text';
import type { ClusterModel } from '../cluster/cluster-model';
import type { PlanManifests } from '../protocol/plan-request';
import type { TextInput } from '../check/check-texts';
import type { PlanCluster } from '../plan/plan-texts';

export interface PlanFileAccess {
  /** The text of an open document, by URI. */
  openText(uri: string): string | undefined;
  /** Which files of a folder are manifests: the include/exclude settings, relative to the innermost folder. */
  filter: { matches(file: string, folders: readonly string[]): boolean };
  folders: readonly string[];
}

/** The texts, each with its URI as the file it is written in; an UnreadableInputError for a URI that cannot be read. */
export function readManifests(manifests: PlanManifests | undefined, access: PlanFileAccess): TextInput[] {
  const texts: TextInput[] = (manifests?.texts ?? []).map(({ uri, text }) => ({ file: uri, text }));
  for (const uri of manifests?.uris ?? []) {
    const open = access.openText(uri);
    if (open !== undefined) {
      texts.push({ file: uri, text: open });
      continue;
    }
    const file = filePathOf(uri);
    const isFolder = isDirectory(file);
    let files: string[];
    try {
      files = collectFiles([file]);
    } catch (error) {
      throw new UnreadableInputError(error instanceof Error ? error.message : String(error));
    }
    for (const found of files) {
      if (isFolder && !access.filter.matches(found, access.folders.length > 0 ? access.folders : [file])) continue;
      const foundUri = pathToFileURL(found).href;
      const open = access.openText(foundUri);
      texts.push(open !== undefined ? { file: foundUri, text: open } : { file: foundUri, ...readInputFile(found) });
    }
  }
  return texts;
}

/**
 * The cluster file of a request or of the setting (a URI or a path, relative paths against the first workspace
 * folder), read as `kubeplan plan --cluster` reads it. A snapshot of a large cluster takes a while to decode, and
 * every CodeLens request names the cluster, so the last one read is kept while the file is unchanged.
 */
export class ClusterFiles {
  private last: { key: string; model: ClusterModel } | undefined;

  read(reference: string, access: PlanFileAccess): PlanCluster {
    const file = reference.startsWith('file:') ? filePathOf(reference) : path.resolve(access.folders[0] ?? process.cwd(), reference);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      throw new UnreadableInputError(`cannot read the cluster file ${file}: no such file`);
    }
    const key = `${file}\0${stat.mtimeMs}\0${stat.size}`;
    if (this.last?.key !== key) {
      this.last = { key, model: readClusterFiles([file]) };
    }
    return this.last;
  }
}

function filePathOf(uri: string): string {
  if (!uri.startsWith('file:')) throw new UnreadableInputError(`cannot read ${uri}: only files on disk and open documents can be planned`);
  try {
    return fileURLToPath(uri);
  } catch {
    throw new UnreadableInputError(`cannot read ${uri}: not a file path`);
  }
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}
