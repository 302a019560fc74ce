/**
 * Go's regular expressions, which Kubernetes compiles wherever a manifest carries one (a CRD schema's `pattern`,
 * CEL's `matches`, `find` and `findAll`), as JavaScript RegExps that match exactly what Go's would.
 *
 * The pattern is parsed as Go's regexp/syntax parses it with the Perl flags regexp.Compile uses (parse.go: Parse,
 * parsePerlFlags, parseClass, parseEscape, parseUnicodeClass, parseRepeat), refusing what Go refuses in Go's words
 * ("error parsing regexp: missing closing ): `(`"). What Go accepts is then written in JavaScript's syntax (with the
 * `u` flag) so that every construct means what it means in Go:
 * - `.` does not match `\n` unless `(?s)`; `^`/`$` are the text's ends unless `(?m)`, and with `(?m)` only `\n`
 *   ends a line; `\A` and `\z` are the text's ends;
 * - `\d`, `\s` (`[\t\n\f\r ]`, without `\v`), `\w`, `\b` and the POSIX classes (`[[:alpha:]]`) are ASCII;
 * - `(?i)` folds case by Unicode's simple case folding, applied to the literals and classes it covers, as Go does
 *   (parse.go appendFoldedRange), rather than with JavaScript's `i` flag, which would also widen `\b`;
 * - `(?U)` swaps greedy and lazy repetition; `\Q…\E` quotes; `(?P<name>…)` and `(?<name>…)` capture;
 * - `\pL`, `\p{Lu}`, `\p{Greek}` and their negations are Unicode categories and scripts.
 * Go's regexp matches leftmost-first, as JavaScript's backtracking does, so a match and its position agree.
 * Go's limits are kept: a counted repetition above 1,000 (also nested: their product), and nesting deeper than 1,000.
 * Not reproduced: Go's bound on the compiled program's size ("expression too large"), and the character tables'
 * Unicode version (Node's, not Go's).
 */

/** unicode.MaxRune. */
const MAX_RUNE = 0x10ffff;
/** parse.go maxRepeat: the largest count of a repetition, and of nested repetitions multiplied. */
const MAX_REPEAT = 1000;
/** parse.go maxHeight: how deep the parsed expression may nest. */
const MAX_HEIGHT = 1000;
/** How many compiled patterns are kept: CRDs and CEL rules repeat a few patterns over many objects. */
const CACHE_LIMIT = 500;

export type GoRegexp =
  | {
      readonly ok: true;
      /** Tests as Go's MatchString does (a match anywhere); holds no state. */
      readonly regexp: RegExp;
      /** The same expression with the `g` flag, for walking successive matches from a set `lastIndex`. */
      readonly global: RegExp;
    }
  | { readonly ok: false; readonly error: string };

const cache = new Map<string, GoRegexp>();

/** Go's regexp.Compile(pattern) as a JavaScript RegExp, or Go's error; compiled once per pattern (a bounded cache). */
export function goRegexp(pattern: string): GoRegexp {
  let compiled = cache.get(pattern);
  if (compiled) return compiled;
  compiled = compile(pattern);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(pattern, compiled);
  return compiled;
}

function compile(pattern: string): GoRegexp {
  let source: string;
  try {
    source = emit(new Parser(pattern).parse());
  } catch (error) {
    if (error instanceof GoSyntaxError) return { ok: false, error: error.message };
    // Only a tree thousands of levels deep exhausts the stack, and Go refuses any deeper than 1,000.
    if (error instanceof RangeError) return { ok: false, error: new GoSyntaxError('expression nests too deeply', pattern).message };
    throw error;
  }
  try {
    return { ok: true, regexp: new RegExp(source, 'u'), global: new RegExp(source, 'gu') };
  } catch (error) {
    // Go accepted the pattern; the JavaScript engine could not take its translation (a size limit).
    return { ok: false, error: `the pattern cannot be compiled for JavaScript: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** regexp/syntax Error: "error parsing regexp: " + code + ": `" + expr + "`". */
class GoSyntaxError extends Error {
  constructor(code: string, expr: string) {
    super(`error parsing regexp: ${code}: \`${expr}\``);
  }
}

