/**
 * Bytes that are not UTF-8, as kubectl finds them. Its YAML decoding goes through go-yaml's reader
 * (yaml.v2 readerc.go, yaml_parser_update_buffer), which stops at the first malformed sequence with one of five
 * problems; the document holding it is refused as `error converting YAML to JSON: yaml: <problem>`. JSON input
 * (a stream starting with `{`) goes through encoding/json instead, which reads such bytes as U+FFFD silently.
 */
import { isUtf8 } from 'node:buffer';

export interface Utf8Problem {
  /** Where the malformed sequence starts in the decoded text (a U+FFFD there). */
  offset: number;
  /** go-yaml's words. */
  problem: string;
}

export interface ManifestText {
  text: string;
  /** Set for YAML whose bytes are not UTF-8; the text then has U+FFFD in their place. */
  invalidUtf8?: Utf8Problem;
}

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/** Decodes a manifest file's bytes as an editor shows them (UTF-8, without a byte-order mark), noting bytes kubectl would refuse. */
export function decodeManifest(bytes: Uint8Array): ManifestText {
  const text = decoder.decode(bytes);
  if (isUtf8(bytes) || /^\s*\{/.test(text)) return { text };
  const malformed = firstMalformedSequence(bytes);
  if (malformed === undefined) return { text };
  return { text, invalidUtf8: { offset: decoder.decode(bytes.subarray(0, malformed.at)).length, problem: malformed.problem } };
}

/** Byte length of a sequence by its leading octet, 0 when no sequence starts with it. */
function sequenceWidth(octet: number): number {
  if ((octet & 0x80) === 0x00) return 1;
  if ((octet & 0xe0) === 0xc0) return 2;
  if ((octet & 0xf0) === 0xe0) return 3;
  if ((octet & 0xf8) === 0xf0) return 4;
  return 0;
}

/** go-yaml's checks in its order: leading octet, truncation at the end, trailing octets, overlong forms, range. */
function firstMalformedSequence(bytes: Uint8Array): { at: number; problem: string } | undefined {
  for (let at = 0; at < bytes.length; ) {
    const width = sequenceWidth(bytes[at]!);
    if (width === 0) return { at, problem: 'invalid leading UTF-8 octet' };
    if (at + width > bytes.length) return { at, problem: 'incomplete UTF-8 octet sequence' };
    let value = width === 1 ? bytes[at]! : bytes[at]! & (0xff >> (width + 1));
    for (let k = 1; k < width; k++) {
      const octet = bytes[at + k]!;
      if ((octet & 0xc0) !== 0x80) return { at, problem: 'invalid trailing UTF-8 octet' };
      value = (value << 6) | (octet & 0x3f);
    }
    const shortest = width === 1 || (width === 2 && value >= 0x80) || (width === 3 && value >= 0x800) || (width === 4 && value >= 0x10000);
    if (!shortest) return { at, problem: 'invalid length of a UTF-8 sequence' };
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) return { at, problem: 'invalid Unicode character' };
    at += width;
  }
  return undefined;
}
