/** Manifests with the cursor written as `|`, for editor-feature tests. */
export function withCursor(marked: string): { text: string; offset: number } {
  const offset = marked.lastIndexOf('|');
  if (offset === -1) throw new Error('the text has no | cursor');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}