interface Flags {
  readonly foldCase: boolean;
  /** Not OneLine: ^ and $ match at line ends. */
  readonly multiLine: boolean;
  readonly dotNL: boolean;
  readonly nonGreedy: boolean;
}

/** A class as Go builds it: code-point ranges, plus Unicode tables JavaScript names rather than lists. */
interface CharClass {
  /** Inclusive [lo, hi] pairs (overlaps allowed). */
  ranges: [number, number][];
  /** JavaScript property escapes in the class (`\p{Lu}`, `\P{Script=Greek}`). */
  properties: string[];
  /** Negated, case-folded tables, each a JavaScript class of its own (they cannot be nested in a class). */
  excluded: string[];
  negated: boolean;
}

type Node =
  | { op: 'literal'; rune: number; fold: boolean }
  | { op: 'class'; charClass: CharClass }
  | { op: 'any'; dotNL: boolean }
  | { op: 'begin-line' | 'end-line' | 'begin-text' | 'end-text' | 'word-boundary' | 'no-word-boundary' | 'empty' }
  | { op: 'capture'; sub: Node }
  | { op: 'repeat'; min: number; max: number; counted: boolean; greedy: boolean; sub: Node }
  | { op: 'concat' | 'alternate'; subs: Node[] };

/** An open parenthesis: the flags to restore at its `)`, and the alternatives parsed inside it so far. */
interface Frame {
  readonly flags: Flags;
  readonly capture: boolean;
  readonly alternatives: Node[][];
  current: Node[];
}

class Parser {
  private flags: Flags = { foldCase: false, multiLine: false, dotNL: false, nonGreedy: false };
  private readonly frames: Frame[] = [{ flags: this.flags, capture: false, alternatives: [], current: [] }];
  private at = 0;
  /** Where the previous token began, when it was a repetition operator (parse.go lastRepeat). */
  private lastRepeat = -1;

  constructor(private readonly text: string) {}

