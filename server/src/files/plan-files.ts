/**
 * The texts a `kubeplan/plan` request names: URIs of files and folders are read (an open document from the
 * editor, so that unsaved edits count), folders walked for the files the include/exclude settings select.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readClusterFiles } from './cluster-files';
import { collectFiles, UsageError } from './collect-files';
import type { ClusterModel } from '../cluster/cluster-model';
import type { PlanManifests, PlanManifestText } from '../protocol/plan-request';
import { decodeManifest, type ManifestText } from '../parse/utf8';
import type { PlanCluster } from '../plan/plan-texts';
import type { FileFilter } from '../workspace/file-filter';

export interface PlanFileAccess {
  /** The text of an open document, by URI. */
  openText(uri: string): string | undefined;
  filter: FileFilter;
  folders: readonly string[];
}

/** Thrown for a URI that cannot be read; its message is for the user. */
export class PlanInputError extends Error {}

export function readManifests(manifests: PlanManifests | undefined, access: PlanFileAccess): PlanManifestText[] {
  const texts: PlanManifestText[] = [...(manifests?.texts ?? [])];
  for (const uri of manifests?.uris ?? []) {
    const open = access.openText(uri);
    if (open !== undefined) {
      texts.push({ uri, text: open });
      continue;
    }
    const file = filePathOf(uri);
    const isFolder = isDirectory(file);
    let files: string[];
    try {
      files = collectFiles([file]);
    } catch (error) {
      throw new PlanInputError(error instanceof Error ? error.message : String(error));
    }
    for (const found of files) {
      if (isFolder && !access.filter.matches(found, access.folders.length > 0 ? access.folders : [file])) continue;
      const foundUri = pathToFileURL(found).href;
      const open = access.openText(foundUri);
      texts.push(open !== undefined ? { uri: foundUri, text: open } : { uri: foundUri, ...readFile(found) });
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
      throw new PlanInputError(`cannot read the cluster file ${file}: no such file`);
    }
    const key = `${file}\0${stat.mtimeMs}\0${stat.size}`;
    if (this.last?.key !== key) {
      try {
        this.last = { key, model: readClusterFiles([file]) };
      } catch (error) {
        if (error instanceof UsageError) throw new PlanInputError(error.message);
        throw error;
      }
    }
    return this.last;
  }
}

function filePathOf(uri: string): string {
  if (!uri.startsWith('file:')) throw new PlanInputError(`cannot read ${uri}: only files on disk and open documents can be planned`);
  try {
    return fileURLToPath(uri);
  } catch {
    throw new PlanInputError(`cannot read ${uri}: not a file path`);
  }
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function readFile(file: string): ManifestText {
  try {
    return decodeManifest(fs.readFileSync(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PlanInputError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')}`);
  }
}
