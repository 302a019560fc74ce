/**
 * `.kubeplan.yaml` for the command line: the file named by `--config`, or the nearest one from the current
 * directory upward, as a project keeps one at its root and runs checks from anywhere inside it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, ConfigError, type ReadRuleSettings } from '../rules/rule-config';
import { readConfigFile } from '../files/config-file';
import { UsageError } from './usage-error';

export interface LoadedConfig extends ReadRuleSettings {
  /** The file read; absent when there is none. */
  file?: string;
}

export function loadConfig(explicit: string | undefined, cwd: string): LoadedConfig {
  const file = explicit ?? findConfig(cwd);
  if (file === undefined) return { rules: {}, problems: [] };
  try {
    return { ...readConfigFile(file), file };
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
}

function findConfig(from: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}