  parse(): Node {
    const text = this.text;
    while (this.at < text.length) {
      const start = this.at;
      let repeated = false;
      switch (text[start]) {
        case '(':
          if (text[start + 1] === '?') this.parsePerlFlags();
          else {
            this.frames.push({ flags: this.flags, capture: true, alternatives: [], current: [] });
            this.at++;
          }
          break;
        case '|': {
          const frame = this.top();
          frame.alternatives.push(frame.current);
          frame.current = [];
          this.at++;
          break;
        }
        case ')':
          this.parseRightParen();
          this.at++;
          break;
        case '^':
          this.push({ op: this.flags.multiLine ? 'begin-line' : 'begin-text' });
          this.at++;
          break;
        case '$':
          this.push({ op: this.flags.multiLine ? 'end-line' : 'end-text' });
          this.at++;
          break;
        case '.':
          this.push({ op: 'any', dotNL: this.flags.dotNL });
          this.at++;
          break;
        case '[':
          this.parseClass();
          break;
        case '*':
        case '+':
        case '?': {
          const op = text[start];
          this.repeat(op === '+' ? 1 : 0, op === '?' ? 1 : -1, false, start, start + 1);
          repeated = true;
          break;
        }
        case '{': {
          const counts = parseRepeat(text, start);
          if (!counts) {
            this.literal(0x7b);
            this.at++;
            break;
          }
          const { min, max, end } = counts;
          if (min < 0 || min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && min > max)) {
            throw new GoSyntaxError('invalid repeat count', text.slice(start, end));
          }
          this.repeat(min, max, true, start, end);
          repeated = true;
          break;
        }
        case '\\':
          this.parseBackslash();
          break;
        default: {
          const rune = text.codePointAt(start)!;
          this.literal(rune);
          this.at += rune > 0xffff ? 2 : 1;
        }
      }
      this.lastRepeat = repeated ? start : -1;
    }
    if (this.frames.length > 1) throw new GoSyntaxError('missing closing )', text);
    const root = this.close(this.frames[0]!);
    if (height(root) > MAX_HEIGHT) throw new GoSyntaxError('expression nests too deeply', text);
    return root;
  }

  private top(): Frame {
    return this.frames[this.frames.length - 1]!;
  }

  private push(node: Node): void {
    this.top().current.push(node);
  }

  private literal(rune: number): void {
    this.push({ op: 'literal', rune, fold: this.flags.foldCase });
  }

  /** parse.go repeat: the operator at [start, end) applied to what was parsed last. */
  private repeat(min: number, max: number, counted: boolean, start: number, end: number): void {
    let greedy = !this.flags.nonGreedy;
    if (this.text[end] === '?') {
      end++;
      greedy = !greedy;
    }
    if (this.lastRepeat >= 0) throw new GoSyntaxError('invalid nested repetition operator', this.text.slice(this.lastRepeat, end));
    const current = this.top().current;
    const sub = current.pop();
    if (!sub) throw new GoSyntaxError('missing argument to repetition operator', this.text.slice(start, end));
    const node: Node = { op: 'repeat', min, max, counted, greedy, sub };
    if (counted && (min >= 2 || max >= 2) && !repeatIsValid(node, MAX_REPEAT)) {
      throw new GoSyntaxError('invalid repeat count', this.text.slice(start, end));
    }
    current.push(node);
    this.at = end;
  }

  private parseRightParen(): void {
    if (this.frames.length < 2) throw new GoSyntaxError('unexpected )', this.text);
    const frame = this.frames.pop()!;
    const node = this.close(frame);
    this.flags = frame.flags;
    this.push(frame.capture ? { op: 'capture', sub: node } : node);
  }

  private close(frame: Frame): Node {
    const alternatives = [...frame.alternatives, frame.current].map(concatenation);
    if (alternatives.length === 1) return alternatives[0]!;
    // As parse.go collapse does, an alternation inside an alternation is one alternation.
    return { op: 'alternate', subs: alternatives.flatMap((node) => (node.op === 'alternate' ? node.subs : [node])) };
  }

  /** parse.go parsePerlFlags: a named capture, a non-capturing group, or flags, at `(?`. */
  private parsePerlFlags(): void {
    const text = this.text;
    const start = this.at;
    const startsWithP = text.length - start > 4 && text[start + 2] === 'P' && text[start + 3] === '<';
    const startsWithName = text.length - start > 3 && text[start + 2] === '<';
    if (startsWithP || startsWithName) {
      const end = text.indexOf('>', start);
      if (end < 0) throw new GoSyntaxError('invalid named capture', text.slice(start));
      const name = text.slice(start + (startsWithP ? 4 : 3), end);
      if (!/^[A-Za-z0-9_]+$/.test(name)) throw new GoSyntaxError('invalid named capture', text.slice(start, end + 1));
      this.frames.push({ flags: this.flags, capture: true, alternatives: [], current: [] });
      this.at = end + 1;
      return;
    }
    let flags = { ...this.flags };
    let negated = false;
    let sawFlag = false;
    let at = start + 2;
    while (at < text.length) {
      const c = String.fromCodePoint(text.codePointAt(at)!);
      at += c.length;
      const set = !negated;
      if (c === 'i') flags = { ...flags, foldCase: set };
      else if (c === 'm') flags = { ...flags, multiLine: set };
      else if (c === 's') flags = { ...flags, dotNL: set };
      else if (c === 'U') flags = { ...flags, nonGreedy: set };
      else if (c === '-') {
        if (negated) break;
        negated = true;
        sawFlag = false;
        continue;
      } else if (c === ':' || c === ')') {
        if (negated && !sawFlag) break;
        if (c === ':') this.frames.push({ flags: this.flags, capture: false, alternatives: [], current: [] });
        this.flags = flags;
        this.at = at;
        return;
      } else break;
      sawFlag = true;
    }
    throw new GoSyntaxError('invalid or unsupported Perl syntax', text.slice(start, at));
  }

  /** The escapes of parse.go's main loop: \A \b \B \C \Q…\E \z, Unicode and Perl classes, then parseEscape. */
  private parseBackslash(): void {
    const text = this.text;
    const start = this.at;
    switch (text[start + 1]) {
      case 'A':
        this.push({ op: 'begin-text' });
        this.at += 2;
        return;
      case 'b':
        this.push({ op: 'word-boundary' });
        this.at += 2;
        return;
      case 'B':
        this.push({ op: 'no-word-boundary' });
        this.at += 2;
        return;
      case 'C':
        // Any byte: Go does not support it.
        throw new GoSyntaxError('invalid escape sequence', '\\C');
      case 'Q': {
        const end = text.indexOf('\\E', start + 2);
        const quoted = text.slice(start + 2, end < 0 ? undefined : end);
        for (const c of quoted) this.literal(c.codePointAt(0)!);
        this.at = end < 0 ? text.length : end + 2;
        return;
      }
      case 'z':
        this.push({ op: 'end-text' });
        this.at += 2;
        return;
    }
    const charClass = emptyClass();
    if (this.parseUnicodeClass(charClass) || this.parsePerlClass(charClass)) {
      this.push({ op: 'class', charClass });
      return;
    }
    this.literal(this.parseEscape());
  }

  /** parse.go parseEscape: one escaped character at `\`. */
  private parseEscape(): number {
    const text = this.text;
    const start = this.at;
    if (start + 1 >= text.length) throw new GoSyntaxError('trailing backslash at end of expression', '');
    const c = text.codePointAt(start + 1)!;
    let at = start + 1 + (c > 0xffff ? 2 : 1);
    const fail = (): never => {
      throw new GoSyntaxError('invalid escape sequence', text.slice(start, at));
    };
    const char = String.fromCodePoint(c);
    const isOctal = (i: number) => text[i] !== undefined && text[i]! >= '0' && text[i]! <= '7';
    if (c < 0x80 && !/[0-9A-Za-z]/.test(char)) {
      this.at = at;
      return c;
    }
    if ((char >= '1' && char <= '7' && isOctal(at)) || char === '0') {
      // Up to three octal digits; a lone non-zero digit would be a backreference, which Go does not support.
      let rune = c - 0x30;
      for (let i = 1; i < 3 && isOctal(at); i++) rune = rune * 8 + (text.charCodeAt(at++) - 0x30);
      this.at = at;
      return rune;
    }
    if (char === 'x') {
      if (at >= text.length) return fail();
      if (text[at] === '{') {
        at++;
        let rune = 0;
        let digits = 0;
        for (;;) {
          if (at >= text.length) return fail();
          const d = text.codePointAt(at)!;
          at += d > 0xffff ? 2 : 1;
          if (d === 0x7d) break;
          const v = unhex(d);
          if (v < 0) return fail();
          rune = rune * 16 + v;
          if (rune > MAX_RUNE) return fail();
          digits++;
        }
        if (digits === 0) return fail();
        this.at = at;
        return rune;
      }
      const x = unhex(text.codePointAt(at)!);
      at += text.codePointAt(at)! > 0xffff ? 2 : 1;
      const y = at < text.length ? unhex(text.codePointAt(at)!) : -1;
      if (at < text.length) at += text.codePointAt(at)! > 0xffff ? 2 : 1;
      if (x < 0 || y < 0) return fail();
      this.at = at;
      return x * 16 + y;
    }
    const control = C_ESCAPES[char];
    if (control !== undefined) {
      this.at = at;
      return control;
    }
    return fail();
  }

  /** parse.go parsePerlClassEscape: \d \D \s \S \w \W. */
  private parsePerlClass(into: CharClass): boolean {
    const group = PERL_GROUPS[this.text.slice(this.at, this.at + 2)];
    if (!group) return false;
    appendGroup(into, group, this.flags.foldCase);
    this.at += 2;
    return true;
  }

  /** parse.go parseUnicodeClass: \pL, \p{Greek}, \P{…}, \p{^…}. */
  private parseUnicodeClass(into: CharClass): boolean {
    const text = this.text;
    const start = this.at;
    if (text[start] !== '\\' || (text[start + 1] !== 'p' && text[start + 1] !== 'P')) return false;
    let negated = text[start + 1] === 'P';
    let name: string;
    let end: number;
    if (text[start + 2] !== '{') {
      const c = text.codePointAt(start + 2);
      end = start + 2 + (c === undefined ? 0 : c > 0xffff ? 2 : 1);
      name = text.slice(start + 2, end);
    } else {
      const close = text.indexOf('}', start);
      if (close < 0) throw new GoSyntaxError('invalid character class range', text.slice(start));
      end = close + 1;
      name = text.slice(start + 3, close);
    }
    if (name.startsWith('^')) {
      negated = !negated;
      name = name.slice(1);
    }
    const table = unicodeTable(name);
    if (!table) throw new GoSyntaxError('invalid character class range', text.slice(start, end));
    if (table === 'any') {
      if (!negated) into.ranges.push([0, MAX_RUNE]);
    } else {
      const properties = table.map((property) => `\\p{${property}}`);
      // The table with the characters its members fold to (unicode.FoldCategory, FoldScript), negated after folding.
      const folded = this.flags.foldCase ? table.flatMap(foldedProperty) : [];
      if (!negated) {
        into.properties.push(...properties);
        into.ranges.push(...folded);
      } else if (properties.length === 1 && folded.length === 0) into.properties.push(`\\P{${table[0]}}`);
      else into.excluded.push(`[^${properties.join('')}${folded.map(rangeSource).join('')}]`);
    }
    this.at = end;
    return true;
  }

  /** parse.go parseClass: `[…]`, with POSIX, Unicode and Perl classes, ranges and escapes inside. */
  private parseClass(): void {
    const text = this.text;
    const start = this.at;
    const charClass = emptyClass();
    let at = start + 1;
    if (text[at] === '^') {
      charClass.negated = true;
      at++;
    }
    const fold = this.flags.foldCase;
    let first = true;
    while (at >= text.length || text[at] !== ']' || first) {
      first = false;
      if (text.length - at > 2 && text[at] === '[' && text[at + 1] === ':') {
        const close = text.indexOf(':]', at + 2);
        if (close >= 0) {
          const name = text.slice(at, close + 2);
          const group = POSIX_GROUPS[name];
          if (!group) throw new GoSyntaxError('invalid character class range', name);
          appendGroup(charClass, group, fold);
          at = close + 2;
          continue;
        }
      }
      this.at = at;
      if (this.parseUnicodeClass(charClass) || this.parsePerlClass(charClass)) {
        at = this.at;
        continue;
      }
      const rangeStart = at;
      const lo = this.parseClassChar(at, start);
      at = this.at;
      let hi = lo;
      if (text.length - at >= 2 && text[at] === '-' && text[at + 1] !== ']') {
        hi = this.parseClassChar(at + 1, start);
        at = this.at;
        if (hi < lo) throw new GoSyntaxError('invalid character class range', text.slice(rangeStart, at));
      }
      if (fold) appendFolded(charClass.ranges, lo, hi);
      else charClass.ranges.push([lo, hi]);
    }
    this.at = at + 1;
    this.push({ op: 'class', charClass });
  }

  /** parse.go parseClassChar: one character of a class at `at`, escaped or not; sets `this.at` after it. */
  private parseClassChar(at: number, classStart: number): number {
    if (at >= this.text.length) throw new GoSyntaxError('missing closing ]', this.text.slice(classStart));
    this.at = at;
    if (this.text[at] === '\\') return this.parseEscape();
    const rune = this.text.codePointAt(at)!;
    this.at = at + (rune > 0xffff ? 2 : 1);
    return rune;
  }
}

