/**
 * How go-yaml v2 (which kubectl reads manifests with, through sigs.k8s.io/yaml) resolves a plain scalar:
 * resolve.go's table of null/bool words, then Go's strconv number parsing. Timestamps stay text: decoded into an
 * interface{} they are strings.
 */
export type GoScalar = null | boolean | number | string;

const WORDS: ReadonlyMap<string, null | boolean> = new Map<string, null | boolean>([
  ...['', '~', 'null', 'Null', 'NULL'].map((w): [string, null] => [w, null]),
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((w): [string, boolean] => [w, true]),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((w): [string, boolean] => [w, false]),
]);

const SPECIAL_FLOATS: ReadonlyMap<string, number> = new Map([
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((w): [string, number] => [w, Infinity]),
  ...['-.inf', '-.Inf', '-.INF'].map((w): [string, number] => [w, -Infinity]),
  ...['.nan', '.NaN', '.NAN'].map((w): [string, number] => [w, NaN]),
]);

/** The length of the longest text of WORDS and SPECIAL_FLOATS (`false`, `+.INF`). */
const LONGEST_WORD = Math.max(...[...WORDS.keys(), ...SPECIAL_FLOATS.keys()].map((word) => word.length));

/** 1 for each character a word, a special float or a number can start with (`.5`, `+1`, `-1`, digits); all are ASCII. */
const NON_STRING_STARTS = new Uint8Array(128);
for (const word of [...WORDS.keys(), ...SPECIAL_FLOATS.keys()]) if (word !== '') NON_STRING_STARTS[word.charCodeAt(0)] = 1;
for (const character of '.+-0123456789') NON_STRING_STARTS[character.charCodeAt(0)] = 1;

/** yamlStyleFloat in resolve.go */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** What Go's strconv.ParseInt(s, 0, 64) accepts once underscores are gone: 0x, 0o, 0b, leading-0 octal, decimal. */
const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;

/** The value of a plain (unquoted, untagged) scalar; undefined when it is a string. */
export function resolvePlainScalar(text: string): Exclude<GoScalar, string> | undefined {
  // Every plain scalar of every document comes here, keys included, most of them names: a text whose first character
  // starts no word and no number is a string at once, and the two tables are asked only about texts as short as their
  // words.
  const code = text.charCodeAt(0); // NaN for the empty text, which is null
  if (code >= 0 && NON_STRING_STARTS[code] !== 1) return undefined;
  if (text.length <= LONGEST_WORD) {
    const word = WORDS.get(text);
    if (word !== undefined) return word;
    const special = SPECIAL_FLOATS.get(text);
    if (special !== undefined) return special;
  }
  const first = text[0];
  // strconv.ParseFloat on the text as written: `.5`, `.5e3`.
  if (first === '.') return YAML_STYLE_FLOAT.test(text) ? finite(Number(text)) : undefined;
  if (first === undefined || !'+-0123456789'.includes(first)) return undefined;
  const plain = text.includes('_') ? text.replace(/_/g, '') : text;
  if (GO_INT.test(plain)) return goParseInt(plain);
  if (YAML_STYLE_FLOAT.test(plain)) return finite(Number(plain));
  return undefined;
}

/** strconv.ParseFloat fails on a number out of float64's range (`1e400`); go-yaml then keeps the text as a string. */
function finite(value: number): number | undefined {
  return Number.isFinite(value) ? value : undefined;
}

function goParseInt(plain: string): number {
  // A valid integer that starts with 1–9 is plain decimal: the ports, counts and sizes of every manifest.
  const first = plain.charCodeAt(0);
  if (first >= 0x31 && first <= 0x39) return parseInt(plain, 10);
  const negative = plain.startsWith('-');
  const digits = plain.replace(/^[-+]/, '');
  let value: number;
  if (/^0[xX]/.test(digits)) value = parseInt(digits.slice(2), 16);
  else if (/^0[oO]/.test(digits)) value = parseInt(digits.slice(2), 8);
  else if (/^0[bB]/.test(digits)) value = parseInt(digits.slice(2), 2);
  else if (digits.length > 1 && digits.startsWith('0')) value = parseInt(digits.slice(1), 8);
  else value = parseInt(digits, 10);
  return negative ? -value : value;
}
