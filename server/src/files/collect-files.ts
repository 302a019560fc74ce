/** Expands the paths given on the command line into the manifest files to read, in a stable order. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cannotRead } from './read-text';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/** Whether a file's name says it holds manifests (*.yaml, *.yml, *.json): the files a folder is searched for. */
export function isManifestFile(name: string): boolean {
  return MANIFEST_EXTENSIONS.has(path.extname(name).toLowerCase());
}

/** `-` stands for standard input and is passed through as is. */
export function collectFiles(inputs: readonly string[]): string[] {
  const files: string[] = [];
  const visited = new Set<string>();
  for (const input of inputs) {
    if (input === '-') {
      files.push('-');
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch {
      throw cannotRead(input, 'no such file or directory');
    }
    if (stat.isDirectory()) walk(input, files, visited);
    else files.push(input);
  }
  return files;
}

function walk(directory: string, files: string[], visited: Set<string>): void {
  let real: string;
  try {
    real = fs.realpathSync(directory);
  } catch {
    return;
  }
  if (visited.has(real)) return; // a symlink loop, or the same folder reached twice
  visited.add(real);
  const entries = fs.readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = fs.statSync(full);
        isDirectory = target.isDirectory();
        isFile = target.isFile();
      } catch {
        continue; // dangling link
      }
    }
    if (isDirectory && !SKIPPED_DIRECTORIES.has(entry.name)) walk(full, files, visited);
    else if (isFile && isManifestFile(entry.name)) files.push(full);
  }
}