function emptyClass(): CharClass {
  return { ranges: [], properties: [], excluded: [], negated: false };
}

function concatenation(nodes: Node[]): Node {
  if (nodes.length === 0) return { op: 'empty' };
  if (nodes.length === 1) return nodes[0]!;
  return { op: 'concat', subs: nodes.flatMap((node) => (node.op === 'concat' ? node.subs : [node])) };
}

/** parse.go parseRepeat: `{n}`, `{n,}` or `{n,m}` at `start` (min -1 when a number is too big), else undefined. */
function parseRepeat(text: string, start: number): { min: number; max: number; end: number } | undefined {
  let at = start + 1;
  // parse.go parseInt: digits without a leading zero; past 1e8 it gives up (-1).
  const number = (): number | undefined => {
    let end = at;
    while (end < text.length && text[end]! >= '0' && text[end]! <= '9') end++;
    if (end === at || (end - at >= 2 && text[at] === '0')) return undefined;
    let n = 0;
    for (; at < end; at++) {
      if (n >= 1e8) n = -1;
      if (n >= 0) n = n * 10 + (text.charCodeAt(at) - 0x30);
    }
    return n;
  };
  let min = number();
  if (min === undefined || at >= text.length) return undefined;
  let max = min;
  if (text[at] === ',') {
    at++;
    if (at >= text.length) return undefined;
    if (text[at] === '}') max = -1;
    else {
      const parsed = number();
      if (parsed === undefined) return undefined;
      max = parsed;
      if (max < 0) min = -1;
    }
  }
  if (text[at] !== '}') return undefined;
  return { min, max, end: at + 1 };
}

