/** The `.kubeplan.yaml` at the root of a workspace folder, as the language server reads it. */
import * as path from 'node:path';
import { CONFIG_FILE_NAME, ConfigError, type ReadRuleSettings } from '../rules/rule-config';
import { readConfigFile } from '../files/config-file';
import { UnreadableInputError } from '../files/read-text';

/** The first folder's config that exists; problems (and a malformed file) are described, never thrown. */
export function readWorkspaceConfig(folders: readonly string[]): ReadRuleSettings {
  for (const folder of folders) {
    const file = path.join(folder, CONFIG_FILE_NAME);
    try {
      const read = readConfigFile(file);
      return { rules: read.rules, problems: read.problems.map((problem) => `${file}: ${problem}; ignored`) };
    } catch (error) {
      if (error instanceof UnreadableInputError) continue;
      if (!(error instanceof ConfigError)) throw error;
      return { rules: {}, problems: [`${file}: ${error.message}; its rules are not applied`] };
    }
  }
  return { rules: {}, problems: [] };
}

export function isWorkspaceConfig(file: string): boolean {
  return path.basename(file) === CONFIG_FILE_NAME;
}
