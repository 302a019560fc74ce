/**
 * `kubeplan check` places the cross-object rules' findings on objects it reads again without validating them
 * (`locatedObjects`); on real-world manifests those must be the objects `validateText` gives, in the same order, at
 * the same ranges, and their fields must be placed where `validateText`'s objects place them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { collectFiles } from '../../server/src/files/collect-files';
import { readManifest } from '../../server/src/files/read-text';
import { locatedObjects, validateText } from '../../server/src/check/validate-text';
import type { Keys } from '../../server/src/kube/plain-values';
import { DEFAULT_VERSION } from '../../server/src/schema/versions';
import { corporaDir } from '../helpers/repo-paths';

/** Fields the cross-object rules place findings on, written or not. */
const FIELDS: Keys[] = [['kind'], ['metadata', 'name'], ['metadata', 'namespace'], ['spec', 'selector'], ['spec', 'template', 'spec', 'containers', 0, 'name'], ['not-written']];

test('objects read again for placing are the validated objects, placed alike, on every file of the corpora', (t) => {
  if (!fs.existsSync(corporaDir)) return t.skip('no corpora beside the repository');
  let compared = 0;
  const disagreements: string[] = [];
  for (const file of collectFiles([corporaDir])) {
    const { text } = readManifest(file);
    const options = { kubernetesVersion: DEFAULT_VERSION, fileName: file };
    const validated = validateText(text, options).objects;
    const located = locatedObjects(text, options);
    if (located.length !== validated.length) {
      disagreements.push(`${file}: ${located.length} objects, validated ${validated.length}`);
      continue;
    }
    validated.forEach((object, i) => {
      const other = located[i]!;
      const same = (a: unknown, b: unknown, what: string) => {
        if (JSON.stringify(a) !== JSON.stringify(b)) disagreements.push(`${file} object ${i}: ${what}`);
      };
      same([other.apiVersion, other.kind, other.name, other.namespace, other.range], [object.apiVersion, object.kind, object.name, object.namespace, object.range], 'identity or range');
      for (const keys of FIELDS) for (const prefer of ['key', 'value'] as const) same(other.locate(keys, prefer), object.locate(keys, prefer), `${JSON.stringify(keys)} as ${prefer}`);
      compared++;
    });
  }
  t.diagnostic(`${compared} objects compared`);
  assert.ok(compared > 1_000);
  assert.deepEqual(disagreements.slice(0, 20), []);
});
