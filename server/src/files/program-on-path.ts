/**
 * Finding a program the user installed (kubectl, kustomize) on PATH, as an absolute path. It is looked up here
 * rather than left to the system, which on Windows would try the current folder first, and relative PATH entries
 * are skipped: either would run a program of the workspace.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** `name` without an extension: `kubectl` is looked for as `kubectl.exe` on Windows (a .cmd wrapper would need a shell, which is never used). */
export function findProgram(name: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const file = platform === 'win32' ? `${name}.exe` : name;
  const pathValue = env['PATH'] ?? env['Path'] ?? '';
  for (const folder of pathValue.split(platform === 'win32' ? ';' : ':')) {
    // A relative entry (or an empty one, the current folder) would find a program of the workspace.
    if (!folder || !path.isAbsolute(folder)) continue;
    const candidate = path.join(folder, file);
    if (isExecutableFile(candidate, platform)) return candidate;
  }
  return undefined;
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
