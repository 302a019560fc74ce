/**
 * The floor `kubeplan check` is measured against: the same files read, parsed with js-yaml and each object
 * validated by the generated validator of its kind, on one thread, with nothing placed, reported or kept.
 * Run as its own process: `node out/bench/check-floor.js VERSION FILE_LIST`; prints the objects validated.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { findKind, generatedSchemaDir, loadBundle } from '../server/src/schema/bundle';
import type { KubernetesVersion } from '../server/src/schema/versions';

function main(): void {
  const [version, list] = process.argv.slice(2) as [KubernetesVersion, string];
  const bundle = loadBundle(version);
  const validators = require(path.join(generatedSchemaDir(), `${version}.validators.js`)) as Record<string, (data: unknown) => boolean>;
  let objects = 0;
  let invalid = 0;
  for (const file of fs.readFileSync(list, 'utf8').split('\n')) {
    if (!file) continue;
    for (const document of yaml.loadAll(fs.readFileSync(file, 'utf8'))) {
      if (!document || typeof document !== 'object') continue;
      const { apiVersion, kind } = document as { apiVersion?: unknown; kind?: unknown };
      if (typeof apiVersion !== 'string' || typeof kind !== 'string') continue;
      const info = findKind(bundle, apiVersion, kind);
      const validate = info && validators[info.definition];
      if (!validate) continue;
      objects++;
      if (!validate(document)) invalid++;
    }
  }
  process.stdout.write(`${JSON.stringify({ objects, invalid })}\n`);
}

main();
