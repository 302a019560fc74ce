import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from './repo-paths';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `bin/kubeplan.js` as a user would, with a time limit so that a hang fails instead of blocking.
 * Output is piped, and `NO_COLOR` is set unless `env` says otherwise (a variable given as undefined is unset).
 */
export function runCli(args: readonly string[], options: { input?: string; cwd?: string; timeoutMs?: number; env?: Record<string, string | undefined> } = {}): CliRun {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'kubeplan.js'), ...args], {
    cwd: options.cwd ?? repoRoot,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 20_000,
    maxBuffer: 256 * 1024 * 1024,
    env,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
