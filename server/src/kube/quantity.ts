/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource, quantity.go): `500m`, `1.5Gi`, `1e3`, `2`.
 * Parsing follows apimachinery's ParseQuantity and its error messages. (Its third error, "unable to parse
 * numeric part of quantity", needs numbers beyond int64 precision and is not reproduced.)
 *
 * A Quantity is exact, in nano units as apimachinery keeps it (Add, RoundUp and String work on that), and has a
 * numeric view, the amount in base units as a float, which the scheduler and the plan compute with.
 */
import { GoValue } from './go-values';
import type { PlainValue } from './plain-values';
import { TextMemo } from './text-memo';

export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

/** How the quantity was written: it decides how String() prints it. */
export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

const BINARY_POWERS: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_EXPONENTS: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_SUFFIXES: Readonly<Record<number, string>> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const SUFFIX_LETTERS = 'eEinumkKMGTP';
const NANOS_PER_UNIT = 1_000_000_000n;
/** apimachinery's maxAllowed, 2^63 - 1 base units: ParseQuantity caps every larger amount at it. */
const MAX_UNITS = 2 ** 63 - 1;
const MAX_NANOS = ((1n << 63n) - 1n) * NANOS_PER_UNIT;

interface QuantityParts {
  /** Sign, digits and fraction as written, e.g. "-1.5". */
  value: string;
  suffix: string;
}

/** The suffix read: a power of two (BinarySI) or of ten (DecimalSI, DecimalExponent). */
interface Scale {
  format: QuantityFormat;
  binaryPower: number;
  decimalExponent: number;
}

export class Quantity {
  private exactNanos: bigint | undefined;
  private printed: string | undefined;

  private constructor(
    readonly format: QuantityFormat,
    /** The numeric view: the amount in base units (cores, bytes) as a float, exact for everything a manifest plausibly holds. */
    readonly value: number,
    nanos: bigint | undefined,
    private readonly parts?: QuantityParts,
    private readonly scale?: Scale,
  ) {
    this.exactNanos = nanos;
  }

  static parsed(parts: QuantityParts, scale: Scale): Quantity {
    // apimachinery reads a missing number as 0: "-", "." and "Gi" are all valid zero quantities.
    const number = /[0-9]/.test(parts.value) ? Number(parts.value.replace(/\.$/, '')) : 0;
    const factor = scale.format === 'BinarySI' ? 2 ** scale.binaryPower : 10 ** scale.decimalExponent;
    const value = Math.max(-MAX_UNITS, Math.min(MAX_UNITS, number * factor));
    return new Quantity(scale.format, Number.isNaN(value) ? 0 : value, undefined, parts, scale);
  }

  static ofNanos(nanos: bigint, format: QuantityFormat): Quantity {
    return new Quantity(format, Number(nanos) / 1e9, nanos);
  }

  /**
   * The exact amount in nano units (the finest scale apimachinery keeps), rounded up away from zero as
   * ParseQuantity rounds. Worked out on first use: validation only needs to know that a quantity parses.
   */
  get nanos(): bigint {
    this.exactNanos ??= exactNanos(this.parts!, this.scale!);
    return this.exactNanos;
  }

  /** Quantity.String() (`formatQuantity`), kept once printed: a remembered quantity is printed for every object holding it. */
  get canonical(): string {
    this.printed ??= canonicalText(this);
    return this.printed;
  }
}

export type QuantityResult = { ok: true; quantity: Quantity } | { ok: false; error: string };

/**
 * Splits a quantity the way apimachinery's parseQuantityString does: sign, digits, optional fraction, then a
 * run of suffix letters, an optional sign and digits (an exponent). Anything left over is a format error.
 */
