/**
 * Go's time.ParseDuration, for `@every <duration>` schedules: the same grammar, the same overflow limits and the
 * same error texts, in nanoseconds (bigint, as Go's int64 Duration).
 */
const UNITS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n, // U+00B5 micro sign
  μs: 1_000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const MAX = 1n << 63n;

export type DurationResult = { nanoseconds: bigint } | { error: string };

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

export function parseGoDuration(orig: string): DurationResult {
  const invalid = { error: `time: invalid duration ${quote(orig)}` };
  let s = orig;
  let negative = false;
  if (s[0] === '-' || s[0] === '+') {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { nanoseconds: 0n };
  if (s === '') return invalid;
  let total = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) return invalid;
    let i = 0;
    let whole = 0n;
    while (isDigit(s[i])) {
      whole = whole * 10n + BigInt(s.charCodeAt(i) - 48);
      // leadingInt: overflow of the integer part is an invalid duration
      if (whole > MAX) return invalid;
      i++;
    }
    const hasWhole = i > 0;
    s = s.slice(i);
    let fraction = 0n;
    let scale = 1n;
    let hasFraction = false;
    if (s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      while (isDigit(s[j])) {
        // leadingFraction: digits past int64 precision are dropped, not an error
        if (!overflow) {
          const next = fraction * 10n + BigInt(s.charCodeAt(j) - 48);
          if (next > MAX) overflow = true;
          else {
            fraction = next;
            scale *= 10n;
          }
        }
        j++;
      }
      hasFraction = j > 0;
      s = s.slice(j);
    }
    if (!hasWhole && !hasFraction) return invalid;
    let k = 0;
    while (k < s.length && !(s[k] === '.' || isDigit(s[k]))) k++;
    if (k === 0) return { error: `time: missing unit in duration ${quote(orig)}` };
    const unitName = s.slice(0, k);
    s = s.slice(k);
    const unit = UNITS[unitName];
    if (unit === undefined) return { error: `time: unknown unit ${quote(unitName)} in duration ${quote(orig)}` };
    if (whole > MAX / unit) return invalid;
    let value = whole * unit;
    if (fraction > 0n) {
      // Go computes this part in float64: uint64(float64(f) * (float64(unit) / scale))
      value += BigInt(Math.trunc(Number(fraction) * (Number(unit) / Number(scale))));
      if (value > MAX) return invalid;
    }
    total += value;
    if (total > MAX) return invalid;
  }
  if (negative) return { nanoseconds: -total };
  if (total > MAX - 1n) return invalid;
  return { nanoseconds: total };
}

/** The time package's quote: double quotes, with backslash and quote escaped. */
function quote(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
