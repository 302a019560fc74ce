/**
 * Documents are decoded by js-yaml when it accepts them and by walking the `yaml` syntax tree otherwise; on
 * real-world manifests both paths must give the same value, or a fix in one would silently miss the other.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { collectFiles } from '../../server/src/files/collect-files';
import { readManifest } from '../../server/src/files/read-text';
import { splitDocuments } from '../../server/src/parse/split-documents';
import { findTemplateSyntax } from '../../server/src/parse/templates';
import { decodeTrees } from '../../server/src/parse/tree-decode';
import { parseYamlChunk, type YamlDocument } from '../../server/src/parse/yaml-documents';
import { corporaDir } from '../helpers/repo-paths';

const values = (documents: readonly YamlDocument[]) => documents.map((d) => d.value).filter((v) => v !== undefined && v !== null);

test('the fast and the full decoder agree on every document of the corpora', (t) => {
  if (!fs.existsSync(corporaDir)) return t.skip('no corpora beside the repository');
  let compared = 0;
  const disagreements: string[] = [];
  for (const file of collectFiles([corporaDir])) {
    for (const chunk of splitDocuments(readManifest(file).text)) {
      if (findTemplateSyntax(chunk.text) !== undefined) continue; // never parsed
      compared++;
      const fast = JSON.stringify(values(parseYamlChunk(chunk.text)));
      const full = JSON.stringify(values(decodeTrees(chunk.text)));
      if (fast !== full) disagreements.push(`${file} at offset ${chunk.offset}`);
    }
  }
  t.diagnostic(`${compared} documents compared`);
  assert.ok(compared > 1000);
  assert.deepEqual(disagreements, []);
});
