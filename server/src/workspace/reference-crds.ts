/**
 * The CustomResourceDefinitions of the `kubeplan.crds` setting: paths and globs, relative to the workspace folders
 * (or absolute), read as reference schemas for custom resources. Read again when the setting or the folders change,
 * and when a file they name changes on disk.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ReferenceDefinition } from '../catalog/workspace-object';
import { collectFiles, isManifestFile } from '../files/collect-files';
import { readDefinitionFiles } from '../files/crd-files';
import { UnreadableInputError } from '../files/read-text';
import { globToRegExp } from './file-filter';

export interface ReferenceCrdsRead {
  definitions: ReferenceDefinition[];
  /** One line per entry or CRD that gives nothing, for the user. */
  problems: string[];
  /** The files read, to know which changes on disk call for reading them again. */
  files: ReadonlySet<string>;
}

const GLOB_CHARACTERS = /[*?{[]/;

/** Reads what the entries name: a path is a file or folder; a glob is matched against each folder's manifest files. */
export function readReferenceCrds(entries: readonly string[], folders: readonly string[]): ReferenceCrdsRead {
  const read: ReferenceCrdsRead = { definitions: [], problems: [], files: new Set() };
  const files = read.files as Set<string>;
  for (const entry of entries) {
    const paths = GLOB_CHARACTERS.test(entry) ? globMatches(entry, folders) : pathOf(entry, folders);
    if (paths.length === 0) {
      read.problems.push(`kubeplan.crds: ${entry}: ${GLOB_CHARACTERS.test(entry) ? 'no file matches' : 'no such file or folder'}`);
      continue;
    }
    try {
      for (const file of collectFiles(paths)) files.add(path.resolve(file));
      const found = readDefinitionFiles(paths);
      read.definitions.push(...found.definitions);
      read.problems.push(...found.problems.map((problem) => `kubeplan.crds: ${problem}`));
    } catch (error) {
      if (!(error instanceof UnreadableInputError)) throw error;
      read.problems.push(`kubeplan.crds: ${error.message}`);
    }
  }
  return read;
}

/** A path as written, when absolute; else in the first workspace folder that holds it. */
function pathOf(entry: string, folders: readonly string[]): string[] {
  const candidates = path.isAbsolute(entry) ? [entry] : folders.map((folder) => path.join(folder, entry));
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  return found === undefined ? [] : [found];
}

/** The manifest files of the folders whose path relative to their folder the glob matches (as `files.include` is matched). */
function globMatches(glob: string, folders: readonly string[]): string[] {
  if (path.isAbsolute(glob)) return [];
  const pattern = globToRegExp(glob.replace(/\\/g, '/'));
  const matches: string[] = [];
  for (const folder of folders) {
    for (const file of collectFiles([folder])) {
      if (isManifestFile(file) && pattern.test(path.relative(folder, file).split(path.sep).join('/'))) matches.push(file);
    }
  }
  return matches;
}

/** Whether a change to this file on disk changes what the setting reads. */
export function affectsReferenceCrds(file: string, read: ReferenceCrdsRead, entries: readonly string[], folders: readonly string[]): boolean {
  if (entries.length === 0) return false;
  if (read.files.has(path.resolve(file))) return true;
  // A new file in a named folder, or one a glob matches.
  return entries.some((entry) => {
    if (GLOB_CHARACTERS.test(entry)) {
      const pattern = globToRegExp(entry.replace(/\\/g, '/'));
      return folders.some((folder) => pattern.test(path.relative(folder, file).split(path.sep).join('/')));
    }
    return (path.isAbsolute(entry) ? [entry] : folders.map((folder) => path.join(folder, entry))).some((named) => {
      const relative = path.relative(named, file);
      return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
    });
  });
}
