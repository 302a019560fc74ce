/** Reads a manifest file (or standard input) as text the way an editor shows it, noting bytes kubectl would refuse. */
import * as fs from 'node:fs';
import { decodeManifest, type ManifestText } from '../parse/utf8';

export function readManifest(file: string): ManifestText {
  return decodeManifest(file === '-' ? fs.readFileSync(0) : fs.readFileSync(file));
}
