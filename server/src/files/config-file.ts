/**
 * Reading a `.kubeplan.yaml`. Where one is looked for differs: the command line takes the file named by `--config`
 * or the nearest one from the current directory upward, the language server the one at the root of a workspace
 * folder.
 */
import * as fs from 'node:fs';
import { parseConfigFile, type ReadRuleSettings } from '../rules/rule-config';
import { cannotRead, readFailure } from './read-text';

/** The file's rule settings; an UnreadableInputError when it cannot be read, a ConfigError when it is not a config. */
export function readConfigFile(file: string): ReadRuleSettings {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw cannotRead(file, readFailure(error));
  }
  return parseConfigFile(text);
}
