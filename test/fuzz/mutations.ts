/**
 * Seeded random mutation of manifests, for fuzz tests: the same seed gives the same inputs, so a failure can be
 * replayed from the seed printed with it.
 */

/** mulberry32: small, fast and good enough to pick mutations. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fragments that YAML parsers and Kubernetes decoders treat specially. */
const FRAGMENTS = [
  '\t', '\r\n', '\uFEFF', '\u0000', '\uFFFD', '\uD800', '---\n', '...\n', '&a ', '*a', '<<: *a\n', '!!binary ', '!custom ', '{', '}', '[', ']',
  '"', "'", '#', ': ', '- ', '? ', '|\n', '>-\n', '{{ .Values.x }}', '__proto__: 1\n', 'constructor: {}\n', '010', '0o10', 'yes', 'on', '~', 'null',
  '1e309', '-0', '.nan', '99999999999999999999', 'replicas: -1\n', 'apiVersion: v1\n', 'kind: List\nitems:\n- ', '\u00e9\u4e2d', '😀',
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
