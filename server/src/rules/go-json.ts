/**
 * The error Go's encoding/json gives when unmarshalling bytes into map[string]interface{} — what the API server
 * reports for a docker config Secret whose content is not a JSON object. Syntax errors carry the scanner's
 * wording (`invalid character 'x' looking for beginning of value`, `unexpected end of JSON input`).
 */
class SyntaxError_ extends Error {}

/** Go's quoteChar: the character in single quotes, escaped as strconv.Quote would. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  const quoted = JSON.stringify(c);
  return `'${quoted.slice(1, -1)}'`;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

class Scanner {
  private i = 0;
  constructor(private readonly text: string) {}

  private peek(): string | undefined {
    return this.text[this.i];
  }

  private fail(context: string): never {
    const c = this.peek();
    if (c === undefined) throw new SyntaxError_('unexpected end of JSON input');
    throw new SyntaxError_(`invalid character ${quoteChar(c)} ${context}`);
  }

  private skipSpace(): void {
    while (this.peek() !== undefined && WHITESPACE.has(this.peek()!)) this.i++;
  }

  /** The kind of the top-level value, after checking the whole text. */
  document(): string {
    this.skipSpace();
    const kind = this.value();
    this.skipSpace();
    if (this.peek() !== undefined) this.fail('after top-level value');
    return kind;
  }

  private value(): string {
    const c = this.peek();
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') {
      this.string();
      return 'string';
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      this.number();
      return 'number';
    }
    if (c === 't') return this.literal('true', 'bool');
    if (c === 'f') return this.literal('false', 'bool');
    if (c === 'n') return this.literal('null', 'null');
    return this.fail('looking for beginning of value');
  }

  private literal(word: string, kind: string): string {
    this.i++;
    for (let k = 1; k < word.length; k++) {
      if (this.peek() !== word[k]) this.fail(`in literal ${word} (expecting ${quoteChar(word[k]!)})`);
      this.i++;
    }
    return kind;
  }

  private object(): string {
    this.i++;
    this.skipSpace();
    if (this.peek() === '}') {
      this.i++;
      return 'object';
    }
    for (;;) {
      if (this.peek() !== '"') this.fail('looking for beginning of object key string');
      this.string();
      this.skipSpace();
      if (this.peek() !== ':') this.fail('after object key');
      this.i++;
      this.skipSpace();
      this.value();
      this.skipSpace();
      if (this.peek() === ',') {
        this.i++;
        this.skipSpace();
        continue;
      }
      if (this.peek() === '}') {
        this.i++;
        return 'object';
      }
      this.fail('after object key:value pair');
    }
  }

  private array(): string {
    this.i++;
    this.skipSpace();
    if (this.peek() === ']') {
      this.i++;
      return 'array';
    }
    for (;;) {
      this.value();
      this.skipSpace();
      if (this.peek() === ',') {
        this.i++;
        this.skipSpace();
        continue;
      }
      if (this.peek() === ']') {
        this.i++;
        return 'array';
      }
      this.fail('after array element');
    }
  }

  private string(): void {
    this.i++;
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail('in string literal');
      if (c === '"') {
        this.i++;
        return;
      }
      if (c < ' ') this.fail('in string literal');
      this.i++;
      if (c === '\\') {
        const e = this.peek();
        if (e !== undefined && '"\\/bfnrt'.includes(e)) this.i++;
        else if (e === 'u') {
          this.i++;
          for (let k = 0; k < 4; k++) {
            if (!/^[0-9a-fA-F]$/.test(this.peek() ?? '')) this.fail('in \\u hexadecimal character escape');
            this.i++;
          }
        } else this.fail('in string escape code');
      }
    }
  }

  private number(): void {
    const digit = () => /^[0-9]$/.test(this.peek() ?? '');
    if (this.peek() === '-') {
      this.i++;
      if (!digit()) this.fail('in numeric literal');
    }
    if (this.peek() === '0') this.i++;
    else while (digit()) this.i++;
    if (this.peek() === '.') {
      this.i++;
      if (!digit()) this.fail('after decimal point in numeric literal');
      while (digit()) this.i++;
    }
    if (this.peek() === 'e' || this.peek() === 'E') {
      this.i++;
      if (this.peek() === '+' || this.peek() === '-') this.i++;
      if (!digit()) this.fail('in exponent of numeric literal');
      while (digit()) this.i++;
    }
  }
}

/** undefined when the bytes unmarshal into a map (a JSON object, or null); else Go's error text. */
export function goJsonObjectError(bytes: Buffer): string | undefined {
  let kind: string;
  try {
    kind = new Scanner(bytes.toString('latin1')).document();
  } catch (error) {
    if (error instanceof SyntaxError_) return error.message;
    throw error;
  }
  if (kind === 'object' || kind === 'null') return undefined;
  return `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`;
}
