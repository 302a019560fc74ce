/**
 * Manifest files as a Git revision holds them, for `kubeplan plan --base REF`. Read with the `git` program and only
 * its plumbing that reads the object database: `rev-parse`, `ls-tree`, and `cat-file --batch`, which prints blobs
 * as stored, so no clean/smudge filter or textconv runs, and no command used runs a hook. Each call has a time limit
 * and a bound on its output, and every failure is a message for the user (UnreadableInputError), never a hang.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { decodeManifest, type ManifestText } from '../parse/utf8';
import { isManifestFile } from './collect-files';
import { UnreadableInputError } from './read-text';

const GIT_TIMEOUT_MS = 30_000;
/** The most bytes git may print for one call: the revision's manifests under the paths, all together. */
const GIT_MAX_OUTPUT = 512 * 1024 * 1024;
/** Folders a folder's search skips, as collectFiles skips them in the working tree. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

export interface RevisionFile extends ManifestText {
  /** The file's path from the top of the repository, with `/`. */
  repoPath: string;
}

export interface RevisionFiles {
  /** The revision's full commit id. */
  commit: string;
  /** The top of the working tree. */
  top: string;
  files: RevisionFile[];
  /** The paths given that name nothing at the revision (new in the working tree). */
  absent: string[];
}

/** The manifests under `paths` (files and folders, relative to `cwd`) at revision `ref` of the repository `cwd` is in. */
export function readAtRevision(ref: string, paths: readonly string[], cwd: string): RevisionFiles {
  if (ref === '' || ref.startsWith('-')) throw new UnreadableInputError(`--base needs a Git revision, not ${JSON.stringify(ref)}`);
  const top = git(['rev-parse', '--show-toplevel'], cwd).toString('utf8').trim();
  const commit = resolveCommit(ref, cwd);
  const repoPaths: string[] = [];
  const absent: string[] = [];
  const seen = new Set<string>();
  for (const given of paths) {
    const repoPath = repositoryPath(top, cwd, given);
    // A file named is read whatever its name; a folder's search takes what collectFiles takes in the working tree.
    const found = listFiles(commit, repoPath, cwd).filter((file) => file === repoPath || inSearchedFolder(file.slice(repoPath === '' ? 0 : repoPath.length + 1)));
    if (found.length === 0) absent.push(given);
    for (const file of found) {
      if (seen.has(file)) continue;
      seen.add(file);
      repoPaths.push(file);
    }
  }
  const blobs = readBlobs(repoPaths, commit, cwd);
  return { commit, top, files: repoPaths.map((repoPath, i) => ({ repoPath, ...decodeManifest(blobs[i]!) })), absent };
}

/** A path from the top of the repository with `/`; "" for the top itself. Outside the repository is an error. */
export function repositoryPath(top: string, cwd: string, given: string): string {
  const relative = path.relative(top, path.resolve(cwd, given));
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) throw new UnreadableInputError(`--base: ${given} is outside the Git repository at ${top}`);
  return relative.split(path.sep).join('/');
}

/** What a folder's search reads, below the folder: manifest files, not in node_modules or .git. */
function inSearchedFolder(below: string): boolean {
  const parts = below.split('/');
  return isManifestFile(parts[parts.length - 1]!) && !parts.slice(0, -1).some((part) => SKIPPED_DIRECTORIES.has(part));
}

function resolveCommit(ref: string, cwd: string): string {
  try {
    return git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd)
      .toString('utf8')
      .trim();
  } catch (error) {
    if (error instanceof GitFailed) throw new UnreadableInputError(`--base: ${JSON.stringify(ref)} is not a commit in this repository (git rev-parse found no such revision)`);
    throw error;
  }
}

/** Regular files (mode 100644 or 100755) at or under `repoPath`, in Git's order; symbolic links and submodules are not manifests. */
function listFiles(commit: string, repoPath: string, cwd: string): string[] {
  const args = ['ls-tree', '-r', '-z', '--full-tree', commit];
  if (repoPath !== '') args.push('--', repoPath);
  const files: string[] = [];
  for (const record of git(args, cwd).toString('utf8').split('\0')) {
    // <mode> SP <type> SP <object> TAB <path>
    const tab = record.indexOf('\t');
    if (tab === -1) continue;
    const [mode, type] = record.slice(0, tab).split(' ');
    if (type === 'blob' && (mode === '100644' || mode === '100755')) files.push(record.slice(tab + 1));
  }
  return files;
}

/** The blobs `<commit>:<path>` in one `git cat-file --batch`, whose output is `<oid> blob <size>\n<bytes>\n` per request. */
function readBlobs(paths: readonly string[], commit: string, cwd: string): Buffer[] {
  if (paths.length === 0) return [];
  const out = git(['cat-file', '--batch'], cwd, paths.map((file) => `${commit}:${file}\n`).join(''));
  const blobs: Buffer[] = [];
  let at = 0;
  for (const file of paths) {
    const newline = out.indexOf(0x0a, at);
    const header = out.subarray(at, newline).toString('utf8');
    const size = /^[0-9a-f]+ blob (\d+)$/.exec(header);
    if (newline === -1 || !size) throw new UnreadableInputError(`--base: git could not read ${commit.slice(0, 12)}:${file} (${header})`);
    const start = newline + 1;
    blobs.push(out.subarray(start, start + Number(size[1])));
    at = start + Number(size[1]) + 1;
  }
  return blobs;
}

class GitFailed extends Error {}

/**
 * Runs git read-only: no optional locks (GIT_OPTIONAL_LOCKS), no prompt for credentials, pathspecs taken literally,
 * the user's pager and editor never started.
 */
function git(args: readonly string[], cwd: string, input?: string): Buffer {
  const result = spawnSync('git', ['--no-pager', '-c', 'core.fsmonitor=false', ...args], {
    cwd,
    input,
    timeout: GIT_TIMEOUT_MS,
    maxBuffer: GIT_MAX_OUTPUT,
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', GIT_LITERAL_PATHSPECS: '1' },
    windowsHide: true,
  });
  const stderr = result.stderr?.toString('utf8').trim() ?? '';
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UnreadableInputError('--base reads the revision with the git program, and there is no git on PATH');
    if (code === 'ETIMEDOUT') throw new UnreadableInputError(`--base: git ${args[0]} took longer than ${GIT_TIMEOUT_MS / 1000} s and was stopped`);
    if (code === 'ENOBUFS') throw new UnreadableInputError(`--base: git ${args[0]} printed more than ${GIT_MAX_OUTPUT / 1024 / 1024} MiB and was stopped`);
    throw new UnreadableInputError(`--base: git ${args[0]} failed: ${result.error.message}`);
  }
  if (result.status !== 0) {
    if (/not a git repository/i.test(stderr)) throw new UnreadableInputError(`--base: ${cwd} is not in a Git repository`);
    if (args[0] === 'rev-parse' && args[1] === '--verify') throw new GitFailed(stderr);
    throw new UnreadableInputError(`--base: git ${args[0]} failed: ${stderr || `exit status ${result.status}`}`);
  }
  return result.stdout;
}
