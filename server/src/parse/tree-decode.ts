/**
 * The thorough way to a document's value: the `yaml` library's syntax tree, decoded by walking it. It places
 * every syntax error, duplicate key and limit at its position, so it is taken for whatever the fast decoder
 * refuses; the same trees serve as the source map when a finding needs a range.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Alias, type Document, type Node, type Pair, type ScalarTag, type Tags } from 'yaml';
import type { Finding } from '../kube/findings';
import { DecodeLimit, MAX_DEPTH, MAX_EXPANDED_NODES, type YamlDocument } from './decoded';
import { emptyPlainObject, type PlainObject, type PlainValue } from '../kube/plain-values';
import { rangeForPath } from './source-map';
import { isMergeKey, rangeOf, visibleRange } from './yaml-nodes';

/** Octal with Go's `0o` prefix: go-yaml v2 reads integers with strconv.ParseInt(s, 0, 64), which accepts it. */
const GO_OCTAL: ScalarTag = {
  identify: (value) => typeof value === 'number',
  default: true,
  tag: 'tag:yaml.org,2002:int',
  format: 'OCT',
  test: /^[-+]?0o[0-7_]+$/,
  resolve: (text: string) => {
    const sign = text.startsWith('-') ? -1 : 1;
    return sign * parseInt(text.replace(/^[-+]?0o/, '').replace(/_/g, ''), 8);
  },
};

/**
 * YAML 1.1 as go-yaml v2 implements it: no timestamps (a timestamp decodes to its text when the target is not
 * a time.Time) and no base-60 numbers (`02:30` is a string), but `0o` octal.
 */
function goYamlTags(tags: Tags): Tags {
  const kept = tags.filter((tag) => typeof tag === 'string' || (tag.tag !== 'tag:yaml.org,2002:timestamp' && tag.format !== 'TIME'));
  return [GO_OCTAL, ...kept];
}

const YAML_OPTIONS = {
  version: '1.1' as const,
  merge: true,
  keepSourceTokens: false,
  prettyErrors: false,
  uniqueKeys: true,
  customTags: goYamlTags,
};

/** The syntax trees of the documents of a chunk, read as go-yaml v2 reads YAML. */
export function parseTrees(text: string): Document.Parsed[] {
  return Array.from(parseAllDocuments(text, YAML_OPTIONS) as Document.Parsed[]);
}

/** Every document of a chunk, decoded from its syntax tree. */
export function decodeTrees(text: string): YamlDocument[] {
  let asts: Document.Parsed[];
  try {
    asts = parseTrees(text);
  } catch (error) {
    return [failedDocument(text, error)];
  }
  return asts.map((ast) => decodeDocument(ast, text));
}

function failedDocument(text: string, error: unknown): YamlDocument {
  const message = error instanceof RangeError ? 'the YAML is nested too deeply to read' : `the YAML could not be read: ${String(error)}`;
  return {
    locate: () => ({ start: 0, end: 1 }),
    value: undefined,
    problems: [{ rule: 'yaml-syntax', severity: 'error', message, path: '', range: { start: 0, end: Math.min(text.length, 1) } }],
  };
}

function decodeDocument(ast: Document.Parsed, text: string): YamlDocument {
  const problems: Finding[] = [];
  let syntaxErrorReported = false;
  for (const error of ast.errors) {
    const [start, end] = error.pos;
    if (error.code === 'DUPLICATE_KEY') {
      const duplicate = duplicateKeyMessage(text, start);
      problems.push({ rule: 'duplicate-key', severity: 'error', message: duplicate.message, path: '', range: { start, end: duplicate.end } });
      continue;
    }
    if (error.code === 'TAB_AS_INDENT' && !syntaxErrorReported) {
      syntaxErrorReported = true;
      // go-yaml's scanner stops at the tab: kubectl says so in these words.
      const message = `error converting YAML to JSON: yaml: line ${kubectlLine(text, start)}: found character that cannot start any token`;
      problems.push({ rule: 'yaml-syntax', severity: 'error', message, path: '', range: visibleRange(text, start, end) });
      continue;
    }
    // After the first syntax error the parser is guessing; what follows is mostly its echo.
    if (syntaxErrorReported) continue;
    syntaxErrorReported = true;
    // The parser turns its own stack overflow into an error; say what it means.
    const tooDeep = /Maximum call stack size exceeded/.test(error.message);
    problems.push({
      rule: tooDeep ? 'yaml-limits' : 'yaml-syntax',
      severity: 'error',
      message: tooDeep ? 'the YAML is nested too deeply to read; not validated' : firstLine(error.message),
      path: '',
      range: visibleRange(text, start, end),
    });
  }
  for (const warning of ast.warnings) {
    const [start, end] = warning.pos;
    problems.push({ rule: 'yaml-syntax', severity: 'warning', message: firstLine(warning.message), path: '', range: visibleRange(text, start, end) });
  }
  if (problems.some((p) => p.severity === 'error') || !ast.contents) return { locate: (keys, prefer) => rangeForPath(ast, keys, prefer), value: undefined, problems };
  try {
    const decoder = new Decoder(ast);
    return { locate: (keys, prefer) => rangeForPath(ast, keys, prefer), value: decoder.decode(ast.contents as Node, 0), problems };
  } catch (error) {
    const range = rangeOf(ast.contents as Node);
    if (error instanceof UnknownAnchor) {
      problems.push({ rule: 'yaml-syntax', severity: 'error', message: error.message, path: '', range: rangeOf(error.alias) });
      return { locate: (keys, prefer) => rangeForPath(ast, keys, prefer), value: undefined, problems };
    }
    if (error instanceof DecodeLimit || error instanceof RangeError) {
      const message = error instanceof DecodeLimit ? error.message : 'the YAML is nested too deeply to read';
      problems.push({ rule: 'yaml-limits', severity: 'error', message, path: '', range });
      return { locate: (keys, prefer) => rangeForPath(ast, keys, prefer), value: undefined, problems };
    }
    throw error;
  }
}

