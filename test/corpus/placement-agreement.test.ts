/**
 * Findings in large documents are placed by their lines and the tree of one entry (parse/block-locate.ts); on
 * real-world manifests that must give the range the whole document's syntax tree gives, for every written path,
 * for a path one key past each mapping and one item past each sequence, as key and as value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { collectFiles } from '../../server/src/files/collect-files';
import { readManifest } from '../../server/src/files/read-text';
import type { Keys, PlainValue } from '../../server/src/kube/plain-values';
import { LineTable } from '../../server/src/parse/block-lines';
import { locateByLines } from '../../server/src/parse/block-locate';
import { rangeForPath } from '../../server/src/parse/source-map';
import { splitDocuments } from '../../server/src/parse/split-documents';
import { findTemplateSyntax } from '../../server/src/parse/templates';
import { parseTrees } from '../../server/src/parse/tree-decode';
import { parseYamlChunk } from '../../server/src/parse/yaml-documents';
import { corporaDir } from '../helpers/repo-paths';

/** Paths per document: enough to reach deep into every install file's CRDs, few enough to run in seconds. */
const PATHS_PER_DOCUMENT = 400;

function* paths(value: PlainValue, prefix: Keys): Generator<Keys> {
  if (prefix.length > 0) yield prefix;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* paths(value[i]!, [...prefix, i]);
    yield [...prefix, value.length];
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) yield* paths(value[key]!, [...prefix, key]);
    yield [...prefix, 'not-written'];
  }
}

test('placing by lines agrees with the whole syntax tree on every document of the corpora', (t) => {
  if (!fs.existsSync(corporaDir)) return t.skip('no corpora beside the repository');
  let placed = 0;
  const disagreements: string[] = [];
  for (const file of collectFiles([corporaDir])) {
    for (const chunk of splitDocuments(readManifest(file).text)) {
      if (findTemplateSyntax(chunk.text) !== undefined) continue;
      const documents = parseYamlChunk(chunk.text);
      const value = documents[0]?.value;
      if (documents.length !== 1 || value === undefined || documents[0]!.problems.length > 0) continue;
      const tree = parseTrees(chunk.text).find((candidate) => candidate.contents !== null);
      if (!tree) continue;
      const table = new LineTable(chunk.text);
      let count = 0;
      for (const keys of paths(value, [])) {
        if (++count > PATHS_PER_DOCUMENT) break;
        for (const prefer of ['key', 'value'] as const) {
          const range = locateByLines(table, keys, prefer);
          if (!range) continue;
          placed++;
          const expected = rangeForPath(tree, keys, prefer);
          if (range.start !== expected.start || range.end !== expected.end) disagreements.push(`${file} at ${chunk.offset}: ${JSON.stringify(keys)} as ${prefer}`);
        }
      }
    }
  }
  t.diagnostic(`${placed} placements compared`);
  assert.ok(placed > 10_000);
  assert.deepEqual(disagreements.slice(0, 20), []);
});
