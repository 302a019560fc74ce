/**
 * Text and attribute values put into the plan's HTML: names come from manifests, which anyone may have written.
 * Every attribute of the page is written in double quotes, so a single quote needs no escaping (and the
 * Content-Security-Policy keeps its `'none'` readable).
 */
export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
}