/** parse.go repeatIsValid: the counted repetitions nested in `node` multiply to at most `n`. */
function repeatIsValid(node: Node, n: number): boolean {
  if (node.op === 'repeat' && node.counted) {
    const m = node.max < 0 ? node.min : node.max;
    if (node.max === 0) return true;
    if (m > n) return false;
    if (m > 0) n = Math.floor(n / m);
  }
  return children(node).every((sub) => repeatIsValid(sub, n));
}

function children(node: Node): Node[] {
  if (node.op === 'concat' || node.op === 'alternate') return node.subs;
  if (node.op === 'capture' || node.op === 'repeat') return [node.sub];
  return [];
}

function height(node: Node): number {
  let deepest = 0;
  for (const sub of children(node)) deepest = Math.max(deepest, height(sub));
  return deepest + 1;
}

function unhex(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** parse.go parseEscape's C escapes (no \b: that is the word boundary). */
const C_ESCAPES: Readonly<Record<string, number>> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };

/** A Perl or POSIX group (perl_groups.go): ASCII ranges, negated or not. */
interface CharGroup {
  readonly negated: boolean;
  readonly ranges: readonly [number, number][];
}

const DIGIT: [number, number][] = [[0x30, 0x39]];
const SPACE: [number, number][] = [
  [0x09, 0x0a],
  [0x0c, 0x0d],
  [0x20, 0x20],
];
const WORD: [number, number][] = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];

