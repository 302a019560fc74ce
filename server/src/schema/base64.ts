/**
 * Go's base64.StdEncoding, as the API server uses it to decode `[]byte` fields such as Secret `data`: padded,
 * standard alphabet, `\r` and `\n` ignored. Returns the offset Go's CorruptInputError reports (the steps of
 * encoding/base64 decodeQuantum), or undefined for valid input.
 */
const ALPHABET = /[A-Za-z0-9+/]/;
const isNewline = (ch: string | undefined) => ch === '\n' || ch === '\r';

export function base64ErrorOffset(src: string): number | undefined {
  let si = 0;
  while (si < src.length) {
    for (let j = 0; j < 4; j++) {
      if (si === src.length) return j === 0 ? undefined : si - j;
      const ch = src[si]!;
      si++;
      if (ALPHABET.test(ch)) continue;
      if (isNewline(ch)) {
        j--;
        continue;
      }
      if (ch !== '=') return si - 1;
      // Padding: only after two or three data characters, and it ends the input.
      if (j < 2) return si - 1;
      if (j === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) return src.length;
        if (src[si] !== '=') return si - 1;
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      return si < src.length ? si : undefined;
    }
  }
  return undefined;
}
