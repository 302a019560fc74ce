/**
 * CPU time from /proc, so throughput can also be given per CPU-second: on a shared machine, wall-clock figures
 * move with whatever else is running, while the CPU a process itself consumed moves much less.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** Fields of /proc/<pid>/stat from the third on (the command name, in parentheses, may contain spaces). */
function statFields(pid: number | 'self'): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** User + system CPU time of a live process, all its threads included. */
export function processCpuMs(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields ? ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks() : undefined;
}

/** User + system CPU time of this process's children that have exited and been waited for. */
export function reapedChildrenCpuMs(): number | undefined {
  const fields = statFields('self');
  return fields ? ((Number(fields[13]) + Number(fields[14])) * 1000) / clockTicks() : undefined;
}