const PERL_GROUPS: Readonly<Record<string, CharGroup>> = {
  '\\d': { negated: false, ranges: DIGIT },
  '\\D': { negated: true, ranges: DIGIT },
  '\\s': { negated: false, ranges: SPACE },
  '\\S': { negated: true, ranges: SPACE },
  '\\w': { negated: false, ranges: WORD },
  '\\W': { negated: true, ranges: WORD },
};

const POSIX_RANGES: Readonly<Record<string, [number, number][]>> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0x00, 0x7f]],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  cntrl: [
    [0x00, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: DIGIT,
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  word: WORD,
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};

/** `[:alpha:]` and `[:^alpha:]` for each POSIX class. */
const POSIX_GROUPS: Readonly<Record<string, CharGroup>> = Object.fromEntries(
  Object.entries(POSIX_RANGES).flatMap(([name, ranges]) => [
    [`[:${name}:]`, { negated: false, ranges }],
    [`[:^${name}:]`, { negated: true, ranges }],
  ]),
);

/** parse.go appendGroup: folded first (under `(?i)`), negated after. */
function appendGroup(into: CharClass, group: CharGroup, fold: boolean): void {
  let ranges: [number, number][] = [...group.ranges];
  if (fold) {
    const folded: [number, number][] = [];
    for (const [lo, hi] of ranges) appendFolded(folded, lo, hi);
    ranges = folded;
  }
  into.ranges.push(...(group.negated ? complement(ranges) : ranges));
}

/** The code points not in `ranges`. */
function complement(ranges: readonly [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= MAX_RUNE) out.push([next, MAX_RUNE]);
  return out;
}

/** unicode.Categories' names but C (Go has no Cn, LC or the long aliases; C is read apart). */
const CATEGORIES = new Set('Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(' '));
/** Script names of four letters that are unicode.Scripts names (the other four-letter names are ISO 15924 codes). */
const FOUR_LETTER_SCRIPTS = new Set(['Ahom', 'Cham', 'Kawi', 'Lisu', 'Modi', 'Newa', 'Thai', 'Toto']);

/**
 * parse.go unicodeTable, by name as written: `Any`, a general category of unicode.Categories, or a script of
 * unicode.Scripts (a script's long name, which JavaScript knows as a Script value). Returns the JavaScript properties
 * whose union is the table (`Lu`, `Script=Greek`), 'any', or undefined for a name Go does not know.
 */
function unicodeTable(name: string): readonly string[] | 'any' | undefined {
  if (name === 'Any') return 'any';
  // Go's C is the control, format, private-use and surrogate characters; JavaScript's C also has the unassigned ones.
  if (name === 'C') return ['Cc', 'Cf', 'Co', 'Cs'];
  if (CATEGORIES.has(name)) return [name];
  if (!/^[A-Z][A-Za-z_]*$/.test(name) || (/^[A-Z][a-z]{3}$/.test(name) && !FOUR_LETTER_SCRIPTS.has(name))) return undefined;
  if (name === 'Unknown' || name === 'Katakana_Or_Hiragana') return undefined;
  try {
    new RegExp(`\\p{Script=${name}}`, 'u');
    return [`Script=${name}`];
  } catch {
    return undefined;
  }
}

const foldedProperties = new Map<string, [number, number][]>();

/** The characters outside a Unicode table that fold to one inside it (what unicode.FoldCategory adds). */
function foldedProperty(table: string): [number, number][] {
  let folded = foldedProperties.get(table);
  if (!folded) {
    const member = new RegExp(`^\\p{${table}}$`, 'u');
    const outside = new Set<number>();
    for (const [rune, orbit] of caseOrbits()) {
      if (member.test(String.fromCodePoint(rune))) for (const other of orbit) if (!member.test(String.fromCodePoint(other))) outside.add(other);
    }
    folded = [...outside].sort((a, b) => a - b).map((rune): [number, number] => [rune, rune]);
    foldedProperties.set(table, folded);
  }
  return folded;
}

/** parse.go appendFoldedRange: lo–hi and every character that folds to one of them. */
function appendFolded(ranges: [number, number][], lo: number, hi: number): void {
  ranges.push([lo, hi]);
  for (const [rune, orbit] of caseOrbits()) {
    if (rune >= lo && rune <= hi) for (const other of orbit) if (other < lo || other > hi) ranges.push([other, other]);
  }
}

let orbits: Map<number, readonly number[]> | undefined;

/**
 * Each character with others equivalent under Unicode's simple case folding, and the whole set (what Go's
 * unicode.SimpleFold walks): characters linked by their upper- and lower-case forms, split where JavaScript's
 * `iu` matching — simple case folding too — says they are not equivalent (ı and I are linked but do not fold).
 * Built once, on the first case-insensitive pattern.
 */
function caseOrbits(): Map<number, readonly number[]> {
  if (orbits) return orbits;
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  // parse.go minFold and maxFold: no character outside folds.
  for (let rune = 0x41; rune <= 0x1e943; rune++) {
    const char = String.fromCodePoint(rune);
    for (const mapped of [char.toLowerCase(), char.toUpperCase()]) {
      const other = mapped.codePointAt(0)!;
      if (mapped !== char && mapped.length === String.fromCodePoint(other).length) union(rune, other);
    }
  }
  const components = new Map<number, number[]>();
  for (const rune of parent.keys()) {
    const root = find(rune);
    const members = components.get(root) ?? [];
    members.push(rune);
    components.set(root, members);
  }
  orbits = new Map();
  for (const members of components.values()) {
    const classes: { matcher: RegExp; members: number[] }[] = [];
    for (const rune of members.sort((a, b) => a - b)) {
      const char = String.fromCodePoint(rune);
      const home = classes.find((c) => c.matcher.test(char));
      if (home) home.members.push(rune);
      else classes.push({ matcher: new RegExp(`^\\u{${rune.toString(16)}}$`, 'iu'), members: [rune] });
    }
    for (const { members: orbit } of classes) if (orbit.length > 1) for (const rune of orbit) orbits.set(rune, orbit);
  }
  return orbits;
}

/** A code point in JavaScript's `u` syntax, valid inside and outside a class. */
function runeSource(rune: number): string {
  return /[0-9A-Za-z]/.test(String.fromCodePoint(rune)) ? String.fromCodePoint(rune) : `\\u{${rune.toString(16)}}`;
}

function rangeSource([lo, hi]: readonly [number, number]): string {
  return lo === hi ? runeSource(lo) : `${runeSource(lo)}-${runeSource(hi)}`;
}

function classSource(charClass: CharClass): string {
  const items = charClass.ranges.map(rangeSource).join('') + charClass.properties.join('');
  if (charClass.excluded.length === 0) return `[${charClass.negated ? '^' : ''}${items}]`;
  const union = [...(items ? [`[${items}]`] : []), ...charClass.excluded].join('|');
  return charClass.negated ? `(?:(?!${union})[^])` : `(?:${union})`;
}

/** A node as JavaScript source that a quantifier can follow. */
function atom(node: Node): string {
  const source = emit(node);
  return node.op === 'literal' || node.op === 'any' || (node.op === 'class' && source.startsWith('[')) || node.op === 'capture' ? source : `(?:${source})`;
}

function emit(node: Node): string {
  switch (node.op) {
    case 'literal': {
      const orbit = node.fold ? caseOrbits().get(node.rune) : undefined;
      return orbit ? `[${orbit.map(runeSource).join('')}]` : runeSource(node.rune);
    }
    case 'class':
      return classSource(node.charClass);
    case 'any':
      return node.dotNL ? '[^]' : '[^\\n]';
    case 'begin-text':
      return '^';
    case 'end-text':
      return '$';
    case 'begin-line':
      return '(?<![^\\n])';
    case 'end-line':
      return '(?![^\\n])';
    case 'word-boundary':
      return '\\b';
    case 'no-word-boundary':
      return '\\B';
    case 'empty':
      return '';
    case 'capture':
      return `(${emit(node.sub)})`;
    case 'repeat': {
      const { min, max } = node;
      const count = max < 0 ? (min === 0 ? '*' : min === 1 ? '+' : `{${min},}`) : min === 0 && max === 1 ? '?' : min === max ? `{${min}}` : `{${min},${max}}`;
      return `${atom(node.sub)}${count}${node.greedy ? '' : '?'}`;
    }
    case 'concat':
      return node.subs.map((sub) => (sub.op === 'alternate' ? `(?:${emit(sub)})` : emit(sub))).join('');
    case 'alternate':
      return node.subs.map(emit).join('|');
  }
}
