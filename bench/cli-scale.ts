/**
 * `kubeplan check` on generated trees of 1,000, 10,000 and 30,000 files, against the floor measured in the same
 * run (bench/check-floor.ts: read, js-yaml, the generated validators, one thread) and, with `--baseline DIR`, the
 * build in DIR side by side at the two smaller sizes. Each command runs in a fresh process; the builds and the
 * floor take turns, so that the neighbours' load falls on all of them alike. Figures: wall time, CPU time of the
 * process (every thread), peak RSS.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateWorkspace } from './corpus';
import { reapedChildrenCpuMs } from './cpu-time';
import { median } from './stats';
import type { Section } from './report';

/** The ratio of `kubeplan check`'s CPU time to the floor's that the check aims to stay within. */
export const FLOOR_RATIO_GOAL = 3;
/** Objects per generated file: about what a 30,000-file application tree holds. */
const OBJECTS_PER_FILE = 4;
const SIZES = [
  { files: 1_000, runs: 3, baseline: true },
  { files: 10_000, runs: 2, baseline: true },
  { files: 30_000, runs: 1, baseline: false },
] as const;

export interface RunFigures {
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
}

export interface ScaleRow {
  files: number;
  objects: number;
  floor: RunFigures[];
  now: RunFigures[];
  before?: RunFigures[];
}

export interface CliScale {
  baseline?: string;
  rows: ScaleRow[];
}

/** Runs a command to its end, with its CPU time and its peak RSS (VmHWM, read from /proc while it runs). */
async function measured(args: readonly string[], timeoutMs: number): Promise<RunFigures> {
  const cpuBefore = reapedChildrenCpuMs() ?? 0;
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  let peakKb = 0;
  const sample = (): void => {
    try {
      const match = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (match) peakKb = Math.max(peakKb, Number(match[1]));
    } catch {
      // Gone already: the last reading stands.
    }
  };
  const timer = setInterval(sample, 20);
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
  clearInterval(timer);
  clearTimeout(killer);
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  // `kubeplan check` exits 1 when it finds errors, which the planted ones guarantee.
  if (code !== 0 && code !== 1) throw new Error(`${args.slice(0, 2).join(' ')} exited ${code}: ${stderr}`);
  return { wallMs, cpuMs: (reapedChildrenCpuMs() ?? 0) - cpuBefore, peakRssMb: peakKb / 1024 };
}

/** The trees are written once into `scratch`; every size's commands take turns for `runs` rounds. */
export async function measureCliScale(repoRoot: string, scratch: string, kubernetesVersion: string, baseline: string | undefined): Promise<CliScale> {
  const floor = path.join(repoRoot, 'out', 'bench', 'check-floor.js');
  const check = (root: string, dir: string) => [path.join(root, 'bin', 'kubeplan.js'), 'check', '--kubernetes-version', kubernetesVersion, '--output', 'json', dir];
  if (baseline && !fs.existsSync(path.join(baseline, 'bin', 'kubeplan.js'))) throw new Error(`${baseline}/bin/kubeplan.js not found: build the code before there`);
  const rows: ScaleRow[] = [];
  for (const size of SIZES) {
    const dir = path.join(scratch, `cli-scale-${size.files}`);
    const workspace = generateWorkspace(dir, size.files, OBJECTS_PER_FILE);
    const list = path.join(scratch, `cli-scale-${size.files}.list`);
    fs.writeFileSync(list, workspace.files.join('\n'));
    const row: ScaleRow = { files: size.files, objects: workspace.objects, floor: [], now: [], ...(baseline && size.baseline ? { before: [] } : {}) };
    // Generous: on a loaded 2-core machine the code before took over five minutes at 10,000 files.
    const timeoutMs = 60 * size.files + 300_000;
    for (let run = 0; run < size.runs; run++) {
      row.floor.push(await measured([floor, kubernetesVersion, list], timeoutMs));
      row.now.push(await measured(check(repoRoot, dir), timeoutMs));
      if (row.before && baseline) row.before.push(await measured(check(baseline, dir), timeoutMs));
    }
    fs.rmSync(dir, { recursive: true, force: true });
    rows.push(row);
  }
  return { ...(baseline ? { baseline } : {}), rows };
}

const MB = (value: number) => value.toFixed(0);
const seconds = (ms: number) => (ms / 1000).toFixed(1);

function minMedian(runs: readonly RunFigures[], figure: keyof RunFigures, show: (value: number) => string): string {
  const values = runs.map((run) => run[figure]);
  return values.length === 1 ? show(values[0]!) : `${show(Math.min(...values))} / ${show(median(values))}`;
}

/** The section's lines for the bench's tables. */
export function cliScaleLines(section: Section<CliScale>): string[] {
  const out = [`kubeplan check on generated trees (${OBJECTS_PER_FILE} objects a file) against the floor: read, js-yaml, generated validators, one thread`];
  if (section.status === 'skipped') return [...out, `    skipped: ${section.reason}`, ''];
  const header = ['files', 'objects', 'build', 'runs', 'wall s min / median', 'CPU s min / median', 'peak RSS MB min / median', 'CPU ÷ floor (min)'];
  const rows: string[][] = [];
  for (const row of section.result.rows) {
    const floorCpu = Math.min(...row.floor.map((run) => run.cpuMs));
    const line = (build: string, runs: readonly RunFigures[]): string[] => {
      const ratio = Math.min(...runs.map((run) => run.cpuMs)) / floorCpu;
      const judged = build === 'floor' ? '1.0' : `${ratio.toFixed(1)}× (goal ≤ ${FLOOR_RATIO_GOAL}×: ${ratio <= FLOOR_RATIO_GOAL ? 'met' : 'not met'})`;
      return [String(row.files), String(row.objects), build, String(runs.length), minMedian(runs, 'wallMs', seconds), minMedian(runs, 'cpuMs', seconds), minMedian(runs, 'peakRssMb', MB), judged];
    };
    rows.push(line('floor', row.floor), line('now', row.now));
    if (row.before) rows.push(line('before', row.before));
  }
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const render = (cells: readonly string[]) => `    ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  out.push(render(header), ...rows.map(render));
  if (section.result.baseline) out.push(`    before = ${section.result.baseline}`);
  out.push('    CPU = user + system of the process and its threads; each command a fresh process, taking turns.', '');
  return out;
}
