/**
 * Large documents are read by their lines instead of a syntax tree; on real-world manifests both readings must
 * name the same field at the same place wherever the line reader answers, or hover would differ by file size.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { collectFiles } from '../../server/src/files/collect-files';
import { readManifest } from '../../server/src/files/read-text';
import { blockPathAt } from '../../server/src/features/block-path';
import { LineTable } from '../../server/src/parse/block-lines';
import { cursorAt } from '../../server/src/features/cursor';
import { splitDocuments } from '../../server/src/parse/split-documents';
import { findTemplateSyntax } from '../../server/src/parse/templates';
import { corporaDir } from '../helpers/repo-paths';

/** Documents under this size are read by the tree in the editor, so the comparison uses the tree's answer. */
const TREE_MAX = 32 * 1024;

test('the line reader and the syntax tree agree on the field at sampled positions of the corpora', (t) => {
  if (!fs.existsSync(corporaDir)) return t.skip('no corpora beside the repository');
  let compared = 0;
  const disagreements: string[] = [];
  // JSON documents are flow collections: the editor never reads them by lines.
  for (const file of collectFiles([corporaDir]).filter((name) => !name.endsWith('.json'))) {
    const { text } = readManifest(file);
    const step = Math.max(1, Math.floor(text.length / 100));
    for (const chunk of splitDocuments(text)) {
      if (chunk.text.length >= TREE_MAX || findTemplateSyntax(chunk.text) !== undefined) continue;
      const table = new LineTable(chunk.text);
      for (let offset = chunk.offset; offset < chunk.offset + chunk.text.length; offset += step + (offset % 7)) {
        const lines = blockPathAt(table, offset - chunk.offset);
        if (lines === 'unsure') continue;
        compared++;
        const tree = cursorAt(text, offset);
        const byLines = lines && JSON.stringify([lines.path, lines.on, lines.range.start + chunk.offset, lines.range.end + chunk.offset]);
        const byTree = tree && JSON.stringify([tree.path, tree.on, tree.range.start, tree.range.end]);
        // On blank space inside a block scalar the tree may answer the scalar; the line reader answers nothing.
        if (byLines === undefined && /\s/.test(text[offset] ?? '\n')) continue;
        if (byLines !== byTree) disagreements.push(`${file} at ${offset}: lines ${byLines}, tree ${byTree}`);
      }
    }
  }
  t.diagnostic(`${compared} positions compared`);
  assert.ok(compared > 10_000);
  assert.deepEqual(disagreements, []);
});
