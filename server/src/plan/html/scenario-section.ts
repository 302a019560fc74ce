/**
 * The scenario on the plan page (`--drain`, `--fail-node`, `--fail-zone`, `--scale`, `--for`): its verdict, its
 * timeline in seconds since it began, each eviction with its result, and the pods it left Pending.
 */
import type { PlannedEviction, PlannedScenario } from '../../protocol/plan';
import { escapeHtml } from './escape';
import { type SourceLinks, table } from './page-parts';
import { scenarioVerdict } from './scenario-verdict';

/** Timeline entries and evictions beyond this many are counted, not listed (the JSON plan has them all). */
const SCENARIO_ROWS_SHOWN = 200;

export function scenarioSection(scenario: PlannedScenario, links: SourceLinks): string[] {
  const survived = scenario.outages.length === 0;
  const parts = ['<h2>Scenario</h2>', `<p class="${survived ? 'verdict-survives' : 'verdict-outage'}">${escapeHtml(scenarioVerdict(scenario))}</p>`];
  const timeline = scenario.events.slice(0, SCENARIO_ROWS_SHOWN).map((event) => `<tr><td>${event.at}s</td><td>${escapeHtml(event.what)}</td></tr>`);
  parts.push(table(['At', 'What'], timeline), ...more(scenario.events.length, 'more step'));
  if (scenario.evictions.length > 0) {
    const rows = scenario.evictions.slice(0, SCENARIO_ROWS_SHOWN).map((eviction) => evictionRow(eviction, links));
    parts.push(`<h3>Evictions (${scenario.evictions.length})</h3>`, table(['Pod', 'Node', 'Result', 'Message'], rows), ...more(scenario.evictions.length, 'more eviction'));
  }
  if (scenario.pending.length > 0) {
    const items = scenario.pending.map(
      (pending) => `<li data-key="${escapeHtml(`Pod/${pending.pod}`)}">${links.to(pending.pod, `Pod/${pending.pod}`)}<div class="reason">${escapeHtml(pending.message)}</div></li>`,
    );
    parts.push(`<h3>Left Pending by the scenario (${scenario.pending.length})</h3>`, `<ul class="pending">${items.join('')}</ul>`);
  }
  return parts;
}

function evictionRow(eviction: PlannedEviction, links: SourceLinks): string {
  // An evicted pod is gone at the end of the plan, so its name is plain text unless a pod of that name remains.
  const result = eviction.result === 'evicted' ? 'evicted' : `<span class="reason">${escapeHtml(eviction.result)}</span>`;
  const cells = [links.to(eviction.pod, `Pod/${eviction.pod}`), escapeHtml(eviction.node), result, escapeHtml(eviction.message)];
  return `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
}

function more(total: number, noun: string): string[] {
  const left = total - SCENARIO_ROWS_SHOWN;
  return left > 0 ? [`<p class="muted">… ${left} ${noun}${left === 1 ? '' : 's'} (the JSON plan lists them)</p>`] : [];
}
