/**
 * A manifest file's bytes as kubectl reads them. kubectl's file reader (k8s.io/cli-runtime resource visitors) passes
 * every file through golang.org/x/text's `unicode.BOMOverride(unicode.UTF8.NewDecoder())` before any YAML or JSON
 * decoding: a UTF-16 byte-order mark (either order) switches to UTF-16, a UTF-8 one is dropped, and bytes that are
 * not UTF-8 become U+FFFD, one per maximal ill-formed subpart — the same replacement the WHATWG decoder makes. So a
 * Latin-1 `é` reaches the API server as `�`; nothing is refused. Without a mark, UTF-16 is read as UTF-8 (its NUL
 * bytes then make go-yaml refuse the file: "control characters are not allowed").
 */
import { isUtf8 } from 'node:buffer';

/** Where the bytes were not UTF-8: the first U+FFFD kubectl put in their place. */
export interface Utf8Problem {
  /** Offset of that U+FFFD in the decoded text. */
  offset: number;
}

export interface ManifestText {
  text: string;
  /** Set when some bytes were not UTF-8 (and were read as U+FFFD, as kubectl reads them). */
  invalidUtf8?: Utf8Problem;
}

const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
const utf16le = new TextDecoder('utf-16le', { fatal: false, ignoreBOM: false });
const utf16be = new TextDecoder('utf-16be', { fatal: false, ignoreBOM: false });

/** Decodes a manifest file's bytes as kubectl does (see above), noting where bytes that are not UTF-8 were replaced. */
export function decodeManifest(bytes: Uint8Array): ManifestText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: utf16le.decode(bytes) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: utf16be.decode(bytes) };
  const text = utf8.decode(bytes);
  if (isUtf8(bytes)) return { text };
  const replaced = firstReplacement(text, bytes);
  return replaced === undefined ? { text } : { text, invalidUtf8: { offset: replaced } };
}

/** The first U+FFFD that stands for bytes that were not UTF-8 (a U+FFFD written as such is three valid bytes). */
function firstReplacement(text: string, bytes: Uint8Array): number | undefined {
  let at = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let from = 0;
  for (let offset = text.indexOf('\uFFFD'); offset !== -1; offset = text.indexOf('\uFFFD', offset + 1)) {
    at += Buffer.byteLength(text.slice(from, offset));
    if (!(bytes[at] === 0xef && bytes[at + 1] === 0xbf && bytes[at + 2] === 0xbd)) return offset;
    at += 3;
    from = offset + 1;
  }
  return undefined;
}
