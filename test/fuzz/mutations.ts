/**
 * Seeded random mutation of manifests, for fuzz tests: the same seed gives the same inputs, so a failure can be
 * replayed from the seed printed with it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corporaDir, repoRoot } from '../helpers/repo-paths';
export { seededRandom } from '../helpers/seeded-random';

/** How long each fuzz test may run (KUBEPLAN_FUZZ_MS for longer runs); the number of inputs depends on the machine. */
export const BUDGET_MS = Number(process.env['KUBEPLAN_FUZZ_MS'] ?? 8_000);
/** A single call taking longer than this is a hang, not slowness. */
export const CALL_BOUND_MS = 5_000;
/** KUBEPLAN_FUZZ_SEED replays a failure, or explores other inputs. */
export const FIRST_SEED = Number(process.env['KUBEPLAN_FUZZ_SEED'] ?? 1);

/** Fragments that YAML parsers and Kubernetes decoders treat specially. */
const FRAGMENTS = [
  '\t',
  '\r\n',
  '\uFEFF',
  '\u0000',
  '\uFFFD',
  '\uD800',
  '---\n',
  '...\n',
  '&a ',
  '*a',
  '<<: *a\n',
  '!!binary ',
  '!custom ',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '#',
  ': ',
  '- ',
  '? ',
  '|\n',
  '>-\n',
  '{{ .Values.x }}',
  '__proto__: 1\n',
  'constructor: {}\n',
  '010',
  '0o10',
  'yes',
  'on',
  '~',
  'null',
  '1e309',
  '-0',
  '.nan',
  '99999999999999999999',
  'replicas: -1\n',
  'apiVersion: v1\n',
  'kind: List\nitems:\n- ',
  '\u00e9\u4e2d',
  '😀',
];

type Mutation = (text: string, random: () => number) => string;

const at = (text: string, random: () => number): number => Math.floor(random() * (text.length + 1));
const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;

const MUTATIONS: readonly Mutation[] = [
  (text, random) => {
    const i = at(text, random);
    return text.slice(0, i) + pick(FRAGMENTS, random) + text.slice(i);
  },
  (text, random) => {
    const i = at(text, random);
    return text.slice(0, i) + text.slice(i + 1 + Math.floor(random() * 40));
  },
  (text, random) => text.slice(0, at(text, random)),
  (text, random) => {
    const lines = text.split('\n');
    const i = Math.floor(random() * lines.length);
    lines.splice(i, 0, lines[Math.floor(random() * lines.length)]!);
    return lines.join('\n');
  },
  (text, random) => {
    const lines = text.split('\n');
    const i = Math.floor(random() * lines.length);
    lines[i] = ' '.repeat(Math.floor(random() * 9)) + lines[i]!.trimStart();
    return lines.join('\n');
  },
  (text, random) => {
    const bytes = Array.from({ length: 1 + Math.floor(random() * 16) }, () => String.fromCharCode(Math.floor(random() * 256)));
    const i = at(text, random);
    return text.slice(0, i) + bytes.join('') + text.slice(i);
  },
];

/** `text` after one to four random mutations. */
export function mutate(text: string, random: () => number): string {
  let mutated = text;
  const count = 1 + Math.floor(random() * 4);
  for (let i = 0; i < count; i++) mutated = pick(MUTATIONS, random)(mutated, random);
  return mutated;
}

/** Small manifests to mutate: the examples, the test fixtures and, when present, the corpora's smaller files. */
export function seedTexts(): string[] {
  const files: string[] = [];
  const walk = (dir: string, limit: number): void => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (files.length >= limit) return;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, limit);
      else if (/\.(ya?ml|json)$/.test(entry.name) && fs.statSync(full).size < 20_000) files.push(full);
    }
  };
  walk(path.join(repoRoot, 'examples'), 50);
  walk(path.join(repoRoot, 'test', 'fixtures'), 150);
  walk(corporaDir, 400);
  return files.map((file) => fs.readFileSync(file, 'utf8'));
}

export function assertInside(text: string, range: { start: number; end: number }, what: string): void {
  assert.ok(range.start >= 0 && range.start <= range.end && range.end <= text.length, `${what} range ${JSON.stringify(range)} is outside a text of ${text.length}`);
}