/**
 * kubectl's own words for a repeated key: sigs.k8s.io/yaml refuses it before anything reaches the server.
 */
function duplicateKeyMessage(text: string, start: number): { message: string; end: number } {
  const token = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:\n#]*?)\s*:/.exec(text.slice(start, start + 1024));
  const raw = token?.[1] ?? text.slice(start, start + 1);
  const key = raw.replace(/^["']|["']$/g, '');
  return { message: `error converting YAML to JSON: yaml: line ${kubectlLine(text, start)}: key "${key}" already set in map`, end: start + raw.length };
}

/** The 1-based line kubectl names: counted from the start of the document, after its `---` line. */
function kubectlLine(text: string, offset: number): number {
  const markerLines = /^---(?:[ \t]|\r?\n)/.test(text) ? 1 : 0;
  return text.slice(0, offset).split('\n').length - markerLines;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** go-yaml's words, as kubectl prints them. */
class UnknownAnchor extends Error {
  constructor(readonly alias: Alias) {
    super(`error converting YAML to JSON: yaml: unknown anchor '${alias.source}' referenced`);
  }
}

class Decoder {
  private produced = 0;

  constructor(private readonly doc: Document.Parsed) {}

  decode(node: Node | null, depth: number): PlainValue {
    if (++this.produced > MAX_EXPANDED_NODES) {
      throw new DecodeLimit(`the document expands to more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')} values (an alias bomb?); not validated`);
    }
    if (depth > MAX_DEPTH) throw new DecodeLimit(`the document is nested more than ${MAX_DEPTH} levels deep; not validated`);
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      // Anchors belong to their document: an alias to one defined in another document (or nowhere) is an error.
      if (target === undefined) throw new UnknownAnchor(node);
      return this.decode(target, depth + 1);
    }
    if (isScalar(node)) return scalarValue(node.value, node.source);
    if (isSeq(node)) {
      return node.items.map((item) => this.decode(item as Node | null, depth + 1));
    }
    if (isMap(node)) {
      const object: PlainObject = emptyPlainObject();
      this.decodePairs(node.items as Pair[], object, depth);
      return object;
    }
    return null;
  }

  private decodePairs(pairs: Pair[], into: PlainObject, depth: number): void {
    for (const pair of pairs) {
      if (!isPair(pair)) continue;
      const key = pair.key as Node | null;
      if (isMergeKey(key)) {
        this.mergeInto(pair.value as Node | null, into, depth);
        continue;
      }
      const name = keyString(key === null ? null : this.decode(key, depth + 1));
      into[name] = this.decode(pair.value as Node | null, depth + 1);
    }
  }

  /** `<<` merges keys the mapping does not set itself; later mappings in a list lose to earlier ones. */
  private mergeInto(source: Node | null, into: PlainObject, depth: number): void {
    const sources = isSeq(source) ? (source.items as Node[]) : [source];
    for (const item of sources) {
      const value = this.decode(item, depth + 1);
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [k, v] of Object.entries(value)) if (!(k in into)) into[k] = v;
      }
    }
  }
}

function scalarValue(value: unknown, source: string | undefined): PlainValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Uint8Array) return source ?? '';
  if (value instanceof Date) return source ?? value.toISOString();
  return String(value);
}

/** sigs.k8s.io/yaml turns non-string keys into their text (`80: x` → "80", `true: x` → "true"). */
function keyString(key: PlainValue): string {
  if (typeof key === 'string') return key;
  if (key === null) return 'null';
  if (typeof key === 'object') return JSON.stringify(key);
  return String(key);
}
