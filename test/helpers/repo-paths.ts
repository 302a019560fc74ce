import * as fs from 'node:fs';
import * as path from 'node:path';

/** The checkout root, found from the compiled test file upwards (tests run from `out/test/...`). */
export const repoRoot: string = (() => {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'bin', 'kubeplan.js'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error(`no kubeplan checkout above ${__dirname}`);
})();

/** Real-world manifests kept beside the repository; absent on most machines. */
export const corporaDir = path.resolve(repoRoot, '..', 'shared', 'corpora');

export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');
