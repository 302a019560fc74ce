/**
 * Where a field of an object in a file on disk is written. The index keeps no syntax trees for files on disk (they
 * would cost more memory than the objects), so navigation into one reads the file again and parses only the
 * document the object is in; the last few files read are kept, for a list of references into the same file.
 */
import * as fs from 'node:fs';
import type { OffsetRange } from '../kube/findings';
import { LineIndex, type Position } from '../parse/line-index';
import { splitDocuments } from '../parse/split-documents';
import { isObject, type Keys } from '../kube/plain-values';
import { parseYamlChunk } from '../parse/yaml-documents';

interface DiskText {
  mtimeMs: number;
  size: number;
  text: string;
  lines: LineIndex;
}

const KEPT_FILES = 4;
const recent = new Map<string, DiskText>();

/** The file's current text with its line index; undefined when it cannot be read. */
export function diskText(file: string): { text: string; lines: LineIndex } | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return undefined;
  }
  const cached = recent.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const read = { mtimeMs: stat.mtimeMs, size: stat.size, text, lines: new LineIndex(text) };
  recent.delete(file);
  recent.set(file, read);
  for (const oldest of recent.keys()) {
    if (recent.size <= KEPT_FILES) break;
    recent.delete(oldest);
  }
  return read;
}

/**
 * Where a field of the object of a file on disk that starts at `start` (as the index recorded it) is written: offsets
 * into the file's text, or an empty range at the object's start when the file changed under it.
 */
export function locateOnDisk(file: string, start: Position, keys: Keys, prefer: 'key' | 'value'): OffsetRange {
  const read = diskText(file);
  if (!read) return { start: 0, end: 0 };
  const offset = read.lines.offsetAt(start);
  const chunk = splitDocuments(read.text).find((candidate) => candidate.offset <= offset && offset <= candidate.offset + candidate.text.length);
  if (!chunk) return { start: offset, end: offset };
  for (const document of parseYamlChunk(chunk.text)) {
    const value = document.value;
    const whole = document.locate([], 'value');
    if (!isObject(value) || chunk.offset + whole.end < offset || chunk.offset + whole.start > offset) continue;
    const items = value['items'];
    // An item of a List starts further in than its document.
    const item = Array.isArray(items) ? items.findIndex((_item, i) => chunk.offset + document.locate(['items', i], 'value').start === offset) : -1;
    const range = document.locate(item === -1 ? keys : ['items', item, ...keys], prefer);
    return { start: chunk.offset + range.start, end: chunk.offset + range.end };
  }
  return { start: offset, end: offset };
}
