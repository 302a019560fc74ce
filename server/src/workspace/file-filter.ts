/**
 * Which files kubeplan reads: the `kubeplan.files.include` and `kubeplan.files.exclude` globs, matched against a
 * file's path relative to the workspace folder that holds it (or its absolute path when no folder does), the way
 * VS Code matches its own `files.exclude` patterns.
 */
import * as path from 'node:path';

export interface FileFilterOptions {
  include: readonly string[];
  exclude: readonly string[];
}

export const DEFAULT_INCLUDE = ['**/*.yaml', '**/*.yml', '**/*.json'];
export const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/.git/**'];

export class FileFilter {
  private readonly include: RegExp[];
  private readonly exclude: RegExp[];

  constructor(options: FileFilterOptions = { include: DEFAULT_INCLUDE, exclude: DEFAULT_EXCLUDE }) {
    this.include = options.include.map(globToRegExp);
    this.exclude = options.exclude.map(globToRegExp);
  }

  /** `folders` are absolute paths of the workspace folders; the innermost folder holding the file decides. */
  matches(file: string, folders: readonly string[]): boolean {
    const relative = relativePath(file, folders);
    return this.include.some((glob) => glob.test(relative)) && !this.exclude.some((glob) => glob.test(relative));
  }
}

function relativePath(file: string, folders: readonly string[]): string {
  let best: string | undefined;
  for (const folder of folders) {
    const relative = path.relative(folder, file);
    if (relative && !relative.startsWith('..') && !path.isAbsolute(relative) && (best === undefined || relative.length < best.length)) best = relative;
  }
  return toSlashes(best ?? file).replace(/^\/+/, '');
}

function toSlashes(file: string): string {
  return file.split(path.sep).join('/');
}

/** Supports `**`, `*`, `?`, `{a,b}` and `[abc]`/`[!abc]`, which is what settings globs use in practice. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      const atSegmentStart = i === 0 || glob[i - 1] === '/';
      const atSegmentEnd = i + 2 === glob.length || glob[i + 2] === '/';
      if (atSegmentStart && glob[i + 2] === '/') {
        source += '(?:[^/]*/)*';
        i += 2;
      } else if (atSegmentStart && atSegmentEnd && i > 0) {
        // `a/**` also matches `a` itself; drop the `/` already emitted.
        source = source.slice(0, -1) + '(?:/.*)?';
        i += 1;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '{') {
      braces++;
      source += '(?:';
    } else if (ch === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (ch === ',' && braces > 0) source += '|';
    else if (ch === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) source += '\\[';
      else {
        const body = glob.slice(i + 1, close);
        source += `[${body.startsWith('!') ? '^' + escapeClass(body.slice(1)) : escapeClass(body)}]`;
        i = close;
      }
    } else source += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function escapeClass(body: string): string {
  return body.replace(/[\\\]^]/g, '\\$&');
}
