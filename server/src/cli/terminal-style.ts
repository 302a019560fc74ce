/**
 * How text output fits where it goes: the width lines wrap at and whether to colour them, from `--color`, the
 * environment and standard output.
 */
import type { TerminalStyle } from '../text/styled-text';
import { UsageError } from './usage-error';

export type ColorMode = 'auto' | 'always' | 'never';

export function colorFlag(raw: string): ColorMode {
  if (raw !== 'auto' && raw !== 'always' && raw !== 'never') throw new UsageError(`--color must be auto, always or never, not ${raw}`);
  return raw;
}

interface Output {
  isTTY?: boolean;
  columns?: number;
}

/**
 * `--color always|never` decide; with `auto` (the default) colour is off when `NO_COLOR` is set to anything but the
 * empty string (no-color.org), on when `FORCE_COLOR` is (force-color.org; `0` and `false` turn it off, as Node
 * reads it), and otherwise on only when standard output is a terminal.
 */
export function colorEnabled(mode: ColorMode, env: NodeJS.ProcessEnv, output: Output): boolean {
  if (mode !== 'auto') return mode === 'always';
  if (env['NO_COLOR']) return false;
  const force = env['FORCE_COLOR'];
  if (force) return force !== '0' && force !== 'false';
  return Boolean(output.isTTY);
}

/**
 * The width lines wrap at: `COLUMNS` when it is a positive whole number, else the terminal's width; none when
 * standard output is not a terminal, so that piped output keeps each finding and row on one line.
 */
export function outputWidth(env: NodeJS.ProcessEnv, output: Output): number | undefined {
  const columns = env['COLUMNS'];
  if (columns !== undefined && /^[1-9]\d*$/.test(columns.trim())) return Number(columns.trim());
  return output.isTTY && output.columns ? output.columns : undefined;
}

export function terminalStyle(mode: ColorMode): TerminalStyle {
  return { width: outputWidth(process.env, process.stdout), color: colorEnabled(mode, process.env, process.stdout) };
}
