/**
 * The manifests the plan tests read: test/fixtures/plan/web-v1.yaml and web-v2.yaml, a Deployment of 10 replicas
 * with the default 25%/25% rolling update and its Service in namespace `shop`, v2 with a new image.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixturesDir } from '../../helpers/repo-paths';

export const WEB_URI = 'file:///workspace/web.yaml';

export function webManifests(version: 'v1' | 'v2' = 'v1'): string {
  return fs.readFileSync(path.join(fixturesDir, 'plan', `web-${version}.yaml`), 'utf8');
}

/** The zero-based line of the first line of `text` that is `line`. */
export function lineOf(text: string, line: string): number {
  return text.split('\n').indexOf(line);
}
