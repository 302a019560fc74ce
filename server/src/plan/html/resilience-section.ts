/**
 * `--what-if nodes|zones` on the plan page: how many failures the plan survives, the failures × Services table with
 * each Service's worst outage, and the verdict and reasons of each failure that needs them, in the words of the
 * terminal and Markdown plan (resilience-table.ts).
 */
import type { PlannedResilience } from '../../protocol/plan';
import { escapeHtml } from './escape';
import { table } from './page-parts';
import { type ResilienceCell, type ResilienceTone, resilienceTable } from './resilience-table';

/** The page's classes for the tones: green and red as the scenario's verdict, amber for a replacement left Pending. */
const TONE_CLASS: Record<ResilienceTone, string> = { good: 'verdict-survives', bad: 'verdict-outage', warn: 'verdict-pending' };

export function resilienceSection(resilience: PlannedResilience): string[] {
  const resilient = resilienceTable(resilience);
  const parts = ['<h2>Resilience</h2>', `<p class="${resilient.allSurvive ? TONE_CLASS.good : TONE_CLASS.bad}">${escapeHtml(resilient.heading)}</p>`];
  if (resilient.rows.length === 0) return parts;
  parts.push(
    table(
      resilient.headers,
      resilient.rows.map((row) => `<tr>${row.map((cell) => `<td${toneAttribute(cell)}>${escapeHtml(cell.text)}</td>`).join('')}</tr>`),
    ),
  );
  if (resilient.remark) parts.push(`<p class="muted">${escapeHtml(resilient.remark)}</p>`);
  for (const failure of resilient.explained) {
    parts.push(`<p${toneAttribute(failure.verdict)}>${escapeHtml(failure.verdict.text)}</p>`);
    if (failure.reasons.length > 0) parts.push(`<ul class="reasons">${failure.reasons.map((reason) => `<li>${escapeHtml(reason)}</li>`).join('')}</ul>`);
  }
  return parts;
}

function toneAttribute(cell: ResilienceCell): string {
  return cell.tone ? ` class="${TONE_CLASS[cell.tone]}"` : '';
}
