/** Hovering in a text as the editor does: at the n-th character of a needle, over a workspace of files. */
import assert from 'node:assert/strict';
import { hoverAt } from '../../../../server/src/features/hover';
import { buildCatalog } from '../../../../server/src/catalog/catalog';
import type { WorkspaceObject } from '../../../../server/src/catalog/workspace-object';
import { validateText } from '../../../../server/src/check/validate-text';

/** 2026-11-23T03:00:00Z, a Monday. */
export const NOW = Date.UTC(2026, 10, 23, 3, 0, 0);

export function hoverText(text: string, needle: string, options: { n?: number; workspace?: Record<string, string>; revealSecrets?: boolean } = {}): string {
  const index = text.indexOf(needle);
  assert.notEqual(index, -1, `${needle} is in the text`);
  const objects: WorkspaceObject[] = [];
  for (const [file, fileText] of Object.entries(options.workspace ?? {})) {
    for (const object of validateText(fileText, { kubernetesVersion: '1.36' }).objects) objects.push({ ...object, file });
  }
  const catalog = buildCatalog(objects);
  const hover = hoverAt(text, index + (options.n ?? 0), { kubernetesVersion: '1.36', now: NOW, catalog: () => catalog, revealSecrets: options.revealSecrets });
  assert.ok(hover, `a hover at ${needle}`);
  return hover.markdown;
}
