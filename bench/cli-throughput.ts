/** Throughput of the real command line, `kubeplan check --output json DIR`, timed from spawn to exit. */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import type { GeneratedWorkspace } from './corpus';
import { reapedChildrenCpuMs } from './cpu-time';
import { bestOf } from './stats';

export interface CliThroughput {
  command: string;
  /** The fastest run's wall time; `runsMs` has every run. */
  wallMs: number;
  runsMs: number[];
  /** CPU time (user + system) the fastest run's process used; undefined without /proc. */
  cpuMs: number | undefined;
  exitCode: number;
  files: number;
  objects: number;
  objectsExpected: number;
  objectsPerSecond: number;
  megabytesPerSecond: number;
  errorDiagnostics: number;
  /** Objects with a deliberate error that got at least one error diagnostic. */
  plantedFound: number;
  plantedTotal: number;
  /** Error diagnostics on objects without a deliberate error. */
  unexpectedErrors: number;
}

interface CheckJson {
  files: number;
  objects: number;
  diagnostics: { file: string; severity: string; name: string; kind: string }[];
}

export async function measureCli(repoRoot: string, workspace: GeneratedWorkspace, kubernetesVersion: string, timeoutMs: number): Promise<CliThroughput> {
  const bin = path.join(repoRoot, 'bin', 'kubeplan.js');
  const args = [bin, 'check', '--kubernetes-version', kubernetesVersion, '--output', 'json', workspace.dir];
  const cpuBefore = reapedChildrenCpuMs();
  const started = process.hrtime.bigint();
  const { stdout, exitCode } = await new Promise<{ stdout: string; exitCode: number }>((resolve, reject) => {
    execFile(process.execPath, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 256 << 20 }, (error, out, err) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      // Exit 1 only means "errors found", which the planted errors guarantee.
      if (code === 0 || code === 1) resolve({ stdout: out, exitCode: code });
      else reject(new Error(`kubeplan check ${error?.killed ? `killed after ${timeoutMs} ms` : `exited ${code}`}: ${err.slice(-1000)}`));
    });
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuAfter = reapedChildrenCpuMs();
  const report = JSON.parse(stdout) as CheckJson;
  const errors = report.diagnostics.filter((d) => d.severity === 'error');
  const planted = new Set(workspace.planted.map((p) => `${p.file}\u0000${p.name}`));
  const flagged = new Set(errors.map((d) => `${path.resolve(d.file)}\u0000${d.name}`));
  return {
    command: `node bin/kubeplan.js check --kubernetes-version ${kubernetesVersion} --output json <workspace>`,
    wallMs,
    runsMs: [wallMs],
    cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
    exitCode,
    files: report.files,
    objects: report.objects,
    objectsExpected: workspace.objects,
    objectsPerSecond: report.objects / (wallMs / 1000),
    megabytesPerSecond: workspace.bytes / 1024 / 1024 / (wallMs / 1000),
    errorDiagnostics: errors.length,
    plantedFound: [...planted].filter((key) => flagged.has(key)).length,
    plantedTotal: planted.size,
    unexpectedErrors: errors.filter((d) => !planted.has(`${path.resolve(d.file)}\u0000${d.name}`)).length,
  };
}

/** Runs the CLI `runs` times (each a fresh process, so each is cold) and keeps the fastest, with all wall times. */
export function measureCliBestOf(runs: number, repoRoot: string, workspace: GeneratedWorkspace, kubernetesVersion: string, timeoutMs: number): Promise<CliThroughput> {
  return bestOf(
    runs,
    () => measureCli(repoRoot, workspace, kubernetesVersion, timeoutMs),
    (result) => result.wallMs,
  );
}
