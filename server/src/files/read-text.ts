/** Reads a manifest file (or standard input) as text the way an editor shows it, noting bytes kubectl would refuse. */
import * as fs from 'node:fs';
import { decodeManifest, type ManifestText } from '../parse/utf8';

/**
 * A file, folder or cluster file named as input that cannot be read or used; the message says why, for the user.
 * The command line ends with exit status 2 on it, the language server answers a plan request with it.
 */
export class UnreadableInputError extends Error {}

export function readManifest(file: string): ManifestText {
  if (file === '-') return decodeManifest(fs.readFileSync(0));
  // Node reads and decodes a file as UTF-8 in one call, several times faster than reading its bytes first (it
  // matters for a check of thousands of files). The text is the bytes' whenever it holds no U+FFFD (which every
  // byte that is not UTF-8 and every UTF-16 byte-order mark turns into) and no U+FEFF (a UTF-8 byte-order mark,
  // which kubectl drops); otherwise the bytes are read again and decoded as kubectl does.
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes('\uFFFD') && text.charCodeAt(0) !== 0xfeff) return { text };
  return decodeManifest(fs.readFileSync(file));
}

/** The text of a file, or an UnreadableInputError naming why it cannot be read. */
export function readInputFile(file: string): ManifestText {
  try {
    return readManifest(file);
  } catch (error) {
    throw cannotRead(file, readFailure(error));
  }
}

/** Why reading a file failed, in a word when the system gives one (ENOENT, EACCES, EISDIR …). */
export function readFailure(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

export function cannotRead(file: string, reason: string): UnreadableInputError {
  return new UnreadableInputError(`cannot read ${file}: ${reason}`);
}
