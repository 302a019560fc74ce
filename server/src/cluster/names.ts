/**
 * Names and uids the API server would generate, made deterministic.
 *
 * `metadata.generateName` (apiserver's SimpleNameGenerator): the base, cut to 58 characters, plus 5 characters from
 * the alphabet `bcdfghjklmnpqrstvwxz2456789` (no vowels, no 0/1/3, so no words and no look-alikes). Upstream picks
 * them at random; here they are the FNV-1a hash of `<base>#<n>` written in that alphabet, where n counts the names
 * made so far with that base (`web-6d4cf56db6-` → `web-6d4cf56db6-k2x7q` in every run). A name already taken takes the next n.
 *
 * uids: UUID-shaped, numbered in creation order (`00000000-0000-4000-8000-000000000001`), so that "older"
 * objects sort first by uid as by creationTimestamp.
 */
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const RANDOM_LENGTH = 5;
const MAX_GENERATED_NAME_LENGTH = 63 - RANDOM_LENGTH;

export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** A 32-bit number written with the name alphabet, `length` characters (upstream's SafeEncodeString alphabet). */
export function encodeInAlphabet(value: number, length: number): string {
  let rest = value >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    out += ALPHABET[rest % ALPHABET.length];
    rest = Math.floor(rest / ALPHABET.length);
  }
  return out;
}

export class NameGenerator {
  private readonly madePerBase = new Map<string, number>();
  private uidCounter = 0;

  /** A name for `generateName: base` that `isTaken` does not already hold. */
  generate(base: string, isTaken: (name: string) => boolean): string {
    const prefix = base.length > MAX_GENERATED_NAME_LENGTH ? base.slice(0, MAX_GENERATED_NAME_LENGTH) : base;
    for (;;) {
      const made = this.madePerBase.get(prefix) ?? 0;
      this.madePerBase.set(prefix, made + 1);
      const name = prefix + encodeInAlphabet(fnv1a32(`${prefix}#${made}`), RANDOM_LENGTH);
      if (!isTaken(name)) return name;
    }
  }

  uid(): string {
    const n = ++this.uidCounter;
    return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  }
}
