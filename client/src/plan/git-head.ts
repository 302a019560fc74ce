/**
 * The version of a file in Git's HEAD, the state a change is planned against. It is read through VS Code's Git
 * extension when that is active, else with `git cat-file` (the Git program, not code from the workspace: a blob is
 * printed as stored, without filters). Git reads the repository's configuration, so in an untrusted workspace
 * nothing is read.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { extensions, workspace, type Uri } from 'vscode';

/** Why the HEAD version cannot be read; the message is for the user. */
export class HeadUnavailable extends Error {}

/** The parts of the Git extension's API (`vscode.git`, version 1) used here. */
interface GitExtension {
  getAPI(version: 1): GitApi;
}
interface GitApi {
  getRepository(uri: Uri): { show(ref: string, path: string): Promise<string> } | null;
}

const GIT_TIMEOUT_MS = 10_000;

/** The file's text in HEAD, or undefined when the file is not in HEAD (it is new). */
export async function headVersion(uri: Uri): Promise<string | undefined> {
  if (!workspace.isTrusted) throw new HeadUnavailable("planning against Git HEAD needs a trusted workspace: Git reads the repository's configuration, which can name programs to run");
  if (uri.scheme !== 'file') throw new HeadUnavailable(`${uri.toString()} is not a file on disk, so it has no version in Git`);
  const repository = await gitExtensionRepository(uri);
  if (repository) {
    try {
      return await repository.show('HEAD', uri.fsPath);
    } catch {
      // The extension reports a file missing from HEAD as an error; git itself tells the cases apart.
    }
  }
  return catFile(uri.fsPath);
}

async function gitExtensionRepository(uri: Uri): Promise<ReturnType<GitApi['getRepository']>> {
  const extension = extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) return null;
  try {
    const exports = extension.isActive ? extension.exports : await extension.activate();
    return exports.getAPI(1).getRepository(uri);
  } catch {
    return null;
  }
}

function catFile(file: string): Promise<string | undefined> {
  const options = { cwd: path.dirname(file), timeout: GIT_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' as const };
  return new Promise((resolve, reject) => {
    execFile('git', ['cat-file', 'blob', `HEAD:./${path.basename(file)}`], options, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return reject(new HeadUnavailable('the git program was not found'));
      if (/not a git repository/i.test(stderr)) return reject(new HeadUnavailable(`${file} is not in a Git repository`));
      if (/does not exist in 'HEAD'|exists on disk, but not in 'HEAD'|not a valid object name|invalid object name/i.test(stderr)) return resolve(undefined);
      reject(new HeadUnavailable(`git could not read HEAD: ${stderr.trim() || error.message}`));
    });
  });
}
