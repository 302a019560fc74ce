/**
 * Resource quantities exactly (nano units, as apimachinery keeps them) and as Quantity.String() prints them,
 * and SetDefaults_ResourceList: every quantity of a resource list rounded up to milli precision and stored in its
 * canonical form.
 */
import type { PlainObject, PlainValue } from '../kube/plain-values';
import { parseQuantity } from '../kube/quantity';

/** How the quantity was written: it decides how it prints. */
export type QuantityFormat = 'binary' | 'decimal' | 'exponent';

/** A parsed quantity in nano units (the finest apimachinery keeps, rounding up), and Quantity.String(). */
export interface ExactQuantity {
  nanos: bigint;
  format: QuantityFormat;
  canonical: string;
}

const DECIMAL_EXPONENTS: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_POWERS: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SUFFIXES: Readonly<Record<number, string>> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };

export function exactQuantity(value: PlainValue | undefined): ExactQuantity | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const written = String(value);
  if (!parseQuantity(written).ok) return undefined;
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/.exec(written);
  if (!match) return undefined;
  const [, sign, whole, fraction = '', suffix = ''] = match;
  let numerator = BigInt(`${whole || '0'}${fraction}`);
  let denominator = 10n ** BigInt(fraction.length);
  let format: QuantityFormat = 'decimal';
  if (suffix in BINARY_POWERS) {
    numerator *= 2n ** BigInt(BINARY_POWERS[suffix]!);
    format = 'binary';
  } else {
    const exponent = suffix in DECIMAL_EXPONENTS ? DECIMAL_EXPONENTS[suffix]! : Number(suffix.slice(1));
    if (!(suffix in DECIMAL_EXPONENTS)) format = 'exponent';
    if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
    else denominator *= 10n ** BigInt(-exponent);
  }
  // Round up to the next nano, away from zero, as ParseQuantity does.
  const scaled = numerator * 1_000_000_000n;
  let nanos = scaled / denominator + (scaled % denominator === 0n ? 0n : 1n);
  if (sign === '-') nanos = -nanos;
  return { nanos, format, canonical: canonical(nanos, format) };
}

/** Quantity.Add: the sum keeps the format of the left operand, as a ResourceList accumulates. */
export function addQuantities(left: ExactQuantity, right: ExactQuantity): ExactQuantity {
  const nanos = left.nanos + right.nanos;
  return { nanos, format: left.format, canonical: canonical(nanos, left.format) };
}

/** Quantity.String(): the largest suffix that keeps the value whole; binary only for whole bytes of 1Ki or more. */
function canonical(nanos: bigint, format: QuantityFormat): string {
  if (nanos === 0n) return '0';
  const abs = nanos < 0n ? -nanos : nanos;
  if (format === 'binary' && abs % 1_000_000_000n === 0n && abs / 1_000_000_000n >= 1024n) {
    let mantissa = nanos / 1_000_000_000n;
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
  if (format === 'exponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  return `${mantissa}${DECIMAL_SUFFIXES[exponent]}`;
}

const NANOS_PER_MILLI = 1_000_000n;

/** Quantity.RoundUp(-3), then the canonical form the API server stores; unparseable values are left alone. */
export function roundUpResourceList(list: PlainObject | undefined): void {
  if (!list) return;
  for (const [name, value] of Object.entries(list)) {
    const quantity = exactQuantity(value);
    if (!quantity) continue;
    const remainder = quantity.nanos % NANOS_PER_MILLI;
    const nanos = remainder === 0n ? quantity.nanos : quantity.nanos - remainder + (quantity.nanos < 0n ? -NANOS_PER_MILLI : NANOS_PER_MILLI);
    list[name] = canonical(nanos, quantity.format);
  }
}
