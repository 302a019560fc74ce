/** Reads a manifest as text the way an editor shows it: UTF-8, without a byte-order mark. */
import * as fs from 'node:fs';

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

export function readManifest(file: string): string {
  const bytes = file === '-' ? fs.readFileSync(0) : fs.readFileSync(file);
  return decoder.decode(bytes);
}
