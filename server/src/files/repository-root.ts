/**
 * The top level of the Git working tree a directory is in: the nearest directory from it upward holding `.git`
 * (a folder, or the file a linked worktree or submodule has), found without running git.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function repositoryRoot(from: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}
