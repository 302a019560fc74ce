/**
 * Go's base64.StdEncoding, as the API server uses it to decode `[]byte` fields such as Secret `data`:
 * padded, standard alphabet, with `\r` and `\n` ignored. Returns the offset of the first corrupt input byte
 * (what Go's CorruptInputError reports, give or take where an unfinished quantum is blamed), or undefined.
 */
const ALPHABET = /[A-Za-z0-9+/]/;

export function base64ErrorOffset(input: string): number | undefined {
  let count = 0;
  let quantumStart = 0;
  let padded = false;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (ch === '\n' || ch === '\r') continue;
    if (count === 0) quantumStart = i;
    if (padded) {
      if (ch !== '=') return i;
    } else if (ch === '=') {
      if (count < 2) return i;
      padded = true;
    } else if (!ALPHABET.test(ch)) {
      return i;
    }
    count++;
    if (count === 4) {
      if (padded) return /[^\r\n]/.test(input.slice(i + 1)) ? i + 1 : undefined;
      count = 0;
    }
  }
  return count === 0 ? undefined : quantumStart;
}
