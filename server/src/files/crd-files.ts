/**
 * Reading reference CustomResourceDefinitions from files and folders (`kubeplan check --crds PATH`, the
 * `kubeplan.crds` setting). A path that cannot be read is an UnreadableInputError, as for any input; a CRD that
 * cannot be used is a problem line, and the rest are used.
 */
import * as fs from 'node:fs';
import { definitionsInText, type DefinitionsRead } from '../check/reference-definitions';
import { collectFiles } from './collect-files';
import { readInputFile } from './read-text';

/** The CRDs in these files and folders (searched as `check` searches them), in the order given. */
export function readDefinitionFiles(paths: readonly string[]): DefinitionsRead {
  const read: DefinitionsRead = { definitions: [], problems: [] };
  for (const given of paths) {
    const named = !fs.statSync(given, { throwIfNoEntry: false })?.isDirectory();
    for (const file of collectFiles([given])) {
      const { definitions, problems } = definitionsInText(readInputFile(file).text, file, named);
      read.definitions.push(...definitions);
      read.problems.push(...problems);
    }
  }
  return read;
}