function splitQuantity(input: string): QuantityParts | undefined {
  let pos = 0;
  if (input[pos] === '-' || input[pos] === '+') pos++;
  while (pos < input.length && isDigit(input[pos]!)) pos++;
  if (input[pos] === '.') {
    pos++;
    while (pos < input.length && isDigit(input[pos]!)) pos++;
  }
  const value = input.slice(0, pos);
  const suffixStart = pos;
  while (pos < input.length && SUFFIX_LETTERS.includes(input[pos]!)) pos++;
  if (input[pos] === '-' || input[pos] === '+') pos++;
  while (pos < input.length && isDigit(input[pos]!)) pos++;
  if (pos < input.length) return undefined;
  return { value, suffix: input.slice(suffixStart) };
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

const NAMED_SCALES = new Map<string, Scale>([
  ...Object.entries(BINARY_POWERS).map(([suffix, binaryPower]): [string, Scale] => [suffix, { format: 'BinarySI', binaryPower, decimalExponent: 0 }]),
  ...Object.entries(DECIMAL_EXPONENTS).map(([suffix, decimalExponent]): [string, Scale] => [suffix, { format: 'DecimalSI', binaryPower: 0, decimalExponent }]),
]);

/** quantitySuffixer.interpret: a binary suffix, a decimal one, or `e`/`E` and an exponent. */
function scaleOf(suffix: string): Scale | undefined {
  const named = NAMED_SCALES.get(suffix);
  if (named) return named;
  const exponent = /^[eE]([+-]?[0-9]+)$/.exec(suffix);
  return exponent ? { format: 'DecimalExponent', binaryPower: 0, decimalExponent: Number(exponent[1]) } : undefined;
}

/** ParseQuantity. A YAML number is read as the text it was written as, as Quantity.UnmarshalJSON reads one. */
export function parseQuantity(input: string | number): QuantityResult {
  return parsedQuantities.get(String(input));
}

/**
 * Results by text: a quantity is immutable, and every object repeats the few a tree holds (`100m`, `128Mi`), which
 * the schema check, defaulting and several rules each read. Longer texts are not quantities anyone writes.
 */
const parsedQuantities = new TextMemo(parseQuantityText, 4096, 64);

function parseQuantityText(text: string): QuantityResult {
  if (text.length === 0) return { ok: false, error: QUANTITY_FORMAT_ERROR };
  const parts = splitQuantity(text);
  if (!parts) return { ok: false, error: QUANTITY_FORMAT_ERROR };
  const scale = scaleOf(parts.suffix);
  if (!scale) return { ok: false, error: QUANTITY_SUFFIX_ERROR };
  return { ok: true, quantity: Quantity.parsed(parts, scale) };
}

/** A unit letter as people write it (either case) → its decimal and binary suffixes in apimachinery's suffixer. */
const UNIT_LETTERS: Readonly<Record<string, { decimal: string; binary: string }>> = {
  k: { decimal: 'k', binary: 'Ki' },
  m: { decimal: 'M', binary: 'Mi' },
  g: { decimal: 'G', binary: 'Gi' },
  t: { decimal: 'T', binary: 'Ti' },
  p: { decimal: 'P', binary: 'Pi' },
  e: { decimal: 'E', binary: 'Ei' },
};

/**
 * What an invalid quantity most likely meant, as valid quantities: a byte unit (`1GB`, `512mb`: `1G` or `1Gi`),
 * a binary unit in the wrong case or with its B (`1gi`, `1GiB`: `1Gi`), a unit letter in the wrong case (`1g`, `1K`:
 * `1G` or `1Gi`, `1k` or `1Ki`), or a space before the unit (`1 Gi`). Empty when no intent is clear.
 */
export function quantityIntents(text: string): string[] {
  if (parseQuantity(text).ok) return [];
  const match = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))\s*([A-Za-z]+)$/.exec(text.trim());
  if (!match) return [];
  const [, number, unit] = match as unknown as [string, string, string];
  // `1 Gi`: only the space is wrong.
  if (parseQuantity(number + unit).ok) return [number + unit];
  const lower = unit.toLowerCase();
  const letter = UNIT_LETTERS[lower[0]!];
  let candidates: string[] = [];
  if (!letter) candidates = [];
  else if (lower.length === 2 && lower[1] === 'b') candidates = [letter.decimal, letter.binary];
  else if (lower === `${lower[0]}i` || lower === `${lower[0]}ib`) candidates = [letter.binary];
  // A lone `e` starts an exponent (`1e3`), not a unit.
  else if (lower.length === 1 && lower !== 'e') candidates = [letter.decimal, letter.binary];
  return candidates.map((suffix) => number + suffix).filter((candidate) => parseQuantity(candidate).ok);
}

/** A decoded value as a quantity, when it is a string or number that parses; undefined otherwise. */
export function quantityOf(value: PlainValue | undefined): Quantity | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const parsed = parseQuantity(value);
  return parsed.ok ? parsed.quantity : undefined;
}

/**
 * ParseQuantity's amount: rounded up away from zero to a whole nano unit, and capped at maxAllowed in either sign
 * ("the max is just a simple cap"). An exponent such as `1e999999999` is judged by its order of magnitude first, so
 * that a hostile exponent never builds a number of a billion digits.
 */
