/**
 * pod-template-hash [pkg/controller/controller_utils.go : ComputeHash; apimachinery/pkg/util/rand : SafeEncodeString].
 *
 * Upstream feeds FNV-32a with hashutil.DeepHashObject, a go-spew print of the PodTemplateSpec Go struct, then the
 * collisionCount as 8 little-endian bytes (the uint32 in the first four), and renders the decimal digits of the
 * 32-bit sum through SafeEncodeString. The spew bytes depend on Go field order and pointer printing and cannot be
 * reproduced from JSON, so the hashed bytes here are a canonical JSON of the template (keys sorted) instead.
 * Everything after that is as upstream: hashes have the real shape (up to ten characters of
 * `bcdfghjklmnpqrstvwxz2456789`, e.g. `5d78c9b4f6`) and change when and only when the template or
 * collisionCount does, but their values differ from a real cluster's.
 */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { SAFE_ALPHABET } from '../replicaset/manage-replicas';

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a, 32 bit, continuing from `hash`. */
export function fnv32a(bytes: Uint8Array, hash = FNV_OFFSET_BASIS): number {
  let value = hash;
  for (const byte of bytes) value = Math.imul(value ^ byte, FNV_PRIME) >>> 0;
  return value >>> 0;
}

/** SafeEncodeString: each character replaced by the alphabet's entry at its code point modulo 27. */
export function safeEncodeString(text: string): string {
  let encoded = '';
  for (const character of text) encoded += SAFE_ALPHABET[character.codePointAt(0)! % SAFE_ALPHABET.length]!;
  return encoded;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The pod-template-hash label value of a new ReplicaSet for `template` (see the note above on its bytes). */
export function computePodTemplateHash(template: PodTemplateSpec, collisionCount?: number): string {
  let hash = fnv32a(new TextEncoder().encode(canonicalJson(template)));
  if (collisionCount !== undefined) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    hash = fnv32a(bytes, hash);
  }
  return safeEncodeString(String(hash));
}
