/**
 * NetworkPolicies on the plan page: each policy with the directions it isolates and the pods it selects, then the
 * reachability matrix of source workloads × destination Services and workloads, each port allowed (✓) or refused
 * (✗) with the deciding policies and their reason in a tooltip.
 */
import type { Plan, PlannedNetworkPolicy } from '../../protocol/plan';
import { escapeHtml } from './escape';
import { count, type SourceLinks, table } from './page-parts';
import { MATRIX_LEGEND, matrixCut, type MatrixPort, portMark, reachabilityMatrix } from './reachability-matrix';

/** Pods listed per policy; the rest are counted. */
const PODS_SHOWN = 12;
/** The matrix's rows and columns beyond these are counted, not shown (the JSON plan has every connection). */
const MATRIX_SOURCES_SHOWN = 40;
const MATRIX_DESTINATIONS_SHOWN = 20;

export function networkPolicySection(plan: Plan, links: SourceLinks): string[] {
  if (plan.networkPolicies.length === 0) return [];
  const parts = [
    '<h2>NetworkPolicies</h2>',
    table(
      ['Policy', 'Isolates', 'Selects'],
      plan.networkPolicies.map((policy) => policyRow(policy, links)),
    ),
  ];
  if (plan.reachability.length === 0) return parts;
  const refused = plan.reachability.filter((row) => !row.allowed).length;
  const matrix = reachabilityMatrix(plan.reachability, { sources: MATRIX_SOURCES_SHOWN, destinations: MATRIX_DESTINATIONS_SHOWN });
  const headers = `<tr><th>From \\ To</th>${matrix.destinations
    .map((destination) => `<th>${destination.kind === 'Service' ? `service ${links.to(destination.name, `Service/${destination.name}`)}` : escapeHtml(destination.label)}</th>`)
    .join('')}</tr>`;
  const rows = matrix.sources.map((source, r) => `<tr><th>${escapeHtml(source)}</th>${matrix.cells[r]!.map((ports) => `<td>${matrixCell(ports)}</td>`).join('')}</tr>`);
  const cut = matrixCut(matrix);
  parts.push(
    `<h2>Reachability (${refused} refused, ${plan.reachability.length - refused} allowed)</h2>`,
    `<table class="matrix"><thead>${headers}</thead><tbody>${rows.join('')}</tbody></table>`,
    ...(cut ? [`<p class="muted">${escapeHtml(cut)} (the JSON plan lists every connection)</p>`] : []),
    `<p class="muted">${escapeHtml(MATRIX_LEGEND)}</p>`,
  );
  return parts;
}

function policyRow(policy: PlannedNetworkPolicy, links: SourceLinks): string {
  const key = `NetworkPolicy/${policy.namespace}/${policy.name}`;
  const shown = policy.selects.slice(0, PODS_SHOWN).map((pod) => links.to(pod, `Pod/${pod}`));
  const rest = policy.selects.length - shown.length;
  const selects = policy.selects.length === 0 ? '<span class="reason">no pods</span>' : shown.join(', ') + (rest > 0 ? ` <span class="muted">and ${count(rest, 'more pod')}</span>` : '');
  const cells = [links.to(`${policy.namespace}/${policy.name}`, key), escapeHtml(policy.isolates.join(', ')), selects];
  return `<tr data-key="${escapeHtml(key)}">${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
}

/** Each port of the pair, its tooltip the decision's reason (which names the deciding policies); `-` when no policy applies. */
function matrixCell(ports: readonly MatrixPort[]): string {
  if (ports.length === 0) return '<span class="muted">-</span>';
  return ports.map((port) => `<span class="${port.allowed ? 'allowed' : 'refused'}" title="${escapeHtml(port.reason)}">${escapeHtml(portMark(port))}</span>`).join('<br>');
}