function exactNanos(parts: QuantityParts, scale: Scale): bigint {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(parts.value)!;
  const [, sign, whole, fraction = ''] = match;
  const significant = `${whole || ''}${fraction}`.replace(/^0+/, '');
  if (significant === '') return 0n;
  const negative = sign === '-';
  if (scale.format !== 'BinarySI') {
    // The amount lies in [10^(magnitude - 1), 10^magnitude) base units.
    const magnitude = significant.length + scale.decimalExponent - fraction.length;
    if (magnitude - 1 >= 19) return negative ? -MAX_NANOS : MAX_NANOS;
    if (magnitude <= -9) return negative ? -1n : 1n;
  }
  let numerator = BigInt(`${whole || '0'}${fraction}`);
  let denominator = 10n ** BigInt(fraction.length);
  if (scale.format === 'BinarySI') numerator *= 2n ** BigInt(scale.binaryPower);
  else if (scale.decimalExponent >= 0) numerator *= 10n ** BigInt(scale.decimalExponent);
  else denominator *= 10n ** BigInt(-scale.decimalExponent);
  const scaled = numerator * NANOS_PER_UNIT;
  const rounded = scaled / denominator + (scaled % denominator === 0n ? 0n : 1n);
  const nanos = rounded > MAX_NANOS ? MAX_NANOS : rounded;
  return negative ? -nanos : nanos;
}

/** Quantity.Add: the sum keeps the format of the left operand, or takes the right one's when the left is zero. */
export function addQuantities(left: Quantity, right: Quantity): Quantity {
  return Quantity.ofNanos(left.nanos + right.nanos, left.nanos === 0n ? right.format : left.format);
}

/** Quantity.RoundUp(scale): up, away from zero, to a multiple of 10^scale (resource.Milli is -3). */
export function roundUpQuantity(quantity: Quantity, scale: number): Quantity {
  const unit = 10n ** BigInt(scale + 9);
  const remainder = quantity.nanos % unit;
  if (remainder === 0n) return quantity;
  return Quantity.ofNanos(quantity.nanos - remainder + (quantity.nanos < 0n ? -unit : unit), quantity.format);
}

/** Division rounding up away from zero, as Quantity.ScaledValue rounds. */
function ceilDiv(value: bigint, by: bigint): bigint {
  const quotient = value / by;
  return value % by !== 0n && value > 0n ? quotient + 1n : quotient;
}

/** Quantity.Value(): whole units, rounded up. */
export function unitValue(quantity: Quantity): bigint {
  return ceilDiv(quantity.nanos, 1_000_000_000n);
}

/** Quantity.MilliValue(): thousandths of a unit, rounded up. */
export function milliValue(quantity: Quantity): bigint {
  return ceilDiv(quantity.nanos, 1_000_000n);
}

/**
 * A resource.Quantity given to field.Invalid. From 1.34 it prints through its MarshalJSON: the canonical string,
 * quoted. Up to 1.33 Go's %#v prints the struct's internals (`resource.Quantity{i:resource.int64Amount{…}, …}`),
 * which depend on how the value was parsed and cached; kubeplan prints the canonical string there instead.
 */
export function quantityValue(quantity: Quantity): GoValue {
  const text = formatQuantity(quantity);
  return new GoValue(text, JSON.stringify(text));
}

/** Quantity.String(): the largest suffix that keeps the value whole; binary only for whole bytes of 1Ki or more. */
export function formatQuantity(quantity: Quantity): string {
  return quantity.canonical;
}

function canonicalText(quantity: Quantity): string {
  const { nanos, format } = quantity;
  if (nanos === 0n) return '0';
  const abs = nanos < 0n ? -nanos : nanos;
  if (format === 'BinarySI' && abs % NANOS_PER_UNIT === 0n && abs / NANOS_PER_UNIT >= 1024n) {
    let mantissa = nanos / NANOS_PER_UNIT;
    let power = 0;
    while (power < 60 && mantissa % 1024n === 0n) {
      mantissa /= 1024n;
      power += 10;
    }
    const suffix = Object.entries(BINARY_POWERS).find(([, p]) => p === power)?.[0] ?? '';
    return `${mantissa}${suffix}`;
  }
  let mantissa = nanos;
  let exponent = -9;
  while (exponent < 18 && mantissa % 1000n === 0n) {
    mantissa /= 1000n;
    exponent += 3;
  }
  if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  return `${mantissa}${DECIMAL_SUFFIXES[exponent]}`;
}
