/**
 * One code-server process on loopback, with its own user data and extensions folders: the packaged extension is
 * installed into it as a user would, then it serves the workbench for a workspace folder.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export interface CodeServer {
  /** The workbench for the workspace folder. */
  url: string;
  /** code-server's own output and the editor's log folder, for failure messages. */
  logFile: string;
  logsDir: string;
  /** The user's settings.json, which the editor writes when a setting is saved "for me". */
  userSettingsFile: string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  entry: string;
  workspace: string;
  /** Where user data, extensions and logs go; created, and left for inspection. */
  stateDir: string;
  vsix: string;
  /** Added to the user settings (over ones that keep first-start screens and network features away). */
  settings?: Record<string, unknown>;
}

const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'editor.hover.delay': 200,
};

const STARTUP_TIMEOUT_MS = 60_000;

/** Process groups still running: killed when this process ends, even if a test was interrupted. */
const running = new Set<number>();
process.on('exit', () => {
  for (const pid of running) signalGroup(pid, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const userDataDir = path.join(options.stateDir, 'user-data');
  const extensionsDir = path.join(options.stateDir, 'extensions');
  const logFile = path.join(options.stateDir, 'code-server.log');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2));
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  execFileSync(process.execPath, [options.entry, ...common, '--install-extension', options.vsix], { stdio: 'pipe', timeout: STARTUP_TIMEOUT_MS });

  const port = await freePort();
  const log = fs.openSync(logFile, 'w');
  const child = spawn(
    process.execPath,
    [options.entry, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', options.workspace],
    { stdio: ['ignore', log, log], detached: true },
  );
  fs.closeSync(log);
  if (child.pid !== undefined) running.add(child.pid);
  const server: CodeServer = {
    url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(options.workspace)}`,
    logFile,
    logsDir: path.join(userDataDir, 'logs'),
    userSettingsFile: path.join(userDataDir, 'User', 'settings.json'),
    stop: () => stopProcessGroup(child),
  };
  try {
    await waitForHealth(port, child, logFile);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

async function waitForHealth(port: number, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode}; its output: ${logFile}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer on port ${port} within ${STARTUP_TIMEOUT_MS / 1000} s; its output: ${logFile}`);
}

/** Ends code-server with everything it started (extension hosts, language servers): they share its process group. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return;
  running.delete(child.pid);
  if (child.exitCode !== null) {
    signalGroup(child.pid, 'SIGKILL');
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child.pid, 'SIGTERM');
  const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000))]);
  // Whatever is left of the group (a language server that ignores SIGTERM) goes too.
  signalGroup(child.pid, 'SIGKILL');
  if (!killed) await exited;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address() as net.AddressInfo;
      probe.close(() => resolve(address.port));
    });
  });
}
