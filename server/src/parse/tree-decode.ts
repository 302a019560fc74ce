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
import { resolvePlainScalar } from './go-yaml-scalars';
import { isMergeKey, rangeOf, visibleRange } from './yaml-nodes';
import { placeSyntaxError, withPlainWords } from './syntax-errors';

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
  // A repeated key is not an error: go-yaml v2 keeps the last value (see Decoder.decodePairs).
  uniqueKeys: false,
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
    // After the first syntax error the parser is guessing; what follows is mostly its echo.
    if (syntaxErrorReported) continue;
    syntaxErrorReported = true;
    // The parser turns its own stack overflow into an error; say what it means.
    if (/Maximum call stack size exceeded/.test(error.message)) {
      const message = 'the YAML is nested too deeply to read; not validated';
      problems.push({ rule: 'yaml-limits', severity: 'error', message, path: '', range: visibleRange(text, start, end) });
      continue;
    }
    const placed = placeSyntaxError(text, error);
    // go-yaml's scanner stops at a tab: kubectl says so in these words.
    const parserMessage =
      error.code === 'TAB_AS_INDENT' ? `error converting YAML to JSON: yaml: line ${lineOf(text, start)}: found character that cannot start any token` : firstLine(error.message);
    problems.push({ rule: 'yaml-syntax', severity: 'error', message: withPlainWords(parserMessage, placed.plain), path: '', range: placed.range });
  }
  for (const warning of ast.warnings) {
    const [start, end] = warning.pos;
    problems.push({ rule: 'yaml-syntax', severity: 'warning', message: firstLine(warning.message), path: '', range: visibleRange(text, start, end) });
  }
  if (problems.some((p) => p.severity === 'error') || !ast.contents) return { locate: (keys, prefer) => rangeForPath(ast, keys, prefer), value: undefined, problems };
  const decoder = new Decoder(ast);
  try {
    const value = decoder.decode(ast.contents as Node, 0);
    problems.push(...decoder.repeatedKeys(text));
    return { locate: (keys, prefer) => rangeForPath(ast, keys, prefer), value, problems };
  } catch (error) {
    const range = rangeOf(ast.contents as Node);
    if (error instanceof Refused) {
      problems.push({ rule: 'yaml-syntax', severity: 'error', message: error.message, path: '', range: rangeOf(error.node) });
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

/** Where the line numbers of a repeatedKeyMessage start: they follow the key, so a key's own text is never renumbered. */
export const REPEATED_KEY_LINES = ' (lines ';

/**
 * A key repeated in a mapping. go-yaml v2 sets map entries one after another, so the last value wins, and
 * sigs.k8s.io/yaml sends that JSON without a word; encoding/json (JSON manifests) does the same. The API server never
 * sees the first value. The message names both lines; `first` is where the shadowed key is written.
 */
export function repeatedKeyMessage(key: string, firstLine: number, lastLine: number, json: boolean): string {
  const what = json ? `the name ${JSON.stringify(key)} appears twice in this object` : `the key ${JSON.stringify(key)} is set twice in this mapping`;
  return `${what}${REPEATED_KEY_LINES}${firstLine} and ${lastLine}): kubectl keeps the value on line ${lastLine} and silently drops the one on line ${firstLine}`;
}

/**
 * The 1-based line of an offset in this text. kubectl counts from its document's first line (after the `---`
 * line); messages count from the start of the file, which validateText makes of a line in the document's text.
 */
function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** A document kubectl refuses before sending anything, in its words, at the node it is about. */
class Refused extends Error {
  constructor(
    message: string,
    readonly node: Node,
  ) {
    super(message);
  }
}

/** go-yaml's words, as kubectl prints them. */
function unknownAnchor(alias: Alias): Refused {
  return new Refused(`error converting YAML to JSON: yaml: unknown anchor '${alias.source}' referenced`, alias);
}

/** A repeated key: the key node that is shadowed, the one that wins, and the key's text. */
interface Repeat {
  first: Node;
  last: Node;
  key: string;
}

class Decoder {
  private produced = 0;
  /** Repeated keys by the node of the winning key: a mapping decoded again through an alias is reported once. */
  private readonly repeats = new Map<Node, Repeat>();

  constructor(private readonly doc: Document.Parsed) {}

  /** The repeated keys seen, as warnings on the shadowed key, with lines counted in this text. */
  repeatedKeys(text: string): Finding[] {
    const json = /^\s*[{[]/.test(text);
    const lineOf = (node: Node) => text.slice(0, rangeOf(node).start).split('\n').length;
    return [...this.repeats.values()].map(({ first, last, key }) => ({
      rule: 'duplicate-key',
      severity: 'warning' as const,
      message: repeatedKeyMessage(key, lineOf(first), lineOf(last), json),
      path: '',
      range: rangeOf(first),
    }));
  }

  decode(node: Node | null, depth: number): PlainValue {
    if (++this.produced > MAX_EXPANDED_NODES) {
      throw new DecodeLimit(`the document expands to more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')} values (an alias bomb?); not validated`);
    }
    if (depth > MAX_DEPTH) throw new DecodeLimit(`the document is nested more than ${MAX_DEPTH} levels deep; not validated`);
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      // Anchors belong to their document: an alias to one defined in another document (or nowhere) is an error.
      if (target === undefined) throw unknownAnchor(node);
      return this.decode(target, depth + 1);
    }
    if (isScalar(node)) {
      let value = scalarValue(node.value, node.source, node.tag);
      // A float out of float64's range (`1e400`) fails strconv.ParseFloat, and go-yaml keeps its text.
      if (typeof value === 'number' && !Number.isFinite(value) && node.type === 'PLAIN' && !node.tag && typeof node.source === 'string' && resolvePlainScalar(node.source) === undefined)
        value = node.source;
      // sigs.k8s.io/yaml hands go-yaml's float64 to encoding/json, which has no infinity or NaN.
      if (typeof value === 'number' && !Number.isFinite(value)) {
        throw new Refused(`error converting YAML to JSON: json: unsupported value: ${Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf'}`, node);
      }
      return value;
    }
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
    const written = new Map<string, Node>();
    for (const pair of pairs) {
      if (!isPair(pair)) continue;
      const key = pair.key as Node | null;
      if (isMergeKey(key)) {
        this.mergeInto(pair.value as Node | null, into, depth);
        continue;
      }
      const decodedKey = key === null ? null : this.decode(key, depth + 1);
      const value = this.decode(pair.value as Node | null, depth + 1);
      const name = this.keyString(decodedKey, value, key ?? (pair.value as Node | null) ?? this.doc.contents!);
      const keyNode = key ?? (pair.value as Node);
      const earlier = written.get(name);
      if (earlier && keyNode && !this.repeats.has(keyNode)) this.repeats.set(keyNode, { first: earlier, last: keyNode, key: name });
      if (keyNode) written.set(name, keyNode);
      into[name] = value;
    }
  }

  /**
   * `<<` sets the keys of the mappings it names, in its place among the entries: go-yaml v2 decodes the mapping's
   * entries in order, so a merge overrides keys written before it and keys written after it override the merge.
   * Of a list of mappings, go-yaml merges the last first, so earlier mappings win.
   */
  private mergeInto(source: Node | null, into: PlainObject, depth: number): void {
    const sources = isSeq(source) ? [...(source.items as Node[])].reverse() : [source];
    for (const item of sources) {
      const value = this.decode(item, depth + 1);
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [k, v] of Object.entries(value)) into[k] = v;
      }
    }
  }

  /**
   * sigs.k8s.io/yaml turns non-string keys into their text (`80: x` → "80", `true: x` → "true"); a null key, and a
   * mapping or sequence as key, it refuses in these words.
   */
  private keyString(key: PlainValue, value: PlainValue, node: Node): string {
    if (typeof key === 'string') return key;
    if (key === null) {
      throw new Refused(`error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: ${goSyntax(value)}`, node);
    }
    if (typeof key === 'object') throw new Refused(`error converting YAML to JSON: yaml: invalid map key: ${goSyntax(key)}`, node);
    return String(key);
  }
}

const BINARY_TEXT = new TextDecoder('utf-8', { fatal: false });

/** A decoded value as Go's %#v prints go-yaml's interface{} values (maps with their keys sorted). */
function goSyntax(value: PlainValue): string {
  if (value === null) return '<nil>';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[]interface {}{${value.map(goSyntax).join(', ')}}`;
  const entries = Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${goSyntax(value[k]!)}`);
  return `map[interface {}]interface {}{${entries.join(', ')}}`;
}

function scalarValue(value: unknown, source: string | undefined, tag: string | undefined): PlainValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    // go-yaml reads `!!float "1"` as the number its text resolves to.
    if (tag === 'tag:yaml.org,2002:float') {
      const number = resolvePlainScalar(value);
      if (typeof number === 'number') return number;
    }
    return value;
  }
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  // go-yaml decodes `!!binary` to its bytes, which reach JSON as a string (not base64 again): kubectl sends "hello"
  // for `!!binary aGVsbG8=`.
  if (value instanceof Uint8Array) return BINARY_TEXT.decode(value);
  if (value instanceof Date) return source ?? value.toISOString();
  return String(value);
}
