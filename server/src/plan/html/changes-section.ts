/**
 * A change against a base on the plan page (`kubeplan plan --base REF`, the editor's plan of changes against Git
 * HEAD): each object added, changed (every field `before → after`) or removed, the files the change deletes, and
 * what the change does in the cluster model.
 */
import type { PlannedChanges, PlannedObjectChange } from '../../protocol/plan';
import { changedObjectName, changeEffects, changesHeading, fieldValues, REMOVED_OBJECT } from './change-summary';
import { escapeHtml } from './escape';
import { type SourceLinks, table } from './page-parts';

export function changesSection(changes: PlannedChanges, links: SourceLinks): string[] {
  const parts = [`<h2>${escapeHtml(changesHeading(changes))}</h2>`];
  if (changes.objects.length === 0) parts.push('<p class="muted">No object changes.</p>');
  else
    parts.push(
      table(
        ['Object', 'Change', 'Fields'],
        changes.objects.map((object) => objectRow(object, links)),
      ),
    );
  if (changes.deletedFiles.length > 0) parts.push(`<ul class="notes">${changes.deletedFiles.map((file) => `<li>deleted file: ${escapeHtml(file)}</li>`).join('')}</ul>`);
  const effects = changeEffects(changes);
  if (effects.length > 0) {
    const rows = effects.map((effect) => `<tr>${[effect.effect, effect.of, effect.before, effect.after].map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`);
    parts.push(`<h2>What the change does (${effects.length})</h2>`, table(['Effect', 'Of', 'Before', 'After'], rows));
  }
  return parts;
}

function objectRow(object: PlannedObjectChange, links: SourceLinks): string {
  // The key the page's sources use: a cluster-scoped object's namespace is written as `default` there.
  const key = `${object.kind}/${object.namespace || 'default'}/${object.name}`;
  // A removed object is in no manifest of the working tree: its name is plain text.
  const name = links.to(changedObjectName(object), key);
  const fields =
    object.change === 'removed'
      ? `<span class="reason">${escapeHtml(REMOVED_OBJECT)}</span>`
      : object.fields.map((field) => `<code>${escapeHtml(field.path)}</code>: ${escapeHtml(fieldValues(field))}`).join('<br>');
  return `<tr data-key="${escapeHtml(key)}"><td>${name}</td><td class="change-${object.change}">${object.change}</td><td>${fields}</td></tr>`;
}
