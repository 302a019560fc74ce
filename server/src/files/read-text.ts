/** Reads a manifest file (or standard input) as text the way an editor shows it, noting bytes kubectl would refuse. */
import * as fs from 'node:fs';
import { decodeManifest, type ManifestText } from '../parse/utf8';

/**
 * A file, folder or cluster file named as input that cannot be read or used; the message says why, for the user.
 * The command line ends with exit status 2 on it, the language server answers a plan request with it.
 */
export class UnreadableInputError extends Error {}

export function readManifest(file: string): ManifestText {
  return decodeManifest(file === '-' ? fs.readFileSync(0) : fs.readFileSync(file));
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
